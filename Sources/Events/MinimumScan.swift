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
/// A `screen`, when given, is a cheaper proof of the far regime (e.g. geocentric places for a topocentric search):
/// it returns a time in which no θₖ can reach the ceiling, and the search jumps that far when it exceeds a window.
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
    /// Bounds on |dθₖ/dt| (rad/day) and |Dₖ″| (1/day²); given bounds Aₖ on |d²(u₁ − u₂)/dt²| instead, the
    /// search derives Mₖ from the separations it can meet in a window (small near a low ceiling).
    let rates: [Double]
    let curvatures: [Double]
    let window: Double
    let tolerance: Double
    let resolution: Double
    /// The values Dₖ(t) at a time (days from the caller's origin).
    let evaluate: (Double) throws -> [Double]
    /// Days (from a time) in which no θₖ can reach the ceiling, proved by a cheaper computation.
    let screen: ((Double) throws -> Double)?

    private var t: Double
    /// Once the screen finds the ceiling within reach, the search steps on its own until this time.
    private var screenedUntil = -Double.infinity
    /// The derivatives (and mean values) at the end of the last window, which the next window starts from.
    private var carried: (t: Double, d: [Double], value: [Double])?
    private var pending: [Minimum] = []
    private(set) var evaluations = 0

    init(start: Double, end: Double, ceiling: Double, rates: [Double], curvatures: [Double], tolerance: Double,
         window: Double? = nil, accelerations: [Double]? = nil, screen: ((Double) throws -> Double)? = nil,
         evaluate: @escaping (Double) throws -> [Double]) {
        self.start = start
        self.end = end
        self.ceiling = ceiling
        self.rates = rates
        self.tolerance = tolerance
        let fastest = max(rates.max() ?? 1e-6, 1e-9)
        let window = window ?? min(2, max(1e-3, max(ceiling, 0.002) / fastest / 4))
        self.window = window
        if let accelerations {
            // Dₖ″ = |Δu′|² + Δu·Δu″ ≤ ωₖ² + |Δu|·Aₖ, and a window is searched only while θₖ ≤ ceiling + 2ωₖh.
            self.curvatures = zip(rates, accelerations).map { w, a in w * w + min(2, ceiling + 2 * w * window) * a }
        } else {
            self.curvatures = curvatures
        }
        self.resolution = min(self.window / 64, 1e-3)
        self.evaluate = evaluate
        self.screen = screen
        t = start
    }

    private static let epsilon = 5e-4
    /// How long (days) the search steps on its own once the screen finds the ceiling within reach.
    private static let screenDwell = 0.1

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
            if let screen, t >= screenedUntil {
                let free = try screen(t)
                if free > max(window, Self.screenDwell / 4) {
                    t = min(end, t + free)
                    continue
                }
                screenedUntil = t + Self.screenDwell
            }
            // Where the last window ended, the derivatives' two samples already bound D from below (their mean
            // exceeds D by at most Mε²/2), which is all the choice of regime needs.
            let v = try carried.flatMap { c in
                c.t == t ? c.value.indices.map { max(0, c.value[$0] - curvatures[$0] * Self.epsilon * Self.epsilon / 2) } : nil
            } ?? values(t)
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
            let a = try carried.flatMap { $0.t == t ? $0.d : nil } ?? derivatives(t).d
            let b = try derivatives(t1)
            carried = (t1, b.d, b.value)
            var found: [Minimum] = []
            try scan(t, a, t1, b.d, active: active, into: &found)
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

/// The time (days from τ = 0) when a smooth vector path p(τ) is shortest, by Newton's method on d|p|²/dτ with p′
/// and p″ from central differences (h = 0.002 d); it stops after a step under `settle` days (the next would be
/// under a hundredth of a second for the Sun–Moon and Moon–star geometry here). Nil when the least distance of p's
/// tangent line at τ = 0, less all that the path's curvature can bring it back within ±0.35 d, exceeds `limit`.
/// Should Newton's method wander it falls back on a scan of ±0.6 d.
func leastNorm(limit: Double = .infinity, settle: Double = 2e-4, _ p: (Double) throws -> SIMD3<Double>) throws -> Double? {
    let h = 0.002
    var tau = 0.0
    for iteration in 0..<8 {
        let a = try p(tau - h), b = try p(tau), c = try p(tau + h)
        let v = (c - a) / (2 * h), acceleration = (c - 2 * b + a) / (h * h)
        let speed2 = (v * v).sum()
        let slope = (b * v).sum(), curvature = speed2 + (b * acceleration).sum()
        if iteration == 0, limit.isFinite {
            let lineDistance = max(0, (b * b).sum() - slope * slope / speed2).squareRoot()
            if lineDistance - (acceleration * acceleration).sum().squareRoot() * 0.35 * 0.35 > limit { return nil }
        }
        guard curvature > 0 else { break }
        let step = -slope / curvature
        guard abs(step) < 0.3 else { break }
        tau += step
        guard abs(tau) < 0.6 else { break }
        if abs(step) < settle { return tau }
    }
    return try Search.minimum(in: -0.6, 0.6, step: 0.04, tolerance: 2e-6) { let v = try p($0); return (v * v).sum() }.time
}
