import Ephemeris
import Foundation
import Sky
import SkyTime
import Testing
@testable import Events

/// Occultations by planets: three historical events (Venus occulting Regulus on 1959 July 7, Venus occulting
/// Jupiter on 1818 January 3, Venus occulting Mercury on 1737 May 28, seen by Bevis at Greenwich) found by the
/// search, and their minima and contacts against a dense scan of `SkyView.observe` (the public, slow path).
struct PlanetaryOccultationTests {
    /// Separation minus the sum of the apparent semidiameters (degrees), from `observe`.
    static func gap(_ view: SkyView, _ a: SkyObject, _ b: SkyObject, at instant: Instant, site: Site?) throws -> (gap: Double, sep: Double) {
        let oa = try view.observe(a, at: instant, site: site)[0], ob = try view.observe(b, at: instant, site: site)[0]
        let sep = (site == nil ? separation(oa.geocentricDirectionOfDate, ob.geocentricDirectionOfDate)
            : separation(oa.directionOfDate, ob.directionOfDate)).degrees
        func radius(_ o: Observation, _ object: SkyObject) -> Double {
            guard case .body(let body) = object else { return 0 }
            let d = (site == nil ? o.apparent.distance : o.topocentric?.distance) ?? .infinity
            return asin(radiusKm(body) / (d * kilometresPerAU)) * 180 / .pi
        }
        return (sep - radius(oa, a) - radius(ob, b), sep)
    }

    /// Minimum and contacts by brute force: samples every 10 s over ±`halfWidth` days of `centre`.
    static func denseContacts(_ view: SkyView, _ a: SkyObject, _ b: SkyObject, centre: Double, halfWidth: Double,
                              site: Site?) throws -> (minimum: Double, ingress: Double?, egress: Double?) {
        let step = 10.0 / 86_400
        var samples: [(jd: Double, gap: Double, sep: Double)] = []
        var t = centre - halfWidth
        while t <= centre + halfWidth {
            let g = try gap(view, a, b, at: Instant(jdTT: t), site: site)
            samples.append((t, g.gap, g.sep))
            t += step
        }
        let k = samples.indices.min { samples[$0].sep < samples[$1].sep }!
        // Vertex of the parabola through the three samples around the least separation.
        let (y0, y1, y2) = (samples[k - 1].sep, samples[k].sep, samples[k + 1].sep)
        let minimum = samples[k].jd + step * (y0 - y2) / (2 * (y0 - 2 * y1 + y2))
        func crossing(_ i: Int) -> Double {
            let (p, q) = (samples[i], samples[i + 1])
            return p.jd + (q.jd - p.jd) * p.gap / (p.gap - q.gap)
        }
        let ingress = (0..<k).last { samples[$0].gap > 0 && samples[$0 + 1].gap <= 0 }.map(crossing)
        let egress = (k..<(samples.count - 1)).first { samples[$0].gap <= 0 && samples[$0 + 1].gap > 0 }.map(crossing)
        return (minimum, ingress, egress)
    }

    static func check(_ occulter: String, _ target: String, from: Double, to: Double, site: Site?, expectedJD: Double) throws
        -> PlanetaryOccultation? {
        let view = try EventsFixture.view()
        let a = try EventsFixture.object(occulter), b = try EventsFixture.object(target)
        let found = Array(try view.occultations(of: b, by: a, site: site, in: TimeSpan(jdTT: from, to)))
        #expect(found.count == 1, "\(occulter)–\(target): \(found.map(\.minimum.jdTT))")
        guard let o = found.first else { return nil }
        #expect(abs(o.minimum.jdTT - expectedJD) < 0.05, "\(occulter)–\(target) at JD \(o.minimum.jdTT)")
        let dense = try denseContacts(view, a, b, centre: o.minimum.jdTT, halfWidth: 0.1, site: site)
        #expect(abs(dense.minimum - o.minimum.jdTT) * 86_400 < 10, "minimum \(dense.minimum) vs \(o.minimum.jdTT)")
        for (ours, reference, name) in [(o.ingress?.jdTT, dense.ingress, "ingress"), (o.egress?.jdTT, dense.egress, "egress")] {
            let ours = try #require(ours, "\(name) missing"), reference = try #require(reference, "dense \(name) missing")
            #expect(abs(ours - reference) * 86_400 < 10, "\(name) \(ours) vs \(reference)")
        }
        return o
    }

