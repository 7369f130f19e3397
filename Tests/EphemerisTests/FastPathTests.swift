import Foundation
import SkyTime
import Testing
import TestSupport
@testable import Ephemeris

private let compactFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Catalogs/\(CompactEphemeris.fileName)")
private let haveCompactFile = FileManager.default.fileExists(atPath: compactFile.path)

/// One microarcsecond in radians: the tolerance for every shortcut that must not change the results.
private let microarcsecond = Double.pi / 648_000 / 1e6

/// The shortcuts taken for speed give the results of the straightforward computations.
@Suite("Fast paths of the reductions")
struct FastPathTests {
    /// ERFA 2.0.1 `eraNut00b(jd, 0)` (through pyerfa 2.0.1.5) over the span of DE422: checks the term table,
    /// its summation order and the exact argument reduction where the arguments reach 10¹¹″.
    @Test("IAU 2000B nutation within 1 µas of ERFA nut00b from −3000 to +3000", arguments: [
        (625_700.5, 4.1350884063137104e-05, 3.543303597011037e-05),
        (990_000.25, -7.418844386441431e-05, -2.3509058676363882e-05),
        (1_355_000.75, 6.160114817934307e-05, -2.510360859980875e-05),
        (1_720_000.5, 3.100721785028964e-05, 4.19765304055269e-05),
        (2_086_000.125, -4.958180830630232e-05, 3.490099674648156e-05),
        (2_451_545.0, -6.754261253992235e-05, -2.7970923310985653e-05),
        (2_816_000.5, 7.603811685041324e-05, -2.5426172900356167e-06),
    ])
    func nutationAgainstERFA(jd: Double, dpsi: Double, deps: Double) {
        let angles = Nutation2000B.angles(centuries: (jd - 2_451_545.0) / 36_525)
        #expect(abs(angles.dpsi - dpsi) < microarcsecond)
        #expect(abs(angles.deps - deps) < microarcsecond)
    }

