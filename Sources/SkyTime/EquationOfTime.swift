import Foundation

/// The equation of time, apparent minus mean solar time, from a compact solar theory.
///
/// Given an instant, it returns E = L₀ − 0.0057183° − α + Δψ cos ε (Meeus 1998, eq. 28.1), with the
/// Sun's mean longitude L₀, equation of centre, aberration and the nutation in longitude and
/// obliquity from the low-accuracy solar formulae of Meeus ch. 25 (eqs. 25.2–25.8, good to 0.01° in
/// the Sun's longitude) and the IAU 1980 mean obliquity (Meeus eq. 22.2). The result is good to a
/// few seconds of time over −3000…+3000; the evaluation is cheap enough for per-date use. The
/// Ephemeris module gives the rigorous value when it is needed.
///
/// References: J. Meeus, *Astronomical Algorithms*, 2nd ed. (1998), chapters 22, 25 and 28.
public enum EquationOfTime {
    /// The equation of time in seconds of time (positive when the sundial is ahead of the clock).
    public static func seconds(at instant: Instant) -> Double {
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
        // Nutation in longitude, leading term only (Meeus eq. 22 note: ±17.2″).
        let dpsi = -17.20 / 3600 * sin(omega)
        var e = l0 - 0.005_7183 - alpha + dpsi * cos(eps0 * deg)
        e = (e + 180).truncatingRemainder(dividingBy: 360)
        if e < 0 { e += 360 }
        e -= 180
        return e * 240
    }
}
