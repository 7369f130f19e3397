import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180
private let earthEquatorialKm = 6_378.137
/// WGS84 first eccentricity squared.
private let earthE2 = 0.006_694_379_990_14

/// A solar or lunar eclipse seen from the whole Earth: type and greatest eclipse.
public struct Eclipse: Sendable {
    /// Solar or lunar.
    public enum Body: String, Sendable, Codable { case solar, lunar }
    /// The type, as the canons give it.
    public enum Kind: String, Sendable, Codable {
        case total, annular, hybrid, partial, penumbral
    }

    public let body: Body
    public let kind: Kind
    /// Greatest eclipse: for a solar eclipse the moment the shadow axis passes closest to the Earth's centre, for
    /// a lunar eclipse the moment the Moon's centre passes closest to the axis of the Earth's shadow.
    public let greatest: EventTime
    /// Solar: γ, the least distance of the shadow axis from the Earth's centre in equatorial Earth radii (signed:
    /// positive when the axis passes north of the centre), as in Espenak & Meeus's canon. Lunar: the least distance of the Moon's centre from the
    /// shadow axis in degrees.
    public let gamma: Double
    /// Lunar: umbral and penumbral magnitudes at greatest eclipse; solar: nil.
    public let umbralMagnitude: Double?
    public let penumbralMagnitude: Double?
    /// Lunar contacts (penumbral P1, P4; umbral U1, U4; total U2, U3), where they happen.
    public let contacts: [String: EventTime]

    /// "solar total", "lunar penumbral", … the `detail` of the CLI.
    public var typeName: String { "\(body.rawValue) \(kind.rawValue)" }
}

/// An eclipse seen from a site.
public struct LocalEclipse: Sendable {
    public let eclipse: Eclipse
    public let site: Site
    /// Local maximum: least topocentric separation of the Moon from the Sun (solar), or the global greatest
    /// eclipse (lunar: the same for every observer). For a solar eclipse its UT σ comes from recomputing the
    /// local maximum with ΔT ± σ.
    public internal(set) var maximum: EventTime
    /// Solar: fraction of the Sun's diameter covered at maximum; lunar: umbral magnitude (penumbral if < 0).
    public let magnitude: Double
    /// Solar: fraction of the Sun's disc covered at maximum; lunar: nil.
    public let obscuration: Double?
    /// Contacts: solar C1…C4 (C2, C3 only for total or annular), lunar P1, U1, U2, U3, U4, P4.
    public let contacts: [String: EventTime]
    /// True (refracted) altitude of the eclipsed body at maximum and at each contact, in degrees.
    public let altitudes: [String: Double]
    /// Whether any of the eclipse happened with the body above the horizon (refracted altitude of the centre
    /// ≥ 0) — and, for a solar eclipse, with magnitude > 0 at the site.
    public let visible: Bool
    /// What local type it is: "total", "annular", "partial", or "none".
    public let localKind: String
    /// The ΔT values (s) for which `visible` holds, within ±5σ of the model's value: [] when it holds for none.
    public var visibleDeltaT: [ClosedRange<Double>] = []
}

