import Testing
@testable import SkyTime

/// Calendar conversions. Reference: J. Meeus, Astronomical Algorithms, 2nd ed. (1998), ch. 7,
/// examples 7.a–7.c and the table of test dates on p. 62; exact to the day (1e-9 d for fractions).
struct CalendarDateTests {
    struct Known: Sendable, CustomTestStringConvertible {
        let year: Int, month: Int, day: Double
        let calendar: CalendarSystem
        let jd: Double
        var testDescription: String { "\(year)-\(month)-\(day)\(calendar.suffix) = JD \(jd)" }
    }

    static let meeus: [Known] = [
        Known(year: 2000, month: 1, day: 1.5, calendar: .gregorian, jd: 2_451_545.0),
        Known(year: 1999, month: 1, day: 1.0, calendar: .gregorian, jd: 2_451_179.5),
        Known(year: 1987, month: 1, day: 27.0, calendar: .gregorian, jd: 2_446_822.5),
        Known(year: 1987, month: 6, day: 19.5, calendar: .gregorian, jd: 2_446_966.0),
        Known(year: 1988, month: 1, day: 27.0, calendar: .gregorian, jd: 2_447_187.5),
        Known(year: 1988, month: 6, day: 19.5, calendar: .gregorian, jd: 2_447_332.0),
        Known(year: 1900, month: 1, day: 1.0, calendar: .gregorian, jd: 2_415_020.5),
        Known(year: 1600, month: 1, day: 1.0, calendar: .gregorian, jd: 2_305_447.5),
        Known(year: 1600, month: 12, day: 31.0, calendar: .gregorian, jd: 2_305_812.5),
        Known(year: 1957, month: 10, day: 4.81, calendar: .gregorian, jd: 2_436_116.31),
        Known(year: 837, month: 4, day: 10.3, calendar: .julian, jd: 2_026_871.8),
        Known(year: 333, month: 1, day: 27.5, calendar: .julian, jd: 1_842_713.0),
        Known(year: -123, month: 12, day: 31.0, calendar: .julian, jd: 1_676_496.5),
        Known(year: -122, month: 1, day: 1.0, calendar: .julian, jd: 1_676_497.5),
        Known(year: -1000, month: 7, day: 12.5, calendar: .julian, jd: 1_356_001.0),
        Known(year: -1000, month: 2, day: 29.0, calendar: .julian, jd: 1_355_866.5),
        Known(year: -1001, month: 8, day: 17.9, calendar: .julian, jd: 1_355_671.4),
        Known(year: -4712, month: 1, day: 1.5, calendar: .julian, jd: 0.0),
        Known(year: -584, month: 5, day: 28.63, calendar: .julian, jd: 1_507_900.13),
    ]

    @Test("Meeus ch. 7 dates give their Julian dates and come back", arguments: meeus)
    func knownJulianDates(_ k: Known) throws {
        let whole = Int(k.day.rounded(.down))
        let seconds = (k.day - Double(whole)) * 86_400
        let date = try CalendarDate(year: k.year, month: k.month, day: whole, secondsOfDay: seconds, calendar: k.calendar)
        #expect(abs(date.julianDate - k.jd) < 1e-6)
        let back = CalendarDate(julianDate: k.jd, policy: k.calendar == .julian ? .julian : .gregorian)
        #expect(back.year == k.year && back.month == k.month && back.day == whole)
        #expect(abs(back.secondsOfDay - seconds) < 1e-3)
    }

    @Test("Every day from −3000 to +3000 survives JDN → date → JDN and follows the day before, in both calendars")
    func roundTripEveryDay() throws {
        for calendar in CalendarSystem.allCases {
            #expect(try Self.roundTripFailures(from: -3000, to: 3000, step: 1, calendar: calendar) == 0)
        }
    }

    @Test("Every 11th day from −10000 to +10000 survives the round trip")
    func roundTripWideRange() throws {
        for calendar in CalendarSystem.allCases {
            #expect(try Self.roundTripFailures(from: -10_000, to: 10_000, step: 11, calendar: calendar) == 0)
        }
    }

    static func roundTripFailures(from: Int, to: Int, step: Int, calendar: CalendarSystem) throws -> Int {
        let first = try CalendarDate(year: from, month: 1, day: 1, calendar: calendar).julianDayNumber
        let last = try CalendarDate(year: to, month: 12, day: 31, calendar: calendar).julianDayNumber
        var failures = 0
        for jdn in stride(from: first, through: last, by: step) {
            let d = CalendarDate(julianDayNumber: jdn, calendar: calendar)
            let previous = CalendarDate(julianDayNumber: jdn - 1, calendar: calendar)
            if d.julianDayNumber != jdn { failures += 1 }
            let length = CalendarDate.daysInMonth(year: previous.year, month: previous.month, calendar: calendar)
            let consecutive = (d.year == previous.year && d.month == previous.month && d.day == previous.day + 1)
                || (d.day == 1 && previous.day == length
                    && ((d.month == previous.month + 1 && d.year == previous.year)
                        || (d.month == 1 && previous.month == 12 && d.year == previous.year + 1)))
            if !consecutive { failures += 1 }
        }
        return failures
    }

