import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180

/// An occultation of a star or planet by the Moon, seen from a site.
public struct Occultation: Sendable {
    /// The occulted star or planet (a group's member, with its HIP).
    public let target: TrackedTarget
    /// The object as named ("Regulus", "Pleiades").
    public let object: String
    public let site: Site
    /// Least topocentric separation of the target from the Moon's centre; its UT σ comes from recomputing the
    /// minimum with ΔT ± σ.
    public internal(set) var minimum: EventTime
    public let separation: Angle
    /// The Moon's topocentric semidiameter at the minimum.
    public let moonSemidiameter: Angle
    /// Disappearance and reappearance of the target's centre at the lunar limb (a smooth limb of the Moon's mean
    /// radius, 1737.4 km; real limb profile ±2″ ignored). Nil for a miss or a graze that does not cover it.
    public let ingress: EventTime?
    public let egress: EventTime?
    /// True when the target's centre passes within 2″ of the limb (inside or outside): a grazing occultation,
    /// where the lunar limb profile decides.
    public let graze: Bool
    /// True (refracted) altitude of the Moon and the Sun's altitude at the minimum, degrees.
    public let moonAltitude: Double
    public let sunAltitude: Double
    /// Occulted (centre behind the limb), with the Moon above the horizon and the Sun below −6° (for a planet,
    /// below the horizon: Venus and Jupiter can be seen in twilight).
    public let visible: Bool
    /// The ΔT values (s) for which `visible` holds, within ±5σ of the model's value.
    public var visibleDeltaT: [ClosedRange<Double>] = []
}

extension SkyView {
    /// Occultations of a star, a group's members or a planet by the Moon seen from a site, with ingress, egress,
    /// grazes, altitudes and the range of ΔT in which each is seen.
    ///
    /// - Parameters:
    ///   - object: what the Moon covers (a star, a group through its naked-eye members, or a planet).
    ///   - site: the observer; occultations are topocentric events.
    ///   - span: the TT span searched.
    ///   - deltaT: a fixed ΔT (then `visibleDeltaT` is left empty); nil uses the model and fills it.
    ///   - includeMisses: also report close passes within 0.1° of the limb that are not occultations there.
    /// - Returns: occultations in time order (for a group, each member's in turn merged by time).
    /// - Throws: `EventError.needsBody` when the Moon is named as the occulted object.
    /// - Notes: candidates come from the complete topocentric approach search with a ceiling of 0.35°
    ///   (the Moon's largest topocentric semidiameter, 0.28°, plus a margin), which skips ahead on geocentric
    ///   places wherever those prove the Moon out of reach (see `geocentricScreen`); contacts are roots of
    ///   separation − semidiameter refined to 0.1 s. The minimum for another ΔT (UT σ, the verdict's ΔT range)
    ///   is found by Newton's method from the one before, seconds away.
    public func occultations(of object: SkyObject, at site: Site, in span: TimeSpan, deltaT: DeltaTEstimate? = nil,
                             includeMisses: Bool = false) throws -> EventSequence<Occultation> {
        if case .body(let b) = object, b == .moon || b == .earth || b == .sun {
            throw EventError.needsBody(object.label, role: "occulted by the Moon (name a star, a cluster or a planet)")
        }
        try check(span)
        let members = try trackedTargets(of: object)
        let moon = TrackedTarget(label: "Moon", target: .body(.moon))
        let ceiling = Angle.degrees(0.35)
        var searches = try members.map { m -> ApproachSearch in
            try ApproachSearch(view: self, a: [moon], b: [m], objects: ["Moon", object.label], span: span, within: ceiling,
                               site: site, deltaT: deltaT, toleranceSeconds: 0.1, siteSigma: false,
                               screen: geocentricScreen(moon: moon, target: m, ceiling: ceiling.radians))
        }
        var heads: [Occultation?] = Array(repeating: nil, count: members.count)
        var primed = false
        func advance(_ k: Int) throws {
            heads[k] = nil
            while let a = try searches[k].nextApproach() {
                let o = try self.occultation(at: a, target: members[k], object: object.label, site: site, deltaT: deltaT)
                if o.separation < o.moonSemidiameter || includeMisses { heads[k] = o; return }
            }
        }
        return EventSequence {
            if !primed {
                for k in members.indices { try advance(k) }
                primed = true
            }
            var earliest: (k: Int, o: Occultation)?
            for (k, head) in heads.enumerated() {
                guard let head else { continue }
                if let e = earliest, e.o.minimum.instant <= head.minimum.instant { continue }
                earliest = (k, head)
            }
            guard let (k, first) = earliest else { return nil }
            var o = first
            try advance(k)
            if deltaT == nil {
                let dt = self.deltaT(at: o.minimum.instant)
                let member = members[k]
                let centre = o.minimum.instant
                var uts: [Double] = []
                for sign in [-1.0, 1.0] {
                    let fixed = DeltaTEstimate(seconds: dt.seconds + sign * dt.sigma, sigma: 0, model: "trial")
                    if let t = try self.leastSeparation(member, site: site, near: centre, within: 0.05, deltaT: fixed) {
                        uts.append(t.jdTT - fixed.seconds / secondsPerDay)
                    }
                }
                if uts.count == 2 {
                    o.minimum = EventTime(instant: centre, deltaT: o.minimum.deltaT, utSigmaSeconds: abs(uts[1] - uts[0]) / 2 * secondsPerDay)
                }
                // Within ±5σ of ΔT the Earth turns by `turn` degrees; when neither altitude can cross its limit and
                // the parallax (under 1°, turning with the Earth) cannot move the Moon's limb across the target, the verdict holds for every ΔT.
                let turn = 360 * 5 * dt.sigma / secondsPerDay
                let limbMargin = abs(o.separation.degrees - o.moonSemidiameter.degrees)
                let sunLimit = o.target.body == nil ? -6.0 : 0.0
                if abs(o.moonAltitude) > turn + 1, abs(o.sunAltitude - sunLimit) > turn + 1, limbMargin > 1.5 * turn * .pi / 180 + 0.01 {
                    o.visibleDeltaT = o.visible ? [(dt.seconds - 5 * dt.sigma)...(dt.seconds + 5 * dt.sigma)] : []
                    return o
                }
                // Each trial ΔT starts from the minimum of the one before (they lie seconds apart).
                var guess = centre
                o.visibleDeltaT = try self.verdictRanges(centre: dt, sigmaSpan: 5) { seconds in
                    let fixed = DeltaTEstimate(seconds: seconds, sigma: 0, model: "trial")
                    guard let t = try self.leastSeparation(member, site: site, near: guess, within: 0.08, from: centre,
                                                           deltaT: fixed) else { return false }
                    guess = t
                    let a = Approach(time: EventTime(instant: t, deltaT: fixed), separation: .radians(0), objects: [], first: moon,
                                     second: member, site: site)
                    return try self.occultation(at: a, target: member, object: object.label, site: site, deltaT: fixed,
                                                contacts: false).visible
                }
            }
            return o
        }
    }

