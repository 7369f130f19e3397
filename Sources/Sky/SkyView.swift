import Ephemeris
import Foundation
import SkyTime

/// The models a sky computation uses, as values: ephemeris, ΔT, reductions, atmosphere, mansion convention.
///
/// Nothing is global: pass a `SkyModels` in, and every result names what produced it.
public struct SkyModels: Sendable {
    /// Barycentric states of the Sun, Moon and planets.
    public var ephemeris: any EphemerisSource
    /// TT − UT1 with its uncertainty.
    public var deltaT: any DeltaTModel
    /// Deflection and aberration switches; precession (Vondrák 2011) and nutation (IAU 2000B) are fixed.
    public var reductions: ReductionModels
    /// Refraction conditions; `Atmosphere(pressure: 0, temperature: 10)` turns refraction off.
    public var atmosphere: Atmosphere
    /// Which determinative stars define the lunar mansions (`.automatic` chooses by epoch).
    public var mansionConvention: MansionConvention

    /// Creates the models; reductions, atmosphere and mansion convention default to the standard ones.
    public init(ephemeris: any EphemerisSource, deltaT: any DeltaTModel, reductions: ReductionModels = .standard,
                atmosphere: Atmosphere = .standard, mansionConvention: MansionConvention = .automatic) {
        self.ephemeris = ephemeris
        self.deltaT = deltaT
        self.reductions = reductions
        self.atmosphere = atmosphere
        self.mansionConvention = mansionConvention
    }
}

/// One object seen at one instant: astrometric and apparent geocentric places, and the topocentric place when a
/// site was given, with the ΔT used and the names of every model.
public struct Observation: Sendable, Codable {
    /// The label of the object (e.g. "Venus", "Alcyone").
    public let label: String
    /// What was reduced.
    public let target: Target
    /// The moment (TT).
    public let instant: Instant
    /// ΔT = TT − UT1 used for UT1 (from the model, or given by the caller).
    public let deltaT: DeltaTEstimate
    /// Geocentric astrometric place (ICRF).
    public let astrometric: AstrometricPlace
    /// Geocentric apparent place of date.
    public let apparent: ApparentPlace
    /// Topocentric place, when observed from a site.
    public let topocentric: TopocentricPlace?
    /// The site, when there is one.
    public let site: Site?

    /// UT1 as a Julian date.
    public var jdUT1: Double { instant.jdTT - deltaT.seconds / secondsPerDay }

    /// Every model used, by role, including ΔT.
    public var models: [String: String] {
        var names = topocentric?.models ?? apparent.models
        names["deltaT"] = deltaT.model
        return names
    }

    /// Unit vector of the apparent direction of date (topocentric when observed from a site).
    public var directionOfDate: SIMD3<Double> {
        let ra = topocentric?.rightAscension ?? apparent.rightAscension
        let dec = topocentric?.declination ?? apparent.declination
        return unitVector(ra: ra, dec: dec)
    }

    /// Unit vector of the geocentric apparent direction of date.
    public var geocentricDirectionOfDate: SIMD3<Double> {
        unitVector(ra: apparent.rightAscension, dec: apparent.declination)
    }
}

func unitVector(ra: Angle, dec: Angle) -> SIMD3<Double> {
    SIMD3(cos(dec.radians) * cos(ra.radians), cos(dec.radians) * sin(ra.radians), sin(dec.radians))
}

