import Foundation
import Testing
import SkyTime
@testable import Ephemeris

/// The algorithms against the published test values of ERFA (liberfa/erfa `src/t_erfa_c.c`, the same
/// values as SOFA's `t_sofa_c.c`), each with ERFA's own tolerance.
@Suite("Reductions: ERFA published test values")
struct ReductionTests {
    static func expectMatrix(_ m: Matrix3, _ expected: [[Double]], tolerance: Double, _ name: String) {
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(abs(m[i, j] - expected[i][j]) <= tolerance, "\(name)[\(i)][\(j)] = \(m[i, j]), ERFA \(expected[i][j])")
            }
        }
    }

    static func expectVector(_ v: SIMD3<Double>, _ expected: [Double], tolerance: Double, _ name: String) {
        for i in 0..<3 {
            #expect(abs(v[i] - expected[i]) <= tolerance, "\(name)[\(i)] = \(v[i]), ERFA \(expected[i])")
        }
    }

    static func centuries(ofEpoch epj: Double) -> Double { (epj - 2000) / 100 }

    @Test("t_ltpecl: ecliptic pole at −1500")
    func eclipticPole() {
        let v = LongTermPrecession.eclipticPole(centuries: Self.centuries(ofEpoch: -1500))
        Self.expectVector(v, [0.4768625676477096525e-3, -0.4052259533091875112, 0.9142164401096448012], tolerance: 1e-14, "ltpecl")
    }

    @Test("t_ltpequ: equator pole at −2500")
    func equatorPole() {
        let v = LongTermPrecession.equatorPole(centuries: Self.centuries(ofEpoch: -2500))
        Self.expectVector(v, [-0.3586652560237326659, -0.1996978910771128475, 0.9118552442250819624], tolerance: 1e-14, "ltpequ")
    }

    @Test("t_ltp: precession matrix at 1666.666")
    func precessionMatrix() {
        let m = LongTermPrecession.precessionMatrix(centuries: Self.centuries(ofEpoch: 1666.666))
        Self.expectMatrix(m, [
            [0.9967044141159213819, 0.7437801893193210840e-1, 0.3237624409345603401e-1],
            [-0.7437802731819618167e-1, 0.9972293894454533070, -0.1205768842723593346e-2],
            [-0.3237622482766575399e-1, -0.1206286039697609008e-2, 0.9994750246704010914],
        ], tolerance: 1e-14, "ltp")
    }

    @Test("t_ltpb: bias-precession matrix at 1666.666")
    func biasPrecessionMatrix() {
        let m = LongTermPrecession.biasPrecessionMatrix(centuries: Self.centuries(ofEpoch: 1666.666))
        Self.expectMatrix(m, [
            [0.9967044167723271851, 0.7437794731203340345e-1, 0.3237632684841625547e-1],
            [-0.7437795663437177152e-1, 0.9972293947500013666, -0.1205741865911243235e-2],
            [-0.3237630543224664992e-1, -0.1206316791076485295e-2, 0.9994750220222438819],
        ], tolerance: 1e-14, "ltpb")
    }

    @Test("LTP mean obliquity at J2000 is ε₀ = 84381.406″ (Vondrák et al. 2011, eq. 8 and Table 3)")
    func obliquityAtJ2000() {
        #expect(abs(LongTermPrecession.meanObliquity(centuries: 0).arcseconds - 84_381.406) < 0.001)
    }

    @Test("t_nut00b: IAU 2000B nutation at MJD 53736")
    func nutation() {
        let t = ((2_400_000.5 - 2_451_545.0) + 53_736.0) / 36_525
        let (dpsi, deps) = Nutation2000B.angles(centuries: t)
        #expect(abs(dpsi - -0.9632552291148362783e-5) <= 1e-13)
        #expect(abs(deps - 0.4063197106621159367e-4) <= 1e-13)
    }

    @Test("t_era00: Earth rotation angle at MJD 54388 UT1")
    func earthRotationAngle() {
        #expect(abs(EarthRotation.rotationAngle(ut1Whole: 2_400_000.5, ut1Fraction: 54_388.0) - 0.4022837240028158102) <= 1e-12)
    }

    @Test("t_eors: equation of the origins from an NPB matrix and s")
    func equationOfOrigins() {
        let m = Matrix3(
            SIMD3(0.9999989440476103608, -0.1332881761240011518e-2, -0.5790767434730085097e-3),
            SIMD3(0.1332858254308954453e-2, 0.9999991109044505944, -0.4097782710401555759e-4),
            SIMD3(0.5791308472168153320e-3, 0.4020595661593994396e-4, 0.9999998314954572365))
        #expect(abs(EarthRotation.equationOfOrigins(npb: m, s: -0.1220040848472271978e-7) - -0.1332882715130744606e-2) <= 1e-14)
    }

    @Test("GAST (long-term precession + 2000B) within 1 mas of t_gst06a at MJD 53736 (2000B vs 2000A ≤ 1 mas)")
    func siderealTimeNearJ2000() {
        let instant = Instant(jdTT: 2_400_000.5, 53_736.0)
        let gast = EquatorOfDate(instant).apparentSiderealTime(ut1Whole: 2_400_000.5, ut1Fraction: 53_736.0)
        #expect(abs(gast - 1.754166137675019159) * 648_000 / .pi < 0.001)
    }

    @Test("t_gd2gc: WGS84 geodetic to geocentric")
    func geodeticToGeocentric() {
        let site = GeodeticSite(longitude: .radians(3.1), latitude: .radians(-0.5), height: 2500)
        Self.expectVector(site.geocentricPosition, [-5599000.5577049947, 233011.67223479203, -3040909.4706983363], tolerance: 1e-7, "gd2gc")
    }

    @Test("t_ld: light deflection by a body")
    func deflection() {
        let p = SIMD3(-0.763276255, -0.608633767, -0.216735543)
        let e = SIMD3(0.76700421, 0.605629598, 0.211937094)
        let p1 = Astrometry.deflect(direction: p, fromBody: p, toObserver: e, distance: 8.91276983, massRatio: 0.00028574, limiter: 3e-10)
        Self.expectVector(p1, [-0.7632762548968159627, -0.6086337670823762701, -0.2167355431320546947], tolerance: 1e-12, "ld")
    }

    @Test("t_ldsun: light deflection by the Sun")
    func deflectionBySun() {
        let p = SIMD3(-0.763276255, -0.608633767, -0.216735543)
        let e = SIMD3(-0.973644023, -0.20925523, -0.0907169552)
        let p1 = Astrometry.deflectBySun(direction: p, sunToObserver: e, distance: 0.999809214)
        Self.expectVector(p1, [-0.7632762580731413169, -0.6086337635262647900, -0.2167355419322321302], tolerance: 1e-12, "ldsun")
    }

    @Test("t_ab: relativistic aberration")
    func aberration() {
        let p = SIMD3(-0.76321968546737951, -0.60869453983060384, -0.21676408580639883)
        let v = SIMD3(2.1044018893653786e-5, -8.9108923304429319e-5, -3.8633714797716569e-5)
        let r = Astrometry.aberrate(direction: p, velocity: v, sunDistance: 0.99980921395708788)
        Self.expectVector(r, [-0.7631631094219556269, -0.6087553082505590832, -0.2167926269368471279], tolerance: 1e-12, "ab")
    }

    /// Inputs in ERFA's units (radians, dα/dt rad/yr, arcsec) converted to a Hipparcos-style CatalogStar.
    static func star(ra: Double, dec: Double, pmr: Double, pmd: Double, px: Double, rv: Double, epoch: Instant) -> CatalogStar {
        let radiansToMas = 648_000_000 / Double.pi
        return CatalogStar(name: "test", rightAscension: .radians(ra), declination: .radians(dec),
                           properMotionRA: pmr * cos(dec) * radiansToMas, properMotionDec: pmd * radiansToMas,
                           parallax: px * 1000, radialVelocity: rv, epoch: epoch)
    }

    @Test("t_pmsafe: space motion with the parallax safeguard")
    func pmsafe() throws {
        let s = Self.star(ra: 1.234, dec: 0.789, pmr: 1e-5, pmd: -2e-5, px: 1e-2, rv: 10, epoch: Instant(jdTT: 2_400_000.5, 48_348.5625))
        let r = try #require(SpaceMotion.propagate(s, to: Instant(jdTT: 2_400_000.5, 51_544.5)))
        #expect(abs(r.ra - 1.234087484501017061) <= 1e-12)
        #expect(abs(r.dec - 0.7888249982450468567) <= 1e-12)
        #expect(abs(r.pmRA - 0.9996457663586073988e-5) <= 1e-12)
        #expect(abs(r.pmDec - -0.2000040085106754565e-4) <= 1e-16)
        #expect(abs(r.parallax - 0.9999997295356830666e-2) <= 1e-12)
        #expect(abs(r.radialVelocity - 10.38468380293920069) <= 1e-10)
    }

    @Test("t_starpm: space motion of Barnard-like fast star")
    func starpm() throws {
        let s = Self.star(ra: 0.01686756, dec: -1.093989828, pmr: -1.78323516e-5, pmd: 2.336024047e-6, px: 0.74723, rv: -21.6,
                          epoch: Instant(jdTT: 2_400_000.5, 50_083.0))
        let r = try #require(SpaceMotion.propagate(s, to: Instant(jdTT: 2_400_000.5, 53_736.0)))
        #expect(abs(r.ra - 0.01668919069414256149) <= 1e-13)
        #expect(abs(r.dec - -1.093966454217127897) <= 1e-13)
        #expect(abs(r.pmRA - -0.1783662682153176524e-4) <= 1e-17)
        #expect(abs(r.pmDec - 0.2338092915983989595e-5) <= 1e-17)
        #expect(abs(r.parallax - 0.7473533835317719243) <= 1e-13)
        #expect(abs(r.radialVelocity - -21.59905170476417175) <= 1e-11)
    }

    @Test("Saemundsson refraction: 1.02′/tan(h + 10.3/(h + 5.11)) at 1010 hPa, 10 °C; scaled; off below −2° and for .none")
    func refraction() {
        let h = Angle(degrees: 10)
        let expected = 1.02 / tan((10 + 10.3 / 15.11) * .pi / 180) / 60
        #expect(abs(Atmosphere.standard.refraction(trueAltitude: h).degrees - expected) < 1e-15)
        let thin = Atmosphere(pressure: 505, temperature: 10)
        #expect(abs(thin.refraction(trueAltitude: h).degrees - expected / 2) < 1e-15)
        #expect(Atmosphere.standard.refraction(trueAltitude: .degrees(-2.5)).radians == 0)
        #expect(Atmosphere.none.refraction(trueAltitude: h).radians == 0)
        // Meeus (1998) Ch. 16: about 29′ at the horizon.
        #expect(abs(Atmosphere.standard.refraction(trueAltitude: .degrees(0)).degrees * 60 - 29) < 1)
    }

    @Test("t_hd2ae: hour angle and declination to azimuth and altitude")
    func horizon() {
        let (az, alt) = Horizon.azimuthAltitude(hourAngle: 1.1, declination: 1.2, latitude: 0.3)
        #expect(abs(az - 5.916889243730066194) <= 1e-13)
        #expect(abs(alt - 0.4472186304990486228) <= 1e-14)
    }
}

