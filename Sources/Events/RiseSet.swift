import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180
private let siderealRate = 2 * Double.pi * 1.002_737_811_911_354_48

extension SkyView {
    /// Altitude of the chosen point above the horizon it must reach, at one instant: f = h + R + s, where h is
    /// the true topocentric altitude of the centre, R the refraction (34′, or the model's at h), s the
    /// semidiameter for the upper limb. f = 0 is the rising or setting.
    func horizonFunction(_ tracker: Tracker, crossing: HorizonCrossing, body: Body?)
        -> (Instant, Double?) throws -> Double {
        let atmosphere = models.atmosphere
        return { t, dT in
            let p = try tracker.topocentric(at: t, deltaTSeconds: dT, atmosphere: Atmosphere.none)[0]
            let h = p.altitude.radians
            let r = crossing.refraction == .standard ? 34.0 / 60 * degree : atmosphere.refraction(trueAltitude: p.altitude).radians
            var s = 0.0
            if crossing.point == .upperLimb, let body, let d = p.distance {
                s = asin(min(1, radiusKm(body) / (d * kilometresPerAU)))
            }
            return h + r + s
        }
    }

    /// The UT σ of an event seen from a site: the event recomputed with ΔT ± σ (fixed), half the spread of its UT.
    func siteUTSigma(near t: Instant, deltaT dt: DeltaTEstimate, halfWidthDays: Double,
                     _ f: (Instant, Double?) throws -> Double) -> Double {
        guard dt.sigma > 0 else { return 0 }
        var uts: [Double] = []
        for k in [-1.0, 1.0] {
            let dT = dt.seconds + k * dt.sigma
            // The same UT moment under the other ΔT is at TT shifted by k·σ.
            let centre = t.adding(days: k * dt.sigma / secondsPerDay)
            let a = centre.adding(days: -halfWidthDays), b = centre.adding(days: halfWidthDays)
            guard let fa = try? f(a, dT), let fb = try? f(b, dT), (fa < 0) != (fb < 0),
                  let x = try? Search.brentRoot(0, 2 * halfWidthDays, fa, fb, tolerance: 1e-7, { try f(a.adding(days: $0), dT) })
            else { return dt.sigma }
            uts.append(a.adding(days: x).jdTT - dT / secondsPerDay)
        }
        return abs(uts[1] - uts[0]) / 2 * secondsPerDay
    }

    /// Risings and settings of an object at a site, as almanacs define them: the upper limb at the horizon with
    /// 34′ of refraction (the centre, or the models' refraction at the site's pressure and temperature, on request).
    ///
    /// - Parameters:
    ///   - object: the body or star.
    ///   - site: the observer.
    ///   - span: the TT span searched.
    ///   - crossing: which point of the disc and which refraction define the horizon crossing.
    ///   - deltaT: a fixed ΔT instead of the model's.
    ///   - judgeVisibility: false leaves `visible` nil and skips its ΔT range (for searches that need only times).
    /// - Returns: `.rise` and `.set` events in time order; `degrees` is the azimuth. Each time's `utSigmaSeconds`
    ///   comes from recomputing the event with ΔT ± σ: a rising happens at nearly the same UT whatever ΔT is.
    ///   `visible` says whether it could be seen: the Sun's true altitude then below −6° for a star, below the
    ///   horizon for the Moon or a planet (the Sun's own always); `visibleDeltaT` is the range of ΔT (±5σ) in which
    ///   that holds, the crossing recomputed with ΔT fixed at trial values.
    /// - Notes: complete by the bound |dh/dt| ≤ Ω cos φ + the body's own rate (Ω the sidereal rate). Near the poles,
    ///   days with no rising or setting simply have none. Groups are represented by their brightest member.
    /// - References: Explanatory Supplement to the Astronomical Almanac (3rd ed., 2013), §7.4 (rising and setting).
    public func risingsAndSettings(of object: SkyObject, at site: Site, in span: TimeSpan,
                                   crossing: HorizonCrossing = .almanac, deltaT: DeltaTEstimate? = nil,
                                   judgeVisibility: Bool = true) throws -> EventSequence<SkyEvent> {
        let target = try trackedTargets(of: object)[0]
        let tracker = Tracker(view: self, targets: [target], site: site, deltaT: deltaT)
        let f = horizonFunction(tracker, crossing: crossing, body: target.body)
        let rate = (siderealRate * cos(site.latitude.radians) + Motion.rate(target.target, topocentric: true)) * 1.3
        let label = object.label
        let sun = Tracker(view: self, targets: [TrackedTarget(label: "Sun", target: .body(.sun))], site: site, deltaT: deltaT)
        let sunLimit = target.body == .sun ? Double.infinity : target.body == nil ? -6.0 : 0.0
        // How far the Sun's altitude at the crossing can move per day of ΔT change: both bodies' own motion, turned
        // into hour angle at the site's latitude.
        let drift = (Motion.rate(target.target, topocentric: true) + Motion.rate(.body(.sun), topocentric: true)) / degree
            * 3 / max(0.2, cos(site.latitude.radians))
        return try horizonEvents(span: span, rate: rate, f: f) { t, rising in
            let dt = tracker.deltaT(at: t)
            let p = try tracker.topocentric(at: t)[0]
            let sigma = self.siteUTSigma(near: t, deltaT: dt, halfWidthDays: 0.02, f)
            var event = SkyEvent(kind: rising ? .rise : .set, time: EventTime(instant: t, deltaT: dt, utSigmaSeconds: sigma),
                                 objects: [label], detail: "\(rising ? "rising" : "setting") of the \(crossing.point.rawValue), \(crossing.refraction.rawValue) refraction",
                                 degrees: p.azimuth.degrees, site: site)
            guard judgeVisibility else { return event }
            let sunAltitude = try sun.topocentric(at: t, atmosphere: Atmosphere.none)[0].altitude.degrees
            event.visible = sunAltitude < sunLimit
            if deltaT == nil {
                event.visibleDeltaT = try self.crossingVerdictRanges(near: t, deltaT: dt, margin: abs(sunAltitude - sunLimit),
                                                                     driftPerDay: drift, seen: event.visible ?? false, f: f) { at, dT in
                    try sun.topocentric(at: at, deltaTSeconds: dT, atmosphere: Atmosphere.none)[0].altitude.degrees < sunLimit
                }
            }
            return event
        }
    }

