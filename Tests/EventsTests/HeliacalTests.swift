import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// Heliacal phases under an arcus visionis, against Swiss Ephemeris's heliacal_ut (Schaefer's physical model,
/// `scripts/events_pyswisseph.py fixture-heliacal`), and against the definition itself.
struct HeliacalTests {
    static func fixture() throws -> [[String: String]] { try EventsFixture.csv("heliacal-pyswisseph.csv") }

    static let changan = Site(latitude: .degrees(34.27), longitude: .degrees(108.93), heightMeters: 400)

    /// The two methods differ by construction, so the test checks the difference's sign and size rather than
    /// a 1-day agreement (the issue's goal, met by `.schaefer` in `SchaeferTests`):
    ///
    /// - skyrecon judges visibility at the object's apparent rising or setting (altitude 0) with a fixed arc:
    ///   Ptolemy's for the planets, 10° for the two first-magnitude stars (the round figure of the arcus visionis
    ///   tradition). Swiss Ephemeris (Schaefer 1990s contrast model) needs the object to clear the extinction
    ///   of the lowest air, a few degrees up, which is a larger effective arc. So skyrecon's first visibility
    ///   always comes earlier and its last visibility later: 1–2 days for Sirius (−1.5 mag), 2–4 for Jupiter,
    ///   7–10 for Aldebaran (+0.9 mag, where extinction matters most), 2–4 for Venus away from the Sun, and
    ///   16–28 days for Venus's evening first and morning last near superior conjunction, where Venus's
    ///   elongation changes by only ¼° a day, so a degree of arc is four days.
    @Test func datesDifferFromSwissEphemerisOnlyAsTheCriteriaExplain() throws {
        let view = try EventsFixture.view()
        let rows = try Self.fixture()
        #expect(rows.count >= 20)
        let arcs: [String: VisibilityCriterion] = ["Sirius": .arcusVisionis(10), "Aldebaran": .arcusVisionis(10),
                                                  "Venus": .ptolemy, "Jupiter": .ptolemy]
        // The largest |difference| the explanation above allows, in days.
        let allowed: [String: Double] = ["Sirius": 4, "Jupiter": 6, "Aldebaran": 12, "Venus": 6]
        let nearSuperiorConjunction = ["evening first", "morning last"]
        var report: [String] = []
        for (name, criterion) in arcs {
            let object = try EventsFixture.object(name.lowercased())
            let ours = Array(try view.heliacalEvents(of: object, at: Self.changan, in: TimeSpan(jdTT: 1_976_700, 1_978_600),
                                                     criterion: criterion))
            for row in rows where row["object"] == name {
                let ut = try #require(Double(row["jd_ut"] ?? ""))
                let phase = row["phase"]!
                let candidates = ours.filter { $0.detail.hasPrefix(phase) }
                guard let nearest = candidates.min(by: { abs($0.time.jdUT - ut) < abs($1.time.jdUT - ut) }) else {
                    Issue.record("\(name) \(phase) near JD \(ut): not found"); continue
                }
                let days = nearest.time.jdUT - ut
                report.append(String(format: "%@ %@ JD %.1f: %+.1f d", name, phase, ut, days))
                let limit = name == "Venus" && nearSuperiorConjunction.contains(phase) ? 30 : allowed[name]!
                #expect(abs(days) <= limit, "\(name) \(phase) at JD \(ut): \(days) days from Swiss Ephemeris")
                let first = phase.contains("first")
                #expect(first ? days <= 0.5 : days >= -0.5, "\(name) \(phase): skyrecon's smaller effective arc must see it earlier (first) or later (last)")
            }
        }
        print("heliacal differences (skyrecon − Swiss Ephemeris): " + report.sorted().joined(separator: "; "))
    }

    /// Second method: on the day found the object is seen (Sun's depression ≥ arc at its apparent rising), the
    /// day before it is not.
    @Test func theMorningFirstIsTheFirstMorningTheArcIsReached() throws {
        let view = try EventsFixture.view()
        let sirius = try EventsFixture.object("sirius")
        let events = Array(try view.heliacalEvents(of: sirius, at: Self.changan, in: TimeSpan(jdTT: 1_976_700, 1_977_100),
                                                   criterion: .arcusVisionis(10)))
        let first = try #require(events.first { $0.detail.hasPrefix("morning first") })
        #expect(first.degrees! >= 10)
        let before = Array(try view.risingsAndSettings(of: sirius, at: Self.changan,
                                                       in: TimeSpan(first.time.instant.adding(days: -1.2), first.time.instant.adding(days: -0.5)),
                                                       crossing: HorizonCrossing(point: .centre))).first { $0.kind == .rise }
        let b = try #require(before)
        let sun = try view.observe(.body(.sun), at: b.time.instant, site: Self.changan)[0]
        #expect(-(sun.topocentric!.altitude.degrees) < 10)
    }
}