@Suite("Sidereal time pieces")
struct SiderealPiecesTests {
    /// GMST near J2000 from the long-term model agrees with ERFA's t_gmst06 value (1.754174971870091203
    /// rad at UT1 = TT = MJD 53736) to 0.1 mas, the LTP/IAU 2006 difference there.
    @Test("GMST within 0.1 mas of t_gmst06 at MJD 53736")
    func gmst() {
        let frame = EquatorOfDate(Instant(jdTT: 2_400_000.5, 53_736.0))
        let gmst = frame.meanSiderealTime(ut1Whole: 2_400_000.5, ut1Fraction: 53_736.0)
        #expect(abs(gmst - 1.754174971870091203) * 648_000 / .pi < 0.0001)
    }

    @Test("The site's celestial velocity is ω × r: 465 m/s × cos φ at the equator's speed")
    func siteVelocity() {
        let site = GeodeticSite(longitude: .degrees(0), latitude: .degrees(60), height: 0)
        let (p, v) = site.celestialState(celestialToTerrestrial: .identity)
        let speed = (v * v).sum().squareRoot() * kilometresPerAU * 1000 / 86_400
        let radius = (p.x * p.x + p.y * p.y).squareRoot() * kilometresPerAU * 1000
        #expect(abs(speed - radius * 2 * .pi * 1.00273781191135448 / 86_400) < 1e-9)
        #expect(abs(speed - 233.3) < 1)
    }
}
