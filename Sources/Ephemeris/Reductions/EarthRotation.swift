#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SkyTime

/// Earth rotation angle and sidereal time consistent with the long-term precession.
public enum EarthRotation {
    /// Earth rotation angle (IAU 2000) from a two-part UT1 Julian date, in [0, 2π).
    ///
    /// θ = 2π (0.7790572732640 + 1.00273781191135448 (JD_UT1 − 2451545.0)).
    ///
    /// References: Capitaine, Guinot & McCarthy 2000, A&A 355, 398, eq. (14); IERS Conventions 2010,
    /// eq. (5.15).
    public static func rotationAngle(ut1Whole: Double, ut1Fraction: Double) -> Double {
        let d = (ut1Whole - j2000) + ut1Fraction
        let dayFraction = ut1Whole.truncatingRemainder(dividingBy: 1) + ut1Fraction.truncatingRemainder(dividingBy: 1)
        var theta = 2 * Double.pi * (dayFraction + 0.7790572732640 + 0.00273781191135448 * d)
        theta = theta.truncatingRemainder(dividingBy: 2 * .pi)
        return theta < 0 ? theta + 2 * .pi : theta
    }

    /// The equation of the origins: the angle from the equinox to the CIO along the true equator,
    /// given the (bias-)precession–nutation matrix and the CIO locator s.
    ///
    /// References: Wallace, P. & Capitaine, N. 2006, A&A 459, 981, eq. (16); IERS Conventions 2010, Sect. 5.5.6.
    public static func equationOfOrigins(npb m: Matrix3, s: Double) -> Double {
        // The CIO expressed in the true equinox-of-date frame; its longitude along the equator, minus s.
        let x = m.row2.x, ax = x / (1 + m.row2.z)
        let cioGCRSLike = SIMD3(1 - ax * x, -ax * m.row2.y, -x)
        let p = dot(m.row0, cioGCRSLike), q = dot(m.row1, cioGCRSLike)
        return (p != 0 || q != 0) ? s - atan2(q, p) : s
    }
}

extension EarthRotation {
    /// The CIO locator s of the precession-only pole (bias + Vondrák 2011 precession), plus the
    /// constant and the secular nutation term of the IAU 2006 series.
    ///
    /// s is defined by the non-rotating-origin condition ṡ = −(X Ẏ − Y Ẋ)/(1 + Z) (Capitaine et al.
    /// 2000, eq. 7; IERS Conventions 2010, eq. 5.8). The IAU 2006 series for s (Capitaine & Wallace 2006,
    /// Table 5.2d) is a polynomial fit valid near J2000 that drifts by arcseconds before 1000 CE; here the
    /// condition is integrated (Gauss–Legendre) along the long-term pole instead. The constant 94 µas and
    /// the secular term 3808.65 µas/cy (a second-order nutation effect, independent of the precession
    /// model) are those of the IAU 2006 series.
    ///
    /// Within −6000…+3000 (|t| as `tableRange`) s is interpolated (cubic Hermite on s and ṡ every quarter century,
    /// computed once on first use), which every sidereal time needs and costs a few multiplications instead of six
    /// evaluations of the precession; it equals the integral (`cioLocatorByIntegral`) within 0.05 µas (tested over
    /// −3000…+3000). Elsewhere the integral is evaluated directly.
    ///
    /// - Parameter t: Julian centuries of TT since J2000.0.
    /// - Returns: s in radians.
    public static func cioLocatorOfPrecession(centuries t: Double) -> Double {
        let x = (t - tableRange.lowerBound) / tableStep
        guard x >= 0, x < Double(table.count - 1) else { return cioLocatorByIntegral(centuries: t) }
        let i = Int(x), u = x - Double(i)
        let a = table[i], b = table[i + 1]
        let v = 1 - u
        let integral = (1 + 2 * u) * v * v * a.s + u * u * (3 - 2 * u) * b.s
            + tableStep * u * v * (v * a.rate - u * b.rate)
        return integral + (94 + 3808.65 * t) * 1e-6 * arcsecondsToRadians
    }

