import Ephemeris
import Foundation
import Sky
import SkyTime

/// An almanac event: a conjunction, a phase, a station, a rising… with its time and what it was.
public struct SkyEvent: Sendable {
    /// What happened.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Equal geocentric apparent right ascensions of date.
        case conjunctionInRightAscension = "conjunction-ra"
        /// Equal geocentric apparent ecliptic longitudes of date.
        case conjunctionInLongitude = "conjunction-longitude"
        /// Moon phase: new, first quarter, full, last quarter.
        case phase
        /// A planet's apparent ecliptic longitude stops (retrograde or direct station).
        case station
        /// Planet opposite the Sun in ecliptic longitude.
        case opposition
        /// Planet in conjunction with the Sun in ecliptic longitude (inferior or superior for Mercury and Venus).
        case solarConjunction = "solar-conjunction"
        /// Greatest elongation from the Sun (east: evening, west: morning).
        case greatestElongation = "greatest-elongation"
        /// The upper limb (or centre) appears or disappears at the horizon, or the object crosses the meridian.
        case rise, set, transit
        /// The Sun's centre reaches −6°, −12° or −18° (dawn when rising, dusk when setting).
        case twilight
    }

    /// What happened.
    public let kind: Kind
    /// When.
    public let time: EventTime
    /// The objects involved, as named.
    public let objects: [String]
    /// A short description beginning with the event's sub-type, e.g. "full moon", "retrograde station",
    /// "civil dusk", "inferior conjunction".
    public let detail: String
    /// The event's figure where it has one, in degrees: separation in latitude/declination at a conjunction, the
    /// elongation at a greatest elongation, the ecliptic longitude at a station or phase, the altitude at transit.
    public let degrees: Double?
    /// The site, for events seen from one.
    public let site: Site?
    /// For events seen from a site (risings, settings, heliacal phases): whether it could be seen (a rising or
    /// setting with the sky dark enough; a heliacal phase as dated). Nil for other events.
    public internal(set) var visible: Bool? = nil
    /// The ΔT values (s) within ±5σ of the model's for which `visible` holds (for a heliacal phase: for which the
    /// phase falls on this date). Empty when ΔT was fixed or the event is not a local one.
    public internal(set) var visibleDeltaT: [ClosedRange<Double>] = []
}

/// How a rising or setting is defined.
public struct HorizonCrossing: Sendable, Hashable {
    /// Which point of the disc touches the horizon.
    public enum Point: String, Sendable, Hashable { case upperLimb = "upper limb", centre }
    /// Which refraction lifts it.
    public enum Refraction: String, Sendable, Hashable {
        /// 34′ at the horizon, as almanacs take it.
        case standard = "34′ standard"
        /// The models' atmosphere (Sæmundsson 1986 at the site's pressure and temperature).
        case model = "model"
    }
    public var point: Point
    public var refraction: Refraction

    /// Creates a definition; the default is the almanacs' (upper limb, 34′).
    public init(point: Point = .upperLimb, refraction: Refraction = .standard) {
        self.point = point
        self.refraction = refraction
    }

    /// The almanacs' definition: upper limb, 34′ of refraction.
    public static let almanac = HorizonCrossing()
}

/// The three twilights by the Sun's depression.
public enum Twilight: Double, Sendable, CaseIterable {
    case civil = 6, nautical = 12, astronomical = 18
    var name: String { switch self { case .civil: "civil"; case .nautical: "nautical"; case .astronomical: "astronomical" } }
}

private let degree = Double.pi / 180
private let siderealRate = 2 * Double.pi * 1.002_737_811_911_354_48

/// Mean equatorial radii (km) for semidiameters: IAU 2015 nominal solar radius, the Moon's 1737.4 km.
func radiusKm(_ body: Body) -> Double {
    switch body {
    case .sun: 695_700
    case .moon: 1_737.4
    case .mercury: 2_440.5
    case .venus: 6_051.8
    case .mars: 3_396.2
    case .jupiter: 71_492
    case .saturn: 60_268
    case .uranus: 25_559
    case .neptune: 24_764
    default: 1_188
    }
}