extension SkyView {
    /// Every solar and/or lunar eclipse in a span, found lazily at the new and full moons.
    ///
    /// - Parameters:
    ///   - span: the TT span searched; an eclipse belongs to it when its greatest eclipse does.
    ///   - solar: whether to find solar eclipses.
    ///   - lunar: whether to find lunar eclipses.
    /// - Returns: `Eclipse` values in time order.
    /// - Notes: candidates are the lunations whose mean argument of latitude lies within 26° of a node (Meeus
    ///   1998 ch. 49, 54: eclipses need about 18.5°). From each candidate's syzygy as Meeus's series predicts it
    ///   (within about half an hour), Newton's method on the shadow geometry itself (the axis distance, or the
    ///   Moon's distance from the shadow's axis) finds the greatest eclipse in two or three steps; the geometry is
    ///   then judged there.
    ///   Solar geometry: Besselian fundamental plane from geocentric apparent places, Earth flattening (WGS84) in
    ///   the axis distance, umbral cone radius on the surface under the axis for total/annular/hybrid. Lunar
    ///   shadow: Danjon's rule (Earth's radius enlarged by 1/85), as in the Connaissance des Temps and in
    ///   Espenak & Meeus's Five Millennium Canon of Lunar Eclipses.
    /// - References: Meeus 1998 ch. 49, 54; Explanatory Supplement (2013) §11; Espenak & Meeus 2006, 2009
    ///   (NASA TP-2006-214141, TP-2009-214172).
    public func eclipses(in span: TimeSpan, solar: Bool = true, lunar: Bool = true) throws -> EventSequence<Eclipse> {
        try check(span)
        let sunMoon = Tracker(view: self, targets: [TrackedTarget(label: "Moon", target: .body(.moon)),
                                                    TrackedTarget(label: "Sun", target: .body(.sun))], site: nil)
        // Lunations counted from the mean new moon of 2000 January 6 (Meeus 1998, eq. 49.1); k + ½ is a full moon.
        var k = ((span.start.jdTT - 2_451_550.097_66) / 29.530_588_861).rounded(.down) - 1
        var half = 0.0
        return EventSequence {
            while true {
                let lunation = k + half
                let isNew = half == 0
                if half == 0 { half = 0.5 } else { half = 0; k += 1 }
                let syzygy = predictedSyzygy(lunation: lunation)
                if syzygy.jdTT - 2 > span.end.jdTT { return nil }
                guard (isNew && solar) || (!isNew && lunar) else { continue }
                // Far from a node, no eclipse: eclipses need |F| within about 18.5° (solar) or 17° (lunar, penumbral)
                // of a node; 26° leaves room for the difference between mean and true F (under 2°).
                guard abs(sin(syzygy.meanArgumentOfLatitude)) < 0.44 else { continue }
                let origin = Instant(jdTT: syzygy.jdTT)
                let found = isNew ? try self.solarEclipse(near: origin, tracker: sunMoon)
                    : try self.lunarEclipse(near: origin, tracker: sunMoon)
                guard let e = found, e.greatest.instant >= span.start, e.greatest.instant <= span.end else { continue }
                return e
            }
        }
    }

    /// Geocentric vectors (km, true equator of date) of the Moon and Sun.
    private func sunMoonVectors(_ tracker: Tracker, at t: Instant) throws -> (moon: SIMD3<Double>, sun: SIMD3<Double>) {
        let p = try tracker.apparent(at: t)
        func v(_ a: ApparentPlace) -> SIMD3<Double> {
            unit(ra: a.rightAscension.radians, dec: a.declination.radians) * (a.distance ?? 1) * kilometresPerAU
        }
        return (v(p[0]), v(p[1]))
    }

    /// The fundamental-plane geometry at t: the shadow axis's point (x, y) in equatorial Earth radii (y toward the
    /// north celestial pole), γ = √(x² + y²), the Earth's outline there (an ellipse with semi-axes 1 and ρ₁ for
    /// WGS84 flattening), and the penumbral and umbral radii l1, l2 (km) with the umbral cone's slope.
    func shadowGeometry(_ tracker: Tracker, at t: Instant) throws
        -> (gamma: Double, x: Double, y: Double, rho1: Double, l1: Double, l2: Double, tanF2: Double) {
        let (m, s) = try sunMoonVectors(tracker, at: t)
        let axis = m - s
        let dist = (axis * axis).sum().squareRoot()
        let d = axis / dist
        let along = (m * d).sum()
        let perpendicular = m - along * d
        let pole = SIMD3<Double>(0, 0, 1)
        var yAxis = pole - (pole * d).sum() * d
        yAxis /= (yAxis * yAxis).sum().squareRoot()
        let xAxis = SIMD3(yAxis.y * d.z - yAxis.z * d.y, yAxis.z * d.x - yAxis.x * d.z, yAxis.x * d.y - yAxis.y * d.x)
        let x = (perpendicular * xAxis).sum() / earthEquatorialKm, y = (perpendicular * yAxis).sum() / earthEquatorialKm
        let sinD = d.z
        let rho1 = (1 - earthE2 * (1 - sinD * sinD)).squareRoot()
        let sinF1 = (radiusKm(.sun) + radiusKm(.moon)) / dist, sinF2 = (radiusKm(.sun) - radiusKm(.moon)) / dist
        let tanF1 = sinF1 / (1 - sinF1 * sinF1).squareRoot(), tanF2 = sinF2 / (1 - sinF2 * sinF2).squareRoot()
        let z = -along
        let k = radiusKm(.moon)
        let l1 = z * tanF1 + k / (1 - sinF1 * sinF1).squareRoot()
        let l2 = z * tanF2 - k / (1 - sinF2 * sinF2).squareRoot()
        return ((x * x + y * y).squareRoot(), x, y, rho1, l1, l2, tanF2)
    }

