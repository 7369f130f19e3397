import Foundation
import Testing
import TestSupport
@testable import ChineseCalendar

/// Inputs that trapped on integer overflow, found while profiling the fuzz target (issue 7) and kept in
/// Tests/Fixtures/fuzz: a positional numeral of 21 digits (一一…一年, `ChineseNumerals.value`) and a year of
/// Int.max written with 載 (the 載 filter added the era's first year to it); and a run of 4,000 一, which took
/// 60 s under the fuzzer (every start position read the whole run) and now fails in linear time.
@Suite("overflow regressions")
struct OverflowTests {
    @Test("the kept inputs give an error, not a trap",
          arguments: ["chinese-positional-numeral-overflow.txt", "chinese-zai-year-overflow.txt", "chinese-long-numeral-run.txt"])
    func keptInput(_ name: String) throws {
        let text = try String(contentsOf: References.fixture("fuzz/\(name)"), encoding: .utf8)
        let cal = try ChineseCalendar.standard()
        #expect(throws: ChineseCalendarError.self) { try cal.resolve(text) }
        #expect(throws: ChineseCalendarError.self) { try cal.resolve(text, context: DateContext(dynasty: "唐", preference: .none)) }
    }

    @Test("a positional numeral that does not fit an Int is no numeral; those that fit still read")
    func positionalNumerals() {
        #expect(ChineseNumerals.value(Substring(String(repeating: "九", count: 19))) == nil)
        #expect(ChineseNumerals.value(Substring(String(repeating: "一", count: 21))) == nil)
        #expect(ChineseNumerals.value("一〇") == 10)
        #expect(ChineseNumerals.value("九二二三三七二〇三六八五四七七五八〇七") == Int.max)
    }

    @Test("a year written with 載 beyond any era is out of range: 至德九十九載 names the era's years")
    func zaiYearOutOfRange() throws {
        let cal = try ChineseCalendar.standard()
        #expect(throws: ChineseCalendarError.self) { try cal.resolve("至德九十九載") }
        #expect(throws: ChineseCalendarError.self) { try cal.resolve("至德\(Int.max)載正月") }
        guard case .ok(let d) = try cal.resolve("至德二載二月壬午") else { Issue.record("至德二載二月壬午 not ok"); return }
        #expect(d.jdn == 1_997_609)
    }
}