/// The angle between two directions, accurate at every separation.
public func separation(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Angle {
    .radians(angleBetween(a / (a * a).sum().squareRoot(), b / (b * b).sum().squareRoot()))
}

/// Errors of sky computations that are not a module's own.
public enum SkyViewError: Error, LocalizedError, Sendable, Equatable {
    case emptyGroup(String)

    public var errorDescription: String? {
        switch self {
        case .emptyGroup(let name):
            "'\(name)' has no member stars in the catalogue: name one of its stars instead (skyrecon sky find \(name) lists them)"
        }
    }
}

/// What a user names, seen from a place at a moment: positions, separations, constellation and lunar mansion.
///
/// A `SkyView` is a value holding the models and the catalogue; it is `Sendable` and cheap to copy, so a batch can
/// share one across tasks.
public struct SkyView: Sendable {
    /// The models every computation uses.
    public let models: SkyModels
    /// Stars, cultures, mansions and the name resolver.
    public let catalog: SkyCatalog
    let reducer: Reducer

    /// A view with these models over this catalogue.
    public init(models: SkyModels, catalog: SkyCatalog) {
        self.models = models
        self.catalog = catalog
        self.reducer = Reducer(ephemeris: models.ephemeris, models: models.reductions)
    }

    /// Resolves a name to a body, star or group (see `NameResolver`).
    public func resolve(_ name: String) throws -> NameResolution { try catalog.resolve(name) }

    /// Faintest V magnitude counted as a cluster's member when separations are measured (Bortle's naked-eye limit
    /// under a dark sky is about 6.5; 6.0 keeps the stars a record's author could have meant).
    public static let nakedEyeLimit = 6.0

    /// The targets behind an object: itself, or a group's members (a cluster's naked-eye members), brightest first:
    /// the first member is the group's principal star.
    public func targets(of object: SkyObject, radialVelocity: Double? = nil) -> [(label: String, target: Target)] {
        switch object {
        case .body(let body):
            return [(body.displayName, .body(body))]
        case .star(let star):
            return [(star.label, .star(catalogStar(star, radialVelocity: radialVelocity)))]
        case .group(let group):
            var members = group.members
            if group.kind == .cluster {
                // A historian's "the Pleiades" is its naked-eye stars, not its 100 faint members.
                let nakedEye = members.filter { $0.v <= SkyView.nakedEyeLimit }
                if nakedEye.count >= 2 { members = nakedEye }
            }
            return members.sorted { $0.v < $1.v }.map { ($0.label, .star(catalogStar($0, radialVelocity: radialVelocity))) }
        }
    }

    private func catalogStar(_ star: Star, radialVelocity: Double?) -> CatalogStar {
        var s = star.catalogStar
        if let radialVelocity { s.radialVelocity = radialVelocity }
        return s
    }

    /// The ΔT the models give at an instant.
    public func deltaT(at instant: Instant) -> DeltaTEstimate { models.deltaT.estimate(at: instant) }

    /// Observes targets at one instant (geocentric, and topocentric when `site` is given).
    ///
    /// - Parameters:
    ///   - targets: labelled targets, e.g. from `targets(of:)`.
    ///   - instant: the TT instant.
    ///   - site: the observer, or nil for geocentric places only.
    ///   - deltaT: overrides the ΔT model (e.g. a value from a reference table).
    /// - Throws: `EphemerisError` outside the ephemeris; `ReductionError` for unphysical star data.
    public func observe(_ targets: [(label: String, target: Target)], at instant: Instant, site: Site? = nil,
                        deltaT: DeltaTEstimate? = nil) throws -> [Observation] {
        try observeAtEpoch(targets, at: instant, site: site, deltaT: deltaT).observations
    }

    /// As `observe(_:at:site:deltaT:)`, with the epoch of the geocentric places (frame of date, Earth's state) for
    /// reducing more targets at the same instant (e.g. a mansion's determinative star) without computing it again.
    public func observeAtEpoch(_ targets: [(label: String, target: Target)], at instant: Instant, site: Site? = nil,
                               deltaT: DeltaTEstimate? = nil) throws -> (observations: [Observation], epoch: ReductionEpoch) {
        let dt = deltaT ?? self.deltaT(at: instant)
        let bare = targets.map(\.target)
        let (epoch, astrometric, apparent) = try reducer.places(bare, at: instant)
        var topocentric: [TopocentricPlace?] = Array(repeating: nil, count: targets.count)
        if let site {
            let geodetic = GeodeticSite(longitude: site.longitude, latitude: site.latitude, height: site.heightMeters)
            topocentric = try reducer.topocentric(bare, at: instant, deltaT: dt.seconds, site: geodetic,
                                                  atmosphere: models.atmosphere).map { $0 }
        }
        let observations = targets.indices.map { i in
            Observation(label: targets[i].label, target: targets[i].target, instant: instant, deltaT: dt,
                        astrometric: astrometric[i], apparent: apparent[i], topocentric: topocentric[i], site: site)
        }
        return (observations, epoch)
    }

    /// A body's geocentric places at an instant as plain numbers, equal to those of `observe` (see
    /// `Reducer.geocentricPlace(of:at:)`), for a batch that prints them.
    public func geocentricPlace(of body: Body, at instant: Instant) throws -> GeocentricPlace {
        try reducer.geocentricPlace(of: body, at: instant)
    }

    /// Starts bringing into the cache what `geocentricPlace(of:at:)` will read for these arguments (see
    /// `Reducer.prefetchGeocentricPlace(of:at:)`); no effect on any result.
    public func prefetchGeocentricPlace(of body: Body, at instant: Instant) {
        reducer.prefetchGeocentricPlace(of: body, at: instant)
    }

    /// Observes one object; a group is observed member by member.
    public func observe(_ object: SkyObject, at instant: Instant, site: Site? = nil, deltaT: DeltaTEstimate? = nil,
                        radialVelocity: Double? = nil) throws -> [Observation] {
        let t = targets(of: object, radialVelocity: radialVelocity)
        if t.isEmpty { throw SkyViewError.emptyGroup(object.label) }
        return try observe(t, at: instant, site: site, deltaT: deltaT)
    }

    /// As `observe(_:at:site:deltaT:radialVelocity:)` for an object, with the epoch of its geocentric places.
    public func observeAtEpoch(_ object: SkyObject, at instant: Instant, site: Site? = nil, deltaT: DeltaTEstimate? = nil,
                               radialVelocity: Double? = nil) throws -> (observations: [Observation], epoch: ReductionEpoch) {
        let t = targets(of: object, radialVelocity: radialVelocity)
        if t.isEmpty { throw SkyViewError.emptyGroup(object.label) }
        return try observeAtEpoch(t, at: instant, site: site, deltaT: deltaT)
    }

    /// The IAU constellation of an observation's astrometric (ICRS) direction.
    public func constellation(of observation: Observation) -> Constellation {
        catalog.constellation(ofICRSDirection: unitVector(ra: observation.astrometric.rightAscension,
                                                          dec: observation.astrometric.declination))
    }
}
