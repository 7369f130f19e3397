import Ephemeris
import Events
import Foundation
import Sky
import SkyTime

/// The sky computations behind the verdicts, at one site with one ΔT offset (in σ).
///
/// Times are UT1 Julian dates; the TT instant of each is formed with the model's ΔT + `sigmaOffset`·σ, so the whole
/// test can be repeated across ΔT's band. Eclipses come from the Events module's search and local circumstances;
/// occultations and heliacal visibility are computed here with simple, documented criteria.
struct SkyProbe: Sendable {
    let view: SkyView
    let site: Site
    let sigmaOffset: Double

    static let lunarRadiusKm = 1737.4
    static let earthRadiusKm = 6378.137
    static let auKm = 149_597_870.7
    static let sunRadiusKm = 695_700.0

    func deltaT(_ ut: Double) -> DeltaTEstimate {
        let e = view.models.deltaT.estimate(julianDate: ut)
        guard sigmaOffset != 0 else { return e }
        return DeltaTEstimate(seconds: e.seconds + sigmaOffset * e.sigma, sigma: e.sigma, model: e.model, caveat: e.caveat)
    }

    func instant(_ ut: Double) -> (Instant, DeltaTEstimate) {
        let dt = deltaT(ut)
        return (Instant(jdUT1: ut, 0, deltaTSeconds: dt.seconds), dt)
    }

    /// The night of civil day `jdn` (18:00 LMT to 06:00 LMT the next day), or the day (06:00–18:00) for daytime records.
    func window(jdn: Int, daytime: Bool) -> (start: Double, end: Double) {
        let midnightUT = Double(jdn) - 0.5 - site.longitude.degrees / 360
        let start = midnightUT + (daytime ? 0.25 : 0.75)
        return (start, start + 0.5)
    }

    /// Local mean time text of a UT Julian date at the site.
    func lmt(_ ut: Double) -> String {
        let d = CalendarDate(julianDate: ut + site.longitude.degrees / 360)
        let t = d.timeOfDay
        let hh = t.hour < 10 ? "0\(t.hour)" : "\(t.hour)"
        let mm = t.minute < 10 ? "0\(t.minute)" : "\(t.minute)"
        return "\(d.isoDay) \(hh):\(mm) LMT"
    }

    func observe(_ body: Body, _ ut: Double, topocentric: Bool = false) throws -> Observation {
        let (t, dt) = instant(ut)
        return try view.observe([(body.displayName, .body(body))], at: t, site: topocentric ? site : nil, deltaT: dt)[0]
    }

    /// Apparent directions of date of stars at a moment (they move by well under an arcsecond in a night).
    func starDirections(_ stars: [Star], _ ut: Double) throws -> [SIMD3<Double>] {
        guard !stars.isEmpty else { return [] }
        let (t, dt) = instant(ut)
        return try view.observe(stars.map { ($0.label, .star($0.catalogStar)) }, at: t, deltaT: dt).map(\.geocentricDirectionOfDate)
    }

    struct Minimum {
        var separation: Double
        var member: Int
        var ut: Double
    }

    /// The minimum separation over `[start, end]` between a body and the nearest of several fixed directions:
    /// sampled every `step` days, then refined by golden section around the best sample of each member that could
    /// be nearest.
    func minimum(_ body: Body, to directions: [SIMD3<Double>], in start: Double, _ end: Double, step: Double,
                 topocentric: Bool = false) throws -> Minimum {
        let direction: (Double) throws -> SIMD3<Double> = { ut in
            let o = try observe(body, ut, topocentric: topocentric)
            return topocentric ? o.directionOfDate : o.geocentricDirectionOfDate
        }
        var best = [Double](repeating: .infinity, count: directions.count)
        var bestT = [Double](repeating: start, count: directions.count)
        var t = start
        while true {
            let d = try direction(t)
            for (i, s) in directions.enumerated() {
                let a = separation(d, s).degrees
                if a < best[i] { best[i] = a; bestT[i] = t }
            }
            if t >= end { break }
            t = min(t + step, end)
        }
        // A sampled minimum exceeds the true one by at most half the body's motion in a step (the Moon's 0.27° in
        // 30 min); members sampled farther than that above the best cannot be nearest.
        let floor = best.min() ?? .infinity
        let margin = body == .moon ? 0.3 : 0.2
        var result = Minimum(separation: .infinity, member: 0, ut: start)
        for i in directions.indices where best[i] <= floor + margin {
            let a = max(start, bestT[i] - step), b = min(end, bestT[i] + step)
            let m = try Search.minimum(in: a, b, step: (b - a) / 2, tolerance: 5e-5) { ut in
                separation(try direction(ut), directions[i]).degrees
            }
            if m.value < result.separation { result = Minimum(separation: m.value, member: i, ut: m.time) }
        }
        return result
    }

