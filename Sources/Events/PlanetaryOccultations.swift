import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180

/// An occultation of a star or planet by a planet, geocentric or seen from a site.
///
/// The planet's disc is a circle of its mean equatorial radius (`radiusKm`; oblateness, phase and Saturn's rings
/// ignored); a star is a point, a planet target a disc of its own radius.
public struct PlanetaryOccultation: Sendable {
    /// The nearer planet, whose disc covers the other.
    public let occulter: Body
    /// The occulted star (a group's member, with its HIP) or planet.
    public let target: TrackedTarget
    /// The occulted object as named (the other planet's name when the two were named the other way round).
    public let object: String
    /// The site, for a topocentric occultation; nil for a geocentric one.
    public let site: Site?
    /// Least separation of the centres: TT fixed by the dynamics (UT σ = ΔT's σ) when geocentric; with a site its UT σ
    /// comes from recomputing the minimum with ΔT ± σ.
    public internal(set) var minimum: EventTime
    public let separation: Angle
    public let occulterSemidiameter: Angle
    /// Zero for a star.
    public let targetSemidiameter: Angle
    /// First and last contact of the discs (for a star: its disappearance and reappearance at the limb).
    public let ingress: EventTime?
    public let egress: EventTime?
    /// True when the target's centre passes within 0.5″ of the occulter's limb (inside or outside).
    public let graze: Bool
    /// The target entirely behind the disc at the minimum (always, for a star that is occulted).
    public let total: Bool
    /// True (refracted) altitudes of the occulter and the Sun at the minimum, degrees; nil when geocentric.
    public let occulterAltitude: Double?
    public let sunAltitude: Double?
    /// With a site: occulted, with the occulter above the horizon and the Sun below −6° (a star) or the horizon (a
    /// planet). Nil when geocentric.
    public let visible: Bool?
    /// The ΔT values (s) within ±5σ of the model's for which `visible` holds (with a site and the model's ΔT).
    public internal(set) var visibleDeltaT: [ClosedRange<Double>] = []
}

extension SkyView {
    /// Occultations of a star, a group's members or a planet by a planet (Mercury…Neptune), geocentric or seen from
    /// a site, with contacts, grazes and, at a site, the ΔT range in which each is seen.
    ///
    /// - Parameters:
    ///   - object: the occulted star, group (through its naked-eye members) or planet.
    ///   - planet: the occulting planet. For two planets the nearer one at the minimum is reported as the occulter.
    ///   - site: observe from here (topocentric); nil for geocentric.
    ///   - span: the TT span searched.
    ///   - deltaT: a fixed ΔT (then `visibleDeltaT` is left empty); nil uses the model.
    /// - Returns: occultations in time order (a group's members merged by time).
    /// - Throws: `EventError.cannotOccult` when `planet` is not a planet, `.sameObject`, and the span errors.
    /// - Notes: candidates come from the complete approach search (`MinimumScan`) with a ceiling of 0.02° (above
    ///   the largest sum of two planetary semidiameters, 57″); contacts are roots of separation − sum of
    ///   semidiameters, refined to 0.1 s.
    public func occultations(of object: SkyObject, by planet: SkyObject, site: Site? = nil, in span: TimeSpan,
                             deltaT: DeltaTEstimate? = nil) throws -> EventSequence<PlanetaryOccultation> {
        guard case .body(let occulter) = planet, ![.sun, .moon, .earth, .earthMoonBarycenter].contains(occulter) else {
            throw EventError.cannotOccult(planet.label, target: object.label)
        }
        guard object != planet else { throw EventError.sameObject(object.label) }
        if case .body(let b) = object, [.sun, .moon, .earth, .earthMoonBarycenter].contains(b) {
            throw EventError.needsBody(object.label, role: "occulted by a planet (name a star, a cluster or another planet)")
        }
        try check(span)
        let occulterTarget = TrackedTarget(label: occulter.displayName, target: .body(occulter))
        var search = try ApproachSearch(view: self, a: [occulterTarget], b: try trackedTargets(of: object),
                                        objects: [planet.label, object.label], span: span, within: .degrees(0.02), site: site,
                                        deltaT: deltaT, toleranceSeconds: 0.1)
        return EventSequence {
            while let a = try search.nextApproach() {
                guard var o = try self.planetaryOccultation(at: a, object: object.label, site: site, deltaT: deltaT) else { continue }
                if let site, deltaT == nil, o.visible != nil { o.visibleDeltaT = try self.planetaryVerdictRange(o, site: site) }
                return o
            }
            return nil
        }
    }

