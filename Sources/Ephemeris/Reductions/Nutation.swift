#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSupport
import SkyTime

/// The IAU 2000B nutation model: nutation in longitude Δψ and in obliquity Δε.
///
/// Given the TT instant as Julian centuries since J2000.0, returns (Δψ, Δε) from the 77 luni-solar
/// terms of the abridged model with the fixed offsets in lieu of the planetary terms
/// (Δψ −0.135 mas, Δε +0.388 mas), and the nutation matrix on a given mean obliquity.
///
/// Notes: the Delaunay arguments are the linear expressions of Simon et al. (1994), as the model
/// prescribes. Within 1 mas of IAU 2000A over 1995–2050; beyond that, its error grows slowly
/// (tens of mas over the historical period), well below the uncertainty of ΔT.
///
/// References: McCarthy, D.D. & Luzum, B.J. 2003, Cel. Mech. Dyn. Astron. 85, 37–49, Table 1;
/// IERS Conventions 2003/2010, Sect. 5.5.1; Simon, J.-L. et al. 1994, A&A 282, 663.
///
/// Valid range: designed for 1995–2050; used here, like IAU 2006/2000A, across the historical period.
public enum Nutation2000B {
    /// Multipliers of l, l′, F, D, Ω, then the coefficients (0.1 µas and 0.1 µas/cy):
    /// ψ sin, ψ t·sin, ψ cos, ε cos, ε t·cos, ε sin. McCarthy & Luzum 2003, Table 1.
    private static let terms: [Double] = [
        0, 0, 0, 0, 1, -172064161, -174666, 33386, 92052331, 9086, 15377,
        0, 0, 2, -2, 2, -13170906, -1675, -13696, 5730336, -3015, -4587,
        0, 0, 2, 0, 2, -2276413, -234, 2796, 978459, -485, 1374,
        0, 0, 0, 0, 2, 2074554, 207, -698, -897492, 470, -291,
        0, 1, 0, 0, 0, 1475877, -3633, 11817, 73871, -184, -1924,
        0, 1, 2, -2, 2, -516821, 1226, -524, 224386, -677, -174,
        1, 0, 0, 0, 0, 711159, 73, -872, -6750, 0, 358,
        0, 0, 2, 0, 1, -387298, -367, 380, 200728, 18, 318,
        1, 0, 2, 0, 2, -301461, -36, 816, 129025, -63, 367,
        0, -1, 2, -2, 2, 215829, -494, 111, -95929, 299, 132,
        0, 0, 2, -2, 1, 128227, 137, 181, -68982, -9, 39,
        -1, 0, 2, 0, 2, 123457, 11, 19, -53311, 32, -4,
        -1, 0, 0, 2, 0, 156994, 10, -168, -1235, 0, 82,
        1, 0, 0, 0, 1, 63110, 63, 27, -33228, 0, -9,
        -1, 0, 0, 0, 1, -57976, -63, -189, 31429, 0, -75,
        -1, 0, 2, 2, 2, -59641, -11, 149, 25543, -11, 66,
        1, 0, 2, 0, 1, -51613, -42, 129, 26366, 0, 78,
        -2, 0, 2, 0, 1, 45893, 50, 31, -24236, -10, 20,
        0, 0, 0, 2, 0, 63384, 11, -150, -1220, 0, 29,
        0, 0, 2, 2, 2, -38571, -1, 158, 16452, -11, 68,
        0, -2, 2, -2, 2, 32481, 0, 0, -13870, 0, 0,
        -2, 0, 0, 2, 0, -47722, 0, -18, 477, 0, -25,
        2, 0, 2, 0, 2, -31046, -1, 131, 13238, -11, 59,
        1, 0, 2, -2, 2, 28593, 0, -1, -12338, 10, -3,
        -1, 0, 2, 0, 1, 20441, 21, 10, -10758, 0, -3,
        2, 0, 0, 0, 0, 29243, 0, -74, -609, 0, 13,
        0, 0, 2, 0, 0, 25887, 0, -66, -550, 0, 11,
        0, 1, 0, 0, 1, -14053, -25, 79, 8551, -2, -45,
        -1, 0, 0, 2, 1, 15164, 10, 11, -8001, 0, -1,
        0, 2, 2, -2, 2, -15794, 72, -16, 6850, -42, -5,
        0, 0, -2, 2, 0, 21783, 0, 13, -167, 0, 13,
        1, 0, 0, -2, 1, -12873, -10, -37, 6953, 0, -14,
        0, -1, 0, 0, 1, -12654, 11, 63, 6415, 0, 26,
        -1, 0, 2, 2, 1, -10204, 0, 25, 5222, 0, 15,
        0, 2, 0, 0, 0, 16707, -85, -10, 168, -1, 10,
        1, 0, 2, 2, 2, -7691, 0, 44, 3268, 0, 19,
        -2, 0, 2, 0, 0, -11024, 0, -14, 104, 0, 2,
        0, 1, 2, 0, 2, 7566, -21, -11, -3250, 0, -5,
        0, 0, 2, 2, 1, -6637, -11, 25, 3353, 0, 14,
        0, -1, 2, 0, 2, -7141, 21, 8, 3070, 0, 4,
        0, 0, 0, 2, 1, -6302, -11, 2, 3272, 0, 4,
        1, 0, 2, -2, 1, 5800, 10, 2, -3045, 0, -1,
        2, 0, 2, -2, 2, 6443, 0, -7, -2768, 0, -4,
        -2, 0, 0, 2, 1, -5774, -11, -15, 3041, 0, -5,
        2, 0, 2, 0, 1, -5350, 0, 21, 2695, 0, 12,
        0, -1, 2, -2, 1, -4752, -11, -3, 2719, 0, -3,
        0, 0, 0, -2, 1, -4940, -11, -21, 2720, 0, -9,
        -1, -1, 0, 2, 0, 7350, 0, -8, -51, 0, 4,
        2, 0, 0, -2, 1, 4065, 0, 6, -2206, 0, 1,
        1, 0, 0, 2, 0, 6579, 0, -24, -199, 0, 2,
        0, 1, 2, -2, 1, 3579, 0, 5, -1900, 0, 1,
        1, -1, 0, 0, 0, 4725, 0, -6, -41, 0, 3,
        -2, 0, 2, 0, 2, -3075, 0, -2, 1313, 0, -1,
        3, 0, 2, 0, 2, -2904, 0, 15, 1233, 0, 7,
        0, -1, 0, 2, 0, 4348, 0, -10, -81, 0, 2,
        1, -1, 2, 0, 2, -2878, 0, 8, 1232, 0, 4,
        0, 0, 0, 1, 0, -4230, 0, 5, -20, 0, -2,
        -1, -1, 2, 2, 2, -2819, 0, 7, 1207, 0, 3,
        -1, 0, 2, 0, 0, -4056, 0, 5, 40, 0, -2,
        0, -1, 2, 2, 2, -2647, 0, 11, 1129, 0, 5,
        -2, 0, 0, 0, 1, -2294, 0, -10, 1266, 0, -4,
        1, 1, 2, 0, 2, 2481, 0, -7, -1062, 0, -3,
        2, 0, 0, 0, 1, 2179, 0, -2, -1129, 0, -2,
        -1, 1, 0, 1, 0, 3276, 0, 1, -9, 0, 0,
        1, 1, 0, 0, 0, -3389, 0, 5, 35, 0, -2,
        1, 0, 2, 0, 0, 3339, 0, -13, -107, 0, 1,
        -1, 0, 2, -2, 1, -1987, 0, -6, 1073, 0, -2,
        1, 0, 0, 0, 2, -1981, 0, 0, 854, 0, 0,
        -1, 0, 0, 1, 0, 4026, 0, -353, -553, 0, -139,
        0, 0, 2, 1, 2, 1660, 0, -5, -710, 0, -2,
        -1, 0, 2, 4, 2, -1521, 0, 9, 647, 0, 4,
        -1, 1, 0, 1, 1, 1314, 0, 0, -700, 0, 0,
        0, -2, 2, -2, 1, -1283, 0, 0, 672, 0, 0,
        1, 0, 2, 2, 1, -1331, 0, 8, 663, 0, 4,
        -2, 0, 2, 2, 2, 1383, 0, -2, -594, 0, -2,
        -1, 0, 0, 0, 2, 1405, 0, 4, -610, 0, 2,
        1, 1, 2, -2, 2, 1290, 0, 0, -556, 0, 0,
    ]