    /// Distance (Earth radii) from (x, y) to the Earth's outline, the ellipse x² + (y/ρ₁)² = 1; negative inside.
    func distanceToOutline(x: Double, y: Double, rho1: Double) -> Double {
        if x * x + (y / rho1) * (y / rho1) <= 1 { return -1 }
        // The outline is within 0.4 % of a circle: from outside, the nearest point's parameter lies within a few
        // thousandths of a radian of the point's own direction, and the distance has one minimum near it.
        func distance(_ phi: Double) -> Double { hypot(x - cos(phi), y - rho1 * sin(phi)) }
        let direction = atan2(y, x)
        var a = direction - 0.05, b = direction + 0.05
        for _ in 0..<50 {
            let m1 = a + (b - a) / 3, m2 = b - (b - a) / 3
            if distance(m1) < distance(m2) { b = m2 } else { a = m1 }
        }
        return distance((a + b) / 2)
    }

    private func solarEclipse(near t0: Instant, tracker: Tracker) throws -> Eclipse? {
        // The penumbra (radius under 0.6 Earth radii on the fundamental plane) reaches the Earth only with γ < 1.6.
        guard let greatest = try leastNorm(limit: 1.65, settle: 5e-4, {
            let g = try self.shadowGeometry(tracker, at: t0.adding(days: $0))
            return SIMD3(g.x, g.y, 0)
        }) else { return nil }
        let t = t0.adding(days: greatest)
        let geo = try shadowGeometry(tracker, at: t)
        let re = earthEquatorialKm
        let outside = distanceToOutline(x: geo.x, y: geo.y, rho1: geo.rho1)
        // The penumbra must reach the Earth.
        guard outside * re < geo.l1 else { return nil }
        let kind: Eclipse.Kind
        if outside * re >= abs(geo.l2) {
            kind = .partial
        } else {
            // The umbral radius on the surface under the axis (or at its edge, for a non-central eclipse).
            let inside = geo.x * geo.x + (geo.y / geo.rho1) * (geo.y / geo.rho1)
            let zeta = inside < 1 ? (1 - inside).squareRoot() * geo.rho1 * re : 0
            let surface = geo.l2 - zeta * geo.tanF2
            if surface < 0 { kind = geo.l2 > 0 ? .hybrid : .total } else { kind = .annular }
        }
        return Eclipse(body: .solar, kind: kind, greatest: eventTime(t), gamma: geo.y >= 0 ? geo.gamma : -geo.gamma,
                       umbralMagnitude: nil, penumbralMagnitude: nil, contacts: [:])
    }

