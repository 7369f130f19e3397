import SkyTime

/// A body of the solar system as the JPL DE ephemerides tabulate it.
///
/// Jupiter to Neptune are the barycentres of their systems, as in DE; Mercury and Venus coincide with
/// their barycentres. `earth` is the geocentre, `earthMoonBarycenter` the EMB.
public enum Body: String, Sendable, Hashable, CaseIterable, Codable {
    case sun, moon, mercury, venus, earth, mars, jupiter, saturn, uranus, neptune, pluto
    case earthMoonBarycenter = "emb"

    /// The NAIF integer code of the body (barycentres for the outer planets).
    public var naifID: Int {
        switch self {
        case .sun: 10
        case .moon: 301
        case .mercury: 1
        case .venus: 2
        case .earth: 399
        case .earthMoonBarycenter: 3
        case .mars: 4
        case .jupiter: 5
        case .saturn: 6
        case .uranus: 7
        case .neptune: 8
        case .pluto: 9
        }
    }

    /// The English name, capitalised.
    public var displayName: String {
        switch self {
        case .earthMoonBarycenter: "Earth–Moon barycentre"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

/// Position (km) and velocity (km/day) in the ICRF, relative to the solar-system barycentre unless
/// stated otherwise, at a TDB instant.
public struct StateVector: Sendable, Hashable {
    /// Position (km).
    public var position: SIMD3<Double>
    /// Velocity (km/day).
    public var velocity: SIMD3<Double>
    /// Creates a state from position (km) and velocity (km/day).
    public init(position: SIMD3<Double>, velocity: SIMD3<Double>) {
        self.position = position
        self.velocity = velocity
    }
    public static func - (lhs: StateVector, rhs: StateVector) -> StateVector {
        StateVector(position: lhs.position - rhs.position, velocity: lhs.velocity - rhs.velocity)
    }
    public static func + (lhs: StateVector, rhs: StateVector) -> StateVector {
        StateVector(position: lhs.position + rhs.position, velocity: lhs.velocity + rhs.velocity)
    }
}

/// A source of barycentric states: the built-in compact ephemeris, or a user's JPL SPK file.
public protocol EphemerisSource: Sendable {
    /// A short citable name, e.g. "DE422 compact (skyrecon)" or "de441.bsp".
    var name: String { get }
    /// The TDB Julian-date range covered.
    var coverage: ClosedRange<Double> { get }
    /// Barycentric ICRF state of `body` at the TDB Julian date `tdb.whole + tdb.fraction`.
    /// Throws `EphemerisError.outOfRange` outside `coverage`.
    func state(of body: Body, tdb: (whole: Double, fraction: Double)) throws -> StateVector
    /// Barycentric ICRF position (km) of `body`; a source may skip the velocity to save time.
    /// Throws `EphemerisError.outOfRange` outside `coverage`.
    func position(of body: Body, tdb: (whole: Double, fraction: Double)) throws -> SIMD3<Double>
    /// What a geocentric reduction reads first at one date: the Earth's barycentric state, the Sun's
    /// barycentric position and, if asked for, a target's barycentric state (km, km/day). A source may
    /// read them together to save time.
    /// Throws `EphemerisError.outOfRange` outside `coverage`, `.bodyNotCovered` for a missing target.
    func geocentricStates(tdb: (whole: Double, fraction: Double), target: Body?) throws
        -> (earth: StateVector, sun: SIMD3<Double>, target: StateVector?)
}

extension EphemerisSource {
    /// The position part of `state(of:tdb:)`.
    public func position(of body: Body, tdb: (whole: Double, fraction: Double)) throws -> SIMD3<Double> {
        try state(of: body, tdb: tdb).position
    }

    /// `state(of: .earth, tdb:)`, the position part of `state(of: .sun, tdb:)` and `state(of: target, tdb:)`.
    public func geocentricStates(tdb: (whole: Double, fraction: Double), target: Body?) throws
        -> (earth: StateVector, sun: SIMD3<Double>, target: StateVector?) {
        (try state(of: .earth, tdb: tdb), try state(of: .sun, tdb: tdb).position,
         try target.map { try state(of: $0, tdb: tdb) })
    }
}

/// Errors of the ephemeris layer.
public enum EphemerisError: Error, Sendable, Equatable {
    /// The requested date lies outside the ephemeris.
    case outOfRange(jdTDB: Double, coverage: ClosedRange<Double>, ephemeris: String)
    /// The ephemeris has no data for the body.
    case bodyNotCovered(Body, ephemeris: String)
    /// An ephemeris file could not be read.
    case unreadableFile(path: String, reason: String)
}
