import Foundation

/// A lazy, provably complete search for the local minima of several smooth functions Dₖ(t) below a ceiling,
/// the core of every approach and occultation search.
///
/// Each Dₖ is 1 − cos θₖ for an angle θₖ(t) between two moving directions (`Motion` gives the bounds). The
/// search walks forward in two regimes:
///
/// - **far**: when every θₖ exceeds the ceiling by more than ωₖ·h (ωₖ bounds |dθₖ/dt|), no θₖ can reach the
///   ceiling within (θₖ − ceiling)/ωₖ days, so the search jumps that far. A Moon–star pair 40° apart thus
///   jumps 2.4 days, a Venus–star pair 40° apart 27 days, a planet near its station as far as its bound allows.
/// - **near**: in windows of h days it samples Dₖ′ (central differences) and proves each window either free of
///   zeros of Dₖ′ or holding exactly one, from Mₖ ≥ |Dₖ″|: same-signed end derivatives with |d₀ + d₁| > M·h
///   leave no zero (min d ≥ (d₀ + d₁ − M·h)/2 > 0), opposite signs with |d₀| + |d₁| ≥ M·h leave exactly one;
///   otherwise the window is halved. Windows shorter than `resolution` are taken as they are, so two minima
///   closer than `resolution` with a maximum between them less than M·resolution²/8 deep are reported once.
///
/// Each − → + sign change of Dₖ′ is refined by Brent's method to `tolerance` days. Memory is constant: the
/// cursor holds its position and the minima of one window.
struct MinimumScan {
    struct Minimum {
        var time: Double
        var value: Double
        var index: Int
    }

    let start: Double
    let end: Double
    /// Ceiling on θ (radians).
    let ceiling: Double
    /// Bounds on |dθₖ/dt| (rad/day) and |Dₖ″| (1/day²).
    let rates: [Double]
    let curvatures: [Double]
    let window: Double
    let tolerance: Double
    let resolution: Double
    /// The values Dₖ(t) at a time (days from the caller's origin).
    let evaluate: (Double) throws -> [Double]

    private var t: Double
    private var pending: [Minimum] = []
    private(set) var evaluations = 0

    init(start: Double, end: Double, ceiling: Double, rates: [Double], curvatures: [Double], tolerance: Double,
         window: Double? = nil, evaluate: @escaping (Double) throws -> [Double]) {
        self.start = start
        self.end = end
        self.ceiling = ceiling
        self.rates = rates
        self.curvatures = curvatures
        self.tolerance = tolerance
        let fastest = max(rates.max() ?? 1e-6, 1e-9)
        self.window = window ?? min(2, max(1e-3, max(ceiling, 0.002) / fastest / 4))
        self.resolution = min(self.window / 64, 1e-3)
        self.evaluate = evaluate
        t = start
    }

    private static let epsilon = 5e-4

    private mutating func values(_ t: Double) throws -> [Double] {
        evaluations += 1
        return try evaluate(t)
    }

    /// D′ at t for every function, by central differences (ε = 43 s: wide enough that the reductions' last-digit noise does not move the root), and D itself.
    private mutating func derivatives(_ t: Double) throws -> (d: [Double], value: [Double]) {
        let e = Self.epsilon
        let a = try values(t - e), b = try values(t + e)
        var d = [Double](repeating: 0, count: a.count), v = d
        for k in a.indices {
            d[k] = (b[k] - a[k]) / (2 * e)
            v[k] = (a[k] + b[k]) / 2
        }
        return (d, v)
    }

    /// The next minimum below the ceiling, in time order, or nil at the end of the span.
    mutating func next() throws -> Minimum? {
        while pending.isEmpty {
            guard t < end else { return nil }
            let v = try values(t)
            var jump = Double.infinity
            var active: [Int] = []
            for k in v.indices {
                let gap = angle(fromHalfChordSquared: v[k]) - ceiling
                let reach = rates[k] * window
                if gap > reach { jump = min(jump, gap / rates[k]) } else { active.append(k) }
            }
            if active.isEmpty {
                t = min(end, t + jump)
                continue
            }
            let t1 = min(end, t + window)
            let a = try derivatives(t), b = try derivatives(t1)
            var found: [Minimum] = []
            try scan(t, a.d, t1, b.d, active: active, into: &found)
            for m in found where angle(fromHalfChordSquared: m.value) <= ceiling && m.time > start && m.time < end {
                pending.append(m)
            }
            pending.sort { $0.time < $1.time }
            t = t1
        }
        return pending.removeFirst()
    }

    private mutating func scan(_ a: Double, _ da: [Double], _ b: Double, _ db: [Double], active: [Int],
                               into found: inout [Minimum]) throws {
        let h = b - a
        var unresolved: [Int] = []
        for k in active {
            let x = da[k], y = db[k]
            let m = curvatures[k] * h
            if (x < 0) == (y < 0) {
                if abs(x + y) <= m && h > resolution { unresolved.append(k) }
            } else if abs(x) + abs(y) < m && h > resolution {
                unresolved.append(k)
            } else if x < 0 && y >= 0 {
                found.append(try refine(k, a, x, b, y))
            }
        }
        guard !unresolved.isEmpty else { return }
        let mid = (a + b) / 2
        let dm = try derivatives(mid).d
        try scan(a, da, mid, dm, active: unresolved, into: &found)
        try scan(mid, dm, b, db, active: unresolved, into: &found)
    }

    private mutating func refine(_ k: Int, _ a: Double, _ da: Double, _ b: Double, _ db: Double) throws -> Minimum {
        var count = 0
        let root = try Search.brentRoot(a, b, da, db, tolerance: tolerance) { x in
            count += 1
            let e = Self.epsilon
            let p = try evaluate(x - e)[k], q = try evaluate(x + e)[k]
            return (q - p) / (2 * e)
        }
        evaluations += 2 * count + 1
        return Minimum(time: root, value: try evaluate(root)[k], index: k)
    }
}
