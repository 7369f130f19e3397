import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// First-crescent visibility against an independent computation: Swiss Ephemeris (Moshier's ephemeris, its own
/// rise/set and topocentric places, its ΔT, which the test reuses), evenings after the new moons of 1990–1991 at
/// Athens, Cairo, Cape Town and Chang'an and of 700 at Chang'an (`scripts/events_pyswisseph.py fixture-crescent`).
struct CrescentTests {
    static func fixture() throws -> [[String: String]] { try EventsFixture.csv("crescent-pyswisseph.csv") }

    static func site(_ row: [String: String]) throws -> Site {
        Site(latitude: .degrees(try #require(Double(row["lat"] ?? ""))), longitude: .degrees(try #require(Double(row["lon"] ?? ""))),
             heightMeters: try #require(Double(row["height"] ?? "")))
    }

    @Test(arguments: CrescentCriterion.allCases)
    func geometryAndFigureAgreeWithSwissEphemeris(criterion: CrescentCriterion) throws {
        let view = try EventsFixture.view()
        let rows = try Self.fixture()
        #expect(rows.count >= 100)
        var compared = 0, worstValue = 0.0, worstSeconds = 0.0, classDiffer = 0
        for row in rows {
            let conj = try #require(Double(row["conj_jd_tt"] ?? ""))
            let evening = try #require(Int(row["evening"] ?? ""))
            let dt = DeltaTEstimate(seconds: try #require(Double(row["delta_t_s"] ?? "")), sigma: 0, model: "Swiss Ephemeris")
            let found = Array(try view.crescentSightings(at: try Self.site(row), in: TimeSpan(jdTT: conj - 0.3, conj + 0.3),
                                                         criterion: criterion, deltaT: dt, maxEvenings: 2))
            // The search stops after the first evening seen; a second evening is then not reported.
            guard let s = found.first(where: { $0.evening == evening }) else {
                #expect(evening == 2 && found.first?.visible == true, "\(row["site"]!) JD \(conj) evening \(evening) missing")
                continue
            }
            compared += 1
            #expect(abs(s.newMoon.jdTT - conj) * 86_400 < 60, "conjunction JD \(conj): \(s.newMoon.jdTT)")
            for (ours, key) in [(s.sunset.jdUT, "sunset_jd_ut"), (s.moonset.jdUT, "moonset_jd_ut"), (s.bestTime.jdUT, "best_jd_ut")] {
                let d = abs(ours - (try #require(Double(row[key] ?? "")))) * 86_400
                worstSeconds = max(worstSeconds, d)
                #expect(d < 20, "\(row["site"]!) JD \(conj) evening \(evening): \(key) \(d) s apart")
            }
            let prefix = criterion == .yallop ? "y_" : "o_"
            let arcl = try #require(Double(row[prefix + "arcl"] ?? "")), arcv = try #require(Double(row[prefix + "arcv"] ?? ""))
            let daz = try #require(Double(row[prefix + "daz"] ?? "")), width = try #require(Double(row[prefix + "w"] ?? ""))
            // Twenty seconds of time move the altitudes by under 0.1°; Moshier's Moon and DE422 differ by arcseconds.
            #expect(abs(s.arcl - arcl) < 0.02 && abs(s.arcv - arcv) < 0.1 && abs(s.daz - daz) < 0.1 && abs(s.width - width) < 0.002,
                    "\(row["site"]!) JD \(conj) evening \(evening): ARCL \(s.arcl)/\(arcl) ARCV \(s.arcv)/\(arcv) DAZ \(s.daz)/\(daz) W \(s.width)/\(width)")
            let reference = try #require(Double(row[criterion == .yallop ? "q" : "v"] ?? ""))
            let value = try #require(s.value)
            worstValue = max(worstValue, abs(value - reference))
            #expect(abs(value - reference) < (criterion == .yallop ? 0.01 : 0.1))
            if s.visibilityClass != criterion.visibilityClass(of: reference).code {
                classDiffer += 1
                // Only next to a class boundary, within the tolerance of the figure.
                let nudged = [-1.0, 1.0].map { criterion.visibilityClass(of: reference + $0 * (criterion == .yallop ? 0.01 : 0.1)).code }
                #expect(nudged.contains(s.visibilityClass ?? ""), "\(row["site"]!) JD \(conj): class \(s.visibilityClass ?? "-") against \(reference)")
            }
        }
        #expect(compared >= 100)
        print("crescent \(criterion.rawValue): \(compared) evenings, worst figure difference \(worstValue), worst time \(worstSeconds) s, classes differing \(classDiffer)")
    }

    @Test func newMoonsAreThoseOfThePhaseSearch() throws {
        let view = try EventsFixture.view()
        let changan = try EventsFixture.changan()
        let span = TimeSpan(jdTT: 1_976_000, 1_976_400)
        let newMoons = Array(try view.moonPhases(in: span)).filter { $0.detail == "new moon" }.map(\.time.jdTT)
        let sightings = Array(try view.crescentSightings(at: changan, in: span))
        #expect(newMoons.count >= 13)
        #expect(Set(sightings.map(\.newMoon.jdTT)) == Set(newMoons))
        for s in sightings {
            #expect(s.sunset.instant > s.newMoon.instant && s.bestTime.instant >= s.sunset.instant)
            #expect(s.evening >= 1 && s.evening <= 3)
        }
        // Every new moon's run ends with a visible evening unless three evenings passed.
        for jd in newMoons {
            let run = sightings.filter { $0.newMoon.jdTT == jd }
            #expect(run.last?.visible == true || run.count == 3)
            #expect(run.dropLast().allSatisfy { !$0.visible })
        }
    }

    @Test func theClassesAreThePapers() {
        // Yallop 1997 §6 and Odeh 2004 §5: the class boundaries.
        let yallop: [(Double, String)] = [(0.3, "A"), (0.216, "B"), (0.0, "B"), (-0.014, "C"), (-0.16, "D"), (-0.2, "D"),
                                          (-0.232, "E"), (-0.293, "F"), (-1, "F")]
        for (q, code) in yallop { #expect(CrescentCriterion.yallop.visibilityClass(of: q).code == code, "q \(q)") }
        let odeh: [(Double, String)] = [(5.65, "A"), (5.64, "B"), (2.0, "B"), (1.99, "C"), (-0.96, "C"), (-0.97, "D")]
        for (v, code) in odeh { #expect(CrescentCriterion.odeh.visibilityClass(of: v).code == code, "V \(v)") }
        // The papers' curves: q = 0 and V = 0 where ARCV equals their minimum arc of vision for a width.
        #expect(abs(CrescentCriterion.yallop.value(arcv: 11.8371 - 6.3226 + 0.7319 - 0.1018, width: 1)) < 1e-12)
        #expect(abs(CrescentCriterion.odeh.value(arcv: 7.1651 - 6.3226 + 0.7319 - 0.1018, width: 1)) < 1e-12)
    }

    @Test func visibilityCarriesItsDeltaTRange() throws {
        let view = try EventsFixture.view()
        let found = Array(try view.crescentSightings(at: try EventsFixture.changan(), in: TimeSpan(jdTT: 1_976_000, 1_976_120)))
        #expect(!found.isEmpty)
        for s in found {
            let dt = view.deltaT(at: s.bestTime.instant)
            #expect(s.bestTime.utSigmaSeconds >= 0 && s.bestTime.utSigmaSeconds < dt.sigma)
            #expect(s.visible == s.visibleDeltaT.contains { $0.contains(dt.seconds) }, "\(s.visibleDeltaT) against ΔT \(dt.seconds)")
        }
    }
}
