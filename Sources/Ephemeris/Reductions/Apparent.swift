#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SkyTime

/// What to reduce: a solar-system body from the ephemeris, or a catalogue star.
public enum Target: Sendable, Hashable, Codable {
    /// A body of the ephemeris (system barycentres for Jupiter–Neptune, as in DE).
    case body(Body)
    /// A catalogue star, moved by its space motion to the date.
    case star(CatalogStar)

    /// A short name for output.
    public var name: String {
        switch self {
        case .body(let body): body.displayName
        case .star(let star): star.name
        }
    }
}

/// The models a reduction uses, by name, so that every result can be cited.
public struct ReductionModels: Sendable, Hashable {
    /// Apply the Sun's gravitational light deflection (on by default).
    public var lightDeflection: Bool
    /// Apply annual (and, for topocentric places, diurnal) aberration (on by default).
    public var aberration: Bool

    /// Chooses which corrections to apply; both are on by default.
    public init(lightDeflection: Bool = true, aberration: Bool = true) {
        self.lightDeflection = lightDeflection
        self.aberration = aberration
    }

    /// Light deflection by the Sun and relativistic aberration, Vondrák 2011 precession, IAU 2000B nutation.
    public static let standard = ReductionModels()

    /// Names of the models, keyed by role.
    public var names: [String: String] {
        [
            "precession": "Vondrák et al. 2011 (long-term, with IAU 2006 frame bias)",
            "nutation": "IAU 2000B",
            "obliquity": "Vondrák et al. 2011 ecliptic pole",
            "siderealTime": "ERA − EO (long-term precession, integrated CIO) + EE",
            "deflection": lightDeflection ? "solar, GR point mass (Kaplan 2005)" : "off",
            "aberration": aberration ? "relativistic, annual + diurnal" : "off",
            "starMotion": "rigorous space motion (Stumpff 1985, as ERFA pmsafe)",
        ]
    }
}

/// The mean and true equator and equinox of one date: precession, nutation, obliquity.
///
/// Computing it costs about as much as the rest of an apparent place, so it is a value that can be
/// reused for many targets at the same instant.
public struct EquatorOfDate: Sendable, Hashable {
    /// TT Julian centuries since J2000.0.
    public let centuries: Double
    /// ICRS → mean equator and equinox of date (bias + precession).
    public let biasPrecession: Matrix3
    /// ICRS → true equator and equinox of date (nutation · bias · precession).
    public let biasPrecessionNutation: Matrix3
    /// Nutation in longitude Δψ (radians).
    public let dpsi: Double
    /// Nutation in obliquity Δε (radians).
    public let deps: Double
    /// Mean obliquity of date (radians), from the Vondrák 2011 ecliptic and equator poles.
    public var meanObliquity: Double { atan2(meanObliquitySine, meanObliquityCosine) }
    /// Sine and cosine of the mean obliquity, |pole × ecliptic pole| and pole · ecliptic pole (kept instead of the
    /// angle: a frame used only to turn directions never needs the arctangent).
    private let meanObliquitySine, meanObliquityCosine: Double
    /// True obliquity ε_A + Δε (radians).
    public var trueObliquity: Double { meanObliquity + deps }
    /// True equator and equinox of date → ecliptic of date (true equinox, true obliquity).
    public let trueEquatorToEcliptic: Matrix3

    /// The frame of date at a TT instant.
    public init(_ instant: Instant) {
        let t = instant.julianCenturiesTT
        centuries = t
        let (pole, ecliptic) = LongTermPrecession.poles(centuries: t)
        biasPrecession = LongTermPrecession.precessionMatrix(equatorPole: pole, eclipticPole: ecliptic)
            * LongTermPrecession.frameBias
        // The poles are unit vectors: the sine and cosine of the obliquity are |pole × ecliptic| and
        // pole · ecliptic; those of the small nutation angles come from their series.
        let sinEpsA = length(cross(pole, ecliptic)), cosEpsA = dot(pole, ecliptic)
        (meanObliquitySine, meanObliquityCosine) = (sinEpsA, cosEpsA)
        (dpsi, deps) = Nutation2000B.angles(centuries: t)
        let nutationInObliquity = sineCosine(deps)
        let trueObliquity = (sin: sinEpsA * nutationInObliquity.cos + cosEpsA * nutationInObliquity.sin,
                             cos: cosEpsA * nutationInObliquity.cos - sinEpsA * nutationInObliquity.sin)
        biasPrecessionNutation = Nutation2000B.matrix(meanObliquity: (sinEpsA, cosEpsA), trueObliquity: trueObliquity,
                                                      dpsi: sineCosine(dpsi)) * biasPrecession
        trueEquatorToEcliptic = Matrix3.rotationX(sin: trueObliquity.sin, cos: trueObliquity.cos)
    }