    /// A proof, from geocentric places, of how long the Moon cannot come within `ceiling` of the target as seen from
    /// anywhere on the Earth: topocentric places differ from geocentric ones by the parallax (the Moon's under
    /// 1.03°, a planet's under 0.01°), so a topocentric separation under the ceiling needs a geocentric one under
    /// ceiling + 1.04°. That cannot happen before the separation, the difference in ecliptic latitude or — the Moon
    /// always gaining on the target in longitude — the longitude still to gain, closes at its largest rate.
    private func geocentricScreen(moon: TrackedTarget, target: TrackedTarget, ceiling: Double) -> (Instant) throws -> Double {
        let tracker = Tracker(view: self, targets: [moon, target], site: nil)
        let reach = ceiling + asin(6_400 / 356_000) + 0.01 * degree
        let separationRate = Motion.rate(moon.target, topocentric: false) + Motion.rate(target.target, topocentric: false)
        // The Moon's latitude changes by under 1.4°/day (5.1° × its motion in F, plus the largest perturbations).
        let latitudeRate = 1.6 * degree + Motion.rate(target.target, topocentric: false)
        // Both within `reach` of each other and the Moon within 5.5° of the ecliptic (a planet within 10°): a
        // separation under `reach` is a longitude difference under reach / cos(latitude).
        let moonLatitude = 5.5 * degree, targetLatitude = target.body == nil ? Double.nan : 10 * degree
        let longitudeRate = Motion.rate(moon.target, topocentric: false) / cos(moonLatitude)
            + Motion.rate(target.target, topocentric: false) / cos(target.body == nil ? moonLatitude + reach : targetLatitude)
        return { t in
            let p = try tracker.apparent(at: t)
            let separation = angle(fromHalfChordSquared: halfChordSquared(
                unit(ra: p[0].rightAscension.radians, dec: p[0].declination.radians),
                unit(ra: p[1].rightAscension.radians, dec: p[1].declination.radians)))
            let latitudeGap = abs(p[0].eclipticLatitude.radians - p[1].eclipticLatitude.radians)
            let latitude = max(moonLatitude, targetLatitude.isNaN ? abs(p[1].eclipticLatitude.radians) : targetLatitude) + reach
            guard latitude < 80 * degree else { return max(separation - reach, latitudeGap - reach) / separationRate }
            let longitudeReach = reach / cos(latitude)
            let ahead = wrapAngle(p[0].eclipticLongitude.radians - p[1].eclipticLongitude.radians)
            let longitudeGap = ahead < -longitudeReach ? -longitudeReach - ahead
                : ahead > longitudeReach ? 2 * .pi - longitudeReach - ahead : 0
            return max((separation - reach) / separationRate, (latitudeGap - reach) / latitudeRate, longitudeGap / longitudeRate)
        }
    }

