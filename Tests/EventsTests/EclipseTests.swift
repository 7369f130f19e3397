import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// Eclipses against Swiss Ephemeris (pyswisseph, Moshier ephemeris, its own ΔT), whose results
/// `scripts/events_pyswisseph.py fixture-eclipses` wrote to Fixtures/eclipses-pyswisseph.csv with their provenance.
struct EclipseTests {
    static func fixture() throws -> [[String: String]] { try EventsFixture.csv("eclipses-pyswisseph.csv") }

    @Test func typesAndGreatestEclipseAgreeWithSwissEphemeris() throws {
        let view = try EventsFixture.view()
        let rows = try Self.fixture().filter { $0["body"] == "solar" || $0["body"] == "lunar" }
        #expect(rows.count >= 50)
        var worst = 0.0
        var mismatches: [String] = []
        for row in rows {
            let jd = try #require(Double(row["jd_tt"] ?? ""))
            let solar = row["body"] == "solar"
            let found = Array(try view.eclipses(in: TimeSpan(jdTT: jd - 1, jd + 1), solar: solar, lunar: !solar))
            guard found.count == 1, let e = found.first else {
                Issue.record("\(row["body"]!) eclipse at JD \(jd): found \(found.count)")
                continue
            }
            let seconds = abs(e.greatest.jdTT - jd) * 86_400
            worst = max(worst, seconds)
            #expect(seconds < 60, "\(e.typeName) at JD \(jd): \(seconds) s from Swiss Ephemeris")
            if e.kind.rawValue != row["type_or_id"] { mismatches.append("JD \(jd): \(e.typeName) vs \(row["type_or_id"]!) (γ \(e.gamma))") }
        }
        // None missed, none extra: the fixture holds runs of four consecutive eclipses of each kind.
        var runs: [[Double]] = []
        var previousBody = ""
        for row in rows {
            let jd = Double(row["jd_tt"] ?? "") ?? 0
            if row["body"] != previousBody || runs.last!.count == 4 { runs.append([]) }
            runs[runs.count - 1].append(jd)
            previousBody = row["body"]!
        }
        for (i, run) in runs.enumerated() {
            let solar = rows.first { Double($0["jd_tt"] ?? "") == run[0] }?["body"] == "solar"
            let ours = Array(try view.eclipses(in: TimeSpan(jdTT: run[0] - 0.5, run[run.count - 1] + 0.5), solar: solar, lunar: !solar))
            #expect(ours.count == run.count, "run \(i): \(ours.count) eclipses found, Swiss Ephemeris has \(run.count)")
        }
        print("eclipses: \(rows.count) compared, worst greatest-eclipse difference \(worst) s; type mismatches: \(mismatches)")
        #expect(mismatches.isEmpty)
    }

    /// Chang'an local circumstances of the solar-eclipse records of ../shared/corpus/records-dev.tsv, with the
    /// ΔT Swiss Ephemeris used (so that only the geometry is compared).
    @Test func localCircumstancesAtChanganAgreeWithSwissEphemeris() throws {
        let view = try EventsFixture.view()
        let changan = Site(latitude: .degrees(34.27), longitude: .degrees(108.93), heightMeters: 400)
        let rows = try Self.fixture().filter { $0["body"] == "local-solar" }
        guard !rows.isEmpty else {
            print("skipped: the fixture has no local rows (../shared/corpus/records-dev.tsv was absent when it was made)")
            return
        }
        var visibleCount = 0
        for row in rows {
            let id = row["type_or_id"]!
            let dt = DeltaTEstimate(seconds: try #require(Double(row["delta_t_s"] ?? "")), sigma: 0, model: "Swiss Ephemeris")
            let ut = try #require(Double(row["jd_ut"] ?? ""))
            let centre = Double(row["jd_tt"] ?? "") ?? ut
            let eclipses = Array(try view.eclipses(in: TimeSpan(jdTT: centre - 3, centre + 3), lunar: false))
            let locals = try eclipses.map { try view.localCircumstances(of: $0, at: changan, deltaT: dt) }
            let seen = locals.first { $0.visible }
            guard let tt = Double(row["jd_tt"] ?? "") else {
                #expect(seen == nil, "\(id): Swiss Ephemeris sees no eclipse from Chang'an, skyrecon does")
                continue
            }
            visibleCount += 1
            guard let local = seen else { Issue.record("\(id): Swiss Ephemeris sees an eclipse, skyrecon does not"); continue }
            if row["max_visible"] == "0" {
                // Swiss Ephemeris then reports the moment and magnitude at sunrise or sunset; skyrecon the geometric
                // maximum, below the horizon: check that much, and the contacts below.
                #expect((local.altitudes["max"] ?? 90) < 0.5, "\(id): Swiss Ephemeris says the maximum was below the horizon")
            } else {
            #expect(abs(local.maximum.jdTT - tt) * 86_400 < 60, "\(id): maximum \((local.maximum.jdTT - tt) * 86_400) s")
            #expect(abs(local.magnitude - Double(row["magnitude"]!)!) < 0.01, "\(id): magnitude \(local.magnitude) vs \(row["magnitude"]!)")
            #expect(abs((local.obscuration ?? 0) - Double(row["obscuration"]!)!) < 0.01, "\(id): obscuration")
            }
            if let c1 = Double(row["c1_jd_tt"] ?? ""), let ours = local.contacts["C1"] {
                #expect(abs(ours.jdTT - c1) * 86_400 < 60, "\(id): C1 \((ours.jdTT - c1) * 86_400) s")
            }
            if let c4 = Double(row["c4_jd_tt"] ?? ""), let ours = local.contacts["C4"] {
                #expect(abs(ours.jdTT - c4) * 86_400 < 60, "\(id): C4 \((ours.jdTT - c4) * 86_400) s")
            }
        }
        #expect(visibleCount >= 10)
    }

    @Test func visibilityCarriesItsDeltaTRange() throws {
        let view = try EventsFixture.view()
        let changan = try EventsFixture.changan()
        // The annular? eclipse of 0627-10-15 (a 新唐書 record): seen from Chang'an for the model's ΔT.
        let e = try #require(Array(try view.eclipses(in: TimeSpan(jdTT: 1_950_354, 1_950_358), lunar: false)).first)
        let local = try view.localCircumstances(of: e, at: changan)
        #expect(local.visible)
        let dt = view.deltaT(at: e.greatest.instant)
        #expect(local.visibleDeltaT.contains { $0.contains(dt.seconds) })
        // The local maximum moves in UT with ΔT: the site slides along the shadow's track by the Earth's rotation
        // in σ, and the shadow outruns the ground by a factor of order one, so the spread is of the order of σ.
        #expect(local.maximum.utSigmaSeconds > 0.1 * dt.sigma && local.maximum.utSigmaSeconds < 3 * dt.sigma, "\(local.maximum.utSigmaSeconds)")
    }
}
