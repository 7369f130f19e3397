/// Generic searches over smooth functions of time, the core under every almanac event.
///
/// Time is a plain `Double` here (days, in whatever scale the caller uses) so that the same code serves
/// TT and UT searches; callers wrap it with `Instant`. The functions never trap: a function that throws
/// aborts the search with its error, and non-finite values are reported as `SearchError.notFinite`.
public enum Search {
    /// Finds every point in `[start, end]` where `f` crosses zero, sampling every `step` days and refining each
    /// sign change by Brent's method to `tolerance` days.
    ///
    /// - Notes: two crossings closer than `step` can be missed; choose `step` below half the shortest period
    ///   of `f` (e.g. 0.1 d for the Sun's altitude, 0.02 d for the Moon's).
    /// - Returns: the crossings in time order, each with the sign of `f` after it (`rising` when f goes from
    ///   negative to positive).
    public static func crossings(in start: Double, _ end: Double, step: Double, tolerance: Double = 1e-7,
                                 _ f: (Double) throws -> Double) throws -> [(time: Double, rising: Bool)] {
        guard start.isFinite, end.isFinite, step > 0, end >= start else { throw SearchError.badInterval }
        var results: [(Double, Bool)] = []
        var t0 = start
        var f0 = try finite(f(t0), at: t0)
        while t0 < end {
            let t1 = min(t0 + step, end)
            let f1 = try finite(f(t1), at: t1)
            if f0 == 0 {
                results.append((t0, f1 > 0))
            } else if f0 * f1 < 0 {
                results.append((try brentRoot(t0, t1, f0, f1, tolerance: tolerance, f), f1 > 0))
            }
            t0 = t1
            f0 = f1
        }
        return results
    }

    /// The minimum of `f` on `[start, end]`: samples every `step` days, then refines the best bracket by
    /// golden-section search to `tolerance` days. Returns the time and the value.
    public static func minimum(in start: Double, _ end: Double, step: Double, tolerance: Double = 1e-7,
                               _ f: (Double) throws -> Double) throws -> (time: Double, value: Double) {
        guard start.isFinite, end.isFinite, step > 0, end > start else { throw SearchError.badInterval }
        var bestT = start
        var bestV = try finite(f(start), at: start)
        var t = start
        while t < end {
            t = min(t + step, end)
            let v = try finite(f(t), at: t)
            if v < bestV { bestV = v; bestT = t }
        }
        var a = max(start, bestT - step), b = min(end, bestT + step)
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = try finite(f(c), at: c), fd = try finite(f(d), at: d)
        while b - a > tolerance {
            if fc < fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a); fc = try finite(f(c), at: c)
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a); fd = try finite(f(d), at: d)
            }
        }
        let tm = (a + b) / 2
        let vm = try finite(f(tm), at: tm)
        return vm <= bestV ? (tm, vm) : (bestT, bestV)
    }

    /// The maximum of `f` on `[start, end]` (see `minimum`).
    public static func maximum(in start: Double, _ end: Double, step: Double, tolerance: Double = 1e-7,
                               _ f: (Double) throws -> Double) throws -> (time: Double, value: Double) {
        let m = try minimum(in: start, end, step: step, tolerance: tolerance) { -(try f($0)) }
        return (m.time, -m.value)
    }

    private static func finite(_ value: Double, at t: Double) throws -> Double {
        guard value.isFinite else { throw SearchError.notFinite(at: t) }
        return value
    }

    /// Brent's method (Brent 1973, ch. 4) on a bracket with f(a)·f(b) < 0.
    static func brentRoot(_ a0: Double, _ b0: Double, _ fa0: Double, _ fb0: Double, tolerance: Double,
                          _ f: (Double) throws -> Double) throws -> Double {
        var a = a0, b = b0, fa = fa0, fb = fb0
        if abs(fa) < abs(fb) { swap(&a, &b); swap(&fa, &fb) }
        var c = a, fc = fa, d = b - a
        var bisected = true
        for _ in 0..<200 {
            if fb == 0 || abs(b - a) < tolerance { return b }
            var s: Double
            if fa != fc && fb != fc {
                s = a * fb * fc / ((fa - fb) * (fa - fc)) + b * fa * fc / ((fb - fa) * (fb - fc))
                    + c * fa * fb / ((fc - fa) * (fc - fb))
            } else {
                s = b - fb * (b - a) / (fb - fa)
            }
            let lo = min((3 * a + b) / 4, b), hi = max((3 * a + b) / 4, b)
            if !(s > lo && s < hi) || (bisected && abs(s - b) >= abs(b - c) / 2)
                || (!bisected && abs(s - b) >= abs(c - d) / 2) {
                s = (a + b) / 2
                bisected = true
            } else {
                bisected = false
            }
            let fs = try finite(f(s), at: s)
            d = c; c = b; fc = fb
            if fa * fs < 0 { b = s; fb = fs } else { a = s; fa = fs }
            if abs(fa) < abs(fb) { swap(&a, &b); swap(&fa, &fb) }
        }
        return b
    }
}

/// Errors of the searches.
public enum SearchError: Error, Sendable, Equatable {
    /// The interval is empty, reversed or not finite, or the step is not positive.
    case badInterval
    /// The searched function returned NaN or infinity at this time.
    case notFinite(at: Double)
}
