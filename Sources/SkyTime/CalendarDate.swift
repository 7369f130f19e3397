/// The calendar a date is written in.
public enum CalendarSystem: String, Sendable, Hashable, Codable, CaseIterable {
    /// The Julian calendar (leap year every fourth year), used proleptically before 45 BCE.
    case julian
    /// The Gregorian calendar, used proleptically before 1582-10-15 when asked for.
    case gregorian

    /// The calendar's name for output ("Julian", "Gregorian").
    public var name: String { self == .julian ? "Julian" : "Gregorian" }
    /// The one-letter suffix accepted on input and written on output (`J`, `G`).
    public var suffix: String { self == .julian ? "J" : "G" }
}

/// Which calendar a date without an explicit calendar is read in, and which one output uses.
public enum CalendarPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The historians' convention: Julian up to 1582-10-04, Gregorian from 1582-10-15 on; the ten
    /// days between do not exist.
    case historians
    /// The (proleptic) Julian calendar for every date.
    case julian
    /// The (proleptic) Gregorian calendar for every date.
    case gregorian

    /// Julian day number of 1582-10-15 (Gregorian), the first day of the Gregorian reform.
    public static let gregorianReformJDN = 2_299_161

    /// The calendar this policy uses on a given Julian day number.
    public func calendar(forJulianDayNumber jdn: Int) -> CalendarSystem {
        switch self {
        case .julian: .julian
        case .gregorian: .gregorian
        case .historians: jdn >= Self.gregorianReformJDN ? .gregorian : .julian
        }
    }
}

