import Foundation

/// The equation of time, apparent minus mean solar time, from a compact solar theory.
///
/// E is the hour angle of the true Sun minus that of the mean Sun: E = α☉ₘ + Δψ cos ε − α☉, where
/// the mean Sun's right ascension α☉ₘ = GMST − UT1 − 12h follows from the definition of UT1 (Earth
/// rotation angle, IERS Conventions 2010 eq. 5.15, with the IAU 2006 GMST polynomial, eq. 5.32) and
/// the true Sun's apparent right ascension α☉ from the low-accuracy solar formulae of Meeus ch. 25
/// (eqs. 25.2–25.8: mean longitude, equation of centre, aberration, leading nutation term) with the
/// IAU 1980 mean obliquity (Meeus eq. 22.2). Taking the mean Sun from UT1 rather than from the Sun's
/// mean longitude at TT matters in antiquity: ΔT of half a day moves the mean Sun by 0.5°, two minutes.
///
/// Accuracy: checked against DE422 apparent places and LTP-consistent sidereal time (the reference
/// ephemeris of the tests): better than 4 s of time over −1500…+2100, about 1 s in the first
/// millennium CE. The Ephemeris module gives the rigorous value when it is needed.
///
/// References: J. Meeus, *Astronomical Algorithms*, 2nd ed. (1998), chapters 22, 25, 28; G. Petit &
/// B. Luzum (eds.), IERS Conventions (2010), IERS Technical Note 36, §5.4.
public enum EquationOfTime {
    /// The equation of time in seconds of time (positive when the sundial is ahead of the clock).
    ///
    /// - Parameters:
    ///   - instant: the moment (TT).
    ///   - deltaTSeconds: ΔT = TT − UT1 at that moment, which places the mean Sun.
    public static func seconds(at instant: Instant, deltaTSeconds: Double) -> Double {
        let t = instant.julianCenturiesTT
        let deg = Double.pi / 180
        let l0 = 280.46646 + t * (36_000.76983 + t * 0.000_3032)
        let m = (357.52911 + t * (35_999.05029 - t * 0.000_1537)) * deg
        let c = (1.914602 - t * (0.004817 + t * 0.000014)) * sin(m)
            + (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289 * sin(3 * m)
        let omega = (125.04 - 1934.136 * t) * deg
        let lambda = (l0 + c - 0.00569 - 0.00478 * sin(omega)) * deg
        let eps0 = 23.439_291_111 - t * (0.013_004_167 + t * (1.639e-7 - t * 5.036e-7))
        let eps = (eps0 + 0.00256 * cos(omega)) * deg
        let alpha = atan2(cos(eps) * sin(lambda), cos(lambda)) / deg
        let dpsi = -17.20 / 3600 * sin(omega)

        // UT1 as two parts, then the Earth rotation angle and GMST (in degrees).
        let utWhole = instant.whole
        let utFraction = instant.fraction - deltaTSeconds / secondsPerDay
        let du = (utWhole - j2000) + utFraction
        let dayTurns = frac(utWhole) + frac(utFraction)
        let era = 360 * frac(0.779_057_273_2640 + 0.002_737_811_911_354_48 * du + dayTurns)
        let precession = (0.014506 + t * (4612.156534 + t * (1.3915817 + t * (-0.000_000_44
            + t * (-0.000_029_956 - t * 0.000_000_0368))))) / 3600
        let gmst = era + precession
        let meanSun = gmst - 360 * frac(frac(utWhole) + frac(utFraction) + 0.5) - 180
        var e = meanSun + dpsi * cos(eps0 * deg) - alpha
        e = (e + 180).truncatingRemainder(dividingBy: 360)
        if e < 0 { e += 360 }
        return (e - 180) * 240
    }

    private static func frac(_ x: Double) -> Double { x - x.rounded(.down) }
}
