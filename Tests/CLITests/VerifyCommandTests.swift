import Foundation
import Testing

/// End-to-end checks of `skyrecon verify`: the explanation table, a batch with bad rows that keeps going.
struct VerifyCommandTests {
    let cli = CLITests()

    @Test func explainPrintsTheThresholdTable() throws {
        let r = try cli.run(["verify", "--explain"])
        #expect(r.status == 0)
        #expect(r.out.contains("七寸以內"))
        #expect(r.out.contains("Lü, Wang & Sun 2016"))
        let csv = try cli.run(["verify", "--explain", "--format", "csv"])
        #expect(csv.out.split(separator: "\n").count >= 14)
    }

    @Test func batchReportsBadRowsAndGoesOn() throws {
        let tsv = """
        id\tsubject\trelation\tobject\tjdn\tdynasty
        good\tVenus\t犯\t輿鬼東南星\t1982076\t唐
        star\tVenus\t犯\t天狗星座\t1982076\t唐
        verb\tVenus\t色赤\t昴\t1982076\t唐
        nodate\tMars\t犯\t昴\t\t唐
        broken
        """
        let url = try cli.temporaryFile(tsv, name: "records.tsv")
        let r = try cli.run(["verify", "--input", url.path, "--format", "jsonl", "--no-best-date"])
        let rows = r.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(rows.count == 5)
        #expect(rows.first?["verdict"] as? String == "confirmed")
        #expect((rows[1]["verdict_reason"] as? String ?? "").contains("unknown star"))
        #expect((rows[2]["verdict_reason"] as? String ?? "").contains("no test"))
        #expect(rows[3]["verdict"] as? String == "untestable")
        #expect(rows[4]["error"] != nil)
        #expect(r.err.contains("could not be verified"))
    }

    @Test func noPassageNorInputIsAOneLineError() throws {
        let r = try cli.run(["verify"])
        #expect(r.status != 0)
        #expect(r.err.contains("--input"))
    }
}
