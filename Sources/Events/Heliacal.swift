import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180

/// The criterion that decides whether a star or planet near the horizon can be seen in twilight.
public enum VisibilityCriterion: Sendable, Hashable {
    /// Arcus visionis: the object, at its apparent rising or setting (centre, 34′ refraction), is seen when the
    /// Sun's true altitude is at or below −arc. `arc` in degrees.
    case arcusVisionis(Double)
    /// Ptolemy's arcs for the planets (Almagest XIII.7): Saturn 11°, Jupiter 10°, Mars 11½°, Venus 5°,
    /// Mercury 10°. For a star give `.arcusVisionis` instead.
    case ptolemy
    /// Schaefer's physical model (`SchaeferModel`): seen when, at some moment of the twilight, the object's
    /// magnitude reaches the limiting magnitude against the sky there, for the given air and observer.
    case schaefer(SchaeferConditions)

    /// The arc for a target, or nil when the criterion does not define one.
    func arc(for target: TrackedTarget) -> Double? {
        switch self {
        case .arcusVisionis(let a): return a
        case .ptolemy:
            switch target.body {
            case .saturn: return 11
            case .jupiter: return 10
            case .mars: return 11.5
            case .venus: return 5
            case .mercury: return 10
            default: return nil
            }
        case .schaefer: return nil
        }
    }

    /// Its citable name.
    public var name: String {
        switch self {
        case .arcusVisionis(let a): "arcus visionis \(a)° (object at apparent rising/setting, Sun's true depression ≥ arc)"
        case .ptolemy: "arcus visionis of Ptolemy, Almagest XIII.7 (object at apparent rising/setting)"
        case .schaefer: "Schaefer's visibility model (Schaefer 1993, 2000; Swiss Ephemeris's constants)"
        }
    }
}

/// A heliacal phenomenon.
public enum HeliacalPhase: String, Sendable, CaseIterable, Codable {
    /// First visible rising in the morning twilight (heliacal rising).
    case morningFirst = "morning first"
    /// Last visible rising in the morning (Mercury and Venus, before superior conjunction).
    case morningLast = "morning last"
    /// First visible setting in the evening twilight (Mercury and Venus, after superior conjunction).
    case eveningFirst = "evening first"
    /// Last visible setting in the evening (heliacal setting).
    case eveningLast = "evening last"
    /// Last visible rising in the evening twilight (acronychal rising).
    case acronychalRising = "acronychal rising"
}