    /// Greenwich apparent sidereal time (radians) for a UT1 two-part Julian date.
    public func apparentSiderealTime(ut1Whole: Double, ut1Fraction: Double) -> Double {
        EarthRotation.apparentSiderealTime(ut1Whole: ut1Whole, ut1Fraction: ut1Fraction, centuries: centuries,
                                           biasPrecession: biasPrecession, dpsi: dpsi, meanObliquity: meanObliquity)
    }

    /// Greenwich mean sidereal time (radians): the apparent one without the equation of the equinoxes.
    public func meanSiderealTime(ut1Whole: Double, ut1Fraction: Double) -> Double {
        let ee = EarthRotation.equationOfEquinoxes(centuries: centuries, dpsi: dpsi, meanObliquity: meanObliquity)
        let gmst = (apparentSiderealTime(ut1Whole: ut1Whole, ut1Fraction: ut1Fraction) - ee)
            .truncatingRemainder(dividingBy: 2 * .pi)
        return gmst < 0 ? gmst + 2 * .pi : gmst
    }

    /// The celestial → terrestrial rotation R₃(GAST)·N·P·B for a UT1 date (polar motion neglected).
    public func celestialToTerrestrial(ut1Whole: Double, ut1Fraction: Double) -> Matrix3 {
        Matrix3.rotationZ(apparentSiderealTime(ut1Whole: ut1Whole, ut1Fraction: ut1Fraction)) * biasPrecessionNutation
    }

    /// Ecliptic longitude and latitude of date (true equinox, true obliquity) of a vector given in the
    /// true equator and equinox of date.
    public func ecliptic(ofTrueEquatorial v: SIMD3<Double>) -> (longitude: Double, latitude: Double) {
        spherical(trueEquatorToEcliptic * v)
    }
}

/// One instant prepared for reducing several targets: the frame of date and the geocentre's barycentric state.
///
/// Made by `Reducer.places(_:at:)`; `Reducer.apparent(_:at:)` with it gives the same place as with its instant.
public struct ReductionEpoch: Sendable {
    /// The TT instant.
    public let instant: Instant
    let tdb: (whole: Double, fraction: Double)
    /// Precession, nutation and obliquity of date.
    public let frame: EquatorOfDate
    let observer: Reducer.Observer
}

/// A body's geocentric places at one instant as numbers (radians, au), with the epoch they were reduced at
/// (`Reducer.geocentricPlace(of:at:)`).
public struct GeocentricPlace: Sendable {
    /// The frame of date and the Earth's state used.
    public let epoch: ReductionEpoch
    /// Astrometric (ICRF) right ascension in 0…2π and declination.
    public let astrometricRA, astrometricDec: Double
    /// Light-time-corrected distance (au).
    public let distance: Double
    /// Apparent right ascension (0…2π) and declination on the true equator and equinox of date.
    public let apparentRA, apparentDec: Double
    /// Apparent ecliptic longitude (0…2π) and latitude of date (true equinox, true obliquity).
    public let eclipticLongitude, eclipticLatitude: Double
    /// The astrometric (ICRF) direction that `astrometricRA` and `astrometricDec` give, not necessarily of unit
    /// length (e.g. for a constellation lookup without turning the angles back into a vector).
    public let astrometricDirection: SIMD3<Double>
}

/// A geocentric astrometric place: ICRF direction of the light-time-corrected position.
public struct AstrometricPlace: Sendable, Hashable, Codable {
    /// What the place is of.
    public let target: Target
    /// ICRF right ascension.
    public let rightAscension: Angle
    /// ICRF declination.
    public let declination: Angle
    /// Light-time-corrected distance (au); nil for stars.
    public let distance: Double?
    /// Light time (days); nil for stars.
    public let lightTime: Double?
    /// Model names (`ephemeris`, `precession`, …).
    /// Names of the models used, keyed by role (`ephemeris`, `precession`, `nutation`, …).
    public let models: [String: String]
}

