import Foundation
import Testing
import SkyTime
@testable import ChineseCalendar

/// Parsing, irregular years and errors. Expected days are from the histories' own statements and the
/// tables' sources (張培瑜 1997 via sanmiao); JDN ⇄ date by Richards (2013).
@Suite("parsing and irregular years")
struct ParsingTests {
    @Test("sexagenary cycle: JDN 2451545 (2000-01-01) is 戊午; 1984 is a 甲子 year; 戍 reads as 戌")
    func sexagenary() {
        #expect(Sexagenary(dayJDN: 2_451_545).name == "戊午")
        #expect(Sexagenary(year: 1984).name == "甲子")
        #expect(Sexagenary("甲戍")?.name == "甲戌")
        #expect(Sexagenary("甲丑") == nil)
        #expect((0..<60).allSatisfy { Sexagenary(Sexagenary($0).name)?.index == $0 })
    }

    @Test("numerals: 廿, 卅, 十有一, 元")
    func numerals() {
        #expect(ChineseNumerals.value("廿五") == 25)
        #expect(ChineseNumerals.value("卅") == 30)
        #expect(ChineseNumerals.value("十有一") == 11)
        #expect(ChineseNumerals.value("二十九") == 29)
        #expect(ChineseNumerals.format(21) == "二十一")
    }

    @Test("the brief's example 至德二載二月壬午 = JDN 1997609 = 0757-02-26 (Julian), also simplified and with prefixes",
          arguments: ["至德二載二月壬午", "至德二载二月壬午", "唐至德二載二月壬午", "唐肅宗至德二載二月壬午", "至徳二嵗二月壬午", "至德二載二月四日", "至德二載二月初四日"])
    func example(_ text: String) throws {
        let cal = try #require(calendar)
        let d = try cal.date(text)
        #expect(d.jdn == 1_997_609)
        #expect(d.julian.isoDay == "0757-02-26")
        #expect(d.yearWord == "載")
    }

    @Test("朔, 晦 and 望")
    func shuoHuiWang() throws {
        let cal = try #require(calendar)
        let m = try cal.date("至德二載二月")
        #expect(m.precision == .month)
        #expect(try cal.date("至德二載二月朔").jdn == m.month.firstJDN)
        #expect(try cal.date("至德二載二月晦").jdn == m.month.lastJDN)
        #expect(try cal.date("至德二載二月望").jdn == m.month.firstJDN + 14)
        #expect(try cal.date("至德二載二月\(m.month.firstDayGanzhi.name)朔").jdn == m.month.firstJDN)
    }

    @Test("Han years begin with 十月; the leap month is 後九月 (元鼎四年 = 113 BCE)")
    func hanYear() throws {
        let cal = try #require(calendar)
        let months = cal.months(in: CalendarStream(1), year: -112)
        #expect(months.first?.label == "十月")
        #expect(months.contains { $0.label == "後九月" } || !months.contains { $0.isLeap })
        let taichu = cal.months(in: CalendarStream(1), year: -103)
        #expect(taichu.count == 15, "太初元年 has fifteen months")
    }

    @Test("Wu Zhou 子正: 正月 (建子), 臘月, 一月 in 690–700; Tang 762 建子月 … 建辰月; Wei 景初 has no 三月 in 237")
    func irregular() throws {
        let cal = try #require(calendar)
        #expect(cal.months(in: CalendarStream(3), year: 691).prefix(3).map(\.label) == ["正月", "臘月", "一月"])
        #expect(cal.months(in: CalendarStream(3), year: 762).prefix(6).map(\.label) == ["建子月", "建丑月", "建寅月", "建卯月", "建辰月", "四月"])
        guard case .invalid(let inv) = try cal.resolve("景初元年三月") else { Issue.record("237 三月 should be invalid"); return }
        #expect(inv.reason.localizedDescription.contains("四月"))
        // 寶應 was proclaimed in 建巳月, the second 四月 of 762 (correction to sanmiao).
        let baoying = try #require(cal.eras.first { $0.name == "寶應" })
        #expect(cal.month(in: CalendarStream(3), containing: baoying.firstJDN)?.label == "四月")
    }