    /// `cioLocatorOfPrecession` by Gauss–Legendre quadrature of ṡ from the nearest whole century (anchored by a
    /// table of the integral from J2000 to each whole century in ±200 cy), or from J2000 beyond.
    static func cioLocatorByIntegral(centuries t: Double) -> Double {
        let secular = (94 + 3808.65 * t) * 1e-6 * arcsecondsToRadians
        guard t.isFinite, abs(t) <= Double(anchorSpan) else {
            // Far from J2000 (beyond ±20 000 years): integrate from J2000 directly.
            let segments = t.isFinite ? max(1, Int((abs(t) / 40).rounded(.up))) : 1
            let h = t.isFinite ? t / Double(segments) : 0
            var sum = 0.0
            for k in 0..<segments { sum += locatorIntegral(from: Double(k) * h, to: Double(k + 1) * h, nodes: GaussLegendre.nodes10) }
            return sum + secular
        }
        let k = t.rounded()
        return anchors[Int(k) + anchorSpan] + locatorIntegral(from: k, to: t, nodes: GaussLegendre.nodes6) + secular
    }

    /// The centuries the interpolation table covers (−6000…+3000).
    static let tableRange = -80.0...10.0
    /// The table's step in centuries: the integrand's shortest period is 158 cy.
    static let tableStep = 0.25

    /// The integral of ṡ from J2000 (without the nutation terms) and ṡ itself at every `tableStep` of `tableRange`,
    /// integrated step by step from J2000 (six Gauss–Legendre nodes a quarter century).
    private static let table: [(s: Double, rate: Double)] = {
        let count = Int(((tableRange.upperBound - tableRange.lowerBound) / tableStep).rounded()) + 1
        let zero = Int((-tableRange.lowerBound / tableStep).rounded())
        func t(_ i: Int) -> Double { Double(i - zero) * tableStep }
        var s = [Double](repeating: 0, count: count)
        for i in (zero + 1)..<count { s[i] = s[i - 1] + locatorIntegral(from: t(i - 1), to: t(i), nodes: GaussLegendre.nodes6) }
        for i in stride(from: zero - 1, through: 0, by: -1) {
            s[i] = s[i + 1] + locatorIntegral(from: t(i + 1), to: t(i), nodes: GaussLegendre.nodes6)
        }
        return (0..<count).map { (s[$0], locatorRate(centuries: t($0))) }
    }()

    /// ṡ of the precession-only pole (radians per century).
    static func locatorRate(centuries t: Double) -> Double {
        let (pole, rate) = LongTermPrecession.equatorPoleAndRate(centuries: t)
        // The CIP of the bias-precession matrix is Bᵀ·pole.
        let bias = LongTermPrecession.frameBias
        let n = bias.transposeTimes(pole), nd = bias.transposeTimes(rate)
        return -(n.x * nd.y - n.y * nd.x) / (1 + n.z)
    }

    /// ∫ ṡ dt of the precession-only pole between two dates (centuries), by Gauss–Legendre quadrature.
    static func locatorIntegral(from a: Double, to b: Double, nodes: [(Double, Double)]) -> Double {
        let half = 0.5 * (b - a)
        guard half != 0 else { return 0 }
        var sum = 0.0
        for (node, weight) in nodes { sum += weight * locatorRate(centuries: a + half * (node + 1)) }
        return sum * half
    }

    private static let anchorSpan = 200

    /// The integral from J2000 to each whole century in ±200 cy, computed once on first use (~1 ms):
    /// a call then integrates at most half a century, with 6 nodes, for the integrand's shortest
    /// period of 158 cy.
    private static let anchors: [Double] = {
        var values = [Double](repeating: 0, count: 2 * anchorSpan + 1)
        for k in 1...anchorSpan {
            let t = Double(k)
            values[anchorSpan + k] = values[anchorSpan + k - 1] + locatorIntegral(from: t - 1, to: t, nodes: GaussLegendre.nodes10)
            values[anchorSpan - k] = values[anchorSpan - k + 1] + locatorIntegral(from: 1 - t, to: -t, nodes: GaussLegendre.nodes10)
        }
        return values
    }()

