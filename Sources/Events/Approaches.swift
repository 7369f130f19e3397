import Ephemeris
import Foundation
import Sky
import SkyTime

/// A close approach (appulse): a local minimum of the separation between two objects.
///
/// For a group (cluster, asterism, mansion) the separation is that of its nearest member: an approach is a moment
/// when the nearest member's separation is at a local minimum, and `second` names that member (with its HIP).
public struct Approach: Sendable {
    /// When the separation was least. Geocentric: UT σ is ΔT's σ; seen from a site it comes from recomputing the
    /// minimum with ΔT ± σ (the parallax turns with the Earth).
    public let time: EventTime
    /// The least separation (geocentric apparent, or topocentric unrefracted).
    public let separation: Angle
    /// The objects as named (e.g. "Venus", "Pleiades").
    public let objects: [String]
    /// The first object's target (a member, for a group).
    public let first: TrackedTarget
    /// The second object's target (the nearest member, for a group).
    public let second: TrackedTarget
    /// The site, when the separation is topocentric.
    public let site: Site?
}

/// The approaches found by `SkyView.approaches(of:and:in:within:)`, found one at a time as they are iterated,
/// so a caller can stop early; memory stays constant over any span.
///
/// Iterate with `for approach in search { … }`, or call `nextApproach()` to see any error. The span and objects
/// are checked when the search is made, so iteration cannot fail for those reasons; should a later step fail
/// anyway, iteration ends and `failure` holds the error.
public struct ApproachSearch: Sequence, IteratorProtocol {
    private var scan: MinimumScan
    private let tracker: Tracker
    private let pairs: [(Int, Int)]
    private let origin: Instant
    private let objects: [String]
    private let site: Site?
    private let deltaT: DeltaTEstimate?
    private let view: SkyView
    private let siteSigma: Bool
    /// The error that ended iteration early, if any.
    public private(set) var failure: (any Error)?

    init(view: SkyView, a: [TrackedTarget], b: [TrackedTarget], objects: [String], span: TimeSpan, within: Angle,
         site: Site?, deltaT: DeltaTEstimate?, toleranceSeconds: Double, siteSigma: Bool = true,
         screen: ((Instant) throws -> Double)? = nil) throws {
        let tracker = Tracker(view: view, targets: a + b, site: site, deltaT: deltaT)
        var pairs: [(Int, Int)] = []
        for i in a.indices { for j in b.indices { pairs.append((i, a.count + j)) } }
        let topo = site != nil
        let targets = tracker.targets
        let rates = pairs.map { Motion.rate(targets[$0.0].target, topocentric: topo) + Motion.rate(targets[$0.1].target, topocentric: topo) }
        let accelerations = pairs.map { p in
            Motion.acceleration(targets[p.0].target, topocentric: topo) + Motion.acceleration(targets[p.1].target, topocentric: topo)
        }
        let origin = span.start
        let p = pairs
        scan = MinimumScan(start: 0, end: span.days, ceiling: within.radians, rates: rates, curvatures: [],
                           tolerance: toleranceSeconds / secondsPerDay, accelerations: accelerations,
                           screen: screen.map { s in { t in try s(origin.adding(days: t)) } }) { t in
            let u = try tracker.directions(at: origin.adding(days: t))
            return p.map { halfChordSquared(u[$0.0], u[$0.1]) }
        }
        self.tracker = tracker
        self.pairs = pairs
        self.origin = origin
        self.objects = objects
        self.site = site
        self.deltaT = deltaT
        self.view = view
        self.siteSigma = siteSigma
        _ = try tracker.directions(at: span.start)
    }

    /// The next approach, or nil at the end of the span.
    ///
    /// - Throws: `EphemerisError`/`ReductionError` should a reduction fail.
    public mutating func nextApproach() throws -> Approach? {
        while let m = try scan.next() {
            let instant = origin.adding(days: m.time)
            let u = try tracker.directions(at: instant)
            let values = pairs.map { halfChordSquared(u[$0.0], u[$0.1]) }
            // For a group, a minimum counts only while that member is the nearest one.
            guard values.allSatisfy({ $0 >= m.value * (1 - 1e-9) - 1e-15 }) else { continue }
            let pair = pairs[m.index]
            let dt = tracker.deltaT(at: instant)
            var time = EventTime(instant: instant, deltaT: dt)
            if let site, siteSigma, deltaT == nil, dt.sigma > 0 {
                // Seen from a site the minimum moves with the Earth's rotation: recompute it with ΔT ± σ.
                let uts = try [-1.0, 1.0].map { sign -> Double in
                    let fixed = DeltaTEstimate(seconds: dt.seconds + sign * dt.sigma, sigma: 0, model: "trial")
                    let other = Tracker(view: view, targets: tracker.targets, site: site, deltaT: fixed)
                    let mm = try Search.minimum(in: -0.05, 0.05, step: 0.005, tolerance: 1e-6) { d in
                        let u = try other.directions(at: instant.adding(days: d))
                        return halfChordSquared(u[pair.0], u[pair.1])
                    }
                    return instant.jdTT + mm.time - fixed.seconds / secondsPerDay
                }
                time = EventTime(instant: instant, deltaT: dt, utSigmaSeconds: abs(uts[1] - uts[0]) / 2 * secondsPerDay)
            }
            return Approach(time: time, separation: .radians(angle(fromHalfChordSquared: m.value)),
                            objects: objects, first: tracker.targets[pair.0], second: tracker.targets[pair.1], site: site)
        }
        return nil
    }