    @Test func venusOccultedRegulusIn1959() throws {
        // 1959 July 7 about 14:30 UT (geocentric), the occultation used to probe Venus's atmosphere.
        let o = try #require(try Self.check("venus", "regulus", from: 2_436_570, to: 2_436_935, site: nil, expectedJD: 2_436_757.1))
        #expect(o.occulter == .venus && o.target.hip == 49669 && o.total && o.visible == nil)
        #expect(o.minimum.utSigmaSeconds == o.minimum.deltaT.sigma)
    }

    @Test func venusOccultedJupiterIn1818() throws {
        let o = try #require(try Self.check("venus", "jupiter", from: 2_385_070, to: 2_385_100, site: nil, expectedJD: 2_385_073.4))
        // Venus near superior conjunction (5″) in front of Jupiter (16″): a partial occultation.
        #expect(o.occulter == .venus && !o.total)
    }

    @Test func venusOccultedMercuryIn1737SeenFromGreenwich() throws {
        let greenwich = Site(latitude: .degrees(51.4769), longitude: .degrees(-0.0005), heightMeters: 46)
        // Named the other way round: the nearer planet is reported as the occulter.
        let o = try #require(try Self.check("mercury", "venus", from: 2_355_610, to: 2_355_670, site: greenwich, expectedJD: 2_355_634.4))
        #expect(o.occulter == .venus && o.target.body == .mercury && o.object == "Mercury")
        #expect(o.visible == true, "Bevis saw it low in the evening twilight")
        let dt = try EventsFixture.view().deltaT(at: o.minimum.instant).seconds
        #expect(o.visibleDeltaT.contains { $0.contains(dt) })
    }

    @Test func everyOccultationOfADenseScanIsFound() throws {
        // Geocentric minima of Venus–Regulus under 0.01° in 1950–1960 by the dense approach scan, each an
        // occultation exactly when its separation is under Venus's semidiameter.
        let view = try EventsFixture.view()
        let span = TimeSpan(jdTT: 2_433_282, 2_436_935)
        let venus = try EventsFixture.object("venus"), regulus = try EventsFixture.object("regulus")
        let dense = try ApproachTests.denseMinima(view, venus, regulus, span: span, step: 0.1, ceiling: 0.01)
        let ours = Array(try view.occultations(of: regulus, by: venus, in: span))
        #expect(!dense.isEmpty)
        for d in dense {
            let g = try Self.gap(view, venus, regulus, at: Instant(jdTT: d.jd), site: nil)
            #expect(ours.contains { abs($0.minimum.jdTT - d.jd) < 0.001 } == (g.gap < 0), "JD \(d.jd): gap \(g.gap)")
        }
        #expect(ours.count == dense.filter { (try? Self.gap(view, venus, regulus, at: Instant(jdTT: $0.jd), site: nil).gap < 0) == true }.count)
    }

    @Test func onlyPlanetsOccultHere() throws {
        let view = try EventsFixture.view()
        let span = TimeSpan(jdTT: 2_436_570, 2_436_600)
        #expect(throws: EventError.self) { try view.occultations(of: try EventsFixture.object("regulus"), by: try EventsFixture.object("sirius"), in: span) }
        #expect(throws: EventError.self) { try view.occultations(of: .body(.sun), by: .body(.venus), in: span) }
        #expect(throws: EventError.self) { try view.occultations(of: .body(.venus), by: .body(.venus), in: span) }
    }
}