    /// The equation of the equinoxes: Δψ cos ε_A plus the complementary terms.
    ///
    /// References: IERS Conventions 2010, eq. (5.30) and Table 5.2e (terms ≥ 1 µas kept; the rest total
    /// < 2 µas); fundamental arguments from Simon et al. 1994 as in IERS Conventions 2010, eq. (5.43).
    public static func equationOfEquinoxes(centuries t: Double, dpsi: Double, meanObliquity epsA: Double) -> Double {
        func arc(_ c: (Double, Double, Double, Double, Double)) -> Double {
            (c.0 + t * (c.1 + t * (c.2 + t * (c.3 + t * c.4)))).truncatingRemainder(dividingBy: 1_296_000) * arcsecondsToRadians
        }
        let f = arc((335_779.526232, 1_739_527_262.8478, -12.7512, -0.001037, 0.00000417))
        let d = arc((1_072_260.70369, 1_602_961_601.2090, -6.3706, 0.006593, -0.00003169))
        let om = arc((450_160.398036, -6_962_890.5431, 7.4722, 0.007702, -0.00005939))
        let fd = 2 * f - 2 * d
        let microarcseconds = 2640.96 * sin(om) + 63.52 * sin(2 * om) + 11.75 * sin(fd + 3 * om)
            + 11.21 * sin(fd + om) - 4.55 * sin(fd + 2 * om) + 2.02 * sin(2 * f + 3 * om)
            + 1.98 * sin(2 * f + om) - 1.72 * sin(3 * om) - 0.87 * t * sin(om)
        return dpsi * cos(epsA) + microarcseconds * 1e-6 * arcsecondsToRadians
    }

    /// Greenwich apparent sidereal time consistent with the long-term precession.
    ///
    /// GAST = θ − E_O(P·B) + E_E, where θ is the Earth rotation angle, E_O(P·B) the equation of the
    /// origins of the precession-only pole with its integrated CIO locator (`cioLocatorOfPrecession`),
    /// and E_E the equation of the equinoxes. Unlike the IAU 2006 expressions (which drift by 20″ at
    /// −1000 and 5′ at −2500 when combined with the long-term precession), the equinox here is the one of
    /// the Vondrák et al. 2011 precession used for the coordinates.
    ///
    /// - Parameters:
    ///   - ut1Whole: first part of the two-part UT1 Julian date.
    ///   - ut1Fraction: second part of the UT1 Julian date.
    ///   - t: TT Julian centuries since J2000.0.
    ///   - biasPrecession: the ICRS → mean-of-date matrix at that TT.
    ///   - dpsi: nutation in longitude (radians).
    ///   - epsA: mean obliquity (radians).
    /// - Returns: GAST in radians, [0, 2π).
    ///
    /// Valid range: that of the long-term precession; matches the reference to a few mas over −1500…+2100.
    public static func apparentSiderealTime(
        ut1Whole: Double, ut1Fraction: Double, centuries t: Double, biasPrecession: Matrix3,
        dpsi: Double, meanObliquity epsA: Double
    ) -> Double {
        let era = rotationAngle(ut1Whole: ut1Whole, ut1Fraction: ut1Fraction)
        let eo = equationOfOrigins(npb: biasPrecession, s: cioLocatorOfPrecession(centuries: t))
        var gast = (era - eo + equationOfEquinoxes(centuries: t, dpsi: dpsi, meanObliquity: epsA))
            .truncatingRemainder(dividingBy: 2 * .pi)
        if gast < 0 { gast += 2 * .pi }
        return gast
    }
}

/// Gauss–Legendre quadrature nodes on [−1, 1], computed once by Newton iteration.
enum GaussLegendre {
    static let nodes10: [(Double, Double)] = nodes(10)
    static let nodes6: [(Double, Double)] = nodes(6)

    static func nodes(_ n: Int) -> [(Double, Double)] {
        (0..<n).map { i in
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 1.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...n {
                    let p2 = ((2 * Double(k) - 1) * x * p1 - Double(k - 1) * p0) / Double(k)
                    p0 = p1
                    p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let dx = p1 / derivative
                x -= dx
                if abs(dx) < 1e-16 { break }
            }
            return (x, 2 / ((1 - x * x) * derivative * derivative))
        }
    }
}