    public mutating func next() -> Approach? {
        guard failure == nil else { return nil }
        do { return try nextApproach() } catch {
            failure = error
            return nil
        }
    }

    /// Reductions made so far (for benchmarks and tests of efficiency).
    public var evaluations: Int { scan.evaluations }
}

extension SkyView {
    /// Every close approach of two objects closer than `within`, found lazily in time order.
    ///
    /// - Parameters:
    ///   - a: a body, star or group; a group counts through its naked-eye members (`targets(of:)`) and an
    ///     approach names the nearest member.
    ///   - b: the other body, star or group.
    ///   - span: the TT span searched; minima at its very ends (still falling at the edge) are not reported.
    ///   - within: the largest separation reported.
    ///   - site: observe from this site (topocentric, unrefracted); nil for geocentric apparent places.
    ///   - deltaT: a fixed ΔT instead of the model's (matters only with a site).
    ///   - toleranceSeconds: precision of each time (default 0.1 s).
    /// - Returns: a lazy sequence; stop iterating whenever you like.
    /// - Throws: `EventError` for an empty or reversed span, one outside the ephemeris, the same object twice or a
    ///   non-positive `within`; `SkyViewError.emptyGroup` for a group with no catalogued members.
    /// - Notes: complete by construction (see `MinimumScan`): the search jumps only as far as the objects'
    ///   bounded relative motion allows and proves each sampled window free of, or holding exactly one, minimum.
    ///   Times agree with a dense scan of the same places to well under a second.
    public func approaches(of a: SkyObject, and b: SkyObject, in span: TimeSpan, within: Angle, site: Site? = nil,
                           deltaT: DeltaTEstimate? = nil, toleranceSeconds: Double = 0.1) throws -> ApproachSearch {
        try check(span)
        guard within.radians.isFinite, within.radians > 0 else { throw EventError.badParameter("the approach limit (--within, degrees)") }
        guard toleranceSeconds.isFinite, toleranceSeconds > 0 else { throw EventError.badParameter("the tolerance") }
        guard a != b else { throw EventError.sameObject(a.label) }
        return try ApproachSearch(view: self, a: try trackedTargets(of: a), b: try trackedTargets(of: b),
                                  objects: [a.label, b.label], span: span, within: within, site: site, deltaT: deltaT,
                                  toleranceSeconds: toleranceSeconds)
    }

    /// The least separation of two objects over a span (ends included): the answer to "how close did they come
    /// that night?" (a record's 犯), with the moment and the nearest member of a group.
    ///
    /// - Returns: an `Approach` at the least separation; at an end of the span when the separation was still
    ///   falling (or already rising) there.
    /// - Throws: as `approaches(of:and:in:within:)`.
    public func minimumSeparation(of a: SkyObject, and b: SkyObject, in span: TimeSpan, site: Site? = nil,
                                  deltaT: DeltaTEstimate? = nil) throws -> Approach {
        var search = try approaches(of: a, and: b, in: span, within: .radians(.pi), site: site, deltaT: deltaT)
        let ta = try trackedTargets(of: a), tb = try trackedTargets(of: b)
        let tracker = Tracker(view: self, targets: ta + tb, site: site, deltaT: deltaT)
        func nearestAt(_ instant: Instant) throws -> Approach {
            let u = try tracker.directions(at: instant)
            var best = (i: 0, j: 0, d: Double.infinity)
            for i in ta.indices { for j in tb.indices {
                let d = halfChordSquared(u[i], u[ta.count + j])
                if d < best.d { best = (i, j, d) }
            } }
            return Approach(time: EventTime(instant: instant, deltaT: tracker.deltaT(at: instant)),
                            separation: .radians(angle(fromHalfChordSquared: best.d)), objects: [a.label, b.label],
                            first: ta[best.i], second: tb[best.j], site: site)
        }
        var best = try nearestAt(span.start)
        let last = try nearestAt(span.end)
        if last.separation < best.separation { best = last }
        while let m = try search.nextApproach() {
            if m.separation < best.separation { best = m }
        }
        return best
    }
}