/// An apparent place of date: deflected, aberrated, on the true equator and equinox of date.
public struct ApparentPlace: Sendable, Hashable, Codable {
    /// What the place is of.
    public let target: Target
    /// Right ascension on the true equator and equinox of date.
    public let rightAscension: Angle
    /// Declination on the true equator of date.
    public let declination: Angle
    /// Ecliptic longitude of date (true equinox).
    public let eclipticLongitude: Angle
    /// Ecliptic latitude of date (true obliquity).
    public let eclipticLatitude: Angle
    /// Light-time-corrected distance (au); nil for stars.
    public let distance: Double?
    /// Size of the solar light deflection included.
    public let deflection: Angle
    /// Names of the models used, keyed by role (`ephemeris`, `precession`, `nutation`, …).
    public let models: [String: String]
}

/// A topocentric place for an observer on the WGS84 ellipsoid.
public struct TopocentricPlace: Sendable, Hashable, Codable {
    /// What the place is of.
    public let target: Target
    /// Topocentric apparent right ascension of date (true equinox).
    public let rightAscension: Angle
    /// Topocentric apparent declination of date.
    public let declination: Angle
    /// Azimuth, from north through east.
    public let azimuth: Angle
    /// True (airless) altitude above the plane normal to the ellipsoid.
    public let altitude: Angle
    /// Altitude with refraction added (equal to `altitude` when refraction is off or below −2°).
    public let refractedAltitude: Angle
    /// Local apparent sidereal time.
    public let localSiderealTime: Angle
    /// Light-time-corrected topocentric distance (au); nil for stars.
    public let distance: Double?
    /// Names of the models used, keyed by role (`ephemeris`, `precession`, `nutation`, …).
    public let models: [String: String]
}

/// The reduction chain from ephemeris states or catalogue entries to astrometric, apparent and
/// topocentric places.
///
/// Steps (Kaplan 2005, USNO Circular 179, Ch. 7; ERFA's astrometry functions for the order):
/// light time; for stars, space motion and parallax; solar light deflection; relativistic aberration
/// with the observer's barycentric velocity (plus the diurnal velocity for a site); frame bias,
/// Vondrák 2011 precession and IAU 2000B nutation to the true equator and equinox of date. Topocentric
/// places put the observer at the site (WGS84, polar motion neglected) in the light time, parallax,
/// deflection and aberration; sidereal time follows `EarthRotation.apparentSiderealTime`.
///
/// Valid range: that of the ephemeris; the precession model holds for ±200 000 years.
public struct Reducer: Sendable {
    /// The source of barycentric states (an SPK file or the compact ephemeris).
    public let ephemeris: any EphemerisSource
    /// Which corrections are applied.
    public let models: ReductionModels

    /// Model names of this reducer, including the ephemeris.
    public let modelNames: [String: String]
    /// The ephemeris when it is the compact one (its light-time reads can reuse the records already decoded); in a
    /// class, so that using it retains one reference rather than each of the ephemeris' series.
    private let compact: CompactBox?

    private final class CompactBox: Sendable {
        let ephemeris: CompactEphemeris
        let reader: GeocentricReader
        init(_ ephemeris: CompactEphemeris) {
            self.ephemeris = ephemeris
            reader = GeocentricReader(ephemeris)
        }
    }

    /// A reducer over an ephemeris, with the standard corrections unless told otherwise.
    public init(ephemeris: any EphemerisSource, models: ReductionModels = .standard) {
        self.ephemeris = ephemeris
        self.compact = (ephemeris as? CompactEphemeris).map(CompactBox.init)
        self.models = models
        var names = models.names
        names["ephemeris"] = ephemeris.name
        modelNames = names
    }

    struct Observer: Sendable {
        var position: SIMD3<Double>  // barycentric, au
        var velocity: SIMD3<Double>  // au/day
        var sun: SIMD3<Double>       // Sun barycentric, au
    }

    private struct Direction {
        var astrometric: SIMD3<Double>
        var apparent: SIMD3<Double>
        var distance: Double?
        var lightTime: Double?
        var deflection: Double
    }

    private func geocentre(tdb: (whole: Double, fraction: Double)) throws -> Observer {
        try geocentre(tdb: tdb, target: nil).observer
    }