    /// The batch's `geocentricPlace` (the compact ephemeris' records decoded once for the light-time reads too)
    /// gives `places` to the last bit: the speed-up must not change a printed digit.
    @Test("A body's geocentric place as numbers equals places(_:at:) bit for bit",
          .enabled(if: haveCompactFile, "Catalogs/\(CompactEphemeris.fileName) is absent"))
    func geocentricPlaceEqualsPlaces() throws {
        let reducer = Reducer(ephemeris: try CompactEphemeris(url: compactFile))
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<400 {
            let jd = 1_721_423.5 + 730_121 * Double(generator.next() >> 11) / 0x1p53
            let instant = Instant(jdTT: jd.rounded(.down), jd - jd.rounded(.down))
            for body in [Body.moon, .sun, .mercury, .venus, .mars, .jupiter, .saturn, .neptune, .pluto] {
                let place = try reducer.geocentricPlace(of: body, at: instant)
                let (_, astrometric, apparent) = try reducer.places([.body(body)], at: instant)
                #expect(place.astrometricRA == astrometric[0].rightAscension.radians
                        && place.astrometricDec == astrometric[0].declination.radians
                        && place.distance == astrometric[0].distance
                        && place.apparentRA == apparent[0].rightAscension.radians
                        && place.apparentDec == apparent[0].declination.radians
                        && place.eclipticLongitude == apparent[0].eclipticLongitude.radians
                        && place.eclipticLatitude == apparent[0].eclipticLatitude.radians, "\(body) at JD \(jd)")
            }
        }
    }

    @Test("The nutation series' argument combinations fit their stack buffer")
    func nutationCombinationsFit() {
        let combinations = Nutation2000B.combinations
        #expect(combinations.outer.count + combinations.inner.count <= Nutation2000B.combinationCapacity)
        #expect(combinations.single.count + combinations.paired.count == 77)
    }

    /// Vondrák et al. 2011, Tables 1–2 summed term by term (`equatorPole`, `eclipticPole`) against the
    /// piecewise Chebyshev fit the frame of date uses, at 40,001 dates over ±200 centuries (segment
    /// ends included, where a fit is worst).
    @Test("Precession poles from the fit agree with the term-by-term sums to 1 µas over ±200 centuries")
    func precessionFit() {
        var worst = 0.0
        for i in 0...40_000 {
            let t = -200 + Double(i) * 0.01
            let (equator, ecliptic) = LongTermPrecession.poles(centuries: t)
            worst = max(worst, length(equator - LongTermPrecession.equatorPole(centuries: t)),
                        length(ecliptic - LongTermPrecession.eclipticPole(centuries: t)))
        }
        #expect(worst < microarcsecond, "largest difference \(worst / microarcsecond) µas")
        // Outside the fitted span the sums are used as they are.
        let far = LongTermPrecession.poles(centuries: 1_000)
        #expect(far.equator == LongTermPrecession.equatorPole(centuries: 1_000))
        #expect(far.ecliptic == LongTermPrecession.eclipticPole(centuries: 1_000))
    }

    @Test("sineCosine and smallAngle equal sin, cos and atan2 to rounding")
    func smallAngleSeries() {
        for x in [0.0, 1e-12, -3e-9, 4.2e-6, -8.3e-5, 9.99e-4, -0.5, 2.0] {
            let (s, c) = sineCosine(x)
            #expect(abs(s - sin(x)) <= 2 * Double.ulpOfOne * abs(sin(x)))
            #expect(abs(c - cos(x)) <= 2 * Double.ulpOfOne)
            let y = abs(x)
            #expect(abs(smallAngle(y, 0.7) - atan2(y, 0.7)) <= 2 * Double.ulpOfOne * atan2(y, 0.7))
        }
    }

    /// The compact ephemeris reads the Earth, Sun and target records together; the results must be the
    /// states of `state(of:)`, bit for bit (the same arithmetic on the same coefficients).
    @Test("Compact ephemeris: geocentricStates and position(of:) equal state(of:)",
          .enabled(if: haveCompactFile, "Catalogs/\(CompactEphemeris.fileName) is absent"))
    func geocentricStatesAgree() throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        var generator = SystemRandomNumberGenerator()
        let bodies: [Body?] = [nil, .sun, .moon, .earth, .earthMoonBarycenter, .mercury, .venus, .mars, .jupiter,
                               .saturn, .uranus, .neptune, .pluto]
        for _ in 0..<300 {
            let tdb = (Double.random(in: ephemeris.coverage, using: &generator).rounded(.down), Double.random(in: 0..<1))
            guard tdb.0 + tdb.1 <= ephemeris.coverage.upperBound else { continue }
            for body in bodies {
                let together = try ephemeris.geocentricStates(tdb: tdb, target: body)
                #expect(together.earth == (try ephemeris.state(of: .earth, tdb: tdb)))
                #expect(together.sun == (try ephemeris.state(of: .sun, tdb: tdb).position))
                #expect(together.target == (try body.map { try ephemeris.state(of: $0, tdb: tdb) }))
                if let body {
                    let position = try ephemeris.position(of: body, tdb: tdb)
                    #expect(position == (try ephemeris.state(of: body, tdb: tdb).position))
                }
            }
        }
        #expect(throws: EphemerisError.self) {
            try ephemeris.geocentricStates(tdb: (ephemeris.coverage.upperBound + 1, 0), target: .venus)
        }
    }

    /// A single target goes through `geocentricStates(tdb:target:)`, a list through `state(of:)`: both
    /// must give the same place.
    @Test("Single-target and list apparent places agree to 1 µas",
          .enabled(if: haveCompactFile, "Catalogs/\(CompactEphemeris.fileName) is absent"))
    func singleAndListAgree() throws {
        let reducer = Reducer(ephemeris: try CompactEphemeris(url: compactFile))
        let targets: [Target] = [.body(.sun), .body(.moon), .body(.mercury), .body(.venus), .body(.mars),
                                 .body(.jupiter), .body(.saturn), .body(.uranus), .body(.neptune), .body(.pluto)]
        for jd in stride(from: 626_000.5, to: 2_816_000, by: 97_531.37) {
            let instant = Instant(jdTT: jd)
            let list = try reducer.apparent(targets, at: instant)
            for (target, listed) in zip(targets, list) {
                let single = try reducer.apparent(target, at: instant)
                #expect(abs(single.rightAscension.radians - listed.rightAscension.radians) < microarcsecond)
                #expect(abs(single.declination.radians - listed.declination.radians) < microarcsecond)
                #expect(single.models == listed.models)
                let astrometric = try reducer.astrometric(target, at: instant)
                #expect(abs((astrometric.distance ?? 0) - (single.distance ?? 1)) < 1e-12)
            }
        }
        #expect(throws: ReductionError.targetIsObserver) { try reducer.apparent(.body(.earth), at: Instant(jdTT: 2_451_545)) }
    }

    /// `directionsOfDate`, what event searches evaluate, is the unit vector of the places' right ascension and
    /// declination (topocentric from a site, geocentric apparent without one), for bodies and a star over the span.
    @Test("Directions of date equal the places' right ascension and declination",
          .enabled(if: haveCompactFile, "Catalogs/\(CompactEphemeris.fileName) is absent"))
    func directionsOfDateAgree() throws {
        let reducer = Reducer(ephemeris: try CompactEphemeris(url: compactFile))
        let regulus = CatalogStar(name: "HIP 49669", rightAscension: .radians(2.6545337495), declination: .radians(0.2088669583),
                                  properMotionRA: -248.73, properMotionDec: 5.59, parallax: 41.13, radialVelocity: 5.9)
        let targets: [Target] = [.body(.moon), .star(regulus), .body(.sun), .body(.venus), .body(.jupiter)]
        let site = GeodeticSite(longitude: .degrees(108.93), latitude: .degrees(34.27), height: 400)
        var worst = 0.0
        for jd in stride(from: 626_000.5, to: 2_816_000, by: 48_765.43) {
            let instant = Instant(jdTT: jd)
            let deltaT = 3_000.0 * (1 - (jd - 2_451_545) / 1_800_000)
            let topocentric = try reducer.topocentric(targets, at: instant, deltaT: deltaT, site: site, atmosphere: .none)
            let apparent = try reducer.apparent(targets, at: instant)
            let fromSite = try reducer.directionsOfDate(targets, at: instant, deltaT: deltaT, site: site)
            let fromCentre = try reducer.directionsOfDate(targets, at: instant, deltaT: deltaT, site: nil)
            for k in targets.indices {
                for (place, u) in [((topocentric[k].rightAscension, topocentric[k].declination), fromSite[k]),
                                   ((apparent[k].rightAscension, apparent[k].declination), fromCentre[k])] {
                    let (ra, dec) = (place.0.radians, place.1.radians)
                    let v = SIMD3(cos(dec) * cos(ra), cos(dec) * sin(ra), sin(dec))
                    worst = max(worst, ((v - u) * (v - u)).sum().squareRoot())
                }
            }
        }
        #expect(worst < 1e-15, "directions differ by \(worst) rad")
    }
}