    @Test("Year lengths: 365.25 d Julian, 365.2425 d Gregorian over a 400-year cycle")
    func yearLengths() throws {
        let j0 = try CalendarDate(year: -400, month: 1, day: 1, calendar: .julian).julianDayNumber
        let j1 = try CalendarDate(year: 0, month: 1, day: 1, calendar: .julian).julianDayNumber
        #expect(j1 - j0 == 146_100)
        let g0 = try CalendarDate(year: 1600, month: 3, day: 1, calendar: .gregorian).julianDayNumber
        let g1 = try CalendarDate(year: 2000, month: 3, day: 1, calendar: .gregorian).julianDayNumber
        #expect(g1 - g0 == 146_097)
    }

    @Test("The 1582 reform: 1582-10-04 Julian is followed by 1582-10-15 Gregorian")
    func gregorianReform() throws {
        let lastJulian = try CalendarDate(year: 1582, month: 10, day: 4, policy: .historians)
        let firstGregorian = try CalendarDate(year: 1582, month: 10, day: 15, policy: .historians)
        #expect(lastJulian.calendar == .julian && firstGregorian.calendar == .gregorian)
        #expect(firstGregorian.julianDayNumber - lastJulian.julianDayNumber == 1)
        #expect(firstGregorian.julianDayNumber == CalendarPolicy.gregorianReformJDN)
        for day in 5...14 {
            #expect(throws: SkyTimeError.self) { try CalendarDate(year: 1582, month: 10, day: day, policy: .historians) }
        }
        // and the historians' policy picks the calendar in use when converting a JD back
        #expect(CalendarDate(julianDate: 2_299_160.5).iso() == "1582-10-15G")
        #expect(CalendarDate(julianDate: 2_299_159.5).iso() == "1582-10-04J")
    }

    @Test("Julian-only leap days are valid Julian dates and invalid Gregorian ones")
    func leapDays() throws {
        #expect(throws: Never.self) { try CalendarDate(year: 1500, month: 2, day: 29, calendar: .julian) }
        #expect(throws: Never.self) { try CalendarDate(year: 1500, month: 2, day: 29, policy: .historians) }
        #expect(throws: SkyTimeError.self) { try CalendarDate(year: 1700, month: 2, day: 29, policy: .historians) }
        #expect(throws: SkyTimeError.self) { try CalendarDate(year: 1900, month: 2, day: 29, calendar: .gregorian) }
        #expect(throws: Never.self) { try CalendarDate(year: 2000, month: 2, day: 29, calendar: .gregorian) }
        #expect(throws: Never.self) { try CalendarDate(year: -4, month: 2, day: 29, calendar: .julian) }   // 5 BCE
        #expect(throws: SkyTimeError.self) { try CalendarDate(year: -1, month: 2, day: 29, calendar: .julian) }
        #expect(throws: SkyTimeError.self) { try CalendarDate(year: 757, month: 2, day: 30, calendar: .julian) }
        #expect(throws: SkyTimeError.self) { try CalendarDate(year: 757, month: 13, day: 1, calendar: .julian) }
        #expect(throws: SkyTimeError.self) { try CalendarDate(year: 757, month: 4, day: 31, calendar: .julian) }
        #expect(throws: SkyTimeError.self) { try CalendarDate(year: 20_000, month: 1, day: 1, calendar: .julian) }
    }

    @Test("Formatting: one way of writing years (astronomical ISO with the calendar letter), BCE named beside it")
    func formatting() throws {
        let d = try CalendarDate(year: -756, month: 3, day: 14, hour: 19, minute: 30, calendar: .julian)
        #expect(d.iso() == "-0756-03-14T19:30:00J")
        #expect(d.historianDescription == "-0756-03-14T19:30:00J (Julian; 757 BCE)")
        let g = try CalendarDate(year: 1600, month: 1, day: 1, calendar: .gregorian)
        #expect(g.iso() == "1600-01-01G")
        #expect(g.converted(to: .julian).iso() == "1599-12-22J")
        #expect(try CalendarDate(year: 0, month: 1, day: 1, calendar: .julian).historianDescription == "0000-01-01J (Julian; 1 BCE)")
        #expect(try CalendarDate(year: 757, month: 3, day: 14, calendar: .julian).historianDescription == "0757-03-14J (Julian)")
    }
}
