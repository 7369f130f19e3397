import Foundation
import Testing
@testable import SkyTime

/// Parsing of the moment forms listed in the SkyTime issue; expected JDs from Meeus ch. 7 arithmetic
/// (333-01-27 12h Julian = JD 1842713.0; 1957-10-04.81 Gregorian = JD 2436116.31).
struct MomentParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let iso: String          // the date as CalendarDate.iso(withTime: true)
        let clock: Moment.Clock
        var testDescription: String { text }
    }

    static let dates: [Case] = [
        Case(text: "0757-03-14", iso: "0757-03-14T00:00:00J", clock: .universal),
        Case(text: "0757-03-14T19:30", iso: "0757-03-14T19:30:00J", clock: .universal),
        Case(text: "0757-03-14 19:30", iso: "0757-03-14T19:30:00J", clock: .universal),
        Case(text: "0757-03-14 19:30:05", iso: "0757-03-14T19:30:05J", clock: .universal),
        Case(text: "0757-03-14T19:30:05.250", iso: "0757-03-14T19:30:05.250J", clock: .universal),
        Case(text: "0757-03-14T12:52TT", iso: "0757-03-14T12:52:00J", clock: .terrestrial),
        Case(text: "0757-03-14T12:52 TT", iso: "0757-03-14T12:52:00J", clock: .terrestrial),
        Case(text: "0757-03-14T12:52UT", iso: "0757-03-14T12:52:00J", clock: .universal),
        Case(text: "2000-01-01T12:00Z", iso: "2000-01-01T12:00:00G", clock: .universal),
        Case(text: "0757-03-14T19:30LMT", iso: "0757-03-14T19:30:00J", clock: .localMean),
        Case(text: "0757-03-14T12:00LAT", iso: "0757-03-14T12:00:00J", clock: .localApparent),
        Case(text: "757BCE-03-14", iso: "-0756-03-14T00:00:00J", clock: .universal),
        Case(text: "757 BCE-03-14", iso: "-0756-03-14T00:00:00J", clock: .universal),
        Case(text: "757 bc-03-14", iso: "-0756-03-14T00:00:00J", clock: .universal),
        Case(text: "757 CE-03-14", iso: "0757-03-14T00:00:00J", clock: .universal),
        Case(text: "-0756-03-14", iso: "-0756-03-14T00:00:00J", clock: .universal),
        Case(text: "  -756-3-14  ", iso: "-0756-03-14T00:00:00J", clock: .universal),
        Case(text: "1600-01-01", iso: "1600-01-01T00:00:00G", clock: .universal),
        Case(text: "1600-01-01G", iso: "1600-01-01T00:00:00G", clock: .universal),
        Case(text: "1600-01-01J", iso: "1600-01-01T00:00:00J", clock: .universal),
        Case(text: "1600-01-01T06:00 TT J", iso: "1600-01-01T06:00:00J", clock: .terrestrial),
        Case(text: "1582-10-04", iso: "1582-10-04T00:00:00J", clock: .universal),
        Case(text: "1582-10-15", iso: "1582-10-15T00:00:00G", clock: .universal),
        Case(text: "1582-10-10J", iso: "1582-10-10T00:00:00J", clock: .universal),
        Case(text: "1500-02-29", iso: "1500-02-29T00:00:00J", clock: .universal),
        Case(text: "1BCE-01-01", iso: "0000-01-01T00:00:00J", clock: .universal),
    ]

    @Test("Date forms parse to the intended calendar date and clock", arguments: dates)
    func dateForms(_ c: Case) throws {
        let m = try Moment(parsing: c.text)
        guard case .date(let date) = m.value else {
            Issue.record("not a date")
            return
        }
        #expect(date.iso(withTime: true) == c.iso)
        #expect(m.clock == c.clock)
    }

    @Test("Julian-date forms: JD is UT, JDE and JD…TT are TT; digits are kept exactly")
    func julianDates() throws {
        let ut = try Moment(parsing: "JD2397500.5")
        #expect(ut.value == .julianDate(whole: 2_397_500, fraction: 0.5) && ut.clock == .universal)
        #expect(try Moment(parsing: "jd 2397500.5").clock == .universal)
        #expect(try Moment(parsing: "JDE2397500.5").clock == .terrestrial)
        #expect(try Moment(parsing: "JD2397500.5TT").clock == .terrestrial)
        #expect(try Moment(parsing: "JD 2397500.5 UT").clock == .universal)
        let tt = try Moment(parsing: "JDE2436116.31").instant(deltaT: ConstantDeltaT(seconds: 0))
        #expect(tt.whole == 2_436_116 && abs(tt.fraction - 0.31) < 1e-15)
    }

    @Test("Meeus' 333-01-27 12h and 1957-10-04.81 give JD 1842713.0 and 2436116.31 as TT instants")
    func meeusInstants() throws {
        let zero = ConstantDeltaT(seconds: 0)
        let a = try Moment(parsing: "333-01-27T12:00TT").instant(deltaT: zero)
        #expect(a.jdTT == 1_842_713.0)
        let b = try Moment(parsing: "1957-10-04T19:26:24TT").instant(deltaT: zero)
        #expect(abs(b.jdTT - 2_436_116.31) < 1e-8)
        let c = try Moment(parsing: "1957-10-04.81 TT").instant(deltaT: zero)
        #expect(abs(c.jdTT - 2_436_116.31) < 1e-8)
        let d = try Moment(parsing: "-584-05-28.63TT").instant(deltaT: zero)   // Meeus p. 62: JD 1507900.13
        #expect(abs(d.jdTT - 1_507_900.13) < 1e-8)
    }

    @Test("UT input becomes TT by the model's ΔT; the estimate used is returned")
    func universalTime() throws {
        let model = try SMHSplineDeltaT.smh2020()
        let r = try Moment(parsing: "0757-03-14T19:30").resolve(deltaT: model)
        let ut = try CalendarDate(year: 757, month: 3, day: 14, hour: 19, minute: 30, calendar: .julian).julianDate
        let estimate = try #require(r.deltaT)
        #expect(abs(estimate.seconds - 3281) < 1)
        #expect(abs(r.instant.days(since: Instant(jdTT: ut)) * 86_400 - estimate.seconds) < 1e-3)
        #expect(try Moment(parsing: "0757-03-14T19:30TT").resolve(deltaT: model).deltaT == nil)
    }

    @Test("Local mean time is UT + longitude/15°; local apparent time adds the equation of time")
    func localSolarTime() throws {
        let zero = ConstantDeltaT(seconds: 0)
        let changan = Angle(degrees: 108.93)
        let lmt = try Moment(parsing: "0757-03-14T19:30LMT").instant(deltaT: zero, longitude: changan)
        let ut = try Moment(parsing: "0757-03-14T19:30").instant(deltaT: zero)
        #expect(abs(ut.days(since: lmt) * 86_400 - 108.93 * 240) < 1e-3)
        let lat = try Moment(parsing: "0757-03-14T19:30LAT").instant(deltaT: zero, longitude: changan)
        let e = EquationOfTime.seconds(at: lat, deltaTSeconds: 0)
        #expect(abs(lmt.days(since: lat) * 86_400 - e) < 0.05)
        #expect(throws: SkyTimeError.self) { try Moment(parsing: "0757-03-14T19:30LMT").instant(deltaT: zero) }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String
        let mentions: [String]
        var testDescription: String { text }
    }

    static let bad: [Bad] = [
        Bad(text: "1582-10-10", mentions: ["1582-10-10", "1582-10-04", "1582-10-15", "1582-10-10J"]),
        Bad(text: "0757-13-01", mentions: ["month 13", "01…12"]),
        Bad(text: "0757-02-30", mentions: ["0757-02-30", "28 days"]),
        Bad(text: "1700-02-29", mentions: ["Gregorian", "1700-02-29J"]),
        Bad(text: "0BCE-03-14", mentions: ["no year 0 BCE"]),
        Bad(text: "0 CE-03-14", mentions: ["no year 0"]),
        Bad(text: "yesterday", mentions: ["0757-03-14", "JD2397500.5"]),
        Bad(text: "0757-03-14T25:00", mentions: ["25:00", "00…23"]),
        Bad(text: "0757-03-14T12:60", mentions: ["12:60"]),
        Bad(text: "0757-03-14T12:00XYZ", mentions: ["not a date"]),
        Bad(text: "-757BCE-03-14", mentions: ["not a date"]),
        Bad(text: "JD", mentions: ["not a date"]),
        Bad(text: "JD2397500.5LMT", mentions: ["not a date"]),
        Bad(text: "", mentions: ["not a date"]),
        Bad(text: "0757-03", mentions: ["not a date"]),
        Bad(text: "0757-03-14.5T12:00", mentions: ["not a date"]),
        Bad(text: "0757-03-14.", mentions: ["not a date"]),
        Bad(text: "99999-01-01", mentions: ["outside the supported range"]),
    ]

    @Test("Impossible or garbled input gives one line naming the problem and the fix", arguments: bad)
    func errors(_ b: Bad) {
        do {
            _ = try Moment(parsing: b.text)
            Issue.record("\(b.text) was accepted")
        } catch {
            let message = error.localizedDescription
            #expect(!message.contains("\n"))
            for word in b.mentions { #expect(message.contains(word), "\(message)") }
        }
    }

    @Test("Regression: the Gregorian-gap message says exactly what the issue asks")
    func gapMessage() {
        let message = SkyTimeError.gregorianGap(text: "1582-10-10").localizedDescription
        #expect(message.hasPrefix("1582-10-10 does not exist in the Gregorian calendar"))
        #expect(message.contains("the day after 1582-10-04 (Julian) is 1582-10-15 (Gregorian); write 1582-10-10J for the Julian date"))
    }

    @Test("Equation of time: Meeus example 28.b, 1992-10-13 0h TD, E = +13m42.7s (±3 s); and its yearly range")
    func equationOfTime() throws {
        let e = EquationOfTime.seconds(at: Instant(jdTT: 2_448_908.5), deltaTSeconds: 59)
        #expect(abs(e - 822.7) < 3)
        // Early November maximum (+16.4 min) and mid-February minimum (−14.2 min) in 2000 (Meeus ch. 28).
        let nov = EquationOfTime.seconds(at: Instant(jdTT: 2_451_849.5), deltaTSeconds: 64)    // 2000-11-03
        let feb = EquationOfTime.seconds(at: Instant(jdTT: 2_451_588.5), deltaTSeconds: 64)    // 2000-02-12
        #expect(abs(nov - 16.4 * 60) < 10)
        #expect(abs(feb + 14.2 * 60) < 10)
    }
}

extension MomentParserTests {
    @Test("Regression: local apparent time takes the equation of time at the TT instant, not at the UT read as TT")
    func apparentTimeUsesTT() throws {
        let model = ConstantDeltaT(seconds: 80_000)   // ΔT near −3000
        let site = Angle(degrees: 44.42)
        for month in 1...12 {   // some months have E changing by ~20 s over the 0.93 d of ΔT
            let day = "-2999-" + (month < 10 ? "0" : "") + "\(month)-01T12:00"
            let r = try Moment(parsing: day + "LAT").resolve(deltaT: model, longitude: site)
            let lmt = try Moment(parsing: day + "LMT").instant(deltaT: model, longitude: site)
            #expect(abs(lmt.days(since: r.instant) * 86_400 - EquationOfTime.seconds(at: r.instant, deltaTSeconds: 80_000)) < 0.05, "\(day)")
        }
    }
}