extension SkyView {
    private func body(of object: SkyObject, role: String) throws -> Body {
        guard case .body(let b) = object else { throw EventError.needsBody(object.label, role: role) }
        return b
    }

    private func rootEvents(span: TimeSpan, rate: Double, window: Double, toleranceSeconds: Double = 0.1,
                            periodic: Bool, f: @escaping (Instant) throws -> Double,
                            make: @escaping (Instant, Bool) throws -> SkyEvent?) throws -> EventSequence<SkyEvent> {
        try check(span)
        let origin = span.start
        var scan = RootScan(start: 0, end: span.days, rate: rate, window: window, tolerance: toleranceSeconds / secondsPerDay,
                            periodic: periodic) { try f(origin.adding(days: $0)) }
        _ = try f(origin)
        return EventSequence {
            while let root = try scan.next() {
                if let e = try make(origin.adding(days: root.time), root.rising) { return e }
            }
            return nil
        }
    }

    /// The principal target of an object (a group's brightest member) for events that need one direction.
    private func principal(_ object: SkyObject) throws -> TrackedTarget { try trackedTargets(of: object)[0] }

    private func boundOnLongitudeRate(_ t: TrackedTarget, latitude: Double) -> Double {
        Motion.rate(t.target, topocentric: false) / cos(min(80 * degree, latitude))
    }

    /// Conjunctions of two objects in geocentric apparent ecliptic longitude of date, or in right ascension.
    ///
    /// - Parameters:
    ///   - a: the first object.
    ///   - b: the second object.
    ///   - span: the TT span searched.
    ///   - inRightAscension: true for right ascension (the Chinese equatorial convention), false for longitude.
    /// - Returns: a lazy sequence of `.conjunctionInLongitude` / `.conjunctionInRightAscension` events whose
    ///   `degrees` is the second object's latitude (declination) minus the first's: positive when it stood north.
    /// - Notes: a group is represented by its brightest member. Complete by the bound on the relative rate in
    ///   longitude (angular rate / cos of the largest latitude reached, 10° for bodies).
    public func conjunctions(of a: SkyObject, and b: SkyObject, in span: TimeSpan, inRightAscension: Bool = false)
        throws -> EventSequence<SkyEvent> {
        guard a != b else { throw EventError.sameObject(a.label) }
        let ta = try principal(a), tb = try principal(b)
        let tracker = Tracker(view: self, targets: [ta, tb], site: nil)
        let first = try tracker.apparent(at: span.start)
        let lat: (ApparentPlace) -> Double = { inRightAscension ? $0.declination.radians : $0.eclipticLatitude.radians }
        let lon: (ApparentPlace) -> Double = { inRightAscension ? $0.rightAscension.radians : $0.eclipticLongitude.radians }
        func bound(_ t: TrackedTarget, _ p: ApparentPlace) -> Double {
            let reach = t.body == nil ? abs(lat(p)) : max(abs(lat(p)), inRightAscension ? 30 * degree : 10 * degree)
            return boundOnLongitudeRate(t, latitude: reach + 2 * degree)
        }
        let rate = bound(ta, first[0]) + bound(tb, first[1])
        let kind: SkyEvent.Kind = inRightAscension ? .conjunctionInRightAscension : .conjunctionInLongitude
        return try rootEvents(span: span, rate: rate, window: 0.5 * degree / rate, periodic: true, f: { t in
            let p = try tracker.apparent(at: t)
            return wrapAngle(lon(p[0]) - lon(p[1]))
        }, make: { t, _ in
            let p = try tracker.apparent(at: t)
            let d = (lat(p[1]) - lat(p[0])) / degree
            let what = inRightAscension ? "in right ascension" : "in ecliptic longitude"
            return SkyEvent(kind: kind, time: self.eventTime(t), objects: [a.label, b.label],
                            detail: "conjunction \(what), \(tb.label) \(String(format: "%.3f", abs(d)))° \(d >= 0 ? "north" : "south")",
                            degrees: d, site: nil)
        })
    }

