import Foundation

/// A lazy, provably complete search for the zeros of f(t) given a bound r ≥ |f′| (a Lipschitz bound).
///
/// From a sample f(a) the function cannot reach zero before a + |f(a)|/r, so the search steps
/// h = max(|f(a)|/r, window). On [a, b] with r·(b − a) ≤ |f(a)| + |f(b)|, same-signed ends leave no zero and
/// opposite signs exactly one (three zeros would need |f(a)|/r + |f(b)|/r < b − a); otherwise the interval is
/// halved, down to `resolution`. Zeros are refined by Brent's method to `tolerance`.
///
/// With `periodic`, f is an angle wrapped to (−π, π]: a jump from near +π to near −π is a wrap, not a zero,
/// and |f| is the distance to zero on the circle, so the same bound holds.
struct RootScan {
    let end: Double
    let rate: Double
    let window: Double
    let tolerance: Double
    let resolution: Double
    let periodic: Bool
    let evaluate: (Double) throws -> Double

    private var t: Double
    private var ft: Double?
    private var pending: [(time: Double, rising: Bool)] = []
    private(set) var evaluations = 0

    init(start: Double, end: Double, rate: Double, window: Double, tolerance: Double, periodic: Bool = false,
         evaluate: @escaping (Double) throws -> Double) {
        self.end = end
        self.rate = max(rate, 1e-12)
        self.window = window
        self.tolerance = tolerance
        resolution = min(window / 64, 1e-4)
        self.periodic = periodic
        self.evaluate = evaluate
        t = start
    }

    private mutating func value(_ x: Double) throws -> Double {
        evaluations += 1
        let v = try evaluate(x)
        guard v.isFinite else { throw SearchError.notFinite(at: x) }
        return v
    }

    /// The next zero, in time order, with `rising` when f goes from negative to positive; nil at the end.
    mutating func next() throws -> (time: Double, rising: Bool)? {
        while pending.isEmpty {
            guard t < end else { return nil }
            let fa = try ft ?? value(t)
            let b = min(end, t + max(abs(fa) / rate, window))
            let fb = try value(b)
            try scan(t, fa, b, fb)
            t = b
            ft = fb
        }
        return pending.removeFirst()
    }

    private mutating func scan(_ a: Double, _ fa: Double, _ b: Double, _ fb: Double) throws {
        let h = b - a
        if abs(fa) + abs(fb) < rate * h * (1 - 1e-12), h > resolution {
            let m = (a + b) / 2
            let fm = try value(m)
            try scan(a, fa, m, fm)
            try scan(m, fm, b, fb)
            return
        }
        guard (fa < 0) != (fb < 0), fb != 0 || fa < 0 else { return }
        if periodic && abs(fa - fb) > .pi { return }
        var count = 0
        let root = try Search.brentRoot(a, b, fa, fb, tolerance: tolerance) { x in
            count += 1
            return try evaluate(x)
        }
        evaluations += count
        pending.append((root, fb > fa))
    }
}

/// A lazy sequence of events, found one at a time as it is iterated, so a caller can stop early.
///
/// Iterate with `for event in sequence`, or call `nextEvent()` to see errors. The span and objects are checked when
/// the sequence is made; should a later step fail anyway, iteration ends and `failure` holds the error.
public struct EventSequence<Element>: Sequence, IteratorProtocol {
    private let step: () throws -> Element?
    /// The error that ended iteration early, if any.
    public private(set) var failure: (any Error)?

    init(_ step: @escaping () throws -> Element?) { self.step = step }

    /// The next event, or nil at the end of the span.
    public mutating func nextEvent() throws -> Element? { try step() }

    public mutating func next() -> Element? {
        guard failure == nil else { return nil }
        do { return try step() } catch {
            failure = error
            return nil
        }
    }
}

/// Wraps an angle (radians) to (−π, π].
@inline(__always) func wrapAngle(_ x: Double) -> Double {
    var y = x.truncatingRemainder(dividingBy: 2 * .pi)
    if y > .pi { y -= 2 * .pi } else if y <= -.pi { y += 2 * .pi }
    return y
}