    /// Sun altitude (deg, airless) and the body's topocentric observation at a moment.
    func sunAltitude(_ ut: Double) throws -> Double {
        try observe(.sun, ut, topocentric: true).topocentric?.altitude.degrees ?? 0
    }

    /// Moments of a window (every `step`) at which the body stands above the horizon (refracted) with the Sun
    /// below `sunLimit`, with its topocentric observation.
    func observableSamples(_ body: Body, _ start: Double, _ end: Double, step: Double = 1.0 / 72,
                           sunLimit: Double = -6, minAltitude: Double = 0) throws -> [(ut: Double, obs: Observation)] {
        var out: [(Double, Observation)] = []
        let targets: [(label: String, target: Target)] = [("Sun", .body(.sun)), (body.displayName, .body(body))]
        var t = start
        while t <= end + 1e-9 {
            let (instant, dt) = instant(t)
            let o = try view.observe(targets, at: instant, site: site, deltaT: dt)
            if (o[0].topocentric?.altitude.degrees ?? 90) < sunLimit,
               (o[1].topocentric?.refractedAltitude.degrees ?? -90) > minAltitude {
                out.append((t, o[1]))
            }
            t += step
        }
        return out
    }

    /// Semi-diameter of the Moon (deg) at a topocentric or geocentric distance in au.
    static func lunarSemidiameter(distanceAU: Double) -> Double {
        asin(lunarRadiusKm / (distanceAU * auKm)) * 180 / .pi
    }

    static func parallax(distanceAU: Double) -> Double { asin(earthRadiusKm / (distanceAU * auKm)) * 180 / .pi }

    static func solarSemidiameter(distanceAU: Double) -> Double { asin(sunRadiusKm / (distanceAU * auKm)) * 180 / .pi }

    // MARK: Eclipses

    struct Eclipse {
        var type: String
        var greatestUT: Double
        var magnitudeAtSite: Double
        var seen: Bool
        var geocentricSeparation: Double
        var limit: Double
    }