    /// The ΔT range (±5σ) in which a verdict judged at a horizon crossing holds: the crossing found again with ΔT
    /// fixed at trial values (`f` takes the ΔT), the verdict judged there. When the verdict's margin exceeds what
    /// the bodies' drift over 5σ can change, it holds throughout.
    func crossingVerdictRanges(near t: Instant, deltaT dt: DeltaTEstimate, margin: Double, driftPerDay: Double, seen: Bool,
                               f: @escaping (Instant, Double?) throws -> Double,
                               verdict: @escaping (Instant, Double) throws -> Bool) throws -> [ClosedRange<Double>] {
        let full = (dt.seconds - 5 * dt.sigma)...(dt.seconds + 5 * dt.sigma)
        if margin.isInfinite || margin > driftPerDay * 5 * max(dt.sigma, 1) / secondsPerDay + 0.01 { return seen ? [full] : [] }
        return try verdictRanges(centre: dt, sigmaSpan: 5) { seconds in
            guard let at = self.crossing(near: t, deltaTSeconds: seconds, reference: dt.seconds, f) else { return false }
            return try verdict(at, seconds)
        }
    }

    /// The horizon crossing near `t` (found with ΔT `reference`) recomputed with ΔT fixed at `deltaTSeconds`.
    func crossing(near t: Instant, deltaTSeconds: Double, reference: Double, halfWidthDays: Double = 0.02,
                  _ f: (Instant, Double?) throws -> Double) -> Instant? {
        let centre = t.adding(days: (deltaTSeconds - reference) / secondsPerDay)
        let a = centre.adding(days: -halfWidthDays)
        guard let fa = try? f(a, deltaTSeconds), let fb = try? f(centre.adding(days: halfWidthDays), deltaTSeconds),
              (fa < 0) != (fb < 0),
              let x = try? Search.brentRoot(0, 2 * halfWidthDays, fa, fb, tolerance: 1e-7, { try f(a.adding(days: $0), deltaTSeconds) })
        else { return nil }
        return a.adding(days: x)
    }

