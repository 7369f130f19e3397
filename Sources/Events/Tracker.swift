import Ephemeris
import Foundation
import Sky
import SkyTime

/// One thing an event search follows: a body or a star, with its label and, for a star, its HIP number.
public struct TrackedTarget: Sendable, Hashable {
    /// Display label ("Venus", "Alcyone").
    public let label: String
    /// What the reducer observes.
    public let target: Target
    /// The Hipparcos number of a star (nil for a body).
    public var hip: Int? {
        guard case .star(let s) = target, s.name.hasPrefix("HIP ") else { return nil }
        return Int(s.name.dropFirst(4))
    }
    /// The body, when the target is one.
    public var body: Body? {
        if case .body(let b) = target { return b }
        return nil
    }
}

/// Bounds on how fast a target moves on the sky, the numbers that make a search provably complete.
///
/// `rate` bounds |du/dt| (rad/day) of the unit vector of the apparent direction, `acceleration` bounds |d²u/dt²|
/// (rad/day²). Geocentric maxima over −3000…+3000 with a margin (the Moon reaches 15.4°/day at perigee, Mercury
/// 2.2°/day, Venus 1.3°/day); seen from a site the diurnal parallax adds 2π·(Earth radius/distance) per day.
enum Motion {
    static func rate(_ target: Target, topocentric: Bool) -> Double {
        let deg = Double.pi / 180
        guard case .body(let body) = target else { return 0.002 * deg + (topocentric ? 5e-4 * deg : 0) }
        let geocentric: Double = switch body {
        case .moon: 16.5
        case .sun: 1.05
        case .mercury: 2.6
        case .venus: 1.45
        case .mars: 0.9
        case .jupiter: 0.3
        case .saturn: 0.16
        case .uranus, .neptune, .pluto: 0.08
        case .earth, .earthMoonBarycenter: 0
        }
        return geocentric * deg + (topocentric ? diurnalParallaxRate(body) : 0)
    }

    static func acceleration(_ target: Target, topocentric: Bool) -> Double {
        let deg = Double.pi / 180
        let r = rate(target, topocentric: false)
        guard case .body(let body) = target else { return 1e-6 + (topocentric ? 4e-5 : 0) }
        let tangential: Double = switch body {
        case .moon: 1.5
        case .sun: 0.05
        case .mercury: 0.6
        case .venus: 0.25
        case .mars: 0.1
        default: 0.03
        }
        let diurnal = topocentric ? diurnalParallaxRate(body) * 2 * .pi : 0
        return r * r + tangential * deg + diurnal
    }

    /// A bound on |d²λ/dt²| (rad/day²) of a planet's geocentric apparent ecliptic longitude of date, far tighter
    /// than `acceleration` (which bounds the whole motion on the sphere): the largest found from daily speeds over
    /// −3000…+3000 (Swiss Ephemeris's Moshier theory; `scripts/longitude_acceleration_pyswisseph.py`) with
    /// half as much again for margin. Nil for bodies not measured.
    static func longitudeAcceleration(_ body: Body) -> Double? {
        let measured: Double? = switch body {
        case .mercury: 0.1986
        case .venus: 0.0429
        case .mars: 0.0152
        default: nil
        }
        return measured.map { 1.5 * $0 * .pi / 180 }
    }

    /// The largest diurnal-parallax rate (rad/day): parallax at the body's least distance times 2π per day.
    static func diurnalParallaxRate(_ body: Body) -> Double {
        let leastDistanceKm: Double = switch body {
        case .moon: 350_000
        case .sun: 1.47e8
        case .venus: 3.8e7
        case .mars: 5.5e7
        case .mercury: 7.7e7
        default: 5.8e8
        }
        return 2 * .pi * 6_378.137 / leastDistanceKm * 1.05
    }
}

/// Observes a fixed list of targets quickly, straight through the `Reducer`: unit vectors of the apparent
/// direction of date, geocentric or topocentric (unrefracted), with ΔT from the models or fixed.
struct Tracker: Sendable {
    let reducer: Reducer
    let targets: [TrackedTarget]
    let site: GeodeticSite?
    let deltaTModel: any DeltaTModel
    let fixedDeltaT: DeltaTEstimate?
    let atmosphere: Atmosphere

    init(view: SkyView, targets: [TrackedTarget], site: Site?, deltaT: DeltaTEstimate? = nil) {
        reducer = Reducer(ephemeris: view.models.ephemeris, models: view.models.reductions)
        self.targets = targets
        self.site = site.map { GeodeticSite(longitude: $0.longitude, latitude: $0.latitude, height: $0.heightMeters) }
        deltaTModel = view.models.deltaT
        fixedDeltaT = deltaT
        atmosphere = view.models.atmosphere
    }

    func deltaT(at instant: Instant) -> DeltaTEstimate { fixedDeltaT ?? deltaTModel.estimate(at: instant) }

    /// Unit vectors of the apparent directions of date at a TT instant.
    func directions(at instant: Instant) throws -> [SIMD3<Double>] {
        try reducer.directionsOfDate(targets.map(\.target), at: instant, deltaT: site == nil ? 0 : deltaT(at: instant).seconds,
                                     site: site)
    }

    /// Apparent places of date, geocentric.
    func apparent(at instant: Instant) throws -> [ApparentPlace] { try reducer.apparent(targets.map(\.target), at: instant) }

    /// Topocentric places (needs a site).
    func topocentric(at instant: Instant, deltaTSeconds: Double? = nil, atmosphere: Atmosphere? = nil) throws -> [TopocentricPlace] {
        guard let site else { return [] }
        return try reducer.topocentric(targets.map(\.target), at: instant,
                                       deltaT: deltaTSeconds ?? deltaT(at: instant).seconds, site: site,
                                       atmosphere: atmosphere ?? self.atmosphere)
    }
}

@inline(__always) func unit(ra: Double, dec: Double) -> SIMD3<Double> {
    SIMD3(cos(dec) * cos(ra), cos(dec) * sin(ra), sin(dec))
}

@inline(__always) func halfChordSquared(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    let d = a - b
    return (d * d).sum() / 2
}

/// Separation in radians from D = |a − b|²/2 = 1 − cos θ, exact at small angles.
@inline(__always) func angle(fromHalfChordSquared d: Double) -> Double {
    2 * asin(min(1, (max(0, d) / 2).squareRoot()))
}

extension SkyView {
    /// The targets an event search follows for an object: a body, a star, or a group's naked-eye members
    /// (as `targets(of:)`), each with its HIP number.
    public func trackedTargets(of object: SkyObject) throws -> [TrackedTarget] {
        let t = targets(of: object)
        if t.isEmpty { throw SkyViewError.emptyGroup(object.label) }
        return t.map { TrackedTarget(label: $0.label, target: $0.target) }
    }
}