    private static let turnArcseconds = 1_296_000.0
    private static let unitToRadians = arcsecondsToRadians / 1e7

    /// One term of the series, ready for evaluation: which combination of the multiples of F, D, Ω and
    /// which of l, l′ its argument adds up (indices into `Combinations.outer` and `.inner`), then its
    /// coefficients in 0.1 µas.
    struct Term {
        let outer: Int
        let inner: Int
        let psiSin, psiSinRate, psiCos, epsCos, epsCosRate, epsSin: Double
    }

    /// The argument of each term split as (multiples of F, D, Ω) + (multiples of l, l′): the table uses
    /// only 17 and 13 such combinations, so building them once per call and each term's exponential as one
    /// product of two costs about half the products of multiplying five factors per term.
    struct Combinations {
        /// Slots in the table of multiple angles (9 multiples −4…+4 per argument) of F, D, Ω; the first is 1.
        let outer: [(Int, Int, Int)]
        /// Slots of l, l′; the first is 1.
        let inner: [(Int, Int)]
        /// Terms whose l and l′ multipliers are zero (one factor), then the others, smallest first in each.
        let single: [Term]
        let paired: [Term]
    }

    /// Built once; `angles` keeps the 18 + 14 combinations in a stack buffer of `combinationCapacity`.
    static let combinations: Combinations = {
        func slot(_ argument: Int, _ multiple: Double) -> Int { argument * 9 + 4 + Int(multiple) }
        var outer: [(Int, Int, Int)] = [(slot(2, 0), slot(3, 0), slot(4, 0))]
        var inner: [(Int, Int)] = [(slot(0, 0), slot(1, 0))]
        var single: [Term] = [], paired: [Term] = []
        for i in stride(from: terms.count - 11, through: 0, by: -11) {
            let o = (slot(2, terms[i + 2]), slot(3, terms[i + 3]), slot(4, terms[i + 4]))
            let n = (slot(0, terms[i]), slot(1, terms[i + 1]))
            let outerIndex = outer.firstIndex { $0 == o } ?? outer.count
            if outerIndex == outer.count { outer.append(o) }
            let innerIndex = inner.firstIndex { $0 == n } ?? inner.count
            if innerIndex == inner.count { inner.append(n) }
            let term = Term(outer: outerIndex, inner: innerIndex,
                            psiSin: terms[i + 5], psiSinRate: terms[i + 6], psiCos: terms[i + 7],
                            epsCos: terms[i + 8], epsCosRate: terms[i + 9], epsSin: terms[i + 10])
            if innerIndex == 0 { single.append(term) } else { paired.append(term) }
        }
        return Combinations(outer: outer, inner: inner, single: single, paired: paired)
    }()

