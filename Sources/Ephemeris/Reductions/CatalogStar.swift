#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SkyTime

/// A star as a catalogue gives it: position at an epoch, proper motion, parallax, radial velocity.
///
/// The defaults are those of Hipparcos-2 (van Leeuwen 2007): ICRS position at J1991.25 (TT),
/// μα* = μα cos δ and μδ in mas/yr, parallax in mas. Hipparcos has no radial velocity; give one from
/// the literature when it matters (it moves α Cen A by ~4″ at 757 CE), or leave it zero.
public struct CatalogStar: Sendable, Hashable, Codable {
    /// Catalogue identifier, e.g. "HIP 32349".
    public var name: String
    /// ICRS right ascension at `epoch`.
    public var rightAscension: Angle
    /// ICRS declination at `epoch`.
    public var declination: Angle
    /// Proper motion in right ascension times cos δ (mas/yr), as Hipparcos gives it.
    public var properMotionRA: Double
    /// Proper motion in declination (mas/yr).
    public var properMotionDec: Double
    /// Parallax (mas).
    public var parallax: Double
    /// Radial velocity (km/s, positive receding); zero when unknown.
    public var radialVelocity: Double
    /// Catalogue epoch.
    public var epoch: Instant

    /// The Hipparcos epoch J1991.25 = JD 2448349.0625 TT.
    public static let hipparcosEpoch = Instant(jdTT: 2_448_349.0625)

    /// A star from catalogue fields; the epoch defaults to Hipparcos' J1991.25 and the radial velocity to 0.
    public init(name: String, rightAscension: Angle, declination: Angle, properMotionRA: Double,
                properMotionDec: Double, parallax: Double, radialVelocity: Double = 0,
                epoch: Instant = CatalogStar.hipparcosEpoch) {
        self.name = name
        self.rightAscension = rightAscension
        self.declination = declination
        self.properMotionRA = properMotionRA
        self.properMotionDec = properMotionDec
        self.parallax = parallax
        self.radialVelocity = radialVelocity
        self.epoch = epoch
    }
}

/// Rigorous space motion of a star between two epochs, including the change of light time and the
/// relativistic Doppler relation between observed and inertial velocities.
///
/// Notes: as ERFA `pmsafe`/`starpm` — the parallax is raised to 326 × the yearly proper motion (in
/// radians, giving arcseconds) when smaller, so that no star moves faster than about 1 % of c, and to at
/// least 5×10⁻⁷″; the motion is a straight line at constant velocity.
///
/// References: Stumpff, P. 1985, A&A 144, 232; Kaplan 2005, USNO Circular 179, Sect. 3.
public enum SpaceMotion {
    private static let daysPerJulianYear = 365.25
    private static let kmPerSecondToAUPerDay = 86_400.0 / kilometresPerAU

    /// The star's place at `epoch`: (RA, Dec, parallax″, pmRA rad/yr (dα/dt), pmDec rad/yr, rv km/s),
    /// or nil when the motion is unphysical (speed ≥ c).
    public static func propagate(_ star: CatalogStar, to epoch: Instant)
        -> (ra: Double, dec: Double, parallax: Double, pmRA: Double, pmDec: Double, radialVelocity: Double)?
    {
        let masToRadians = arcsecondsToRadians / 1000
        let ra = star.rightAscension.radians, dec = star.declination.radians
        let cosDec = cos(dec)
        let pmr = cosDec != 0 ? star.properMotionRA * masToRadians / cosDec : 0
        let pmd = star.properMotionDec * masToRadians
        // Parallax floor: 326 × the yearly arc (radians) keeps the space velocity under ~1 % c.
        let yearlyArc = separation(ra, dec, ra + pmr, dec + pmd)
        let parallax = max(star.parallax / 1000, yearlyArc * 326, 5e-7)
        let (p1, v1) = inertialState(ra: ra, dec: dec, pmr: pmr, pmd: pmd, parallax: parallax, rv: star.radialVelocity)
        let c = lightAUPerDay
        let tl1 = length(p1) / c
        let dt = epoch.days(since: star.epoch)
        let p = p1 + (dt + tl1) * v1
        let r2 = dot(p, p), rdv = dot(p, v1), v2 = dot(v1, v1)
        let c2mv2 = c * c - v2
        guard c2mv2 > 0 else { return nil }
        let tl2 = (-rdv + (rdv * rdv + c2mv2 * r2).squareRoot()) / c2mv2
        return observedPlace(position: p1 + (dt + tl1 - tl2) * v1, velocity: v1)
    }

