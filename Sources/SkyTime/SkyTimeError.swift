import Foundation

/// Errors of the SkyTime module: each message is one line saying what was wrong and what to type instead.
public enum SkyTimeError: Error, LocalizedError, Sendable, Equatable {
    /// A month outside 1…12.
    case impossibleMonth(text: String, month: Int)
    /// A day that the month does not have in that calendar.
    case impossibleDay(text: String, calendar: CalendarSystem, daysInMonth: Int, julianOnlyLeapDay: Bool)
    /// A date in the ten days dropped by the Gregorian reform (1582-10-05…14) under the historians' policy.
    case gregorianGap(text: String)
    /// A time of day that does not exist (25:00, 12:61).
    case impossibleTime(text: String)
    /// Year 0 written with an era (there is no year 0 BCE or 0 CE).
    case yearZeroWithEra(text: String)
    /// A year outside the supported range.
    case yearOutOfRange(year: Int)
    /// Text that is not a date, time or Julian date in any accepted form.
    case unrecognizedMoment(text: String)
    /// A ΔT model name or value that is not known.
    case unknownDeltaTModel(text: String)
    /// Local mean or apparent solar time was given but the site longitude was not.
    case longitudeNeeded(text: String)
    /// A ΔT table could not be read.
    case deltaTTableUnreadable(file: String, reason: String)

    /// One line: what was wrong and what to type instead.
    public var errorDescription: String? {
        switch self {
        case .impossibleMonth(let text, let month):
            "\(text): month \(month) does not exist; months run 01…12 (write the date as YYYY-MM-DD)"
        case .impossibleDay(let text, let calendar, let days, let julianOnly):
            if julianOnly {
                "\(text) does not exist in the Gregorian calendar (February has \(days) days that year); write \(text)J for the Julian leap day"
            } else {
                "\(text) does not exist in the \(calendar.name) calendar: that month has \(days) days; use a day from 01 to \(days)"
            }
        case .gregorianGap(let text):
            "\(text) does not exist in the Gregorian calendar as historians use it: the day after 1582-10-04 (Julian) is 1582-10-15 (Gregorian); write \(text)J for the Julian date or \(text)G for the proleptic Gregorian one"
        case .impossibleTime(let text):
            "\(text) is not a time of day: write HH:MM or HH:MM:SS with hours 00…23, minutes and seconds 00…59"
        case .yearZeroWithEra(let text):
            "\(text): there is no year 0 BCE or 0 CE (1 BCE is followed by 1 CE); write 1BCE-… or the astronomical year 0000-…"
        case .yearOutOfRange(let year):
            "year \(year) is outside the supported range \(CalendarDate.validYears.lowerBound)…\(CalendarDate.validYears.upperBound); give a year inside it"
        case .unrecognizedMoment(let text):
            "'\(text)' is not a date: write e.g. 0757-03-14, 0757-03-14T19:30 (UT), 0757-03-14T12:52TT, 0757-03-14T19:30LMT, 757BCE-03-14, --date=-0756-03-14, 1600-01-01G or JD2397500.5"
        case .unknownDeltaTModel(let text):
            "'\(text)' is not a ΔT model: choose smh2020 (default), smh2016, em2006, or a constant number of seconds such as 3200"
        case .longitudeNeeded(let text):
            "\(text) is local solar time, which needs the site: give the observer's longitude (e.g. --lon 108.9) or write the time in UT"
        case .deltaTTableUnreadable(let file, let reason):
            "ΔT table \(file) could not be read (\(reason)): restore it with git (git checkout -- Catalogs) or rebuild it as Catalogs/README.md says"
        }
    }
}