    /// The geocentre and, for a body, the body's state at the same date, read together.
    private func geocentre(tdb: (whole: Double, fraction: Double), target: Target) throws
        -> (observer: Observer, target: StateVector?) {
        guard case .body(let body) = target, body != .earth else { return (try geocentre(tdb: tdb), nil) }
        return try geocentre(tdb: tdb, target: body)
    }

    private func geocentre(tdb: (whole: Double, fraction: Double), target: Body?) throws
        -> (observer: Observer, target: StateVector?) {
        let (earth, sun, state) = try ephemeris.geocentricStates(tdb: tdb, target: target)
        return (Observer(position: earth.position / kilometresPerAU, velocity: earth.velocity / kilometresPerAU,
                         sun: sun / kilometresPerAU), state)
    }

    /// `now`, when given, is the target's state at `tdb` (read with the observer's).
    /// `position`, when given, reads the target's barycentric position (km) at a TDB offset (days) for the
    /// light-time iteration, with the same numbers as `ephemeris.position(of:tdb:)`.
    private func direction(of target: Target, instant: Instant, tdb: (whole: Double, fraction: Double),
                           observer: Observer, now known: StateVector? = nil,
                           position: ((Double) throws -> SIMD3<Double>)? = nil) throws -> Direction {
        let toObserver = observer.position - observer.sun
        let sunDistance = length(toObserver)
        let e = toObserver / sunDistance
        var astrometric: SIMD3<Double>
        var deflected: SIMD3<Double>
        var distance: Double?, lightTime: Double?
        switch target {
        case .body(let body):
            guard body != .earth else { throw ReductionError.targetIsObserver }
            // Two separate paths, so that the batch's path (state and reads given) never opens the ephemeris
            // existential, which copies the ephemeris (a retain and release of each of its parts).
            let solution: (vector: SIMD3<Double>, distance: Double, delay: Double)
            if let known, let position {
                solution = try Astrometry.lightTime(
                    observer: observer.position, now: (known.position / kilometresPerAU, known.velocity / kilometresPerAU)
                ) { delay in try position(delay) / kilometresPerAU }
            } else {
                let now = try known ?? ephemeris.state(of: body, tdb: tdb)
                solution = try Astrometry.lightTime(
                    observer: observer.position, now: (now.position / kilometresPerAU, now.velocity / kilometresPerAU)
                ) { delay in
                    if let position { return try position(delay) / kilometresPerAU }
                    return try ephemeris.position(of: body, tdb: (tdb.whole, tdb.fraction + delay)) / kilometresPerAU
                }
            }
            distance = solution.distance
            lightTime = solution.delay
            astrometric = solution.vector / solution.distance
            deflected = astrometric
            if models.lightDeflection, body != .sun {
                let emitted = observer.position + solution.vector
                let q = unit(emitted - observer.sun)
                deflected = Astrometry.deflect(direction: astrometric, fromBody: q, toObserver: e, distance: sunDistance,
                                               limiter: 1e-6 / max(sunDistance * sunDistance, 1))
            }
        case .star(let star):
            guard let u = SpaceMotion.astrometricDirection(star, at: instant, observer: observer.position) else {
                throw ReductionError.unphysicalStarMotion(star: star.name)
            }
            astrometric = u
            deflected = models.lightDeflection
                ? Astrometry.deflectBySun(direction: u, sunToObserver: e, distance: sunDistance) : u
        }
        let deflection = smallAngle(length(cross(astrometric, deflected)), dot(astrometric, deflected))
        var apparent = deflected
        if models.aberration {
            apparent = Astrometry.aberrate(direction: deflected, velocity: observer.velocity / lightAUPerDay,
                                           sunDistance: sunDistance)
        }
        return Direction(astrometric: astrometric, apparent: apparent, distance: distance, lightTime: lightTime,
                         deflection: deflection)
    }

