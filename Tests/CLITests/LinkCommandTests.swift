import Foundation
import Testing

/// End-to-end checks of `skyrecon link` and `skyrecon read`: JSON lines with the documented top-level fields, CSV
/// with the same fields, bad input as rows with a reason, a batch that keeps going and counts its failures.
struct LinkCommandTests {
    let cli = CLITests()

    func corpus(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func linkWritesOneJSONLinePerRecordAndCountsProblems() throws {
        let dir = try corpus([
            "a.txt": "至德二載二月壬午太白犯昴占曰兵起十月丙戍熒惑犯龍宮",
            "b.txt": "天下大赦",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.run(["link", "--corpus", dir.path, "--format", "jsonl"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(lines.count == 3)
        let first = lines.first { ($0["file"] as? String) == "a.txt" && ($0["char_start"] as? Int) == 0 }
        #expect(first?["subject"] as? String == "Venus")
        #expect(first?["relation"] as? String == "犯")
        #expect((first?["date"] as? [String: Any])?["jdn"] as? Int == 1_997_609)
        #expect(first?["char_end"] as? Int == 12)
        // The unknown star name and the file without a record come back as rows with their reason.
        #expect(lines.contains { ($0["problems"] as? [String])?.contains { $0.contains("unknown star name 龍宮") } == true })
        #expect(lines.contains { ($0["file"] as? String) == "b.txt" && ($0["problems"] as? [String])?.isEmpty == false })
        #expect(r.err.contains("3 records from 2 files; 2 with problems"))
        #expect(!r.err.contains("\r"), "no progress bar when standard error is not a terminal")
    }

    @Test func linkCSVFlattensTheSameFields() throws {
        let dir = try corpus(["a.txt": "開元二年七月己丑太白犯輿鬼東南星"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.run(["link", "--corpus", dir.path, "--format", "csv"])
        #expect(r.status == 0)
        let rows = r.out.split(separator: "\n")
        #expect(rows.first?.hasPrefix("file,char_start,char_end,text,") == true)
        #expect(rows.count == 2)
        #expect(rows.last?.contains("Venus,犯,輿鬼東南星") == true)
    }

    @Test func linkRejectsAMissingFolderInOneLine() throws {
        let r = try cli.run(["link", "--corpus", "/nonexistent-skyrecon-corpus"])
        #expect(r.status != 0)
        #expect(r.err.contains("not a folder"))
    }

    @Test func readPrintsTheReadingAndFailsOnNoRecord() throws {
        let ok = try cli.run(["read", "貞觀十六年十月丙戌熒惑入太微犯左執法"])
        #expect(ok.status == 0)
        #expect(ok.out.contains("Mars 入 太微"))
        #expect(ok.out.contains("Mars 犯 左執法"))
        let none = try cli.run(["read", "天下大赦"])
        #expect(none.status != 0)
        #expect(none.out.contains("no dated record found"))
    }
}