    /// Lunar shadow at t: Moon–axis distance σ, Moon's semidiameter, umbral and penumbral radii (radians).
    private func lunarGeometry(_ tracker: Tracker, at t: Instant) throws
        -> (sigma: Double, moonRadius: Double, umbra: Double, penumbra: Double) {
        let (m, s) = try sunMoonVectors(tracker, at: t)
        let dm = (m * m).sum().squareRoot(), ds = (s * s).sum().squareRoot()
        let sigma = angle(fromHalfChordSquared: halfChordSquared(m / dm, -s / ds))
        let moonRadius = asin(radiusKm(.moon) / dm)
        let sunRadius = asin(radiusKm(.sun) / ds)
        // Danjon: Earth's radius (mean at 45° latitude) enlarged by 1/85.
        let earth = earthEquatorialKm * (1 - 0.5 * (1 / 298.257_223_563))
        let parallaxMoon = asin(earth / dm) * (1 + 1.0 / 85), parallaxSun = asin(earthEquatorialKm / ds)
        return (sigma, moonRadius, parallaxMoon + parallaxSun - sunRadius, parallaxMoon + parallaxSun + sunRadius)
    }

    private func lunarEclipse(near t0: Instant, tracker: Tracker) throws -> Eclipse? {
        // The penumbra's radius plus the Moon's stays under 1.6°: beyond 1.7° from the axis there is no eclipse.
        guard let greatest = try leastNorm(limit: 2 * sin(0.85 * degree), settle: 5e-4, {
            let (m, s) = try self.sunMoonVectors(tracker, at: t0.adding(days: $0))
            return m / (m * m).sum().squareRoot() + s / (s * s).sum().squareRoot()
        }) else { return nil }
        let t = t0.adding(days: greatest)
        let geo = try lunarGeometry(tracker, at: t)
        let umbral = (geo.umbra + geo.moonRadius - geo.sigma) / (2 * geo.moonRadius)
        let penumbral = (geo.penumbra + geo.moonRadius - geo.sigma) / (2 * geo.moonRadius)
        guard penumbral > 0 else { return nil }
        let kind: Eclipse.Kind = umbral >= 1 ? .total : umbral > 0 ? .partial : .penumbral
        var contacts: [String: EventTime] = [:]
        let limits: [(String, String, (Double, Double, Double) -> Double)] = [
            ("P1", "P4", { pen, _, mr in pen + mr }), ("U1", "U4", { _, um, mr in um + mr }), ("U2", "U3", { _, um, mr in um - mr }),
        ]
        // The Moon crosses the shadow nearly straight and at an even pace, σ² ≈ σ₀² + v²τ², which places each contact
        // to a minute or so; Brent's method then needs a bracket of ±0.01 d around it (the full scan if not).
        let h = 0.01
        let early = try lunarGeometry(tracker, at: t.adding(days: -h)).sigma, late = try lunarGeometry(tracker, at: t.adding(days: h)).sigma
        let speed2 = max(1e-12, (early * early + late * late - 2 * geo.sigma * geo.sigma) / (2 * h * h))
        for (first, last, limit) in limits {
            let f: (Double) throws -> Double = { d in
                let x = try self.lunarGeometry(tracker, at: t.adding(days: d))
                return x.sigma - limit(x.penumbra, x.umbra, x.moonRadius)
            }
            let edge = limit(geo.penumbra, geo.umbra, geo.moonRadius)
            guard geo.sigma - edge < 0 else { continue }
            let reach = ((edge * edge - geo.sigma * geo.sigma) / speed2).squareRoot()
            func contact(near c: Double, in a: Double, _ b: Double, latest: Bool) throws -> Double? {
                let lo = max(a, c - 0.01), hi = min(b, c + 0.01)
                if lo < hi {
                    let flo = try f(lo), fhi = try f(hi)
                    if (flo < 0) != (fhi < 0) { return try Search.brentRoot(lo, hi, flo, fhi, tolerance: 1e-6, f) }
                }
                let all = try Search.crossings(in: a, b, step: 0.05, tolerance: 1e-6, f)
                return (latest ? all.last : all.first)?.time
            }
            if let before = try contact(near: -reach, in: -0.3, 0, latest: true) { contacts[first] = eventTime(t.adding(days: before)) }
            if let after = try contact(near: reach, in: 0, 0.3, latest: false) { contacts[last] = eventTime(t.adding(days: after)) }
        }
        return Eclipse(body: .lunar, kind: kind, greatest: eventTime(t), gamma: geo.sigma / degree,
                       umbralMagnitude: umbral, penumbralMagnitude: penumbral, contacts: contacts)
    }