    /// The least topocentric separation of the Moon from a target near `guess` with a fixed ΔT, by Newton's method;
    /// nil when it lies more than `within` days from `from` (default: the guess) or is over 0.5°.
    private func leastSeparation(_ member: TrackedTarget, site: Site, near guess: Instant, within: Double,
                                 from centre: Instant? = nil, deltaT: DeltaTEstimate) throws -> Instant? {
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: "Moon", target: .body(.moon)), member], site: site,
                              deltaT: deltaT)
        guard let tau = try leastNorm({ d in
            let u = try tracker.directions(at: guess.adding(days: d))
            return u[0] - u[1]
        }) else { return nil }
        let t = guess.adding(days: tau)
        guard abs(t.days(since: centre ?? guess)) < within else { return nil }
        let u = try tracker.directions(at: t)
        guard angle(fromHalfChordSquared: halfChordSquared(u[0], u[1])) < 0.5 * degree else { return nil }
        return t
    }

    /// `contacts: false` skips ingress and egress (a verdict needs only the minimum).
    private func occultation(at a: Approach, target: TrackedTarget, object: String, site: Site,
                             deltaT: DeltaTEstimate?, contacts: Bool = true) throws -> Occultation {
        let sun = TrackedTarget(label: "Sun", target: .body(.sun))
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: "Moon", target: .body(.moon)), target, sun],
                              site: site, deltaT: deltaT)
        func state(_ t: Instant) throws -> (sep: Double, radius: Double, moonAlt: Double, sunAlt: Double) {
            let p = try tracker.topocentric(at: t)
            let sep = angle(fromHalfChordSquared: halfChordSquared(unit(ra: p[0].rightAscension.radians, dec: p[0].declination.radians),
                                                                    unit(ra: p[1].rightAscension.radians, dec: p[1].declination.radians)))
            return (sep, asin(radiusKm(.moon) / ((p[0].distance ?? 1) * kilometresPerAU)),
                    p[0].refractedAltitude.degrees, p[2].refractedAltitude.degrees)
        }
        let t = a.time.instant
        let s = try state(t)
        var ingress: EventTime?, egress: EventTime?
        let dt = tracker.deltaT(at: t)
        if contacts, s.sep < s.radius {
            let f: (Double) throws -> Double = { d in let x = try state(t.adding(days: d)); return x.sep - x.radius }
            if let i = try Search.crossings(in: -0.1, 0, step: 0.01, tolerance: 1e-6, f).last {
                ingress = EventTime(instant: t.adding(days: i.time), deltaT: dt)
            }
            if let e = try Search.crossings(in: 0, 0.1, step: 0.01, tolerance: 1e-6, f).first {
                egress = EventTime(instant: t.adding(days: e.time), deltaT: dt)
            }
        }
        let sunLimit = target.body == nil ? -6.0 : 0.0
        let visible = s.sep < s.radius && s.moonAlt > 0 && s.sunAlt < sunLimit
        return Occultation(target: target, object: object, site: site, minimum: EventTime(instant: t, deltaT: dt),
                           separation: .radians(s.sep), moonSemidiameter: .radians(s.radius), ingress: ingress, egress: egress,
                           graze: abs(s.sep - s.radius) < 2.0 / 3600 * degree, moonAltitude: s.moonAlt, sunAltitude: s.sunAlt,
                           visible: visible)
    }
}