    @Test("corrected first years: 永樂 1403, 建文 1399, 嘉祐 1056, 吳越 長興 930, 南平 建隆 960")
    func corrections() throws {
        let cal = try #require(calendar)
        #expect(try cal.date("明永樂元年正月").year == 1403)
        #expect(try cal.date("建文元年正月").year == 1399)
        let jiayou = cal.eras.filter { $0.name == "嘉祐" }
        #expect(!jiayou.isEmpty && jiayou.allSatisfy { $0.firstYear == 1056 })
        #expect(cal.eras.filter { $0.name == "長興" && $0.dynasty == "吳越" }.allSatisfy { $0.firstYear == 930 })
        #expect(cal.eras.filter { $0.name == "建隆" && $0.dynasty == "南平" }.allSatisfy { $0.firstYear == 960 })
    }

    @Test("reused era names: 至德 (陳, 唐) is ambiguous without a prefix; 載 or a prefix decides")
    func reused() throws {
        let cal = try #require(calendar)
        guard case .ambiguous(let ds) = try cal.resolve("至德二年正月") else { Issue.record("expected ambiguous"); return }
        #expect(Set(ds.compactMap(\.dynasty)) == ["陳", "唐"])
        #expect(try cal.date("陳至德二年正月").year == 584)
        #expect(try cal.date("至德二載正月").year == 757)
        #expect(try cal.date("後至元二年正月").year == 1336)
        #expect(try cal.date("元世祖至元二年正月").year == 1265)
        #expect(try cal.date("至德二年正月", context: DateContext(dynasty: "唐")).year == 757)
    }

    @Test("a year and a day without a month gives every month holding that day")
    func partial() throws {
        let cal = try #require(calendar)
        let r = try cal.resolve("至德二載壬午")
        let expected = cal.months(in: CalendarStream(3), year: 757).compactMap { $0.jdn(of: Sexagenary("壬午")!) }
        #expect(Set(r.dates.map(\.jdn)) == Set(expected))
        #expect(expected.count >= 5)
    }

    @Test("a day is dated in every calendar in use: 240 CE in 魏, 蜀 and 吳")
    func parallel() throws {
        let cal = try #require(calendar)
        let jdn = try CalendarDate(year: 240, month: 6, day: 1, calendar: .julian).julianDayNumber
        let dynasties = Set(cal.dates(jdn: jdn).compactMap(\.dynasty))
        #expect(dynasties.isSuperset(of: ["三國魏", "三國蜀", "三國吳"]))
        let shu = try #require(cal.month(in: CalendarStream(3), containing: jdn))
        #expect(cal.polities(of: shu) == ["三國蜀"])
    }

    @Test("invalid sexagenary day: 至德二載四月甲子 → nearest 三月 and 五月 (the brief's example)")
    func invalidDay() throws {
        let cal = try #require(calendar)
        guard case .invalid(let inv) = try cal.resolve("至德二載四月甲子") else { Issue.record("expected invalid"); return }
        #expect(inv.nearest.map(\.month.label) == ["三月", "五月"])
        #expect(inv.nearest.allSatisfy { $0.dayGanzhi.name == "甲子" })
    }
}

