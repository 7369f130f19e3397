import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// Occultations of Regulus by the Moon seen from Chang'an, 600–760, against Swiss Ephemeris
/// (`scripts/events_pyswisseph.py fixture-occultations`, Moshier ephemeris, its ΔT, which the test reuses).
struct OccultationTests {
    static func fixture() throws -> [[String: String]] { try EventsFixture.csv("occultations-pyswisseph.csv") }

    static let changan = Site(latitude: .degrees(34.27), longitude: .degrees(108.93), heightMeters: 400)

    @Test func everySwissEphemerisOccultationIsFoundWithItsContacts() throws {
        let view = try EventsFixture.view()
        let regulus = try EventsFixture.object("regulus")
        let rows = try Self.fixture()
        #expect(rows.count >= 20)
        var worst = 0.0
        for row in rows {
            let tt = try #require(Double(row["jd_tt"] ?? ""))
            let dt = DeltaTEstimate(seconds: try #require(Double(row["delta_t_s"] ?? "")), sigma: 0, model: "Swiss Ephemeris")
            let found = Array(try view.occultations(of: regulus, at: Self.changan, in: TimeSpan(jdTT: tt - 0.2, tt + 0.2), deltaT: dt))
            guard let o = found.first, found.count == 1 else { Issue.record("JD \(tt): found \(found.count)"); continue }
            let seconds = abs(o.minimum.jdTT - tt) * 86_400
            worst = max(worst, seconds)
            #expect(seconds < 60, "JD \(tt): minimum \(seconds) s apart")
            for (key, ours) in [("ingress_jd_tt", o.ingress), ("egress_jd_tt", o.egress)] {
                if let reference = Double(row[key] ?? ""), let ours {
                    let d = abs(ours.jdTT - reference) * 86_400
                    worst = max(worst, d)
                    #expect(d < 60, "JD \(tt): \(key) \(d) s apart")
                }
            }
        }
        print("Regulus occultations: \(rows.count) compared, worst difference \(worst) s")
    }

    @Test func everyClearOccultationFoundIsInSwissEphemeris() throws {
        let view = try EventsFixture.view()
        let rows = try Self.fixture().compactMap { Double($0["jd_tt"] ?? "") }
        let ours = Array(try view.occultations(of: try EventsFixture.object("regulus"), at: Self.changan,
                                               in: TimeSpan(jdTT: 1_940_000, 1_998_500), deltaT: DeltaTEstimate(seconds: 4300, sigma: 0, model: "fixed")))
        let clear = ours.filter { $0.moonAltitude > 2 && ($0.moonSemidiameter - $0.separation).degrees > 60.0 / 3600 }
        #expect(clear.count >= 15)
        for o in clear where o.minimum.jdTT > rows[0] - 1 && o.minimum.jdTT < rows[rows.count - 1] + 1 {
            #expect(rows.contains { abs($0 - o.minimum.jdTT) < 0.05 }, "JD \(o.minimum.jdTT) is not in Swiss Ephemeris")
        }
    }

    @Test func theMoonCannotBeOccultedByItself() throws {
        let view = try EventsFixture.view()
        #expect(throws: EventError.self) {
            try view.occultations(of: .body(.moon), at: Self.changan, in: TimeSpan(jdTT: 1_950_000, 1_950_030))
        }
    }

    @Test func visibilityCarriesItsDeltaTRange() throws {
        let view = try EventsFixture.view()
        let found = Array(try view.occultations(of: try EventsFixture.object("regulus"), at: Self.changan,
                                                in: TimeSpan(jdTT: 1_944_700, 1_944_900)))
        #expect(!found.isEmpty)
        for o in found {
            #expect(o.minimum.utSigmaSeconds > 0 && o.minimum.utSigmaSeconds < 2 * view.deltaT(at: o.minimum.instant).sigma)
        }
        for o in found where o.visible {
            let dt = view.deltaT(at: o.minimum.instant).seconds
            #expect(o.visibleDeltaT.contains { $0.contains(dt) }, "\(o.visibleDeltaT) should hold the model's ΔT \(dt)")
        }
    }
}
