/// A day of the proleptic Julian or Gregorian calendar, with astronomical year numbering (1 BCE = 0).
///
/// This is a small private stand-in for SkyTime's `CalendarDate`, kept inside ChineseCalendar until the
/// two are unified; it converts whole civil days only.
public struct CivilDate: Sendable, Hashable, CustomStringConvertible {
    /// Which Western calendar a civil date is written in.
    public enum Calendar: String, Sendable, Hashable, CaseIterable {
        /// The proleptic Julian calendar.
        case julian
        /// The proleptic Gregorian calendar.
        case gregorian
    }

    /// Astronomical year (1 BCE = 0, 100 BCE = −99).
    public let year: Int
    /// Month 1…12.
    public let month: Int
    /// Day of the month 1…31.
    public let day: Int
    /// The calendar the fields are written in.
    public let calendar: Calendar

    /// Creates a date from its fields; nil when the month or day does not exist in that calendar.
    public init?(year: Int, month: Int, day: Int, calendar: Calendar) {
        guard (1...12).contains(month), day >= 1 else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.calendar = calendar
        guard day <= CivilDate.daysIn(month: month, year: year, calendar: calendar) else { return nil }
    }

    /// The date of a Julian Day Number in the given calendar.
    public init(jdn: Int, calendar: Calendar) {
        // Richards (2013), "Calendars", in Explanatory Supplement to the Astronomical Almanac, 3rd ed., §15.11.
        var f = jdn + 1401
        if calendar == .gregorian {
            f += (((4 * jdn + 274_277).floorDiv(146_097)) * 3).floorDiv(4) - 38
        }
        let e = 4 * f + 3
        let g = e.floorMod(1461).floorDiv(4)
        let h = 5 * g + 2
        let day = h.floorMod(153).floorDiv(5) + 1
        let month = (h.floorDiv(153) + 2).floorMod(12) + 1
        let year = e.floorDiv(1461) - 4716 + (14 - month).floorDiv(12)
        self.year = year
        self.month = month
        self.day = day
        self.calendar = calendar
    }

    /// The date of a Julian Day Number in the historians' convention: Julian before 1582-10-15, Gregorian from then on.
    public static func civil(jdn: Int) -> CivilDate {
        CivilDate(jdn: jdn, calendar: jdn >= gregorianReformJDN ? .gregorian : .julian)
    }

    /// JDN of 1582-10-15 (Gregorian), the first day of the Gregorian calendar.
    public static let gregorianReformJDN = 2_299_161

    /// The Julian Day Number of this date.
    public var jdn: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        var j = day + (153 * m + 2) / 5 + 365 * y + y.floorDiv(4)
        switch calendar {
        case .julian: j -= 32_083
        case .gregorian: j += -y.floorDiv(100) + y.floorDiv(400) - 32_045
        }
        return j
    }

    /// ISO-like form with astronomical year: `0757-03-02`, `-0140-03-09`.
    public var iso: String {
        let y = String(abs(year))
        let padded = String(repeating: "0", count: max(0, 4 - y.count)) + y
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return (year < 0 ? "-" : "") + padded + "-" + two(month) + "-" + two(day)
    }

    public var description: String { iso + (calendar == .julian ? " (Julian)" : " (Gregorian)") }

    static func daysIn(month: Int, year: Int, calendar: Calendar) -> Int {
        switch month {
        case 2:
            let leap = calendar == .julian
                ? year.floorMod(4) == 0
                : (year.floorMod(4) == 0 && year.floorMod(100) != 0) || year.floorMod(400) == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Int {
    func floorDiv(_ d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && ((self < 0) != (d < 0))) ? q - 1 : q
    }

    func floorMod(_ d: Int) -> Int {
        let r = self % d
        return r < 0 ? r + Swift.abs(d) : r
    }
}
