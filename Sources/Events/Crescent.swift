import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180
private let earthRadiusKm = 6_378.137

/// A criterion for the first visibility of the new crescent Moon in the evening.
public enum CrescentCriterion: String, Sendable, Hashable, CaseIterable, Codable {
    /// Yallop's q-test (NAO Technical Note 69, 1997): geocentric ARCL, ARCV and DAZ, topocentric crescent width,
    /// q = (ARCV − (11.8371 − 6.3226 W′ + 0.7319 W′² − 0.1018 W′³)) / 10; classes A–F.
    case yallop
    /// Odeh's criterion (Experimental Astronomy 18, 2004): topocentric airless ARCV and crescent width,
    /// V = ARCV − (7.1651 − 6.3226 W + 0.7319 W² − 0.1018 W³); zones A–D.
    case odeh

    /// Its citable name.
    public var name: String {
        switch self {
        case .yallop: "Yallop 1997 (NAO Technical Note 69) q-test"
        case .odeh: "Odeh 2004 (Experimental Astronomy 18, 39) V criterion"
        }
    }

    /// The criterion's figure from the arc of vision (degrees) and the crescent width (arcminutes): Yallop's q or
    /// Odeh's V.
    public func value(arcv: Double, width w: Double) -> Double {
        let polynomial = -6.3226 * w + 0.7319 * w * w - 0.1018 * w * w * w
        switch self {
        case .yallop: return (arcv - (11.8371 + polynomial)) / 10
        case .odeh: return arcv - (7.1651 + polynomial)
        }
    }

    /// The class (Yallop A–F, Odeh A–D) of a value and what the paper says it means.
    public func visibilityClass(of value: Double) -> (code: String, meaning: String) {
        switch self {
        case .yallop:
            if value > 0.216 { return ("A", "easily visible to the naked eye") }
            if value > -0.014 { return ("B", "visible under perfect conditions") }
            if value > -0.160 { return ("C", "may need optical aid to find the crescent, then seen with the naked eye") }
            if value > -0.232 { return ("D", "can only be seen with binoculars or a telescope") }
            if value > -0.293 { return ("E", "not visible with a telescope") }
            return ("F", "not visible, below the Danjon limit")
        case .odeh:
            if value >= 5.65 { return ("A", "visible by naked eye") }
            if value >= 2.00 { return ("B", "visible by optical aid, could be seen by naked eye") }
            if value >= -0.96 { return ("C", "visible by optical aid only") }
            return ("D", "not visible even by optical aid")
        }
    }

    /// Seen with the naked eye in the criterion's own terms: Yallop A or B (q > −0.014), Odeh A (V ≥ 5.65).
    public func nakedEye(_ value: Double) -> Bool {
        switch self {
        case .yallop: value > -0.014
        case .odeh: value >= 5.65
        }
    }

    /// A bound on |d value/dt| (per hour) when TT moves at fixed UT: the Moon moves ≤ 0.6°/h against the Sun and
    /// the horizon, and the width's term adds less than half as much again.
    var ratePerHour: Double { self == .yallop ? 0.15 : 1.5 }
}

/// One evening's verdict on the new crescent at a site under a named criterion.
public struct CrescentSighting: Sendable {
    public let criterion: CrescentCriterion
    public let site: Site
    /// The conjunction (new moon: apparent geocentric longitudes equal) this crescent follows.
    public let newMoon: EventTime
    /// 1 for the first sunset after the conjunction, 2 for the next…
    public let evening: Int
    /// Sunset and moonset (upper limb, 34′ refraction, as almanacs and Yallop define them). `moonset` is the one
    /// nearest the sunset, before it when the Moon sets first.
    public let sunset: EventTime
    public let moonset: EventTime
    /// Moonset − sunset, minutes; negative when the Moon sets first (then nothing can be seen).
    public let lagMinutes: Double
    /// Yallop's best time, sunset + 4/9 × lag (Odeh uses it too); at sunset when the lag is negative. Its UT σ comes
    /// from recomputing sunset and moonset with ΔT ± σ.
    public internal(set) var bestTime: EventTime
    /// Time since the conjunction at the best time, hours.
    public let ageHours: Double
    /// Arc of light (elongation), arc of vision (Moon's altitude minus the Sun's, airless), relative azimuth
    /// (Sun's minus Moon's), degrees; geocentric for Yallop, topocentric for Odeh.
    public let arcl: Double
    public let arcv: Double
    public let daz: Double
    /// Topocentric crescent width, arcminutes (Yallop's W′, Odeh's W).
    public let width: Double
    /// Yallop's q or Odeh's V (nil when the Moon sets before the Sun).
    public let value: Double?
    /// The class (Yallop A–F, Odeh A–D); nil when the Moon sets before the Sun.
    public let visibilityClass: String?
    public let classMeaning: String
    /// Seen with the naked eye in the criterion's terms (`CrescentCriterion.nakedEye`) with the Moon setting after
    /// the Sun.
    public let visible: Bool
    /// The ΔT values (s) within ±5σ of the model's for which `visible` holds.
    public internal(set) var visibleDeltaT: [ClosedRange<Double>] = []
}