/// A calendar date, optionally with a time of day, that knows which calendar it is written in.
///
/// Years are astronomical (year 0 = 1 BCE, −756 = 757 BCE); `historianDescription` adds the BCE year. A date is valid when it survives the round trip date → Julian day number →
/// date in its calendar, so Julian-only leap days (1500-02-29) are valid Julian dates and invalid
/// Gregorian ones. The day number arithmetic is pure integer arithmetic with floor division, exact
/// for every year in `CalendarDate.validYears`; Foundation's `Date`/`Calendar` are never used.
///
/// References: E. G. Richards, "Calendars", in *Explanatory Supplement to the Astronomical Almanac*,
/// 3rd ed. (2013), ch. 15 (algorithm 15.11 and 15.12 in floor-division form); J. Meeus,
/// *Astronomical Algorithms*, 2nd ed. (1998), ch. 7.
public struct CalendarDate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Astronomical year (0 = 1 BCE).
    public let year: Int
    /// Month, 1…12.
    public let month: Int
    /// Day of the month, 1…31.
    public let day: Int
    /// Seconds since the start of the day, 0 ≤ s < 86 400 (0 when no time was given).
    public let secondsOfDay: Double
    /// The calendar the date is written in.
    public let calendar: CalendarSystem

    /// The range of years the conversions are defined (and tested) for.
    public static let validYears = -10_000...10_000

    /// Julian day numbers of the first and last day of `validYears` (Julian calendar first, Gregorian last).
    static let rangeJDN: ClosedRange<Int> = {
        let first = CalendarDate(unchecked: validYears.lowerBound, 1, 1, 0, .julian).julianDayNumber
        let last = CalendarDate(unchecked: validYears.upperBound, 12, 31, 0, .gregorian).julianDayNumber
        return first...last
    }()

    /// Creates a date, checking it exists in its calendar.
    ///
    /// - Throws: `SkyTimeError` when the month, day, time or year is impossible.
    public init(year: Int, month: Int, day: Int, secondsOfDay: Double = 0, calendar: CalendarSystem) throws {
        guard Self.validYears.contains(year) else { throw SkyTimeError.yearOutOfRange(year: year) }
        guard (1...12).contains(month) else {
            throw SkyTimeError.impossibleMonth(text: Self.isoDay(year, month, day), month: month)
        }
        let length = Self.daysInMonth(year: year, month: month, calendar: calendar)
        guard day >= 1, day <= length else {
            throw SkyTimeError.impossibleDay(
                text: Self.isoDay(year, month, day), calendar: calendar, daysInMonth: length,
                julianOnlyLeapDay: calendar == .gregorian && month == 2 && day == 29
                    && Self.daysInMonth(year: year, month: 2, calendar: .julian) == 29)
        }
        guard secondsOfDay.isFinite, secondsOfDay >= 0, secondsOfDay < secondsPerDay else {
            throw SkyTimeError.impossibleTime(text: "\(secondsOfDay) s after midnight")
        }
        self.year = year
        self.month = month
        self.day = day
        self.secondsOfDay = secondsOfDay
        self.calendar = calendar
        // Round trip as the final judge of validity (catches any table or arithmetic slip).
        let back = Self.fields(julianDayNumber: julianDayNumber, calendar: calendar)
        guard back.year == year, back.month == month, back.day == day else {
            throw SkyTimeError.impossibleDay(text: Self.isoDay(year, month, day), calendar: calendar,
                                             daysInMonth: length, julianOnlyLeapDay: false)
        }
    }

    /// Creates a date from hours, minutes and seconds of the day.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int = 0, second: Double = 0,
                calendar: CalendarSystem) throws {
        guard (0...23).contains(hour), (0...59).contains(minute), second >= 0, second < 60 else {
            throw SkyTimeError.impossibleTime(text: String(format2: hour) + ":" + String(format2: minute))
        }
        try self.init(year: year, month: month, day: day,
                      secondsOfDay: Double(hour * 3600 + minute * 60) + second, calendar: calendar)
    }

    /// Creates a date whose calendar is chosen by a policy; under `.historians` a date in the
    /// 1582 gap (10-05…10-14) throws, naming the Julian and Gregorian ways to write it.
    public init(year: Int, month: Int, day: Int, secondsOfDay: Double = 0, policy: CalendarPolicy) throws {
        switch policy {
        case .julian: try self.init(year: year, month: month, day: day, secondsOfDay: secondsOfDay, calendar: .julian)
        case .gregorian: try self.init(year: year, month: month, day: day, secondsOfDay: secondsOfDay, calendar: .gregorian)
        case .historians:
            let key = year * 10_000 + month * 100 + day
            if key >= 1582_1015 {
                try self.init(year: year, month: month, day: day, secondsOfDay: secondsOfDay, calendar: .gregorian)
            } else if key >= 1582_1005, key <= 1582_1014 {
                throw SkyTimeError.gregorianGap(text: Self.isoDay(year, month, day))
            } else {
                try self.init(year: year, month: month, day: day, secondsOfDay: secondsOfDay, calendar: .julian)
            }
        }
    }

    /// The date of a Julian day number in a calendar (time of day 0h).
    public init(julianDayNumber jdn: Int, calendar: CalendarSystem) {
        let f = Self.fields(julianDayNumber: jdn, calendar: calendar)
        self.year = f.year
        self.month = f.month
        self.day = f.day
        self.secondsOfDay = 0
        self.calendar = calendar
    }

    /// The date and time of day of a Julian date, in the calendar a policy picks for that day.
    ///
    /// - Parameters:
    ///   - whole: first part of the Julian date (as in `Instant`).
    ///   - fraction: second part of the Julian date.
    ///   - policy: the calendar policy (historians' by default).
    ///
    /// A Julian date that is not finite or lies outside `validYears` gives the nearest end of that range
    /// (such a date can only come from a computation that already failed; this initializer never traps).
    public init(julianDate whole: Double, _ fraction: Double = 0, policy: CalendarPolicy = .historians) {
        let lowest = Double(Self.rangeJDN.lowerBound) - 0.5
        let highest = Double(Self.rangeJDN.upperBound) - 0.5
        var whole = whole
        var fraction = fraction
        if !(whole + fraction).isFinite || whole + fraction < lowest || whole + fraction > highest {
            whole = (whole + fraction) > highest ? highest : lowest
            fraction = 0
        }
        // JD counts from noon: shift by half a day so the integral part is the civil day.
        let shifted = whole + 0.5
        let w = shifted.rounded(.down)
        var f = (shifted - w) + fraction
        let extra = f.rounded(.down)
        f -= extra
        var seconds = f * secondsPerDay
        var jdn = Int(w + extra)
        if seconds >= secondsPerDay - 1e-7 { seconds = 0; jdn += 1 }
        let cal = policy.calendar(forJulianDayNumber: jdn)
        let fields = Self.fields(julianDayNumber: jdn, calendar: cal)
        self.year = fields.year
        self.month = fields.month
        self.day = fields.day
        self.secondsOfDay = max(0, seconds)
        self.calendar = cal
    }

    /// The Julian day number (the integer day that starts at noon of this civil day's midday).
    public var julianDayNumber: Int {
        let a = Self.floorDiv(14 - month, 12)
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        let base = day + Self.floorDiv(153 * m + 2, 5) + 365 * y + Self.floorDiv(y, 4)
        switch calendar {
        case .julian: return base - 32083
        case .gregorian: return base - Self.floorDiv(y, 100) + Self.floorDiv(y, 400) - 32045
        }
    }

    /// The Julian date of this date and time as two parts (day start, fraction of day).
    public var julianDateParts: (whole: Double, fraction: Double) {
        (Double(julianDayNumber) - 0.5, secondsOfDay / secondsPerDay)
    }

    /// The Julian date as one number.
    public var julianDate: Double { Double(julianDayNumber) - 0.5 + secondsOfDay / secondsPerDay }

    /// The same day written in another calendar (time of day kept).
    public func converted(to other: CalendarSystem) -> CalendarDate {
        let f = Self.fields(julianDayNumber: julianDayNumber, calendar: other)
        return CalendarDate(unchecked: f.year, f.month, f.day, secondsOfDay, other)
    }

    /// Hour, minute and second of the time of day.
    public var timeOfDay: (hour: Int, minute: Int, second: Double) {
        let h = Int(secondsOfDay / 3600)
        let m = Int((secondsOfDay - Double(h) * 3600) / 60)
        return (h, m, secondsOfDay - Double(h * 3600 + m * 60))
    }

    /// ISO 8601 with astronomical year numbering and the calendar letter, e.g. `-0756-03-14J`,
    /// `2024-06-01T12:30:00G`; the time is included when it is not midnight or `withTime` is set.
    public func iso(withTime: Bool? = nil) -> String {
        var s = Self.isoDay(year, month, day)
        if withTime ?? (secondsOfDay != 0) { s += "T" + clock() }
        return s + calendar.suffix
    }

    /// The day alone in ISO form with astronomical year and no calendar letter (`0757-03-14`, `-0140-03-09`).
    public var isoDay: String { Self.isoDay(year, month, day) }

    /// The date in skyrecon's one way of writing years — astronomical ISO with the calendar letter, as every time
    /// in the output is written — with the calendar named and, for years before 1 CE, the BCE year beside it:
    /// `0757-03-14J (Julian)`, `-0756-03-14T19:30:00J (Julian; 757 BCE)`.
    public var historianDescription: String {
        iso() + " (" + calendar.name + (year <= 0 ? "; \(1 - year) BCE" : "") + ")"
    }

    /// The ISO form with calendar letter (`iso()`).
    public var description: String { iso() }

    // MARK: - Calendar arithmetic

    /// Number of days in a month of a calendar.
    public static func daysInMonth(year: Int, month: Int, calendar: CalendarSystem) -> Int {
        switch month {
        case 2: isLeapYear(year, calendar: calendar) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether an astronomical year is a leap year in a calendar.
    public static func isLeapYear(_ year: Int, calendar: CalendarSystem) -> Bool {
        let by4 = floorMod(year, 4) == 0
        if calendar == .julian { return by4 }
        return by4 && (floorMod(year, 100) != 0 || floorMod(year, 400) == 0)
    }

    static func fields(julianDayNumber j: Int, calendar: CalendarSystem) -> (year: Int, month: Int, day: Int) {
        var c: Int
        var b = 0
        switch calendar {
        case .gregorian:
            let a = j + 32044
            b = floorDiv(4 * a + 3, 146_097)
            c = a - floorDiv(146_097 * b, 4)
        case .julian:
            c = j + 32082
        }
        let d = floorDiv(4 * c + 3, 1461)
        let e = c - floorDiv(1461 * d, 4)
        let m = floorDiv(5 * e + 2, 153)
        let day = e - floorDiv(153 * m + 2, 5) + 1
        let month = m + 3 - 12 * floorDiv(m, 10)
        let year = 100 * b + d - 4800 + floorDiv(m, 10)
        return (year, month, day)
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorMod(_ a: Int, _ b: Int) -> Int { a - b * floorDiv(a, b) }

    static func isoYear(_ year: Int) -> String {
        let digits = String(abs(year))
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return year < 0 ? "-" + padded : (year > 9999 ? "+" + padded : padded)
    }

    static func isoDay(_ year: Int, _ month: Int, _ day: Int) -> String {
        isoYear(year) + "-" + String(format2: month) + "-" + String(format2: day)
    }

    private func clock() -> String {
        let t = timeOfDay
        var s = String(format2: t.hour) + ":" + String(format2: t.minute) + ":"
        let whole = Int(t.second)
        s += String(format2: whole)
        let ms = Int(((t.second - Double(whole)) * 1000).rounded())
        if ms > 0, ms < 1000 {
            let digits = String(ms)
            s += "." + String(repeating: "0", count: 3 - digits.count) + digits
        }
        return s
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int, _ seconds: Double, _ calendar: CalendarSystem) {
        self.year = year
        self.month = month
        self.day = day
        self.secondsOfDay = seconds
        self.calendar = calendar
    }
}

extension String {
    /// Two-digit zero-padded rendering of a small non-negative number.
    init(format2 value: Int) {
        self = value >= 0 && value < 10 ? "0\(value)" : "\(value)"
    }
}