    /// An eclipse as seen from a site: local maximum, magnitude, obscuration, contacts with the altitudes of the
    /// eclipsed body, whether it was seen, and the range of ΔT in which that verdict holds.
    ///
    /// - Parameters:
    ///   - eclipse: an eclipse from `eclipses(in:solar:lunar:)`.
    ///   - site: the observer.
    ///   - deltaT: a fixed ΔT (the verdict for exactly that value); nil uses the model and also fills
    ///     `visibleDeltaT` by recomputing the verdict from ΔT − 5σ to ΔT + 5σ and bisecting each change to 1 s.
    /// - Notes: solar magnitude and obscuration from the topocentric semidiameters and separation (the area of
    ///   two overlapping discs); a solar eclipse counts as seen when the Sun's centre stood above the horizon
    ///   (with the models' refraction) while the Moon covered part of it; a lunar eclipse when the Moon was up
    ///   during the penumbral (if it is penumbral) or umbral phase.
    public func localCircumstances(of eclipse: Eclipse, at site: Site, deltaT: DeltaTEstimate? = nil) throws -> LocalEclipse {
        var local = try localCircumstancesFixed(eclipse, site: site, deltaT: deltaT)
        guard deltaT == nil else { return local }
        let dt = self.deltaT(at: eclipse.greatest.instant)
        if eclipse.body == .solar, local.magnitude > 0, dt.sigma > 0 {
            let uts = try [-1.0, 1.0].map { sign -> Double in
                let fixed = DeltaTEstimate(seconds: dt.seconds + sign * dt.sigma, sigma: 0, model: "trial")
                return try localSolar(eclipse, site: site, deltaT: fixed).maximum.instant.jdTT - fixed.seconds / secondsPerDay
            }
            local.maximum = EventTime(instant: local.maximum.instant, deltaT: local.maximum.deltaT,
                                      utSigmaSeconds: abs(uts[1] - uts[0]) / 2 * secondsPerDay)
        }
        local.visibleDeltaT = try verdictRanges(centre: dt, sigmaSpan: 5) { seconds in
            try self.localCircumstancesFixed(eclipse, site: site,
                                             deltaT: DeltaTEstimate(seconds: seconds, sigma: 0, model: "trial")).visible
        }
        return local
    }

    /// The ranges of ΔT within centre ± k·σ where a verdict is true: sampled every σ/`samplesPerSigma` (4 unless
    /// given), each change bisected to 1 s.
    public func verdictRanges(centre: DeltaTEstimate, sigmaSpan k: Double, samplesPerSigma: Double = 4,
                              _ verdict: (Double) throws -> Bool) throws -> [ClosedRange<Double>] {
        let sigma = max(centre.sigma, 1)
        let lo = centre.seconds - k * sigma, hi = centre.seconds + k * sigma
        let step = sigma / samplesPerSigma
        var ranges: [ClosedRange<Double>] = []
        var x = lo
        var v = try verdict(x)
        var startOfRun: Double? = v ? lo : nil
        while x < hi {
            let y = min(hi, x + step)
            let w = try verdict(y)
            if w != v {
                var a = x, b = y
                while b - a > 1 {
                    let m = (a + b) / 2
                    if try verdict(m) == v { a = m } else { b = m }
                }
                if w { startOfRun = b } else if let s = startOfRun { ranges.append(s...a); startOfRun = nil }
            }
            x = y
            v = w
        }
        if let s = startOfRun { ranges.append(s...hi) }
        return ranges
    }