    /// Geocentric astrometric and apparent places of targets at one instant, and the epoch they share (the frame
    /// of date and the Earth's state, read with the first target's state), for reducing more targets at it.
    ///
    /// Each place equals `astrometric(_:at:)` and `apparent(_:at:)` of the same target to the last bit; the
    /// light-time solution and the deflection are computed once for both.
    /// - Throws: as `astrometric(_:at:)`.
    public func places(_ targets: [Target], at instant: Instant) throws
        -> (epoch: ReductionEpoch, astrometric: [AstrometricPlace], apparent: [ApparentPlace]) {
        let tdb = instant.tdb
        let (observer, first) = try targets.first.map { try geocentre(tdb: tdb, target: $0) } ?? (geocentre(tdb: tdb), nil)
        let epoch = ReductionEpoch(instant: instant, tdb: tdb, frame: EquatorOfDate(instant), observer: observer)
        var astrometric: [AstrometricPlace] = [], apparent: [ApparentPlace] = []
        astrometric.reserveCapacity(targets.count)
        apparent.reserveCapacity(targets.count)
        for (i, target) in targets.enumerated() {
            let d = try direction(of: target, instant: instant, tdb: tdb, observer: observer, now: i == 0 ? first : nil)
            let (ra, dec) = spherical(d.astrometric)
            astrometric.append(AstrometricPlace(target: target, rightAscension: Angle(radians: ra),
                                                declination: Angle(radians: dec), distance: d.distance,
                                                lightTime: d.lightTime, models: modelNames))
            apparent.append(apparentPlace(of: target, direction: d, frame: epoch.frame))
        }
        return (epoch, astrometric, apparent)
    }

    /// One body's geocentric places as plain numbers, for a batch that prints them: the same values as
    /// `places([.body(body)], at:)` to the last bit, without the place values' target and model names.
    ///
    /// - Throws: as `astrometric(_:at:)`.
    public func geocentricPlace(of body: Body, at instant: Instant) throws -> GeocentricPlace {
        let tdb = instant.tdb
        if let compact, body != .earth {
            return try compact.reader.withGeocentricStates(tdb: tdb, target: body) { earth, sun, state, position in
                let observer = Observer(position: earth.position / kilometresPerAU, velocity: earth.velocity / kilometresPerAU,
                                        sun: sun / kilometresPerAU)
                return try withoutActuallyEscaping(position) { position in
                    try geocentricPlace(of: body, at: instant, tdb: tdb, observer: observer, state: state,
                                        position: position)
                }
            }
        }
        let (observer, first) = try geocentre(tdb: tdb, target: .body(body))
        return try geocentricPlace(of: body, at: instant, tdb: tdb, observer: observer, state: first, position: nil)
    }

    /// Starts bringing into the processor's cache the ephemeris records that `geocentricPlace(of:at:)` will read, and
    /// returns at once (the compact ephemeris only; otherwise nothing). Called for a batch's next row while the
    /// current one is computed, it hides the memory reads of random dates. Changes no result.
    public func prefetchGeocentricPlace(of body: Body, at instant: Instant) {
        guard let compact else { return }
        // TT for TDB: 2 ms apart at most, a record boundary's worth of a wasted prefetch.
        compact.reader.prefetch(tdb: (instant.whole, instant.fraction), target: body)
    }

    private func geocentricPlace(of body: Body, at instant: Instant, tdb: (whole: Double, fraction: Double),
                                 observer: Observer, state: StateVector?,
                                 position: ((Double) throws -> SIMD3<Double>)?) throws -> GeocentricPlace {
        let target = Target.body(body)
        let epoch = ReductionEpoch(instant: instant, tdb: tdb, frame: EquatorOfDate(instant), observer: observer)
        let d = try direction(of: target, instant: instant, tdb: tdb, observer: observer, now: state, position: position)
        let (ra, dec) = spherical(d.astrometric)
        let v = epoch.frame.biasPrecessionNutation * d.apparent
        let (appRA, appDec) = spherical(v)
        let (lon, lat) = epoch.frame.ecliptic(ofTrueEquatorial: v)
        return GeocentricPlace(epoch: epoch, astrometricRA: ra, astrometricDec: dec, distance: d.distance ?? .nan,
                               apparentRA: appRA, apparentDec: appDec, eclipticLongitude: lon, eclipticLatitude: lat,
                               astrometricDirection: d.astrometric)
    }

    /// The geocentric apparent right ascension of date (radians, 0…2π) of a distant source at an epoch, given its
    /// barycentric ICRS unit direction and its parallax (radians): the star chain of `apparent(_:at:)` (parallax,
    /// solar deflection, aberration, frame of date) from a direction already moved to the date.
    public func apparentRightAscension(barycentricDirection u: SIMD3<Double>, parallax: Double,
                                       at epoch: ReductionEpoch) -> Double {
        let observer = epoch.observer
        let toObserver = observer.position - observer.sun
        let sunDistance = length(toObserver)
        let e = toObserver / sunDistance
        let astrometric = unit(u - parallax * observer.position)
        let deflected = models.lightDeflection
            ? Astrometry.deflectBySun(direction: astrometric, sunToObserver: e, distance: sunDistance) : astrometric
        let apparent = models.aberration
            ? Astrometry.aberrate(direction: deflected, velocity: observer.velocity / lightAUPerDay, sunDistance: sunDistance)
            : deflected
        return spherical(epoch.frame.biasPrecessionNutation * apparent).longitude
    }

