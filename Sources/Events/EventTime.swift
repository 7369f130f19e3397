import Ephemeris
import Foundation
import Sky
import SkyTime

/// A span of time to search, from `start` to `end` (TT).
///
/// Validation happens when a search starts (`SkyView.check(_:)`): the span must be non-empty, in order and
/// inside the ephemeris, so that a lazy search never fails half-way.
public struct TimeSpan: Sendable, Hashable {
    /// First moment searched (TT).
    public let start: Instant
    /// Last moment searched (TT).
    public let end: Instant

    /// A span from `start` to `end`; `end` must be later than `start` (checked when searched).
    public init(_ start: Instant, _ end: Instant) {
        self.start = start
        self.end = end
    }

    /// A span between two TT Julian dates.
    public init(jdTT start: Double, _ end: Double) {
        self.init(Instant(jdTT: start), Instant(jdTT: end))
    }

    /// Length in days.
    public var days: Double { end.days(since: start) }
}

/// When an event happened, in every scale a historian needs: TT, UT1 with the ΔT used and its σ, and — at a
/// site — local mean and local apparent solar time.
public struct EventTime: Sendable, Hashable {
    /// The moment (TT).
    public let instant: Instant
    /// ΔT used to give UT1, with its σ and model.
    public let deltaT: DeltaTEstimate
    /// One-σ uncertainty of `jdUT` in seconds. For an event fixed in TT (a geocentric approach, a Moon phase)
    /// this is ΔT's σ; for an event seen from a site it is the spread found by recomputing the event with ΔT ± σ
    /// (a rising happens at nearly the same UT whatever ΔT is, so its σ is small).
    public let utSigmaSeconds: Double

    /// Creates an event time; `utSigmaSeconds` defaults to ΔT's σ (the right value for an event fixed in TT).
    public init(instant: Instant, deltaT: DeltaTEstimate, utSigmaSeconds: Double? = nil) {
        self.instant = instant
        self.deltaT = deltaT
        self.utSigmaSeconds = utSigmaSeconds ?? deltaT.sigma
    }

    /// TT Julian date.
    public var jdTT: Double { instant.jdTT }
    /// UT1 Julian date (TT − ΔT).
    public var jdUT: Double { instant.jdTT - deltaT.seconds / secondsPerDay }

    /// Local mean solar time at a longitude, as a Julian-date-like number (UT1 + longitude/360°): its calendar
    /// date and time of day are the local mean date and clock time.
    public func localMeanTime(longitude: Angle) -> Double { jdUT + longitude.degrees / 360 }

    /// Local apparent (sundial) solar time at a longitude: local mean time plus the equation of time.
    ///
    /// References: `EquationOfTime` (Meeus 1998 ch. 28 with UT1-based mean Sun), good to a few seconds.
    public func localApparentTime(longitude: Angle) -> Double {
        localMeanTime(longitude: longitude)
            + EquationOfTime.seconds(at: instant, deltaTSeconds: deltaT.seconds) / secondsPerDay
    }
}

/// Errors of event searches, each saying what was wrong and what to ask instead.
public enum EventError: Error, LocalizedError, Sendable, Equatable {
    /// The span ends before it starts, or is empty.
    case emptySpan(startJD: Double, endJD: Double)
    /// The span leaves the ephemeris.
    case outsideEphemeris(startJD: Double, endJD: Double, coverage: ClosedRange<Double>, ephemeris: String)
    /// The search needs a body where a star (or group) was named, e.g. a star cannot occult the Moon.
    case needsBody(String, role: String)
    /// Something other than the Moon or a planet was asked to occult.
    case cannotOccult(String, target: String)
    /// The same object was named twice.
    case sameObject(String)
    /// A threshold or tolerance that is not a positive finite number.
    case badParameter(String)
    /// A heliacal search for an object the criterion gives no arc for.
    case needsArc(String)
    /// A model parameter outside its range: what (with its option), the value, the allowed range.
    case outOfRange(String, value: Double, allowed: String)
    /// A body whose brightness the visibility model cannot compute.
    case noMagnitude(String)
    /// The kind of event is not known.
    case unknownKind(String, known: [String])

    public var errorDescription: String? {
        switch self {
        case .emptySpan(let a, let b):
            return "the search span is empty or reversed (JD \(a) to \(b)): give --from earlier than --to"
        case .outsideEphemeris(let a, let b, let coverage, let name):
            let years = { (jd: Double) in Int((jd - 2_451_545) / 365.25 + 2000) }
            return "the span JD \(a)…\(b) lies outside the ephemeris \(name) (about \(years(coverage.lowerBound))…\(years(coverage.upperBound))): search within that range or give --ephemeris with a longer SPK file"
        case .needsBody(let name, let role):
            return "'\(name)' cannot be \(role): name a solar-system body (sun, moon, mercury … neptune) there"
        case .cannotOccult(let name, let target):
            return "'\(name)' cannot occult '\(target)': only the Moon or a planet (mercury … neptune) occults here; write --objects moon,\(target == "Moon" ? name : target) or e.g. --objects venus,\(target == "Moon" ? name : target)"
        case .sameObject(let name):
            return "'\(name)' was named twice: name two different objects"
        case .badParameter(let what):
            return "\(what) must be a positive finite number"
        case .needsArc(let name):
            return "no arcus visionis for \(name): Ptolemy's arcs cover the planets only; give one, e.g. --arcus-visionis 10, or use --criterion schaefer"
        case .outOfRange(let what, let value, let allowed):
            return "\(what) \(value) is outside the model's range \(allowed): give a value within it"
        case .noMagnitude(let name):
            return "no magnitude formula for \(name) in Schaefer's model (Mercury to Neptune and stars have one): use --criterion arcus-visionis --arcus-visionis DEG"
        case .unknownKind(let kind, let known):
            return "unknown event kind '\(kind)': use one of \(known.joined(separator: ", "))"
        }
    }
}

extension SkyView {
    /// Checks that a span can be searched: non-empty, in order, inside the ephemeris (with a day's margin for
    /// light time and refinement).
    ///
    /// - Throws: `EventError.emptySpan` or `.outsideEphemeris`.
    public func check(_ span: TimeSpan) throws {
        let a = span.start.jdTT, b = span.end.jdTT
        guard a.isFinite, b.isFinite, b > a else { throw EventError.emptySpan(startJD: a, endJD: b) }
        let coverage = models.ephemeris.coverage
        guard a - 1 >= coverage.lowerBound, b + 1 <= coverage.upperBound else {
            throw EventError.outsideEphemeris(startJD: a, endJD: b, coverage: coverage, ephemeris: models.ephemeris.name)
        }
    }

    /// The event time of a TT instant fixed by the dynamics (σ of UT = σ of ΔT).
    public func eventTime(_ instant: Instant, deltaT: DeltaTEstimate? = nil) -> EventTime {
        EventTime(instant: instant, deltaT: deltaT ?? self.deltaT(at: instant))
    }
}
