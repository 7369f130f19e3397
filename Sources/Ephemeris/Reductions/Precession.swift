import SkyTime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The long-term precession model of Vondrák, Capitaine & Wallace (2011, 2012).
///
/// Gives the pole of the ecliptic and the pole of the mean equator of date as unit vectors in the mean
/// equator and equinox of J2000.0, the precession matrix built from them, the same matrix with the
/// ICRS frame bias, and the mean obliquity of date (the angle between the two poles).
///
/// References: Vondrák, J., Capitaine, N., Wallace, P. 2011, A&A 534, A22, Tables 1 and 2 (periodic and
/// polynomial coefficients of P_A, Q_A and X, Y) and eq. (7)–(11); corrigendum 2012, A&A 541, C1.
/// Frame bias: the IAU 2006 values dα₀ = −14.6 mas, ξ₀ = −16.617 mas, η₀ = −6.8192 mas (IERS
/// Conventions 2010, Table 5.1 notes), applied to first order as in Vondrák et al. 2011, Sect. 5.
///
/// Valid range: ±200 000 years about J2000; agrees with IAU 2006 to 0.1 mas over 1900–2100 and is good
/// to a few arcseconds over the historical period.
public enum LongTermPrecession {
    // Table 1 (ecliptic pole): period (cy), P_A cos, Q_A cos, P_A sin, Q_A sin (arcsec).
    private static let eclipticPeriodic: [(Double, Double, Double, Double, Double)] = [
        (708.15, -5486.751211, -684.661560, 667.666730, -5523.863691),
        (2309.00, -17.127623, 2446.283880, -2354.886252, -549.747450),
        (1620.00, -617.517403, 399.671049, -428.152441, -310.998056),
        (492.20, 413.442940, -356.652376, 376.202861, 421.535876),
        (1183.00, 78.614193, -186.387003, 184.778874, -36.776172),
        (622.00, -180.732815, -316.800070, 335.321713, -145.278396),
        (882.00, -87.676083, 198.296701, -185.138669, -34.744450),
        (547.00, 46.140315, 101.135679, -120.972830, 22.885731),
    ]
    // Eq. (8): polynomial parts of P_A and Q_A (arcsec, t in Julian centuries).
    private static let eclipticP: (Double, Double, Double, Double) = (5851.607687, -0.1189000, -0.00028913, 0.000000101)
    private static let eclipticQ: (Double, Double, Double, Double) = (-1600.886300, 1.1689818, -0.00000020, -0.000000437)

    // Table 2 (equator pole): period (cy), X cos, Y cos, X sin, Y sin (arcsec).
    private static let equatorPeriodic: [(Double, Double, Double, Double, Double)] = [
        (256.75, -819.940624, 75004.344875, 81491.287984, 1558.515853),
        (708.15, -8444.676815, 624.033993, 787.163481, 7774.939698),
        (274.20, 2600.009459, 1251.136893, 1251.296102, -2219.534038),
        (241.45, 2755.175630, -1102.212834, -1257.950837, -2523.969396),
        (2309.00, -167.659835, -2660.664980, -2966.799730, 247.850422),
        (492.20, 871.855056, 699.291817, 639.744522, -846.485643),
        (396.10, 44.769698, 153.167220, 131.600209, -1393.124055),
        (288.90, -512.313065, -950.865637, -445.040117, 368.526116),
        (231.10, -819.415595, 499.754645, 584.522874, 749.045012),
        (1610.00, -538.071099, -145.188210, -89.756563, 444.704518),
        (620.00, -189.793622, 558.116553, 524.429630, 235.934465),
        (157.87, -402.922932, -23.923029, -13.549067, 374.049623),
        (220.30, 179.516345, -165.405086, -210.157124, -171.330180),
        (1200.00, -9.814756, 9.344131, -44.919798, -22.899655),
    ]
    // Eq. (9): polynomial parts of X and Y (arcsec).
    private static let equatorX: (Double, Double, Double, Double) = (5453.282155, 0.4252841, -0.00037173, -0.000000152)
    private static let equatorY: (Double, Double, Double, Double) = (-73750.930350, -0.7675452, -0.00018725, 0.000000231)

    /// Obliquity of the ecliptic at J2000.0 used to orient the ecliptic pole, ε₀ = 84381.406″.
    private static let epsilon0 = 84_381.406 * arcsecondsToRadians

    /// The Julian epoch (TT) of an instant, 2000.0 + days/365.25.
    static func julianEpoch(centuries t: Double) -> Double { 2000 + 100 * t }

    /// The pole of the ecliptic of date, unit vector in the J2000.0 mean equator and equinox.
    /// - Parameter t: Julian centuries of TT since J2000.0.
    public static func eclipticPole(centuries t: Double) -> SIMD3<Double> {
        let periodic = periodicSums(centuries: t)
        return eclipticPole(centuries: t, periodicP: periodic.x, periodicQ: periodic.y)
    }