extension SkyView {
    /// Heliacal phenomena of a star or planet at a site under a named criterion: morning first (heliacal rising),
    /// morning last, evening first, evening last (heliacal setting), acronychal rising.
    ///
    /// - Returns: `SkyEvent`s of kind `.rise` (morning/acronychal phases) or `.set` (evening phases) whose `detail`
    ///   begins with the phase ("morning first …") and whose time is the object's apparent rising or setting on
    ///   that day; `degrees` is the Sun's depression then. Events come day by day, lazily.
    /// - Notes: under an arcus visionis each day's visible rising or setting is judged once, at the moment the
    ///   object's centre crosses the apparent horizon (34′); a phase is the day on which the verdict changes, and
    ///   atmosphere and observer enter only through the arc. Under `.schaefer` the whole window between the
    ///   object's rising and sunrise (sunset and its setting) is searched for a moment it is seen, the event's time
    ///   is the start of that day's visibility and `degrees` the Sun's depression at the best moment; acronychal
    ///   risings are not given (ill-defined in that model, as in Swiss Ephemeris). The times carry UT σ from
    ///   ΔT ± σ like every rising; the *date* can move by a day when the verdict is that close. Each phase
    ///   carries `visibleDeltaT`, the ΔT values (±5σ) for which it keeps its date (`deltaT` fixed: empty).
    /// - References: Ptolemy, Almagest XIII.7 (tr. Toomer 1984); Schoch 1928 (arcus visionis tables); Schaefer
    ///   1993, Vistas in Astronomy 36, 311, and 2000, Archaeoastronomy XV, 121 (`SchaeferModel`).
    public func heliacalEvents(of object: SkyObject, at site: Site, in span: TimeSpan,
                               criterion: VisibilityCriterion = .ptolemy, deltaT: DeltaTEstimate? = nil) throws -> EventSequence<SkyEvent> {
        let target = try trackedTargets(of: object)[0]
        guard target.body != .sun, target.body != .moon else {
            throw EventError.needsBody(object.label, role: "a heliacal object (name a planet or a star; the Moon's is --kind crescent)")
        }
        if case .schaefer(let conditions) = criterion {
            return try schaeferHeliacalEvents(of: object, target: target, at: site, in: span, conditions: conditions,
                                              criterion: criterion, deltaT: deltaT)
        }
        guard let arc = criterion.arc(for: target) else {
            throw EventError.needsArc(object.label)
        }
        let sun = Tracker(view: self, targets: [TrackedTarget(label: "Sun", target: .body(.sun))], site: site, deltaT: deltaT)
        var crossings = try risingsAndSettings(of: object, at: site, in: span, crossing: HorizonCrossing(point: .centre),
                                               deltaT: deltaT, judgeVisibility: false)
        // The last verdict of each series and when it was given: a series interrupted for more than a day and a
        // half (the object rising in daylight after noon, say) starts afresh.
        var lastMorning: (seen: Bool, jd: Double, event: SkyEvent, depression: Double)?
        var lastEvening: (seen: Bool, jd: Double, event: SkyEvent, depression: Double)?
        var lastEveningRise: (seen: Bool, jd: Double, event: SkyEvent, depression: Double)?
        var pending: [SkyEvent] = []
        let label = object.label
        return EventSequence {
            while pending.isEmpty, let c = try crossings.nextEvent() {
                let p = try sun.topocentric(at: c.time.instant, atmosphere: Atmosphere.none)[0]
                let depression = -p.altitude.degrees
                let sunInEast = p.azimuth.degrees < 180
                let seen = depression >= arc
                // A "first" phase is the day seen; a "last" phase the day before the first day not seen.
                func emit(_ phase: HeliacalPhase, previous: (seen: Bool, jd: Double, event: SkyEvent, depression: Double)?) throws {
                    let first = phase == .morningFirst || phase == .eveningFirst
                    let (e, d) = first ? (c, depression) : (previous?.event ?? c, previous?.depression ?? depression)
                    var event = SkyEvent(kind: e.kind, time: e.time, objects: [label],
                                         detail: "\(phase.rawValue) (\(criterion.name); Sun \(String(format: "%.1f", d))° below the horizon)",
                                         degrees: d, site: site)
                    event.visible = true
                    if let previous, deltaT == nil {
                        event.visibleDeltaT = try self.heliacalDateRange(target: target, site: site, arc: arc,
                                                                         seen: first ? (c, depression) : (previous.event, previous.depression),
                                                                         unseen: first ? (previous.event, previous.depression) : (c, depression))
                    }
                    pending.append(event)
                }
                let jd = c.time.jdTT
                func previous(_ last: (seen: Bool, jd: Double, event: SkyEvent, depression: Double)?) -> Bool? {
                    guard let last, jd - last.jd < 1.5 else { return nil }
                    return last.seen
                }
                switch (c.kind, sunInEast) {
                case (.rise, true):
                    if let was = previous(lastMorning), was != seen { try emit(seen ? .morningFirst : .morningLast, previous: lastMorning) }
                    lastMorning = (seen, jd, c, depression)
                case (.set, false):
                    if let was = previous(lastEvening), was != seen { try emit(seen ? .eveningFirst : .eveningLast, previous: lastEvening) }
                    lastEvening = (seen, jd, c, depression)
                case (.rise, false):
                    if let was = previous(lastEveningRise), was && !seen { try emit(.acronychalRising, previous: lastEveningRise) }
                    lastEveningRise = (seen, jd, c, depression)
                default: break
                }
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }
    }
}
