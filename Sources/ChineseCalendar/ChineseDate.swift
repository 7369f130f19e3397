import SkyTime
/// A day (or a month or year) of a historical Chinese calendar, tied to a month of the tables.
public struct ChineseDate: Sendable, Hashable, CustomStringConvertible {
    /// How much of the date was given.
    public enum Precision: String, Sendable, Hashable {
        /// A single day.
        case day
        /// A whole month (the date is its first day).
        case month
        /// A whole year (the date is the first day of its first month).
        case year
    }

    /// The reign era, nil before 140 BCE or where the tables have no era for the day.
    public let era: Era?
    /// The year of the era (元年 = 1), nil without an era.
    public let yearInEra: Int?
    /// The month.
    public let month: ChineseMonth
    /// Day of the month, from 1.
    public let day: Int
    /// How much of the date was given.
    public let precision: Precision

    /// Creates a date; `day` must lie within the month (it is clamped otherwise).
    public init(era: Era?, yearInEra: Int?, month: ChineseMonth, day: Int, precision: Precision = .day) {
        self.era = era
        self.yearInEra = yearInEra
        self.month = month
        self.day = min(max(day, 1), month.length)
        self.precision = precision
    }

    /// Julian Day Number of the day (the first day for a month or year).
    public var jdn: Int { month.firstJDN + day - 1 }
    /// The Chinese year (astronomical number of the Western year holding most of it).
    public var year: Int { month.year }
    /// Sexagenary term of the year.
    public var yearGanzhi: Sexagenary { Sexagenary(year: year) }
    /// Sexagenary term of the day.
    public var dayGanzhi: Sexagenary { Sexagenary(dayJDN: jdn) }
    /// The calendar stream.
    public var stream: CalendarStream { month.stream }
    /// The date in the proleptic Julian calendar.
    public var julian: CalendarDate { CalendarDate(julianDayNumber: jdn, calendar: .julian) }
    /// The date in the proleptic Gregorian calendar.
    public var gregorian: CalendarDate { CalendarDate(julianDayNumber: jdn, calendar: .gregorian) }
    /// Julian before 1582-10-15, Gregorian from then on.
    public var civil: CalendarDate {
        CalendarDate(julianDayNumber: jdn, calendar: CalendarPolicy.historians.calendar(forJulianDayNumber: jdn))
    }
    /// The dynasty or state, if an era is known.
    public var dynasty: String? { era?.dynasty }

    /// 年, or 載 for Tang years 744–758 (天寶三載正月 to 至德三載二月 counted years with 載).
    public var yearWord: String {
        guard let era, era.dynastyID == 97, (744...758).contains(year) else { return "年" }
        if year == 758, month.number > 2 || month.isLeap { return "年" }
        return "載"
    }

    /// The year as written: 至德二載, or `757年` without an era.
    public var yearText: String {
        guard let era, let n = yearInEra else { return "\(year)年" }
        return era.name + (n == 1 ? "元" : ChineseNumerals.format(n)) + yearWord
    }

    /// The day as written in histories: its sexagenary term (壬午); empty for a month or year.
    public var dayText: String { precision == .day ? dayGanzhi.name : "" }

    /// The day as numbered: 二十六日; empty for a month or year.
    public var dayNumberText: String { precision == .day ? ChineseNumerals.format(day) + "日" : "" }

    /// Full text with dynasty and ruler, readable by `ChineseCalendar.resolve`: 唐肅宗至德二載二月壬午.
    public var text: String {
        var prefix = era.map { $0.dynasty.split(separator: "(").first.map(String.init) ?? $0.dynasty } ?? ""
        // Regnal years without an era name (Korean kings) are named by the ruler.
        let ruler = era.map { $0.rulerShortName.isEmpty && $0.name.isEmpty ? $0.ruler : $0.rulerShortName } ?? ""
        if !prefix.isEmpty, ruler.hasPrefix(prefix) { prefix = "" }
        let monthText = precision == .year ? "" : month.label
        return prefix + ruler + yearText + monthText + dayText
    }

    public var description: String { text + " = JDN \(jdn), " + civil.description }
}

/// Why a date is not valid, with the nearest readings that are.
public struct InvalidDate: Sendable, Hashable {
    /// The reason, with a message saying what to type instead.
    public let reason: ChineseCalendarError
    /// The era the expression was matched to.
    public let era: Era?
    /// The month the expression names, when it exists.
    public let month: ChineseMonth?
    /// The nearest months where the stated sexagenary day occurs (ties: both), given as that day; for a
    /// 朔 or 晦 one or two days off, the stated day itself next to the table's 朔/晦.
    public let nearest: [ChineseDate]
    /// For a 朔 or 晦: stated day minus the table's day (+1: the text's 朔 is a day after the table's).
    public let offset: Int?
}

/// The outcome of reading a Chinese date.
public enum Resolution: Sendable, Hashable {
    /// Exactly one date fits.
    case ok(ChineseDate)
    /// Several dates fit (a reused era name, a year and day without a month); all are listed.
    case ambiguous([ChineseDate])
    /// The expression names a day that does not exist; nearest readings are given.
    case invalid(InvalidDate)

    /// Short status word: ok, ambiguous, invalid.
    public var status: String {
        switch self {
        case .ok: "ok"
        case .ambiguous: "ambiguous"
        case .invalid: "invalid"
        }
    }

    /// The dates that fit (one for ok, several for ambiguous, none for invalid).
    public var dates: [ChineseDate] {
        switch self {
        case .ok(let d): [d]
        case .ambiguous(let ds): ds
        case .invalid: []
        }
    }
}