    /// The solar or lunar eclipse whose syzygy falls within a day and a half of civil day `jdn` (Events' eclipse
    /// search and, when `atSite`, its local circumstances at this probe's ΔT), or the closest miss.
    ///
    /// The geocentric separation of the centres (Moon from the Sun, or from the antisolar point) at its minimum and
    /// the limit it must pass (π☾ − π☉ + s☾ + s☉ for the Sun; Danjon's umbra, 1.01 (π☾ + π☉ − s☉), plus s☾ for the
    /// Moon) are kept as the measure and to explain a miss. A penumbral lunar eclipse counts as not seen.
    func eclipse(lunar: Bool, jdn: Int, atSite: Bool = true) throws -> Eclipse {
        let start = Double(jdn) - 1.5, end = Double(jdn) + 1.5
        let sep: (Double) throws -> Double = { ut in
            let m = try observe(.moon, ut), s = try observe(.sun, ut)
            let sd = s.geocentricDirectionOfDate
            return separation(m.geocentricDirectionOfDate, lunar ? -sd : sd).degrees
        }
        let m = try Search.minimum(in: start, end, step: 0.05, tolerance: 1e-5, sep)
        let moon = try observe(.moon, m.time), sun = try observe(.sun, m.time)
        let dm = moon.apparent.distance ?? 0.00257, ds = sun.apparent.distance ?? 1
        let pm = Self.parallax(distanceAU: dm), ps = Self.parallax(distanceAU: ds)
        let sm = Self.lunarSemidiameter(distanceAU: dm), ss = Self.solarSemidiameter(distanceAU: ds)
        let limit = lunar ? 1.01 * (pm + ps - ss) + sm : pm - ps + sm + ss
        let span = TimeSpan(instant(start).0, instant(end).0)
        var found = try view.eclipses(in: span, solar: !lunar, lunar: lunar)
        guard let e = try found.nextEvent() else {
            return Eclipse(type: "none", greatestUT: m.time, magnitudeAtSite: 0, seen: false, geocentricSeparation: m.value, limit: limit)
        }
        let greatestUT = e.greatest.jdTT - deltaT(e.greatest.jdUT).seconds / 86_400
        guard atSite else {
            return Eclipse(type: e.typeName, greatestUT: greatestUT, magnitudeAtSite: 0, seen: false, geocentricSeparation: m.value, limit: limit)
        }
        let local = try view.localCircumstances(of: e, at: site, deltaT: deltaT(greatestUT))
        let seen = local.visible && e.kind != .penumbral
        return Eclipse(type: e.typeName, greatestUT: greatestUT, magnitudeAtSite: seen ? max(local.magnitude, 0) : 0,
                       seen: seen, geocentricSeparation: m.value, limit: limit)
    }

    // MARK: Planets' brightness and visibility (switch to Events' heliacal search when it lands)

    /// V magnitude of a planet (Mallama & Hilton 2018, Astronomy and Computing 25, 10, eqs. for each planet; Saturn
    /// without its rings' term), from the Sun–planet and Earth–planet distances and the phase angle.
    static func magnitude(_ body: Body, r: Double, delta: Double, phase: Double) -> Double? {
        let d = 5 * log10(r * delta)
        let a = phase
        switch body {
        case .mercury:
            return -0.613 + d + 6.3280e-2 * a - 1.6336e-3 * a * a + 3.3644e-5 * pow(a, 3) - 3.4265e-7 * pow(a, 4)
                + 1.6893e-9 * pow(a, 5) - 3.0334e-12 * pow(a, 6)
        case .venus:
            if a < 163.7 {
                return -4.384 + d - 1.044e-3 * a + 3.687e-4 * a * a - 2.814e-6 * pow(a, 3) + 8.938e-9 * pow(a, 4)
            }
            return 236.05828 + d - 2.81914 * a + 8.39034e-3 * a * a
        case .mars: return -1.601 + d + 2.267e-2 * a - 1.302e-4 * a * a
        case .jupiter: return -9.395 + d - 3.7e-4 * a + 6.16e-4 * a * a
        case .saturn: return -8.914 + d + 2.6e-2 * a
        default: return nil
        }
    }

    /// Elongation from the Sun (deg) and V magnitude of a planet at a moment.
    func elongationAndMagnitude(_ body: Body, _ ut: Double) throws -> (elongation: Double, magnitude: Double?) {
        let p = try observe(body, ut), s = try observe(.sun, ut)
        let e = separation(p.geocentricDirectionOfDate, s.geocentricDirectionOfDate).degrees
        guard let delta = p.apparent.distance, let R = s.apparent.distance else { return (e, nil) }
        let er = e * .pi / 180
        let r = (R * R + delta * delta - 2 * R * delta * cos(er)).squareRoot()
        let cosPhase = (r * r + delta * delta - R * R) / (2 * r * delta)
        let phase = acos(max(-1, min(1, cosPhase))) * 180 / .pi
        return (e, Self.magnitude(body, r: r, delta: delta, phase: phase))
    }