/// Bad input gives an error that says what to type instead.
@Suite("errors")
struct ErrorTests {
    @Test("unknown era suggests close names")
    func unknownEra() throws {
        let cal = try #require(calendar)
        #expect {
            try cal.resolve("至得二年二月壬午")
        } throws: { e in
            guard case .unknownEra(let name, let s) = e as? ChineseCalendarError else { return false }
            return name == "至得" && s.contains("至德")
        }
    }

    @Test("year past the era's end names the era's range")
    func yearPastEnd() throws {
        let cal = try #require(calendar)
        #expect {
            try cal.resolve("唐至德五年二月")
        } throws: { e in
            guard case .yearOutOfRange(_, 5, 3, 756)? = e as? ChineseCalendarError else { return false }
            return e.localizedDescription.contains("756–758")
        }
    }

    @Test("month 13")
    func month13() throws {
        let cal = try #require(calendar)
        #expect(throws: ChineseCalendarError.noSuchMonthNumber(13)) { try cal.resolve("至德二載十三月") }
    }

    @Test("a leap month the year lacks names the leap month it has")
    func leapLacking() throws {
        let cal = try #require(calendar)
        guard case .invalid(let inv) = try cal.resolve("至德二載閏二月") else { Issue.record("expected invalid"); return }
        guard case .noSuchLeapMonth(_, _, let has) = inv.reason else { Issue.record("\(inv.reason)"); return }
        let leap = cal.months(in: CalendarStream(3), year: 757).first(where: \.isLeap)?.label
        #expect(has == leap)
        #expect(throws: ChineseCalendarError.self) { try cal.date("至德二載閏二月") }
    }

    @Test("prefix that did not use the era; empty and unreadable text",
          arguments: ["明至德二年", "", "至德二載二月某日", "hello"])
    func other(_ text: String) throws {
        let cal = try #require(calendar)
        #expect(throws: ChineseCalendarError.self) { try cal.date(text) }
    }

    @Test("every error message is non-empty")
    func messages() {
        let errors: [ChineseCalendarError] = [.empty, .noSuchMonthNumber(13), .unknownEra("x", suggestions: ["至德"]),
                                              .outsideTables(jdn: 0), .unreadableWesternDate("x")]
        #expect(errors.allSatisfy { !($0.errorDescription ?? "").isEmpty })
    }
}

/// Sexagenary years and other written forms (year ganzhi by (year − 4) mod 60).
@Suite("written forms")
struct WrittenFormTests {
    @Test("a sexagenary year within an era: 康熙甲子年 = 康熙二十三年 (1684)")
    func ganzhiYear() throws {
        let cal = try #require(calendar)
        #expect(try cal.date("康熙甲子年正月").year == 1684)
        #expect(try cal.date("康熙二十三年歲次甲子正月").year == 1684)
        #expect(throws: ChineseCalendarError.self) { try cal.date("唐至德甲子年正月") }
    }

    @Test("season words, 十有一月, 廿, 初 and 戍 written for 戌")
    func forms() throws {
        let cal = try #require(calendar)
        let a = try cal.date("康熙二十三年冬十有一月朔")
        let b = try cal.date("康熙二十三年十一月初一日")
        #expect(a.jdn == b.jdn)
        let c = try cal.date("康熙二十三年十一月廿日")
        #expect(c.jdn == b.jdn + 19)
        let g = Sexagenary(dayJDN: b.jdn + 5).name
        let variant = g.replacingOccurrences(of: "戌", with: "戍")
        #expect(try cal.date("康熙二十三年十一月" + variant).jdn == b.jdn + 5)
    }

    @Test("dynasty names of the histories and simplified text", arguments: [
        ("蜀漢章武二年正月", 222), ("南宋紹興元年正月", 1131), ("北宋元豐元年正月", 1078), ("东汉建和二年二月七日", 148),
        ("後魏太和十年正月", 486), ("贞观三年正月", 629), ("大清康熙元年正月", 1662),
    ])
    func names(_ text: String, _ year: Int) throws {
        let cal = try #require(calendar)
        #expect(try cal.date(text).year == year)
    }

    @Test("dates convert both ways through the text: day → text → day for a day of each dynasty")
    func bothWays() throws {
        let cal = try #require(calendar)
        for jdn in [1_700_000, 1_800_000, 1_900_000, 2_000_000, 2_100_000, 2_200_000, 2_300_000, 2_400_000] {
            let d = try #require(cal.mainLineDate(jdn: jdn))
            #expect(try cal.date(d.text).jdn == jdn, "\(d.text)")
        }
    }
}

/// Regression: 大歷 is how Qing editions of 新唐書 print 大曆 (taboo on 弘曆); both must give 775-10-29 (Julian),
/// the JDN of the solar eclipse 「大歷十年十月辛酉朔日有食之」 (Zhang Peiyu's tables: 大曆十年十月 began on 辛酉).
@Test func tabooVariantOfLiInEraNames() throws {
    let calendar = try ChineseCalendar.standard()
    let a = try calendar.date("大歷十年十月辛酉朔")
    let b = try calendar.date("大曆十年十月辛酉朔")
    #expect(a.jdn == 2_004_428 && b.jdn == 2_004_428)
    #expect(try calendar.date("萬歷十年正月").jdn == calendar.date("萬曆十年正月").jdn)
}