    /// Upper transits (culminations) of an object across the site's meridian: topocentric hour angle zero.
    ///
    /// - Returns: `.transit` events; `degrees` is the true (unrefracted) altitude.
    public func transits(of object: SkyObject, at site: Site, in span: TimeSpan, deltaT: DeltaTEstimate? = nil)
        throws -> EventSequence<SkyEvent> {
        let target = try trackedTargets(of: object)[0]
        let tracker = Tracker(view: self, targets: [target], site: site, deltaT: deltaT)
        let f: (Instant, Double?) throws -> Double = { t, dT in
            let p = try tracker.topocentric(at: t, deltaTSeconds: dT, atmosphere: Atmosphere.none)[0]
            return wrapAngle(p.localSiderealTime.radians - p.rightAscension.radians)
        }
        let rate = siderealRate + Motion.rate(target.target, topocentric: true)
        let label = object.label
        return try horizonEvents(span: span, rate: rate, periodic: true, f: f) { t, rising in
            guard rising else { return nil }
            let dt = tracker.deltaT(at: t)
            let p = try tracker.topocentric(at: t, atmosphere: Atmosphere.none)[0]
            return SkyEvent(kind: .transit, time: EventTime(instant: t, deltaT: dt, utSigmaSeconds: self.siteUTSigma(near: t, deltaT: dt, halfWidthDays: 0.02, f)),
                            objects: [label], detail: "upper transit", degrees: p.altitude.degrees, site: site)
        }
    }

    /// Twilights at a site: the Sun's centre (true topocentric altitude, no refraction) reaching −6°, −12° or −18°.
    ///
    /// - Returns: `.twilight` events, `detail` e.g. "civil dawn" (the Sun rising through the depression) or
    ///   "civil dusk".
    public func twilights(_ twilight: Twilight, at site: Site, in span: TimeSpan, deltaT: DeltaTEstimate? = nil)
        throws -> EventSequence<SkyEvent> {
        let sun = TrackedTarget(label: "Sun", target: .body(.sun))
        let tracker = Tracker(view: self, targets: [sun], site: site, deltaT: deltaT)
        let depression = twilight.rawValue * degree
        let f: (Instant, Double?) throws -> Double = { t, dT in
            try tracker.topocentric(at: t, deltaTSeconds: dT, atmosphere: Atmosphere.none)[0].altitude.radians + depression
        }
        let rate = siderealRate * cos(site.latitude.radians) + Motion.rate(sun.target, topocentric: true)
        return try horizonEvents(span: span, rate: rate, f: f) { t, rising in
            let dt = tracker.deltaT(at: t)
            return SkyEvent(kind: .twilight, time: EventTime(instant: t, deltaT: dt, utSigmaSeconds: self.siteUTSigma(near: t, deltaT: dt, halfWidthDays: 0.02, f)),
                            objects: ["Sun"], detail: "\(twilight.name) \(rising ? "dawn" : "dusk")",
                            degrees: -twilight.rawValue, site: site)
        }
    }

    /// Risings (true) and settings (false) of a body as bare TT instants, no σ and no verdict: for searches built
    /// on them (the first crescent's sunsets and moonsets). Same definition and completeness as
    /// `risingsAndSettings`.
    func horizonCrossingTimes(of body: Body, at site: Site, in span: TimeSpan, crossing: HorizonCrossing = .almanac,
                              deltaT: DeltaTEstimate?) throws -> [(time: Instant, rising: Bool)] {
        let target = TrackedTarget(label: body.displayName, target: .body(body))
        let tracker = Tracker(view: self, targets: [target], site: site, deltaT: deltaT)
        let f = horizonFunction(tracker, crossing: crossing, body: body)
        let rate = (siderealRate * cos(site.latitude.radians) + Motion.rate(target.target, topocentric: true)) * 1.3
        try check(span)
        var scan = RootScan(start: 0, end: span.days, rate: rate, window: 0.04, tolerance: 0.1 / secondsPerDay,
                            periodic: false) { try f(span.start.adding(days: $0), nil) }
        var found: [(time: Instant, rising: Bool)] = []
        while let root = try scan.next() { found.append((span.start.adding(days: root.time), root.rising)) }
        return found
    }

    private func horizonEvents(span: TimeSpan, rate: Double, periodic: Bool = false,
                               f: @escaping (Instant, Double?) throws -> Double,
                               make: @escaping (Instant, Bool) throws -> SkyEvent?) throws -> EventSequence<SkyEvent> {
        try check(span)
        let origin = span.start
        var scan = RootScan(start: 0, end: span.days, rate: rate, window: 0.04, tolerance: 0.1 / secondsPerDay,
                            periodic: periodic) { try f(origin.adding(days: $0), nil) }
        _ = try f(origin, nil)
        return EventSequence {
            while let root = try scan.next() {
                if let e = try make(origin.adding(days: root.time), root.rising) { return e }
            }
            return nil
        }
    }
}