    /// The geocentric apparent place of date of a target at an epoch from `places(_:at:)`: the same as
    /// `apparent(_:at:)` at the epoch's instant, without computing the frame and the Earth's state again.
    public func apparent(_ target: Target, at epoch: ReductionEpoch) throws -> ApparentPlace {
        try apparentPlace(of: target, at: epoch.instant, tdb: epoch.tdb, frame: epoch.frame, observer: epoch.observer)
    }

    /// The geocentric astrometric place (ICRF) of a target at a TT instant.
    ///
    /// - Throws: `EphemerisError` when the ephemeris does not cover the date or body;
    ///   `ReductionError` for an unphysical star.
    public func astrometric(_ target: Target, at instant: Instant) throws -> AstrometricPlace {
        let tdb = instant.tdb
        let (observer, now) = try geocentre(tdb: tdb, target: target)
        let d = try direction(of: target, instant: instant, tdb: tdb, observer: observer, now: now)
        let (ra, dec) = spherical(d.astrometric)
        return AstrometricPlace(target: target, rightAscension: Angle(radians: ra), declination: Angle(radians: dec),
                                distance: d.distance, lightTime: d.lightTime, models: modelNames)
    }

    /// The geocentric apparent place of date of a target at a TT instant.
    public func apparent(_ target: Target, at instant: Instant) throws -> ApparentPlace {
        let tdb = instant.tdb
        let (observer, now) = try geocentre(tdb: tdb, target: target)
        return try apparentPlace(of: target, at: instant, tdb: tdb, frame: EquatorOfDate(instant),
                                 observer: observer, now: now)
    }

    /// Geocentric apparent places of several targets at one instant (the frame of date and the Earth's
    /// state are computed once).
    public func apparent(_ targets: [Target], at instant: Instant) throws -> [ApparentPlace] {
        let tdb = instant.tdb
        let frame = EquatorOfDate(instant)
        let observer = try geocentre(tdb: tdb)
        return try targets.map { target in
            try apparentPlace(of: target, at: instant, tdb: tdb, frame: frame, observer: observer)
        }
    }

    private func apparentPlace(of target: Target, at instant: Instant, tdb: (whole: Double, fraction: Double),
                               frame: EquatorOfDate, observer: Observer, now: StateVector? = nil) throws -> ApparentPlace {
        let d = try direction(of: target, instant: instant, tdb: tdb, observer: observer, now: now)
        return apparentPlace(of: target, direction: d, frame: frame)
    }

    private func apparentPlace(of target: Target, direction d: Direction, frame: EquatorOfDate) -> ApparentPlace {
        let v = frame.biasPrecessionNutation * d.apparent
        let (ra, dec) = spherical(v)
        let (lon, lat) = frame.ecliptic(ofTrueEquatorial: v)
        return ApparentPlace(target: target, rightAscension: Angle(radians: ra), declination: Angle(radians: dec),
                             eclipticLongitude: Angle(radians: lon), eclipticLatitude: Angle(radians: lat),
                             distance: d.distance, deflection: Angle(radians: d.deflection), models: modelNames)
    }

    /// The topocentric place of a target for an observer at a site.
    ///
    /// - Parameters:
    ///   - target: what to reduce.
    ///   - instant: the TT instant.
    ///   - deltaT: TT − UT1 in seconds (from a ΔT model), giving UT1 for the Earth's rotation.
    ///   - site: geodetic position on WGS84.
    ///   - atmosphere: for refraction; `.none` turns it off.
    public func topocentric(_ target: Target, at instant: Instant, deltaT: Double, site: GeodeticSite,
                            atmosphere: Atmosphere = .standard) throws -> TopocentricPlace {
        try topocentric([target], at: instant, deltaT: deltaT, site: site, atmosphere: atmosphere)[0]
    }