    /// The Moon's phases: apparent geocentric ecliptic longitude of the Moon minus the Sun's at 0° (new moon),
    /// 90° (first quarter), 180° (full moon), 270° (last quarter).
    ///
    /// - Returns: `.phase` events; `detail` is "new moon", "first quarter", "full moon" or "last quarter", and
    ///   `degrees` the Moon's apparent ecliptic longitude of date.
    public func moonPhases(in span: TimeSpan) throws -> EventSequence<SkyEvent> {
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: "Moon", target: .body(.moon)),
                                                    TrackedTarget(label: "Sun", target: .body(.sun))], site: nil)
        let rate = (16.5 + 1.05) * degree / cos(6 * degree)
        let names = ["new moon", "first quarter", "full moon", "last quarter"]
        // Zeros of sin 2·elongation would double up; instead 4 × elongation wrapped finds all four phases.
        return try rootEvents(span: span, rate: 4 * rate, window: 0.25, periodic: true, f: { t in
            let p = try tracker.apparent(at: t)
            return wrapAngle(4 * (p[0].eclipticLongitude.radians - p[1].eclipticLongitude.radians))
        }, make: { t, rising in
            guard rising else { return nil }
            let p = try tracker.apparent(at: t)
            let e = (p[0].eclipticLongitude.radians - p[1].eclipticLongitude.radians) / degree
            let index = Int(((e.truncatingRemainder(dividingBy: 360) + 360 + 45) / 90).rounded(.down)) % 4
            return SkyEvent(kind: .phase, time: self.eventTime(t), objects: ["Moon"], detail: names[index],
                            degrees: p[0].eclipticLongitude.normalized.degrees, site: nil)
        })
    }

    /// Stations of a planet: moments when its geocentric apparent ecliptic longitude of date stops moving.
    ///
    /// - Returns: `.station` events, `detail` "retrograde station" (motion turns westward) or "direct station",
    ///   `degrees` the longitude. A retrograde arc runs from a retrograde station to the next direct one.
    /// - Throws: `EventError.needsBody` for anything but Mercury…Pluto.
    /// - Notes: a zero of the speed in longitude (central differences over ±0.01 d), refined to 1 s; complete by a
    ///   bound on how fast that speed can change (`Motion.longitudeAcceleration`, measured for Mercury, Venus and
    ///   Mars; the looser bound on the whole motion for the others).
    public func stations(of object: SkyObject, in span: TimeSpan) throws -> EventSequence<SkyEvent> {
        let b = try body(of: object, role: "stationary (stations are a planet's)")
        guard ![.sun, .moon, .earth, .earthMoonBarycenter].contains(b) else {
            throw EventError.needsBody(object.label, role: "stationary (stations are a planet's)")
        }
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: b.displayName, target: .body(b))], site: nil)
        let h = 0.01
        func speed(_ t: Instant) throws -> Double {
            let p = try tracker.apparent(at: t.adding(days: -h))[0].eclipticLongitude.radians
            let q = try tracker.apparent(at: t.adding(days: h))[0].eclipticLongitude.radians
            return wrapAngle(q - p) / (2 * h)
        }
        let accel = Motion.longitudeAcceleration(b) ?? Motion.acceleration(.body(b), topocentric: false) / cos(12 * degree)
        return try rootEvents(span: span, rate: accel, window: 2, toleranceSeconds: 1, periodic: false, f: speed,
                              make: { t, rising in
            let lon = try tracker.apparent(at: t)[0].eclipticLongitude.normalized.degrees
            return SkyEvent(kind: .station, time: self.eventTime(t), objects: [b.displayName],
                            detail: rising ? "direct station" : "retrograde station", degrees: lon, site: nil)
        })
    }

    /// Oppositions and conjunctions with the Sun in geocentric apparent ecliptic longitude.
    ///
    /// - Parameters:
    ///   - object: the body.
    ///   - span: the TT span searched.
    ///   - opposition: true for oppositions (Mars…Pluto; the Moon's are full moons), false for
    ///     conjunctions (for Mercury and Venus, "inferior" or "superior" by distance).
    public func solarAlignments(of object: SkyObject, in span: TimeSpan, opposition: Bool) throws -> EventSequence<SkyEvent> {
        let b = try body(of: object, role: opposition ? "in opposition" : "in conjunction with the Sun")
        guard b != .sun, b != .earth, b != .earthMoonBarycenter else {
            throw EventError.needsBody(object.label, role: "compared with the Sun (name a planet or the Moon)")
        }
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: b.displayName, target: .body(b)),
                                                    TrackedTarget(label: "Sun", target: .body(.sun))], site: nil)
        let rate = (Motion.rate(.body(b), topocentric: false) / cos(10 * degree) + 1.05 * degree)
        let offset = opposition ? Double.pi : 0
        return try rootEvents(span: span, rate: rate, window: 0.5 * degree / rate, periodic: true, f: { t in
            let p = try tracker.apparent(at: t)
            return wrapAngle(p[0].eclipticLongitude.radians - p[1].eclipticLongitude.radians - offset)
        }, make: { t, _ in
            let p = try tracker.apparent(at: t)
            var detail = opposition ? "opposition" : "conjunction with the Sun"
            if !opposition, b == .mercury || b == .venus {
                detail = (p[0].distance ?? 0) < (p[1].distance ?? 0) ? "inferior conjunction" : "superior conjunction"
            }
            return SkyEvent(kind: opposition ? .opposition : .solarConjunction, time: self.eventTime(t),
                            objects: [b.displayName], detail: detail,
                            degrees: p[0].eclipticLatitude.degrees - p[1].eclipticLatitude.degrees, site: nil)
        })
    }

    /// Greatest elongations of a planet from the Sun (maxima of the geocentric apparent angular distance).
    ///
    /// - Returns: `.greatestElongation` events, `detail` "greatest eastern elongation (evening)" or "…western…
    ///   (morning)", `degrees` the elongation.
    public func greatestElongations(of object: SkyObject, in span: TimeSpan) throws -> EventSequence<SkyEvent> {
        let b = try body(of: object, role: "at greatest elongation (Mercury or Venus)")
        guard b == .mercury || b == .venus else {
            throw EventError.needsBody(object.label, role: "at greatest elongation (name Mercury or Venus)")
        }
        let tracker = Tracker(view: self, targets: [TrackedTarget(label: b.displayName, target: .body(b)),
                                                    TrackedTarget(label: "Sun", target: .body(.sun))], site: nil)
        func elongation(_ t: Instant) throws -> Double {
            let u = try tracker.directions(at: t)
            return angle(fromHalfChordSquared: halfChordSquared(u[0], u[1]))
        }
        let h = 0.01
        let accel = Motion.acceleration(.body(b), topocentric: false) + Motion.acceleration(.body(.sun), topocentric: false)
            + 2 * Motion.rate(.body(b), topocentric: false) * Motion.rate(.body(.sun), topocentric: false)
        return try rootEvents(span: span, rate: accel, window: 2, toleranceSeconds: 60, periodic: false, f: { t in
            (try elongation(t.adding(days: h)) - elongation(t.adding(days: -h))) / (2 * h)
        }, make: { t, rising in
            guard !rising else { return nil }
            let p = try tracker.apparent(at: t)
            let east = wrapAngle(p[0].eclipticLongitude.radians - p[1].eclipticLongitude.radians) > 0
            return SkyEvent(kind: .greatestElongation, time: self.eventTime(t), objects: [b.displayName],
                            detail: east ? "greatest eastern elongation (evening)" : "greatest western elongation (morning)",
                            degrees: try elongation(t) / degree, site: nil)
        })
    }
}