extension SkyView {
    /// First visibility of the new crescent: for each new moon in the span, the evenings after the conjunction at a
    /// site judged under Yallop's or Odeh's criterion, up to and including the first on which the crescent is seen.
    ///
    /// - Parameters:
    ///   - site: the observer.
    ///   - span: new moons in this TT span are followed (their evenings may fall after its end).
    ///   - criterion: `.yallop` (default) or `.odeh`.
    ///   - deltaT: a fixed ΔT (then `visibleDeltaT` is left empty); nil uses the model and fills it.
    ///   - maxEvenings: at most this many evenings per new moon (default 3).
    /// - Returns: a lazy sequence of `CrescentSighting`s in time order.
    /// - Notes: sunset and moonset are the almanac's (upper limb, 34′); the best time is sunset + 4/9 of the lag
    ///   (Yallop 1997, after Bruin 1977); at it ARCL, ARCV, DAZ and the width come from apparent places of date
    ///   (geocentric for Yallop, with his topocentric semidiameter SD′ = SD(1 + sin h sin π); topocentric for Odeh).
    ///   Atmosphere and observer enter only through the criterion's calibration. An evening with no moonset within
    ///   0.35 day of sunset (the Moon circumpolar, near the poles) is skipped, as are days without a sunset.
    /// - References: Yallop, B.D. 1997, NAO Technical Note 69 (rev. 1998); Odeh, M.Sh. 2004, Experimental
    ///   Astronomy 18, 39–64; Bruin, F. 1977, Vistas in Astronomy 21, 331.
    public func crescentSightings(at site: Site, in span: TimeSpan, criterion: CrescentCriterion = .yallop,
                                  deltaT: DeltaTEstimate? = nil, maxEvenings: Int = 3) throws -> EventSequence<CrescentSighting> {
        guard maxEvenings > 0 else { throw EventError.badParameter("the number of evenings") }
        var phases = try moonPhases(in: span)
        var pending: [CrescentSighting] = []
        return EventSequence {
            while pending.isEmpty, let phase = try phases.nextEvent() {
                guard phase.detail == "new moon" else { continue }
                let conjunction = phase.time
                let sunsets = try self.sunsets(site: site, from: conjunction.instant, days: Double(maxEvenings) + 0.9,
                                               deltaT: deltaT)
                for (k, sunset) in sunsets.prefix(maxEvenings).enumerated() {
                    guard var s = try self.crescentEvening(after: conjunction, sunset: sunset, evening: k + 1, site: site,
                                                           criterion: criterion, deltaT: deltaT) else { continue }
                    if deltaT == nil { try self.addDeltaTSpread(&s, site: site) }
                    pending.append(s)
                    if s.visible { break }
                }
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }
    }

    /// Sunsets (upper limb, 34′) from `start` for `days`, TT instants.
    private func sunsets(site: Site, from start: Instant, days: Double, deltaT: DeltaTEstimate?) throws -> [Instant] {
        try horizonCrossingTimes(of: .sun, at: site, in: TimeSpan(start, start.adding(days: days)), deltaT: deltaT)
            .filter { !$0.rising }.map(\.time)
    }

    /// The evening whose sunset is `sunset` (TT), judged with a ΔT fixed or from the model; nil when there is no
    /// moonset within half a day of it (the Moon circumpolar).
    private func crescentEvening(after conjunction: EventTime, sunset: Instant, evening: Int, site: Site,
                                 criterion: CrescentCriterion, deltaT: DeltaTEstimate?) throws -> CrescentSighting? {
        // Near the new moon the Moon sets within a few hours of the Sun.
        let moonsets = try horizonCrossingTimes(of: .moon, at: site, in: TimeSpan(sunset.adding(days: -0.35), sunset.adding(days: 0.35)),
                                                deltaT: deltaT).filter { !$0.rising }.map(\.time)
        guard let moonset = moonsets.min(by: { abs($0.jdTT - sunset.jdTT) < abs($1.jdTT - sunset.jdTT) }) else { return nil }
        let lag = moonset.jdTT - sunset.jdTT
        let best = sunset.adding(days: max(0, lag) * 4 / 9)
        let geometry = try crescentGeometry(at: best, site: site, criterion: criterion, deltaT: deltaT)
        let dt = deltaT ?? self.deltaT(at: best)
        let value: Double? = lag > 0 ? criterion.value(arcv: geometry.arcv, width: geometry.width) : nil
        let cls = value.map { criterion.visibilityClass(of: $0) }
        return CrescentSighting(criterion: criterion, site: site, newMoon: conjunction, evening: evening,
                                sunset: EventTime(instant: sunset, deltaT: dt, utSigmaSeconds: 0),
                                moonset: EventTime(instant: moonset, deltaT: dt, utSigmaSeconds: 0), lagMinutes: lag * 1440,
                                bestTime: EventTime(instant: best, deltaT: dt, utSigmaSeconds: 0),
                                ageHours: best.days(since: conjunction.instant) * 24,
                                arcl: geometry.arcl, arcv: geometry.arcv, daz: geometry.daz, width: geometry.width,
                                value: value, visibilityClass: cls?.code,
                                classMeaning: cls?.meaning ?? "the Moon sets before the Sun",
                                visible: value.map(criterion.nakedEye) ?? false)
    }

    /// ARCL, ARCV, DAZ (degrees) and crescent width (arcminutes) at one instant, as the criterion defines them.
    func crescentGeometry(at t: Instant, site: Site, criterion: CrescentCriterion, deltaT: DeltaTEstimate?) throws
        -> (arcl: Double, arcv: Double, daz: Double, width: Double) {
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: "Moon", target: .body(.moon)),
                                                    TrackedTarget(label: "Sun", target: .body(.sun))], site: site, deltaT: deltaT)
        let topo = try tracker.topocentric(at: t, atmosphere: Atmosphere.none)
        let moonRadiusKm = radiusKm(.moon)
        switch criterion {
        case .odeh:
            let arcl = angle(fromHalfChordSquared: halfChordSquared(unit(ra: topo[0].rightAscension.radians, dec: topo[0].declination.radians),
                                                                     unit(ra: topo[1].rightAscension.radians, dec: topo[1].declination.radians)))
            let sd = asin(moonRadiusKm / ((topo[0].distance ?? 1) * kilometresPerAU))
            return (arcl / degree, topo[0].altitude.degrees - topo[1].altitude.degrees,
                    wrapAngle(topo[1].azimuth.radians - topo[0].azimuth.radians) / degree,
                    sd * (1 - cos(arcl)) / degree * 60)
        case .yallop:
            let geo = try tracker.apparent(at: t)
            let lst = topo[0].localSiderealTime.radians
            let phi = site.latitude.radians
            func horizontal(_ p: ApparentPlace) -> (alt: Double, az: Double) {
                let h = lst - p.rightAscension.radians, d = p.declination.radians
                let alt = asin(sin(phi) * sin(d) + cos(phi) * cos(d) * cos(h))
                let az = atan2(-cos(d) * sin(h), sin(d) * cos(phi) - cos(d) * sin(phi) * cos(h))
                return (alt, az)
            }
            let moon = horizontal(geo[0]), sun = horizontal(geo[1])
            let arcl = angle(fromHalfChordSquared: halfChordSquared(unit(ra: geo[0].rightAscension.radians, dec: geo[0].declination.radians),
                                                                     unit(ra: geo[1].rightAscension.radians, dec: geo[1].declination.radians)))
            let distance = (geo[0].distance ?? 1) * kilometresPerAU
            let sd = asin(moonRadiusKm / distance)
            let parallax = asin(earthRadiusKm / distance)
            let sdTopocentric = sd * (1 + sin(moon.alt) * sin(parallax))
            return (arcl / degree, (moon.alt - sun.alt) / degree, wrapAngle(sun.az - moon.az) / degree,
                    sdTopocentric * (1 - cos(arcl)) / degree * 60)
        }
    }

    /// UT σ of the best time and the ΔT range of the verdict: the evening recomputed with ΔT fixed at trial values.
    private func addDeltaTSpread(_ s: inout CrescentSighting, site: Site) throws {
        let dt = deltaT(at: s.bestTime.instant)
        func trial(_ seconds: Double) throws -> CrescentSighting? {
            let fixed = DeltaTEstimate(seconds: seconds, sigma: 0, model: "trial")
            // The same UT sunset lies at a TT shifted by the change of ΔT.
            let centre = s.sunset.instant.adding(days: (seconds - dt.seconds) / secondsPerDay)
            guard let sunset = try sunsets(site: site, from: centre.adding(days: -0.1), days: 0.2, deltaT: fixed).first,
                  sunset > s.newMoon.instant else { return nil }
            return try crescentEvening(after: s.newMoon, sunset: sunset, evening: s.evening, site: site, criterion: s.criterion,
                                       deltaT: fixed)
        }
        if dt.sigma > 0 {
            let uts = try [-1.0, 1.0].compactMap { k -> Double? in
                guard let o = try trial(dt.seconds + k * dt.sigma) else { return nil }
                return o.bestTime.jdUT
            }
            if uts.count == 2 {
                s.bestTime = EventTime(instant: s.bestTime.instant, deltaT: dt, utSigmaSeconds: abs(uts[1] - uts[0]) / 2 * secondsPerDay)
            }
        }
        let hours = 5 * max(dt.sigma, 1) / 3600
        let threshold = s.criterion == .yallop ? -0.014 : 5.65
        // Far from the threshold (and from the conjunction and a zero lag) the verdict cannot change within ±5σ.
        if let v = s.value, abs(v - threshold) > s.criterion.ratePerHour * hours + 0.01,
           s.ageHours > hours + 0.5, abs(s.lagMinutes) > 10 * hours + 5 {
            s.visibleDeltaT = s.visible ? [(dt.seconds - 5 * dt.sigma)...(dt.seconds + 5 * dt.sigma)] : []
            return
        }
        s.visibleDeltaT = try verdictRanges(centre: dt, sigmaSpan: 5) { seconds in try trial(seconds)?.visible ?? false }
    }
}
