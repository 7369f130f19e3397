import Foundation
import Testing

/// End-to-end checks of `skyrecon date` (issue 3): the brief's examples and the batch contract
/// (one row in, one row out, in order; bad rows get status error and a non-zero exit at the end).
extension CLITests {
    @Test func dateChineseToWestern() throws {
        let r = try run(["date", "至德二載二月壬午", "--format", "csv"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("ok,1997609,0757-02-26,0757-03-02,唐,至德,2,二月,0,壬午"), "\(r.out)")
    }

    @Test func dateWesternToChinese() throws {
        let r = try run(["date", "0757-03-14", "--to", "chinese"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("至德二載二月戊戌"), "\(r.out)")
    }

    @Test func dateBatchKeepsRowsInOrder() throws {
        let input = try temporaryFile("id,text\na,至德二載二月壬午\nb,至得二年\nc,至德二載四月甲子\nd,至德二年正月\n", name: "dates.csv")
        let r = try run(["date", "--input", input.path, "--format", "csv"])
        #expect(r.status != 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,text,status,jdn,julian,gregorian,dynasty,era,year,month,leap,day_ganzhi,nearest_jdn")
        #expect(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
            == ["a,至德二載二月壬午,ok", "b,至得二年,error", "c,至德二載四月甲子,invalid", "d,至德二年正月,ambiguous"])
        #expect(lines.count == 5 && lines[3].hasSuffix("1997651|1997711"))
        #expect(r.err.contains("至德"))
    }

    @Test func dateBadInputIsOneLine() throws {
        let r = try run(["date", "至德二載十三月"])
        #expect(r.status != 0)
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(r.err.contains("十二月"))
    }
}