    /// The pole of the mean equator of date, unit vector in the J2000.0 mean equator and equinox.
    /// - Parameter t: Julian centuries of TT since J2000.0.
    public static func equatorPole(centuries t: Double) -> SIMD3<Double> {
        let periodic = periodicSums(centuries: t)
        return equatorPole(centuries: t, periodicX: periodic.z, periodicY: periodic.w)
    }

    /// Both poles, with the periodic terms from a piecewise Chebyshev fit within ±`fittedCenturies` of J2000
    /// (see `PeriodicFit`), which agrees with the sums of Tables 1 and 2 to 1e-12″; beyond it, the sums.
    static func poles(centuries t: Double) -> (equator: SIMD3<Double>, ecliptic: SIMD3<Double>) {
        let periodic = periodicFit.value(centuries: t) ?? periodicSums(centuries: t)
        return (equatorPole(centuries: t, periodicX: periodic.z, periodicY: periodic.w),
                eclipticPole(centuries: t, periodicP: periodic.x, periodicQ: periodic.y))
    }

    private static func eclipticPole(centuries t: Double, periodicP: Double, periodicQ: Double) -> SIMD3<Double> {
        var p = periodicP + eclipticP.0 + t * (eclipticP.1 + t * (eclipticP.2 + t * eclipticP.3))
        var q = periodicQ + eclipticQ.0 + t * (eclipticQ.1 + t * (eclipticQ.2 + t * eclipticQ.3))
        p *= arcsecondsToRadians
        q *= arcsecondsToRadians
        let z = max(0, 1 - p * p - q * q).squareRoot()
        return SIMD3(p, -q * cosEpsilon0 - z * sinEpsilon0, -q * sinEpsilon0 + z * cosEpsilon0)
    }

    private static func equatorPole(centuries t: Double, periodicX: Double, periodicY: Double) -> SIMD3<Double> {
        var x = periodicX + equatorX.0 + t * (equatorX.1 + t * (equatorX.2 + t * equatorX.3))
        var y = periodicY + equatorY.0 + t * (equatorY.1 + t * (equatorY.2 + t * equatorY.3))
        x *= arcsecondsToRadians
        y *= arcsecondsToRadians
        return SIMD3(x, y, max(0, 1 - x * x - y * y).squareRoot())
    }

    private static let sinEpsilon0 = sin(epsilon0)
    private static let cosEpsilon0 = cos(epsilon0)

    /// The periodic parts of P_A, Q_A (Table 1) and X, Y (Table 2) in arcseconds, summed term by term.
    static func periodicSums(centuries t: Double) -> SIMD4<Double> {
        var p = 0.0, q = 0.0, x = 0.0, y = 0.0
        let w = 2 * Double.pi * t
        for (period, pc, qc, ps, qs) in eclipticPeriodic {
            let a = w / period
            let s = sin(a), c = cos(a)
            p += c * pc + s * ps
            q += c * qc + s * qs
        }
        for (period, xc, yc, xs, ys) in equatorPeriodic {
            let a = w / period
            let s = sin(a), c = cos(a)
            x += c * xc + s * xs
            y += c * yc + s * ys
        }
        return SIMD4(p, q, x, y)
    }

    /// Centuries either side of J2000 over which `poles(centuries:)` uses the fit.
    static let fittedCenturies = 200.0
    private static let periodicFit = PeriodicFit(span: fittedCenturies)

    /// The periodic sums (P_A, Q_A, X, Y) as Chebyshev series of degree 11 over segments of 8 centuries,
    /// interpolated at the Chebyshev nodes once, on first use.
    ///
    /// Why: the 22 sine–cosine pairs cost more than the rest of the frame of date, while the shortest
    /// period (157.87 cy) makes the sums so smooth that 12 coefficients per segment reproduce them to
    /// about 1e-15″ (truncation) plus rounding of about 1e-11″ — far below the model's own accuracy.
    struct PeriodicFit: Sendable {
        static let segmentCenturies = 8.0
        static let coefficientCount = 12
        let span: Double
        let segments: Int
        /// Segment-major, then coefficient index; each entry holds (P_A, Q_A, X, Y).
        let coefficients: [SIMD4<Double>]