    private func localCircumstancesFixed(_ eclipse: Eclipse, site: Site, deltaT: DeltaTEstimate?) throws -> LocalEclipse {
        eclipse.body == .solar ? try localSolar(eclipse, site: site, deltaT: deltaT)
            : try localLunar(eclipse, site: site, deltaT: deltaT)
    }

    private func localSolar(_ eclipse: Eclipse, site: Site, deltaT: DeltaTEstimate?) throws -> LocalEclipse {
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: "Moon", target: .body(.moon)),
                                                    TrackedTarget(label: "Sun", target: .body(.sun))], site: site, deltaT: deltaT)
        let t0 = eclipse.greatest.instant
        func discs(_ t: Instant) throws -> (sep: Double, rm: Double, rs: Double, alt: Double) {
            let p = try tracker.topocentric(at: t)
            let sep = angle(fromHalfChordSquared: halfChordSquared(unit(ra: p[0].rightAscension.radians, dec: p[0].declination.radians),
                                                                    unit(ra: p[1].rightAscension.radians, dec: p[1].declination.radians)))
            return (sep, asin(radiusKm(.moon) / ((p[0].distance ?? 1) * kilometresPerAU)),
                    asin(radiusKm(.sun) / ((p[1].distance ?? 1) * kilometresPerAU)), p[1].refractedAltitude.degrees)
        }
        let m = try Search.minimum(in: -0.2, 0.2, step: 0.005, tolerance: 1e-7) { try discs(t0.adding(days: $0)).sep }
        let tm = t0.adding(days: m.time)
        let at = try discs(tm)
        let dt = tracker.deltaT(at: tm)
        let magnitude = (at.rs + at.rm - at.sep) / (2 * at.rs)
        var contacts: [String: EventTime] = [:]
        var altitudes: [String: Double] = ["max": at.alt]
        var localKind = "none"
        var visible = false
        if magnitude > 0 {
            let outer: (Double) throws -> Double = { d in let x = try discs(tm.adding(days: d)); return x.sep - (x.rs + x.rm) }
            let inner: (Double) throws -> Double = { d in let x = try discs(tm.adding(days: d)); return x.sep - abs(x.rm - x.rs) }
            if let c1 = try Search.crossings(in: -0.25, 0, step: 0.01, tolerance: 1e-6, outer).last {
                contacts["C1"] = EventTime(instant: tm.adding(days: c1.time), deltaT: dt)
            }
            if let c4 = try Search.crossings(in: 0, 0.25, step: 0.01, tolerance: 1e-6, outer).first {
                contacts["C4"] = EventTime(instant: tm.adding(days: c4.time), deltaT: dt)
            }
            localKind = "partial"
            if at.sep < abs(at.rm - at.rs) {
                localKind = at.rm > at.rs ? "total" : "annular"
                if let c2 = try Search.crossings(in: -0.01, 0, step: 0.001, tolerance: 1e-7, inner).last {
                    contacts["C2"] = EventTime(instant: tm.adding(days: c2.time), deltaT: dt)
                }
                if let c3 = try Search.crossings(in: 0, 0.01, step: 0.001, tolerance: 1e-7, inner).first {
                    contacts["C3"] = EventTime(instant: tm.adding(days: c3.time), deltaT: dt)
                }
            }
            for (name, time) in contacts { altitudes[name] = try discs(time.instant).alt }
            // Seen if the Sun was up at maximum or at a contact, or rose or set during the eclipse.
            let start = contacts["C1"]?.instant.days(since: tm) ?? -0.1, end = contacts["C4"]?.instant.days(since: tm) ?? 0.1
            visible = altitudes.values.contains { $0 >= 0 }
            if !visible {
                for k in 1..<24 where !visible {
                    visible = try discs(tm.adding(days: start + (end - start) * Double(k) / 24)).alt >= 0
                }
            }
        }
        let obscuration = magnitude > 0 ? overlapFraction(at.sep, sun: at.rs, moon: at.rm) : 0
        return LocalEclipse(eclipse: eclipse, site: site, maximum: EventTime(instant: tm, deltaT: dt),
                            magnitude: max(0, magnitude), obscuration: obscuration, contacts: contacts,
                            altitudes: altitudes, visible: visible, localKind: localKind)
    }

    private func localLunar(_ eclipse: Eclipse, site: Site, deltaT: DeltaTEstimate?) throws -> LocalEclipse {
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: "Moon", target: .body(.moon))], site: site, deltaT: deltaT)
        func altitude(_ t: Instant) throws -> Double { try tracker.topocentric(at: t)[0].refractedAltitude.degrees }
        let dt = tracker.deltaT(at: eclipse.greatest.instant)
        let atMaximum = try altitude(eclipse.greatest.instant)
        var altitudes: [String: Double] = ["max": atMaximum]
        var contacts: [String: EventTime] = [:]
        for (name, time) in eclipse.contacts {
            contacts[name] = EventTime(instant: time.instant, deltaT: dt)
            altitudes[name] = try altitude(time.instant)
        }
        let (a, b) = eclipse.kind == .penumbral ? ("P1", "P4") : ("U1", "U4")
        var visible = atMaximum >= 0
        if let s = eclipse.contacts[a]?.instant, let e = eclipse.contacts[b]?.instant {
            let length = e.days(since: s)
            for k in 0...24 where !visible { visible = try altitude(s.adding(days: length * Double(k) / 24)) >= 0 }
        }
        return LocalEclipse(eclipse: eclipse, site: site, maximum: EventTime(instant: eclipse.greatest.instant, deltaT: dt),
                            magnitude: eclipse.umbralMagnitude ?? 0, obscuration: nil, contacts: contacts,
                            altitudes: altitudes, visible: visible, localKind: eclipse.kind.rawValue)
    }
}

