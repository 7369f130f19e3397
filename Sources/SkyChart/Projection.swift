import Foundation
import SkyTime

/// A direction on the celestial sphere in a chart's frame: a longitude-like coordinate (azimuth, right ascension,
/// ecliptic longitude) and a latitude-like one (altitude, declination, ecliptic latitude).
public struct SkyPoint: Sendable, Hashable {
    public var longitude: Angle
    public var latitude: Angle

    public init(longitude: Angle, latitude: Angle) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// The unit vector of the direction (x towards longitude 0, z towards latitude +90°).
    public var vector: SIMD3<Double> {
        SIMD3(cos(latitude.radians) * cos(longitude.radians), cos(latitude.radians) * sin(longitude.radians),
              sin(latitude.radians))
    }

    /// The direction of a (not necessarily unit) vector.
    public init(vector v: SIMD3<Double>) {
        longitude = Angle(radians: atan2(v.y, v.x)).normalized
        latitude = .radians(atan2(v.z, (v.x * v.x + v.y * v.y).squareRoot()))
    }

    /// The angle between two directions.
    public func separation(from other: SkyPoint) -> Angle {
        let a = vector, b = other.vector
        let cross = SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
        return .radians(atan2((cross * cross).sum().squareRoot(), (a * b).sum()))
    }
}

/// The frame a chart's points are given in, which fixes how the chart is turned.
public enum ChartFrame: String, Sendable, Hashable, CaseIterable {
    /// Azimuth (from north through east) and altitude, the sky as one faces it: zenith up, azimuth increasing to
    /// the right (facing south, east is on the left and west on the right).
    case horizontal
    /// Right ascension and declination of date: north up, east to the left (the sky seen from inside).
    case equatorial
    /// Ecliptic longitude and latitude of date: ecliptic north up, east to the left.
    case ecliptic

    /// +1 where the longitude grows to the right on the chart, −1 where it grows to the left.
    var sense: Double { self == .horizontal ? 1 : -1 }
}

/// How the sphere is laid on the plane.
public enum ProjectionKind: String, Sendable, Hashable, CaseIterable {
    /// Central (gnomonic, FITS `TAN`): great circles are straight lines; for fields up to about 90°.
    case gnomonic
    /// Stereographic (FITS `STG`): conformal, shapes of asterisms kept; for wide fields and the whole-sky disk.
    case stereographic
    /// Plate carrée (FITS `CAR`) about the centre: longitude across, latitude up; for the mansion strip.
    case cylindrical
}

/// A projection of the sphere about a centre onto a plane (x to the right, y up, in radians at the centre).
///
/// - References: J. P. Snyder, *Map Projections — A Working Manual*, USGS Prof. Paper 1395 (1987), ch. 21–22
///   (stereographic, gnomonic); M. R. Calabretta & E. W. Greisen, A&A 395, 1077 (2002), §5.1 (TAN, STG, CAR).
public struct Projection: Sendable, Hashable {
    /// Gnomonic, stereographic or cylindrical.
    public var kind: ProjectionKind
    /// The frame of the points and the turn of the chart.
    public var frame: ChartFrame
    /// The direction at the centre of the plane.
    public var centre: SkyPoint

    public init(kind: ProjectionKind, frame: ChartFrame, centre: SkyPoint) {
        self.kind = kind
        self.frame = frame
        self.centre = centre
    }

    /// The plane coordinates of a direction, or nil where this projection cannot show it (the far hemisphere of
    /// a gnomonic plane, the antipode of a stereographic one).
    public func project(_ p: SkyPoint) -> SIMD2<Double>? {
        let dl = (p.longitude - centre.longitude).signedNormalized.radians
        let lat = p.latitude.radians, lat0 = centre.latitude.radians
        if kind == .cylindrical { return SIMD2(frame.sense * dl, lat - lat0) }
        let cosc = sin(lat0) * sin(lat) + cos(lat0) * cos(lat) * cos(dl)
        let k: Double
        switch kind {
        case .gnomonic:
            guard cosc > 1e-3 else { return nil }
            k = 1 / cosc
        default:
            guard cosc > -0.98 else { return nil }
            k = 2 / (1 + cosc)
        }
        return SIMD2(frame.sense * k * cos(lat) * sin(dl), k * (cos(lat0) * sin(lat) - sin(lat0) * cos(lat) * cos(dl)))
    }

    /// The direction at plane coordinates (the inverse of `project`).
    public func unproject(_ xy: SIMD2<Double>) -> SkyPoint {
        let x = frame.sense * xy.x, y = xy.y
        let lat0 = centre.latitude.radians
        if kind == .cylindrical {
            return SkyPoint(longitude: (centre.longitude + .radians(x)).normalized, latitude: .radians(lat0 + y))
        }
        let rho = (x * x + y * y).squareRoot()
        guard rho > 0 else { return centre }
        let c = kind == .gnomonic ? atan(rho) : 2 * atan(rho / 2)
        let lat = asin(max(-1, min(1, cos(c) * sin(lat0) + y * sin(c) * cos(lat0) / rho)))
        let dl = atan2(x * sin(c), rho * cos(lat0) * cos(c) - y * sin(lat0) * sin(c))
        return SkyPoint(longitude: (centre.longitude + .radians(dl)).normalized, latitude: .radians(lat))
    }

    /// Plane units per radian at the centre (1 for gnomonic, stereographic and cylindrical at the centre).
    public var unitsPerRadianAtCentre: Double { 1 }

    /// The FITS `CTYPE` projection code.
    public var fitsCode: String {
        switch kind {
        case .gnomonic: "TAN"
        case .stereographic: "STG"
        case .cylindrical: "CAR"
        }
    }
}

/// The eight points of the compass, for legends.
public enum Compass {
    /// `N`, `NE`, `E`, … for an azimuth (from north through east).
    public static func point(_ azimuth: Angle) -> String {
        let names = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
        let i = Int((azimuth.normalized.degrees / 45).rounded()) % 8
        return names[i]
    }
}