        init(span: Double) {
            self.span = span
            let n = Self.coefficientCount
            segments = Int((2 * span / Self.segmentCenturies).rounded(.up))
            let nodes = (0..<n).map { k in cos(Double.pi * (Double(k) + 0.5) / Double(n)) }
            var coefficients: [SIMD4<Double>] = []
            coefficients.reserveCapacity(segments * n)
            for segment in 0..<segments {
                let middle = -span + (Double(segment) + 0.5) * Self.segmentCenturies
                let values = nodes.map { periodicSums(centuries: middle + 0.5 * Self.segmentCenturies * $0) }
                for j in 0..<n {
                    var sum = SIMD4<Double>()
                    for k in 0..<n {
                        sum += values[k] * cos(Double.pi * Double(j) * (Double(k) + 0.5) / Double(n))
                    }
                    coefficients.append(sum * ((j == 0 ? 1 : 2) / Double(n)))
                }
            }
            self.coefficients = coefficients
        }

        /// The fitted sums at t, or nil outside ±span.
        @inline(__always)
        func value(centuries t: Double) -> SIMD4<Double>? {
            let offset = t + span
            guard offset >= 0, offset <= 2 * span else { return nil }
            let segment = min(Int(offset / Self.segmentCenturies), segments - 1)
            let x = 2 * (offset - Double(segment) * Self.segmentCenturies) / Self.segmentCenturies - 1
            let n = Self.coefficientCount
            return coefficients.withUnsafeBufferPointer { c in
                let base = segment * n
                var b1 = SIMD4<Double>(), b2 = SIMD4<Double>()
                let twoX = 2 * x
                for k in stride(from: n - 1, through: 1, by: -1) {
                    let b0 = (c[base + k] - b2) + twoX * b1
                    b2 = b1; b1 = b0
                }
                return c[base] + x * b1 - b2
            }
        }
    }

    /// The equator pole and its rate of change per Julian century (derivative of eq. 9 and Table 2).
    static func equatorPoleAndRate(centuries t: Double) -> (pole: SIMD3<Double>, rate: SIMD3<Double>) {
        var x = 0.0, y = 0.0, dx = 0.0, dy = 0.0
        let w = 2 * Double.pi * t
        for (period, xc, yc, xs, ys) in equatorPeriodic {
            let a = w / period, da = 2 * Double.pi / period
            let s = sin(a), c = cos(a)
            x += c * xc + s * xs
            y += c * yc + s * ys
            dx += (-s * xc + c * xs) * da
            dy += (-s * yc + c * ys) * da
        }
        x += equatorX.0 + t * (equatorX.1 + t * (equatorX.2 + t * equatorX.3))
        y += equatorY.0 + t * (equatorY.1 + t * (equatorY.2 + t * equatorY.3))
        dx += equatorX.1 + t * (2 * equatorX.2 + t * 3 * equatorX.3)
        dy += equatorY.1 + t * (2 * equatorY.2 + t * 3 * equatorY.3)
        x *= arcsecondsToRadians
        y *= arcsecondsToRadians
        dx *= arcsecondsToRadians
        dy *= arcsecondsToRadians
        let z = max(0, 1 - x * x - y * y).squareRoot()
        let dz = z > 0 ? -(x * dx + y * dy) / z : 0
        return (SIMD3(x, y, z), SIMD3(dx, dy, dz))
    }

    /// The precession matrix from the J2000.0 mean equator and equinox to the mean equator and
    /// equinox of date (rows: equinox, pole × equinox, pole).
    public static func precessionMatrix(centuries t: Double) -> Matrix3 {
        precessionMatrix(equatorPole: equatorPole(centuries: t), eclipticPole: eclipticPole(centuries: t))
    }

    static func precessionMatrix(equatorPole pole: SIMD3<Double>, eclipticPole: SIMD3<Double>) -> Matrix3 {
        let equinox = unit(cross(pole, eclipticPole))
        return Matrix3(equinox, cross(pole, equinox), pole)
    }

    /// Frame bias ICRS → J2000.0 mean equator and equinox (IAU 2006 values, first order).
    static let frameBias: Matrix3 = {
        let dx = -0.016617 * arcsecondsToRadians, de = -0.0068192 * arcsecondsToRadians
        let dr = -0.0146 * arcsecondsToRadians
        return Matrix3(SIMD3(1, dr, -dx), SIMD3(-dr, 1, -de), SIMD3(dx, de, 1))
    }()

    /// Frame bias and precession: the matrix from the ICRS (GCRS) to the mean equator and equinox of date.
    public static func biasPrecessionMatrix(centuries t: Double) -> Matrix3 {
        precessionMatrix(centuries: t) * frameBias
    }

    /// Mean obliquity of the ecliptic of date: the angle between the ecliptic and mean-equator poles.
    public static func meanObliquity(centuries t: Double) -> Angle {
        meanObliquity(equatorPole: equatorPole(centuries: t), eclipticPole: eclipticPole(centuries: t))
    }

    static func meanObliquity(equatorPole: SIMD3<Double>, eclipticPole: SIMD3<Double>) -> Angle {
        Angle(radians: atan2(length(cross(equatorPole, eclipticPole)), dot(equatorPole, eclipticPole)))
    }
}