    /// The occultation at an approach, or nil when the discs do not touch.
    private func planetaryOccultation(at a: Approach, object: String, site: Site?, deltaT: DeltaTEstimate?,
                                      contacts: Bool = true) throws -> PlanetaryOccultation? {
        let tracker = Tracker(view: self, targets: [a.first, a.second, TrackedTarget(label: "Sun", target: .body(.sun))],
                              site: site, deltaT: deltaT)
        func state(_ t: Instant) throws -> (sep: Double, r0: Double, r1: Double, d0: Double, d1: Double) {
            let u = try tracker.directions(at: t)
            let distances: [Double?]
            if site != nil { distances = try tracker.topocentric(at: t).map(\.distance) } else { distances = try tracker.apparent(at: t).map(\.distance) }
            func radius(_ k: Int) -> Double {
                guard let body = tracker.targets[k].body, let d = distances[k] else { return 0 }
                return asin(min(1, radiusKm(body) / (d * kilometresPerAU)))
            }
            return (angle(fromHalfChordSquared: halfChordSquared(u[0], u[1])), radius(0), radius(1),
                    distances[0] ?? .infinity, distances[1] ?? .infinity)
        }
        let t = a.time.instant
        let s = try state(t)
        // The nearer body occults the farther.
        let swapped = s.d1 < s.d0
        let (rOcc, rTarget) = swapped ? (s.r1, s.r0) : (s.r0, s.r1)
        guard s.sep < rOcc + rTarget else { return nil }
        guard let occulter = (swapped ? a.second : a.first).body else { return nil }
        let target = swapped ? a.first : a.second
        var ingress: EventTime?, egress: EventTime?
        let dt = tracker.deltaT(at: t)
        if contacts {
            // Half a chord of the discs at the relative rate, with room: hours for a fast pair, days near a station.
            let h = 0.01
            let rate = max(1e-9, abs(try state(t.adding(days: h)).sep - state(t.adding(days: -h)).sep) / (2 * h),
                           Motion.rate(.body(occulter), topocentric: site != nil) * 0.01)
            let reach = min(10, max(0.02, 3 * (rOcc + rTarget) / rate))
            let f: (Double) throws -> Double = { d in let x = try state(t.adding(days: d)); return x.sep - (x.r0 + x.r1) }
            if let i = try Search.crossings(in: -reach, 0, step: reach / 40, tolerance: 1e-6, f).last {
                ingress = EventTime(instant: t.adding(days: i.time), deltaT: dt)
            }
            if let e = try Search.crossings(in: 0, reach, step: reach / 40, tolerance: 1e-6, f).first {
                egress = EventTime(instant: t.adding(days: e.time), deltaT: dt)
            }
        }
        var occulterAltitude: Double?, sunAltitude: Double?, visible: Bool?
        if site != nil {
            let p = try tracker.topocentric(at: t)
            occulterAltitude = p[swapped ? 1 : 0].refractedAltitude.degrees
            sunAltitude = p[2].refractedAltitude.degrees
            let sunLimit = target.body == nil ? -6.0 : 0.0
            visible = occulterAltitude! > 0 && sunAltitude! < sunLimit
        }
        return PlanetaryOccultation(occulter: occulter, target: target, object: swapped ? a.first.label : object, site: site, minimum: a.time,
                                    separation: .radians(s.sep), occulterSemidiameter: .radians(rOcc),
                                    targetSemidiameter: .radians(rTarget), ingress: ingress, egress: egress,
                                    graze: abs(s.sep - rOcc) < 0.5 / 3600 * degree, total: s.sep + rTarget <= rOcc,
                                    occulterAltitude: occulterAltitude, sunAltitude: sunAltitude, visible: visible)
    }

    /// The ΔT range of a topocentric verdict: the minimum found again with ΔT fixed at trial values. A planet's
    /// parallax is under 40″, so unless an altitude is near its limit the verdict holds throughout.
    private func planetaryVerdictRange(_ o: PlanetaryOccultation, site: Site) throws -> [ClosedRange<Double>] {
        let dt = deltaT(at: o.minimum.instant)
        let turn = 360 * 5 * dt.sigma / secondsPerDay
        let sunLimit = o.target.body == nil ? -6.0 : 0.0
        if let h = o.occulterAltitude, let sun = o.sunAltitude, abs(h) > turn + 1, abs(sun - sunLimit) > turn + 1 {
            return o.visible == true ? [(dt.seconds - 5 * dt.sigma)...(dt.seconds + 5 * dt.sigma)] : []
        }
        let pair = [TrackedTarget(label: o.occulter.displayName, target: .body(o.occulter)), o.target]
        return try verdictRanges(centre: dt, sigmaSpan: 5) { seconds in
            let fixed = DeltaTEstimate(seconds: seconds, sigma: 0, model: "trial")
            let centre = o.minimum.instant.adding(days: (seconds - dt.seconds) / secondsPerDay)
            var s = try ApproachSearch(view: self, a: [pair[0]], b: [pair[1]], objects: [o.occulter.displayName, o.object],
                                       span: TimeSpan(centre.adding(days: -0.1), centre.adding(days: 0.1)), within: .degrees(0.02),
                                       site: site, deltaT: fixed, toleranceSeconds: 1, siteSigma: false)
            guard let a = try s.nextApproach(),
                  let again = try self.planetaryOccultation(at: a, object: o.object, site: site, deltaT: fixed, contacts: false)
            else { return false }
            return again.visible == true
        }
    }
}