    /// Catalogue quantities → inertial position (au) and velocity (au/day) (Stumpff 1985).
    private static func inertialState(ra: Double, dec: Double, pmr: Double, pmd: Double, parallax: Double, rv: Double)
        -> (SIMD3<Double>, SIMD3<Double>)
    {
        let r = 1 / (max(parallax, 1e-7) * arcsecondsToRadians)
        let rd = rv * kmPerSecondToAUPerDay
        let rad = pmr / daysPerJulianYear, decd = pmd / daysPerJulianYear
        let sa = sin(ra), ca = cos(ra), sd = sin(dec), cd = cos(dec)
        let u = SIMD3(cd * ca, cd * sa, sd)
        let position = r * u
        var velocity = SIMD3(
            -r * (sa * cd * rad + ca * sd * decd) + ca * cd * rd,
            r * (ca * cd * rad - sa * sd * decd) + sa * cd * rd,
            r * cd * decd + sd * rd)
        if length(velocity) / lightAUPerDay > 0.5 { velocity = .zero }
        // Observed (Doppler-affected) radial and transverse speeds → inertial ones, by iteration.
        let vsr = dot(u, velocity)
        let usr = vsr * u
        let ust = velocity - usr
        let betsr = vsr / lightAUPerDay, betst = length(ust) / lightAUPerDay
        var betr = betsr, bett = betst
        var d = 0.0, del = 0.0, od = 0.0, odel = 0.0, odd = 0.0, oddel = 0.0
        for i in 0..<100 {
            d = 1 + betr
            let w = betr * betr + bett * bett
            del = -w / ((1 - w).squareRoot() + 1)
            betr = d * betsr + del
            bett = d * betst
            if i > 0 {
                let dd = abs(d - od), ddel = abs(del - odel)
                if i > 1, dd >= odd, ddel >= oddel { break }
                odd = dd
                oddel = ddel
            }
            od = d
            odel = del
        }
        return (position, d * ust + (lightAUPerDay * (d * betsr + del)) * u)
    }

    /// Inertial position and velocity → observed catalogue quantities (the inverse of `inertialState`).
    private static func observedPlace(position p: SIMD3<Double>, velocity v: SIMD3<Double>)
        -> (ra: Double, dec: Double, parallax: Double, pmRA: Double, pmDec: Double, radialVelocity: Double)?
    {
        let r = length(p)
        guard r > 0 else { return nil }
        let u = p / r
        let vr = dot(u, v)
        let ur = vr * u
        let ut = v - ur
        let betr = vr / lightAUPerDay, bett = length(ut) / lightAUPerDay
        let d = 1 + betr, w = betr * betr + bett * bett
        guard d != 0, w <= 1 else { return nil }
        let del = -w / ((1 - w).squareRoot() + 1)
        let vObs = ut / d + (lightAUPerDay * (betr - del) / d) * u
        let (ra, dec) = spherical(p)
        let rxy2 = p.x * p.x + p.y * p.y
        let rxy = rxy2.squareRoot()
        let rad = rxy2 != 0 ? (p.x * vObs.y - p.y * vObs.x) / rxy2 : 0
        let decd = rxy2 != 0 ? (vObs.z * rxy2 - p.z * (p.x * vObs.x + p.y * vObs.y)) / (r * r * rxy) : 0
        let rd = dot(p, vObs) / r
        return (ra, dec, 1 / (r * arcsecondsToRadians), rad * daysPerJulianYear, decd * daysPerJulianYear,
                rd / kmPerSecondToAUPerDay)
    }

    /// Angular separation of two directions given as spherical coordinates.
    static func separation(_ a1: Double, _ b1: Double, _ a2: Double, _ b2: Double) -> Double {
        let u = SIMD3(cos(b1) * cos(a1), cos(b1) * sin(a1), sin(b1))
        let v = SIMD3(cos(b2) * cos(a2), cos(b2) * sin(a2), sin(b2))
        return atan2(length(cross(u, v)), dot(u, v))
    }

    /// The barycentric unit direction of the star at `epoch`, with the parallax shift for an observer at
    /// barycentric position `observer` (au) — the astrometric place (ERFA `pmpx` with the motion done).
    public static func astrometricDirection(_ star: CatalogStar, at epoch: Instant, observer: SIMD3<Double>) -> SIMD3<Double>? {
        guard let place = propagate(star, to: epoch) else { return nil }
        let u = SIMD3(cos(place.dec) * cos(place.ra), cos(place.dec) * sin(place.ra), sin(place.dec))
        return unit(u - (place.parallax * arcsecondsToRadians) * observer)
    }
}
