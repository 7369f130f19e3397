import Foundation

/// What went wrong reading a Chinese date or the calendar tables; each message says what to type instead.
public enum ChineseCalendarError: Error, LocalizedError, Sendable, Hashable {
    /// The expression was empty.
    case empty
    /// Text that could not be read as a date, with the part that was not understood.
    case unreadable(text: String, at: String)
    /// No reign era of that name; close names are suggested.
    case unknownEra(String, suggestions: [String])
    /// The era exists, but not for the dynasty or ruler named before it.
    case eraNotOfDynasty(era: String, prefix: String, users: [String])
    /// The year number lies outside the era.
    case yearOutOfRange(era: String, year: Int, maxYear: Int, firstYear: Int)
    /// A month number outside 1…12.
    case noSuchMonthNumber(Int)
    /// The year has no month of that label (237 has no 三月).
    case monthNotInYear(month: String, year: String, months: [String])
    /// The year has no such leap month; `has` names the one it has, if any.
    case noSuchLeapMonth(month: String, year: String, has: String?)
    /// A day number beyond the month's length.
    case dayOutOfRange(day: Int, month: String, length: Int)
    /// The sexagenary day does not occur in the month.
    case ganzhiNotInMonth(ganzhi: String, month: String, first: String, last: String)
    /// A 朔 or 晦 whose stated sexagenary day differs from the table's.
    case wrongShuoHui(kind: String, stated: String, month: String, actual: String)
    /// More than one date fits; the candidates are listed.
    case ambiguous(text: String, candidates: [String])
    /// A sexagenary year that no year of the era has.
    case ganzhiYearNotInEra(ganzhi: String, era: String)
    /// A day outside the tables (before 246 BCE or after 1912 for China).
    case outsideTables(jdn: Int)
    /// A Western date that could not be read.
    case unreadableWesternDate(String)
    /// A table file is missing.
    case missingTable(String)
    /// A table file has a malformed row.
    case corruptTable(String, String)
    /// A binary table file (`chinese-months.fits`) is damaged: what is wrong with it.
    case damagedTable(String, String)

    public var errorDescription: String? {
        switch self {
        case .empty:
            return "empty date: type a Chinese date such as 至德二載二月壬午 or a Western date such as 0757-03-02"
        case let .unreadable(text, at):
            return "cannot read 「\(text)」 from 「\(at)」: write era, year, month, day as in 唐至德二載二月壬午, 貞觀三年閏十二月丙子朔 or 咸通十三年七月十五日"
        case let .unknownEra(name, suggestions):
            return "unknown reign era 「\(name)」" + (suggestions.isEmpty ? ": check the characters, or prefix the dynasty (唐, 北魏 …)"
                : ": did you mean " + suggestions.map { "「\($0)」" }.joined(separator: ", ") + "?")
        case let .eraNotOfDynasty(era, prefix, users):
            return "「\(prefix)」 did not use the era 「\(era)」; it was used by " + users.joined(separator: ", ") + ": change the prefix or drop it"
        case let .yearOutOfRange(era, year, maxYear, firstYear):
            return "\(era) has years 1…\(maxYear) (\(firstYear)–\(firstYear + maxYear - 1)), not \(year): type a year from 元年 to \(ChineseNumerals.format(maxYear))年"
        case let .noSuchMonthNumber(n):
            return "there is no month \(n): months are 正月 (1) to 十二月 (12), with 閏 for a leap month (閏十二月)"
        case let .monthNotInYear(month, year, months):
            return "\(year) has no \(month); its months are " + months.joined(separator: " ")
        case let .noSuchLeapMonth(month, year, has):
            return "\(year) has no \(month)" + (has.map { ": its leap month is \($0)" } ?? ": it has no leap month; drop 閏")
        case let .dayOutOfRange(day, month, length):
            return "\(month) has \(length) days, so there is no day \(day): type 1…\(length), or 晦 for the last day"
        case let .ganzhiNotInMonth(g, month, first, last):
            return "\(g) does not occur in \(month) (its days run from \(first) to \(last)): check the month or the day"
        case let .wrongShuoHui(kind, stated, month, actual):
            return "the \(kind) of \(month) is \(actual), not \(stated)"
        case let .ambiguous(text, candidates):
            return "「\(text)」 fits several dates: " + candidates.joined(separator: "; ") + ": prefix the dynasty or ruler (e.g. 唐, 陳, 唐肅宗)"
        case let .ganzhiYearNotInEra(g, era):
            return "no year of \(era) is a \(g) year: check the era or give the year number"
        case let .outsideTables(jdn):
            return "JDN \(jdn) is outside the calendar tables (246 BCE … 1912 CE for China)"
        case let .unreadableWesternDate(s):
            return "cannot read the Western date 「\(s)」: type YYYY-MM-DD (astronomical year, e.g. 0757-03-02 or -0140-03-09) or 141BCE-03-09"
        case let .missingTable(path):
            return "calendar table \(path) is missing: restore it with git (git checkout -- Catalogs) or rebuild it (python3 Catalogs/build/build_chinese_calendar.py)"
        case let .corruptTable(file, row):
            return "malformed row in \(file): 「\(row)」: rebuild it with python3 Catalogs/build/build_chinese_calendar.py"
        case let .damagedTable(file, reason):
            return "calendar table \(file) is damaged (\(reason)): restore it with git (git checkout -- Catalogs) or rebuild it (python3 Catalogs/build/build_chinese_calendar.py --fits-only)"
        }
    }
}