    /// Topocentric places of several targets at one instant and site.
    public func topocentric(_ targets: [Target], at instant: Instant, deltaT: Double, site: GeodeticSite,
                            atmosphere: Atmosphere = .standard) throws -> [TopocentricPlace] {
        let tdb = instant.tdb
        let frame = EquatorOfDate(instant)
        let gast = frame.apparentSiderealTime(ut1Whole: instant.whole, ut1Fraction: instant.fraction - deltaT / secondsPerDay)
        // Celestial → terrestrial (polar motion neglected): R₃(GAST) · N · P · B.
        let c2t = Matrix3.rotationZ(gast) * frame.biasPrecessionNutation
        let (sitePosition, siteVelocity) = site.celestialState(celestialToTerrestrial: c2t)
        var observer = try geocentre(tdb: tdb)
        observer.position += sitePosition
        observer.velocity += siteVelocity
        let last = (gast + site.longitude.radians).truncatingRemainder(dividingBy: 2 * .pi)
        var names = modelNames
        names["refraction"] = atmosphere.pressure > 0
            ? "Sæmundsson 1986 (\(atmosphere.pressure) hPa, \(atmosphere.temperature) °C)" : "off"
        names["site"] = "WGS84, polar motion neglected"
        return try targets.map { target in
            let d = try direction(of: target, instant: instant, tdb: tdb, observer: observer)
            let v = frame.biasPrecessionNutation * d.apparent
            let (ra, dec) = spherical(v)
            let (az, alt) = Horizon.azimuthAltitude(hourAngle: last - ra, declination: dec, latitude: site.latitude.radians)
            let altitude = Angle(radians: alt)
            return TopocentricPlace(target: target, rightAscension: Angle(radians: ra), declination: Angle(radians: dec),
                                    azimuth: Angle(radians: az), altitude: altitude,
                                    refractedAltitude: altitude + atmosphere.refraction(trueAltitude: altitude),
                                    localSiderealTime: Angle(radians: last).normalized, distance: d.distance, models: names)
        }
    }

    /// Unit vectors of the apparent directions of date of targets at one instant, unrefracted, seen from a site
    /// (`topocentric(_:at:deltaT:site:atmosphere:)`'s right ascension and declination) or, without one, from the
    /// geocentre (`apparent(_:at:)`'s): the same reduction without the spherical, horizontal and ecliptic coordinates
    /// an event search does not use, for searches that evaluate directions tens of thousands of times.
    ///
    /// - Parameters:
    ///   - targets: the bodies, stars or points to reduce.
    ///   - instant: the instant (TT).
    ///   - deltaT: TT − UT1 in seconds; used only with a site.
    ///   - site: the observer on the Earth, or nil for the geocentre.
    /// - Returns: one unit vector per target, in the true equator and equinox of date, in the order given.
    /// - Throws: as `topocentric(_:at:deltaT:site:atmosphere:)`.
    public func directionsOfDate(_ targets: [Target], at instant: Instant, deltaT: Double,
                                 site: GeodeticSite?) throws -> [SIMD3<Double>] {
        let tdb = instant.tdb
        let frame = EquatorOfDate(instant)
        var observer = try geocentre(tdb: tdb)
        if let site {
            let gast = frame.apparentSiderealTime(ut1Whole: instant.whole, ut1Fraction: instant.fraction - deltaT / secondsPerDay)
            let c2t = Matrix3.rotationZ(gast) * frame.biasPrecessionNutation
            let (sitePosition, siteVelocity) = site.celestialState(celestialToTerrestrial: c2t)
            observer.position += sitePosition
            observer.velocity += siteVelocity
        }
        return try targets.map { target in
            let d = try direction(of: target, instant: instant, tdb: tdb, observer: observer)
            return unit(frame.biasPrecessionNutation * d.apparent)
        }
    }
}

/// Errors of the reduction layer.
public enum ReductionError: Error, Sendable, Equatable, LocalizedError {
    /// The star's catalogue data imply a speed of light or more.
    case unphysicalStarMotion(star: String)
    /// The Earth was asked for as seen from the Earth.
    case targetIsObserver

    /// What went wrong and what to do instead.
    public var errorDescription: String? {
        switch self {
        case .unphysicalStarMotion(let star):
            "The catalogue data of \(star) imply a space velocity of c or more; check its parallax (mas), proper motions (mas/yr) and radial velocity (km/s)."
        case .targetIsObserver:
            "The Earth cannot be observed from the Earth; ask for another body (the Sun, the Moon, a planet) or a star."
        }
    }
}
