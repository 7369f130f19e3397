import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// Almanac events against published values (USNO phase tables, Meeus's worked examples) and against dense scans.
struct AlmanacTests {
    static func instant(_ y: Int, _ m: Int, _ d: Int, _ h: Double = 0) throws -> Instant {
        Instant(ttDate: try CalendarDate(year: y, month: m, day: d, calendar: y < 1583 ? .julian : .gregorian)).adding(days: h / 24)
    }

    /// USNO, Phases of the Moon 2000 (UT, to the minute): Jan 6 18:14, Jan 14 13:34, Jan 21 04:40, Jan 28 07:57.
    @Test func moonPhasesOfJanuary2000() throws {
        let view = try EventsFixture.view()
        let phases = Array(try view.moonPhases(in: TimeSpan(try Self.instant(2000, 1, 1), try Self.instant(2000, 2, 1))))
        #expect(phases.map(\.detail) == ["new moon", "first quarter", "full moon", "last quarter"])
        let expected = [(6, 18, 14), (14, 13, 34), (21, 4, 40), (28, 7, 57)]
        for (p, e) in zip(phases, expected) {
            let ut = CalendarDate(julianDate: p.time.jdUT, policy: .historians)
            let minutes = Double(ut.day - e.0) * 1440 + ut.secondsOfDay / 60 - Double(e.1 * 60 + e.2)
            #expect(abs(minutes) < 1, "\(p.detail) at \(ut.iso(withTime: true)) UT")
        }
    }

    /// Meeus, Astronomical Algorithms (1998), example 49.a: new moon of 1977 Feb 18 at 03:37:42 TD.
    @Test func newMoonOfMeeusExample() throws {
        let view = try EventsFixture.view()
        let phases = Array(try view.moonPhases(in: TimeSpan(try Self.instant(1977, 2, 17), try Self.instant(1977, 2, 19))))
        let new = try #require(phases.first { $0.detail == "new moon" })
        let seconds = new.time.instant.days(since: try Self.instant(1977, 2, 18, 3 + 37.0 / 60 + 42.0 / 3600)) * 86_400
        #expect(abs(seconds) < 30, "\(seconds) s from Meeus")
    }

    /// Meeus example 15.a: Venus at Boston (42°20′ N, 71°05′ W), 1988 March 20: rising 12:25, transit 19:41,
    /// setting 02:55 UT (the evening before, local time), with h₀ = −0°34′.
    @Test func venusAtBostonMeeusExample() throws {
        let view = try EventsFixture.view()
        let boston = Site(latitude: .degrees(42 + 20.0 / 60), longitude: .degrees(-(71 + 5.0 / 60)))
        let span = TimeSpan(try Self.instant(1988, 3, 20), try Self.instant(1988, 3, 21))
        let crossing = HorizonCrossing(point: .centre)
        let events = Array(try view.risingsAndSettings(of: .body(.venus), at: boston, in: span, crossing: crossing))
            + Array(try view.transits(of: .body(.venus), at: boston, in: span))
        func ut(_ kind: SkyEvent.Kind) throws -> Double {
            let e = try #require(events.first { $0.kind == kind })
            return (e.time.jdUT - (try Self.instant(1988, 3, 20)).jdTT) * 1440
        }
        #expect(abs(try ut(.rise) - (12 * 60 + 25)) < 1.5)
        #expect(abs(try ut(.transit) - (19 * 60 + 41)) < 1.5)
        #expect(abs(try ut(.set) - (2 * 60 + 55)) < 1.5)
        let rise = try #require(events.first { $0.kind == .rise })
        #expect(rise.time.utSigmaSeconds < 1, "a rising's UT barely depends on ΔT today")
    }

