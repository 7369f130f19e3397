import Foundation
import Testing

/// Every command's JSON and JSON Lines parse with a strict parser (Foundation's JSONSerialization, which rejects
/// bare `nan`/`inf` tokens and unescaped quotes) when the input holds `nan`, `inf`, quotes, `007` and Chinese text;
/// echoed input stays a string, computed numbers are numbers.
struct JSONOutputTests {
    let cli = CLITests()

    func parse(_ text: String, lines: Bool) throws -> [Any] {
        if lines {
            return try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
        }
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return (value as? [Any]) ?? [value]
    }

    /// The messy input of the issue: BOM, CRLF, a comment, quoted commas and a quote, nan, inf, 007, Chinese.
    var positionsInput: String {
        "\u{FEFF}row,body,jd_tt,note\r\n# comment\r\n007,venus,2451545,\"a, \"\"quoted\"\" 至德\"\r\n"
            + "2,moon,nan,x\r\n3,mars,inf,y\r\n4,金星,2451545.5,\"多行\r\n文字\"\r\n"
    }

    @Test(arguments: ["json", "jsonl"])
    func positionsBatch(format: String) throws {
        let url = try cli.temporaryFile(positionsInput, name: "rows.csv")
        let r = try cli.run(["positions", "--input", url.path, "--format", format])
        #expect(r.status == 1, "bad rows exit 1: \(r.err)")
        let rows = try parse(r.out, lines: format == "jsonl").compactMap { $0 as? [String: Any] }
        #expect(rows.count == 4)
        #expect(rows.first?["row"] as? String == "007")
        #expect(rows.first?["note"] as? String == "a, \"quoted\" 至德")
        #expect(rows.first?["ra_app_deg"] is Double || rows.first?["ra_app_deg"] is NSNumber)
        #expect(rows[1]["jd_tt"] as? String == "nan" && rows[1]["ra_app_deg"] is NSNull)
        #expect(rows[2]["jd_tt"] as? String == "inf")
        #expect(rows[3]["note"] as? String == "多行\r\n文字" && rows[3]["mansion"] is String)
        #expect(r.err.contains("line 4:") && r.err.contains("line 5:"), "true line numbers: \(r.err)")
    }

    @Test(arguments: ["json", "jsonl"])
    func otherCommands(format: String) throws {
        let dates = try cli.temporaryFile("id,text\n007,至德二載二月壬午\n\"q\"\"1\",nan\n3,inf\n", name: "dates.csv")
        let runs: [[String]] = [
            ["date", "--input", dates.path],
            ["date", "至德二載二月壬午"],
            ["positions", "--date", "0757-03-14T19:30", "--objects", "venus,昴", "--site", "changan"],
            ["--date", "0757-03-14", "--objects", "venus,pleiades"],
            ["sites"],
            ["sky", "find", "昴"],
        ]
        for arguments in runs {
            let r = try cli.run(arguments + ["--format", format])
            #expect(!r.out.isEmpty, "\(arguments): \(r.err)")
            #expect(throws: Never.self, "\(arguments) gives strict JSON: \(r.out.prefix(300))") {
                _ = try parse(r.out, lines: format == "jsonl")
            }
        }
    }
}