    static let combinationCapacity = 64

    /// Nutation angles (Δψ, Δε) in radians at `t` Julian centuries of TT since J2000.0.
    ///
    /// The sine and cosine of each term's argument are built from those of the multiples of the five
    /// fundamental arguments (complex products), which costs a fraction of 77 separate sin/cos pairs.
    public static func angles(centuries t: Double) -> (dpsi: Double, deps: Double) {
        // x − trunc(x/turn)·turn is exact here (an integer multiple of the turn, then a Sterbenz
        // subtraction), like fmod, at a fraction of fmod's cost for arguments of 10⁹–10¹¹″.
        func argument(_ a: Double, _ b: Double) -> Double {
            let x = a + b * t
            // Int64 conversion truncates like `rounded(.towardZero)` (|x/turn| < 10⁶) without its library call.
            return (x - Double(Int64(x / turnArcseconds)) * turnArcseconds) * arcsecondsToRadians
        }
        let fundamental = (
            argument(485_868.249036, 1_717_915_923.2178),  // l, mean anomaly of the Moon
            argument(1_287_104.79305, 129_596_581.0481),  // l′, mean anomaly of the Sun
            argument(335_779.526232, 1_739_527_262.8478),  // F = L − Ω
            argument(1_072_260.70369, 1_602_961_601.2090),  // D, mean elongation of the Moon
            argument(450_160.398036, -6_962_890.5431))  // Ω, node of the Moon
        let combinations = Self.combinations
        let outerCount = combinations.outer.count
        // Fixed sizes of at most 1 kB keep both tables on the stack: 45 multiples, 18 + 14 combinations
        // (a test checks that they fit).
        return withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: 45) { table in
            withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: combinationCapacity) { combined in
                func fill(_ j: Int, _ angle: Double) {
                    var sine = 0.0, cosine = 0.0
                    skyrecon_sincos(angle, &sine, &cosine)
                    let unit = SIMD2(cosine, sine)
                    table[j * 9 + 4] = SIMD2(1, 0)
                    var z = SIMD2<Double>(1, 0)
                    for k in 1...4 {
                        z = product(z, unit)
                        table[j * 9 + 4 + k] = z
                        table[j * 9 + 4 - k] = SIMD2(z.x, -z.y)
                    }
                }
                fill(0, fundamental.0)
                fill(1, fundamental.1)
                fill(2, fundamental.2)
                fill(3, fundamental.3)
                fill(4, fundamental.4)
                for (i, slots) in combinations.outer.enumerated() {
                    combined[i] = product(product(table[slots.0], table[slots.1]), table[slots.2])
                }
                for (i, slots) in combinations.inner.enumerated() {
                    combined[outerCount + i] = product(table[slots.0], table[slots.1])
                }
                var dp = 0.0, de = 0.0
                func add(_ term: Term, _ z: SIMD2<Double>) {
                    dp += (term.psiSin + term.psiSinRate * t) * z.y + term.psiCos * z.x
                    de += (term.epsCos + term.epsCosRate * t) * z.x + term.epsSin * z.y
                }
                combinations.single.withUnsafeBufferPointer { terms in
                    for term in terms { add(term, combined[term.outer]) }
                }
                combinations.paired.withUnsafeBufferPointer { terms in
                    for term in terms { add(term, product(combined[term.outer], combined[outerCount + term.inner])) }
                }
                return (dp * unitToRadians - 0.135e-3 * arcsecondsToRadians,
                        de * unitToRadians + 0.388e-3 * arcsecondsToRadians)
            }
        }
    }

    /// The complex product of (cos a, sin a) and (cos b, sin b): (cos(a + b), sin(a + b)).
    @inline(__always)
    private static func product(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
        SIMD2(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x)
    }

    /// The nutation matrix from the mean to the true equator and equinox of date,
    /// R₁(−(ε_A + Δε)) · R₃(−Δψ) · R₁(ε_A).
    public static func matrix(meanObliquity epsA: Double, dpsi: Double, deps: Double) -> Matrix3 {
        Matrix3.rotationX(-(epsA + deps)) * Matrix3.rotationZ(-dpsi) * Matrix3.rotationX(epsA)
    }

    /// The same matrix from the sine and cosine of the mean and the true obliquity (no trigonometry).
    static func matrix(meanObliquity epsA: (sin: Double, cos: Double), trueObliquity eps: (sin: Double, cos: Double),
                       dpsi: (sin: Double, cos: Double)) -> Matrix3 {
        Matrix3.rotationX(sin: -eps.sin, cos: eps.cos) * Matrix3.rotationZ(sin: -dpsi.sin, cos: dpsi.cos)
            * Matrix3.rotationX(sin: epsA.sin, cos: epsA.cos)
    }
}
