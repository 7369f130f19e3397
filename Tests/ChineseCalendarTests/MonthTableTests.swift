import Foundation
import Testing
import SkyTime
@testable import ChineseCalendar

/// The product's main line against Yuk Tung Liu's reconstruction (../shared/calendar/months-ytliu.tsv,
/// stream `default`, −139…1912): first day of every month, exact to the day, except the documented
/// disagreements of the two sources, whose count per period is held here and listed in Catalogs/README.md.
@Suite("months-ytliu.tsv main line", .enabled(if: SharedData.available, "../shared/calendar is absent"))
struct MonthTableTests {
    /// (first Chinese year of the period, name, documented number of months whose first day differs).
    static let documented: [(Int, String, Int)] = [
        (-139, "W.Han before Taichu", 3), (-103, "W.Han Taichu/Santong", 4), (9, "Xin, Gengshi", 1),
        (25, "E.Han", 5), (220, "Wei", 0), (265, "Jin", 75), (420, "Southern dynasties", 46), (590, "Sui", 6),
        (618, "Tang", 16), (907, "Five Dynasties", 0), (960, "N.Song", 2), (1127, "S.Song", 0), (1279, "Yuan", 0),
        (1368, "Ming", 7), (1644, "Qing", 0), (1912, "1912 (not in the tables)", 12),
    ]

    @Test("first days agree except the documented disagreements per period")
    func firstDays() throws {
        let cal = try #require(calendar)
        var differing: [String: [String]] = [:]
        var total: [String: Int] = [:]
        for f in SharedData.tsv("months-ytliu.tsv") where f.count > 10 && f[0] == "default" {
            guard let year = Int(f[3]), (-139...1912).contains(year), let jdn = Int(f[10]) else { continue }
            let period = Self.documented.last { $0.0 <= year }?.1 ?? "?"
            total[period, default: 0] += 1
            let m = cal.month(in: .mainLine(jdn: jdn), containing: jdn)
            if m?.firstJDN != jdn { differing[period, default: []].append("\(year)\(f[6]) \(jdn)") }
        }
        #expect(total.values.reduce(0, +) > 25_000)
        for (_, name, count) in Self.documented {
            let found = differing[name] ?? []
            #expect(found.count <= count, "\(name): \(found.count) > \(count): \(found)")
            if found.count < count { print("months-ytliu: \(name) now \(found.count) < documented \(count)") }
        }
    }
}

/// Round trip Chinese → JDN → Chinese for every day from −245 to 1912 on the main line.
@Suite("round trip")
struct RoundTripTests {
    /// The tables end with 宣統三年十二月 (last day 1912-02-17); the traditional months of 1912 are not in
    /// sanmiao and so not in the product (see Catalogs/README.md).
    @Test("every main-line day −245…1912-02-17 goes to a Chinese date and back")
    func everyDay() throws {
        let cal = try #require(calendar)
        let first = try CalendarDate(year: -245, month: 1, day: 1, calendar: .julian).julianDayNumber
        let last = try CalendarDate(year: 1912, month: 2, day: 17, calendar: .gregorian).julianDayNumber
        #expect(cal.mainLineDate(jdn: last + 1) == nil)
        var failures: [Int] = []
        var start = first
        while cal.mainLineDate(jdn: start) == nil, start < last { start += 1 }
        #expect(start - first < 400, "main line should begin in 246/245 BCE")
        for jdn in start...last {
            guard let d = cal.mainLineDate(jdn: jdn) else { failures.append(jdn); continue }
            let back: Int?
            if let era = d.era, let n = d.yearInEra {
                let x = DateExpression(dynasty: nil, ruler: nil, era: era.name, year: .number(n), yearWord: "年",
                                       month: .init(label: d.month.label, number: d.month.number, isLeap: d.month.isLeap),
                                       day: .number(d.day))
                // 太初元年 repeats 十月–十二月, 23 and 239 have two 十二月: one of the readings must be the day.
                if case .dates(let ds) = try cal.resolve(x, in: era), ds.contains(where: { $0.jdn == jdn }) { back = jdn } else { back = nil }
            } else {
                let m = cal.months(in: d.stream, year: d.year).first { $0.label == d.month.label }
                back = m.map { $0.firstJDN + d.day - 1 }
            }
            if back != jdn { failures.append(jdn) }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    @Test("formatted text reads back to the same day (every 61st day, all regimes)")
    func text() throws {
        let cal = try #require(calendar)
        var failures: [String] = []
        for jdn in stride(from: 1_670_000, through: 2_419_000, by: 61) {
            // sanmiao's Silla and Goryeo tables have three months numbered 13, which no text can name.
            for d in cal.dates(jdn: jdn) where d.era != nil && d.month.number <= 12 {
                let r: Resolution
                do { r = try cal.resolve(d.text, context: DateContext(preference: .none)) } catch {
                    failures.append("\(d.text) \(jdn) → \(error)"); continue
                }
                if !r.dates.contains(where: { $0.jdn == jdn }) { failures.append("\(d.text) \(jdn) → \(r.status)") }
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