    /// Second method: the Sun's altitude recomputed through `observe` at each found twilight and rising.
    @Test func twilightsAndSunrisesAtChangan() throws {
        let view = try EventsFixture.view()
        let changan = try EventsFixture.changan()
        let span = TimeSpan(try Self.instant(757, 3, 1, 6), try Self.instant(757, 3, 11, 6))
        for tw in Twilight.allCases {
            let events = Array(try view.twilights(tw, at: changan, in: span))
            #expect(events.count == 20)
            for e in events {
                let sun = try view.observe(.body(.sun), at: e.time.instant, site: changan)[0]
                #expect(abs(sun.topocentric!.altitude.degrees + tw.rawValue) < 1e-4)
            }
            #expect(events.first!.time.utSigmaSeconds < 5, "σ of a twilight's UT: \(events.first!.time.utSigmaSeconds)")
        }
        let sun = Array(try view.risingsAndSettings(of: .body(.sun), at: changan, in: span))
        #expect(sun.count == 20 && sun[0].kind == .set, "from local noon the first event is a sunset")
        for e in sun {
            let o = try view.observe(.body(.sun), at: e.time.instant, site: changan)[0]
            let sd = asin(695_700 / (o.topocentric!.distance! * 149_597_870.7)) * 180 / .pi
            #expect(abs(o.topocentric!.altitude.degrees + 34.0 / 60 + sd) < 1e-4)
        }
    }

    /// Stations of Mars 600–700 against a daily scan of its longitude (sign changes of the daily motion).
    @Test func marsStationsMatchADailyScan() throws {
        let view = try EventsFixture.view()
        let span = TimeSpan(try Self.instant(600, 1, 1), try Self.instant(620, 1, 1))
        let found = Array(try view.stations(of: .body(.mars), in: span))
        var dense: [Double] = []
        var previous: Double?
        var lastLon = try view.observe(.body(.mars), at: span.start)[0].apparent.eclipticLongitude.degrees
        for d in stride(from: 0.5, through: span.days, by: 0.5) {
            let lon = try view.observe(.body(.mars), at: span.start.adding(days: d))[0].apparent.eclipticLongitude.degrees
            var motion = lon - lastLon
            if motion > 180 { motion -= 360 } else if motion < -180 { motion += 360 }
            if let p = previous, (p < 0) != (motion < 0) { dense.append(span.start.jdTT + d - 0.5) }
            previous = motion
            lastLon = lon
        }
        #expect(dense.count >= 16)
        #expect(found.count == dense.count)
        for (f, d) in zip(found, dense) { #expect(abs(f.time.jdTT - d) < 0.6, "\(f.detail) \(f.time.jdTT) vs \(d)") }
        #expect(found.first?.detail == "retrograde station" || found.first?.detail == "direct station")
    }

    /// Greatest elongations, oppositions, solar and longitude conjunctions against dense scans of the same angles.
    @Test func elongationsAndAlignmentsMatchDenseScans() throws {
        let view = try EventsFixture.view()
        let span = TimeSpan(try Self.instant(700, 1, 1), try Self.instant(704, 1, 1))
        let elongations = Array(try view.greatestElongations(of: .body(.mercury), in: span))
        #expect(elongations.count >= 24)
        for e in elongations {
            for d in [-0.05, 0.05] {
                let o = try view.observe(.body(.mercury), at: e.time.instant.adding(days: d))[0]
                let s = try view.observe(.body(.sun), at: e.time.instant.adding(days: d))[0]
                #expect(separation(o.geocentricDirectionOfDate, s.geocentricDirectionOfDate).degrees < e.degrees! + 1e-9)
            }
            #expect(e.degrees! > 17 && e.degrees! < 28.5)
        }
        let oppositions = Array(try view.solarAlignments(of: .body(.jupiter), in: span, opposition: true))
        #expect(oppositions.count == 4)
        for o in oppositions {
            let j = try view.observe(.body(.jupiter), at: o.time.instant)[0], s = try view.observe(.body(.sun), at: o.time.instant)[0]
            let d = (j.apparent.eclipticLongitude - s.apparent.eclipticLongitude).normalized.degrees
            #expect(abs(d - 180) < 1e-5)
        }
        let venus = Array(try view.solarAlignments(of: .body(.venus), in: span, opposition: false))
        #expect(Set(venus.map(\.detail)) == ["inferior conjunction", "superior conjunction"])
        let pairs = Array(try view.conjunctions(of: .body(.moon), and: try EventsFixture.object("regulus"), in: span))
        #expect(pairs.count >= 52 && pairs.count <= 54)
        for p in pairs {
            let m = try view.observe(.body(.moon), at: p.time.instant)[0], r = try view.observe(try EventsFixture.object("regulus"), at: p.time.instant)[0]
            #expect(abs((m.apparent.eclipticLongitude - r.apparent.eclipticLongitude).normalized.degrees.remainder(dividingBy: 360)) < 1e-5)
        }
    }
}