/// Fraction of the Sun's disc (radius `sun`) covered by the Moon's (radius `moon`) at centre distance `d`.
func overlapFraction(_ d: Double, sun r: Double, moon s: Double) -> Double {
    if d >= r + s { return 0 }
    if d <= abs(s - r) { return s >= r ? 1 : (s * s) / (r * r) }
    let a = r * r * acos(min(1, max(-1, (d * d + r * r - s * s) / (2 * d * r))))
    let b = s * s * acos(min(1, max(-1, (d * d + s * s - r * r) / (2 * d * s))))
    let c = 0.5 * ((-d + r + s) * (d + r - s) * (d - r + s) * (d + r + s)).squareRoot()
    return (a + b - c) / (Double.pi * r * r)
}

/// A syzygy as Meeus's series predicts it (Meeus 1998, ch. 49: the mean phase and the seven largest periodic
/// terms, good to a few minutes), and the Moon's mean argument of latitude F then (radians).
private func predictedSyzygy(lunation k: Double) -> (jdTT: Double, meanArgumentOfLatitude: Double) {
    let t = k / 1_236.85
    let mean = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t * t - 0.000_000_150 * t * t * t
    let e = 1 - 0.002_516 * t - 0.000_007_4 * t * t
    let m = (2.553_4 + 29.105_356_70 * k - 0.000_001_4 * t * t) * degree
    let mp = (201.564_3 + 385.816_935_28 * k + 0.010_758_2 * t * t) * degree
    let f = (160.710_8 + 390.670_502_84 * k - 0.001_611_8 * t * t) * degree
    let isNew = k == k.rounded(.down)
    let c: [Double] = isNew ? [-0.407_20, 0.172_41, 0.016_08, 0.010_39, 0.007_39, -0.005_14, 0.002_08]
        : [-0.406_14, 0.173_02, 0.016_14, 0.010_43, 0.007_34, -0.005_15, 0.002_09]
    let correction = c[0] * sin(mp) + c[1] * e * sin(m) + c[2] * sin(2 * mp) + c[3] * sin(2 * f)
        + c[4] * e * sin(mp - m) + c[5] * e * sin(mp + m) + c[6] * e * e * sin(2 * m)
    return (mean + correction, f)
}