    /// Arcus visionis (deg): how far the Sun must be below the horizon for the planet to be seen low in twilight
    /// (Ptolemy's values as tabulated by Schoch 1924).
    static func arcusVisionis(_ body: Body) -> Double? {
        switch body {
        case .mercury: 10
        case .venus: 5
        case .mars: 11.5
        case .jupiter: 9
        case .saturn: 11
        default: nil
        }
    }

    /// Whether a planet can be seen on the night of `jdn`: ≥ 3° high at a moment the Sun is its arcus visionis
    /// below the horizon; returns the best altitude at such moments.
    func visible(_ body: Body, jdn: Int) throws -> (visible: Bool, altitude: Double?) {
        guard let av = Self.arcusVisionis(body) else { return (false, nil) }
        let w = window(jdn: jdn, daytime: false)
        let samples = try observableSamples(body, w.start, w.end, step: 1.0 / 72, sunLimit: -av, minAltitude: -90)
        let best = samples.compactMap { $0.obs.topocentric?.refractedAltitude.degrees }.max()
        return ((best ?? -90) >= 3, best)
    }

    /// Geocentric apparent ecliptic-longitude rate (deg/day) at a moment.
    func longitudeRate(_ body: Body, _ ut: Double) throws -> Double {
        let a = try observe(body, ut - 0.5).apparent.eclipticLongitude.degrees
        let b = try observe(body, ut + 0.5).apparent.eclipticLongitude.degrees
        var d = b - a
        if d > 180 { d -= 360 }
        if d < -180 { d += 360 }
        return d
    }
}

/// Distance (deg) of a direction outside the convex figure of member directions, on the gnomonic plane at the
/// members' centroid (0 inside). Two members form a segment; one, a point.
func distanceOutsideFigure(_ point: SIMD3<Double>, members: [SIMD3<Double>]) -> Double {
    var sum = SIMD3<Double>(repeating: 0)
    for m in members { sum += m }
    let c = sum / (sum * sum).sum().squareRoot()
    var east = SIMD3(-c.y, c.x, 0)
    let n = (east * east).sum().squareRoot()
    east = n > 0 ? east / n : SIMD3(0, 1, 0)
    let north = SIMD3(c.y * east.z - c.z * east.y, c.z * east.x - c.x * east.z, c.x * east.y - c.y * east.x)
    func project(_ v: SIMD3<Double>) -> SIMD2<Double>? {
        let z = (v * c).sum()
        guard z > 0.05 else { return nil }
        return SIMD2((v * east).sum() / z, (v * north).sum() / z) * (180 / .pi)
    }
    guard let p = project(point) else { return 180 }
    let pts = members.compactMap(project)
    let hull = convexHull(pts)
    func segmentDistance(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        let ab = b - a, ap = p - a
        let len2 = (ab * ab).sum()
        let t = len2 > 0 ? max(0, min(1, (ap * ab).sum() / len2)) : 0
        let d = ap - ab * t
        return (d * d).sum().squareRoot()
    }
    if hull.count < 3 {
        guard let first = hull.first else { return 180 }
        return segmentDistance(first, hull.last ?? first)
    }
    var inside = true
    var best = Double.infinity
    for i in hull.indices {
        let a = hull[i], b = hull[(i + 1) % hull.count]
        let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
        if cross < 0 { inside = false }
        best = min(best, segmentDistance(a, b))
    }
    return inside ? 0 : best
}

/// Andrew's monotone chain: the convex hull, counter-clockwise.
func convexHull(_ points: [SIMD2<Double>]) -> [SIMD2<Double>] {
    let p = points.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
    guard p.count > 2 else { return p }
    func cross(_ o: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
    }
    var lower: [SIMD2<Double>] = []
    for q in p {
        while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
        lower.append(q)
    }
    var upper: [SIMD2<Double>] = []
    for q in p.reversed() {
        while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
        upper.append(q)
    }
    return Array(lower.dropLast() + upper.dropLast())
}
