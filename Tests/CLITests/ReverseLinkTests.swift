import Foundation
import Testing

/// `skyrecon events … | skyrecon link --events - --corpus DIR`: each computed event with the passages that record
/// it, and the conspicuous events that none records.
struct ReverseLinkTests {
    let cli = CLITests()

    @Test func eventsAreLinkedToThePassagesOfTheirNight() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-reverse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The night of 0757-03-14 (至德二載二月戊戌) recorded; 0757-03-20 (甲辰) records Mars, not Venus.
        try "至德二載二月戊戌太白犯昴占曰兵起甲辰熒惑犯東井".write(to: dir.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        let events = try cli.run(["events", "--from", "0757-01-01", "--to", "0758-01-01", "--objects", "venus,pleiades",
                                  "--kind", "approach", "--within", "2", "--format", "jsonl"])
        #expect(events.status == 0)
        let file = try cli.temporaryFile(events.out + "{\"not\": \"an event\"}\n", name: "events.jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try cli.run(["link", "--events", file.path, "--corpus", dir.path, "--format", "jsonl"])
        #expect(r.status == 1, "a line that is not an event is reported and the run says so")
        #expect(r.err.contains("line \(events.out.split(separator: "\n").count + 1): not an event"))
        let lines = r.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!lines.isEmpty)
        let march = try #require(lines.first { ($0["night_jdn"] as? Int) == 1_997_625 })
        #expect(march["recorded"] as? Bool == true && march["conspicuous"] as? Bool == true)
        let passages = try #require(march["passages"] as? [[String: Any]])
        #expect(passages.map { $0["text"] as? String } == ["至德二載二月戊戌太白犯昴"])
        #expect(lines.filter { ($0["night_jdn"] as? Int) != 1_997_625 }.allSatisfy { $0["recorded"] as? Bool == false })

        let unrecorded = try cli.run(["link", "--events", file.path, "--corpus", dir.path, "--unrecorded"])
        #expect(!unrecorded.out.contains("0757-03-14"), "the recorded approach is not listed as unrecorded")
    }
}
