import Testing
@testable import SkyTime

/// `Instant` time-scale conversions with ΔT (exact identities; no external reference needed).
struct InstantScaleTests {
    @Test("UT1 → TT → UT1 round trip with a date-dependent ΔT is exact to 1 µs")
    func ut1RoundTrip() throws {
        let model = EspenakMeeus2006()
        for jd in stride(from: 625_000.5, through: 2_817_000.5, by: 48_611.3) {
            let r = Instant.fromUT1(jd, 0.25, deltaT: model)
            let back = r.instant.ut1(deltaT: model)
            #expect(abs((back.whole - jd) + (back.fraction - 0.25)) * 86_400 < 1e-6, "JD \(jd)")
            #expect(abs(r.instant.days(since: Instant(jdTT: jd, 0.25)) * 86_400 - r.deltaT.seconds) < 1e-4)
        }
    }

    @Test("calendarDate(policy:scale:) gives the TT and UT1 dates of one instant")
    func calendarDates() throws {
        let model = ConstantDeltaT(seconds: 3600)
        let instant = Instant(jdTT: 2_451_545.0)   // 2000-01-01 12:00 TT
        #expect(instant.calendarDate().iso() == "2000-01-01T12:00:00G")
        #expect(instant.calendarDate(scale: .ut1(model)).iso() == "2000-01-01T11:00:00G")
        #expect(instant.calendarDate(policy: .julian).iso() == "1999-12-19T12:00:00J")
        let tdb = instant.calendarDate(scale: .tdb)
        #expect(abs(tdb.secondsOfDay - 43_200) < 0.002)
    }
}

/// Bad numbers never trap (issue rule: bad input never traps).
struct RobustnessTests {
    @Test("Non-finite or huge Julian dates give a date at the end of the supported range instead of trapping")
    func nonFinite() {
        for jd in [Double.nan, .infinity, -.infinity, 1e300, -1e300] {
            let d = CalendarDate(julianDate: jd)
            #expect(CalendarDate.validYears.contains(d.year))
        }
        let model = EspenakMeeus2006()
        let bad = Instant(jdTT: .nan)
        #expect(bad.calendarDate(scale: .ut1(model)).year == CalendarDate.validYears.lowerBound)
        #expect(DecimalYear.julianDate(gregorianYear: .nan).isNaN)
        #expect(DecimalYear.gregorian(julianDate: .infinity) > 1e6)
        #expect(model.estimate(decimalYear: .nan).seconds.isNaN)
    }
}
