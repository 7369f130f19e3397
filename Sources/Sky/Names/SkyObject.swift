import Foundation
import Ephemeris
import SkyTime

/// What a name stands for: a solar-system body, a star, or a group of stars.
public enum SkyObject: Sendable, Hashable {
    /// A body of the solar system.
    case body(Body)
    /// A catalogue star.
    case star(Star)
    /// A cluster, asterism, lunar mansion or constellation.
    case group(StarGroup)

    /// A short English label.
    public var label: String {
        switch self {
        case .body(let b): b.displayName
        case .star(let s): s.label
        case .group(let g): g.name
        }
    }
}

/// A cluster, asterism, lunar mansion or constellation: a name for several stars.
///
/// A separation to a group is reported as the separation to its nearest member and to its centroid
/// (`GroupSeparation.compute`).
public struct StarGroup: Sendable, Hashable {
    /// What the group is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case cluster, asterism, lunarMansion = "lunar mansion", constellation
    }
    /// What the group is.
    public let kind: Kind
    /// Display name, e.g. "昴 (Mǎo, lunar mansion 18)", "M45 (Pleiades)".
    public let name: String
    /// Member stars (the asterism's for a mansion; the figure's stars for a constellation).
    public let members: [Star]
    /// The lunar mansion, for `.lunarMansion`.
    public let mansion: LunarMansion?
    /// Stellarium id of the asterism, for `.asterism` and `.lunarMansion`.
    public let asterismID: Int?
    /// IAU abbreviation, for `.constellation`.
    public let constellation: String?
}

/// Separation of a point from a group of stars: to its nearest member and to the centroid of the members.
public struct GroupSeparation: Sendable, Hashable {
    /// The member nearest to the point.
    public let nearest: Star
    /// Separation from the nearest member.
    public let nearestSeparation: Angle
    /// Unit vector of the members' centroid (mean of their unit vectors, renormalised).
    public let centroid: SIMD3<Double>
    /// Separation from the centroid.
    public let centroidSeparation: Angle

    /// Computes the separation of `point` from members given with their directions in the same frame and epoch
    /// (unit or not: they are normalised). Returns nil for an empty member list.
    public static func compute(point: SIMD3<Double>, members: [(star: Star, direction: SIMD3<Double>)]) -> GroupSeparation? {
        guard let first = members.first else { return nil }
        let p = point / (point * point).sum().squareRoot()
        var sum = SIMD3<Double>(repeating: 0)
        var best = first
        var bestAngle = Double.infinity
        for m in members {
            let u = m.direction / (m.direction * m.direction).sum().squareRoot()
            sum += u
            let a = angleBetween(p, u)
            if a < bestAngle { bestAngle = a; best = m }
        }
        let norm = (sum * sum).sum().squareRoot()
        let centroid = norm > 0 ? sum / norm : best.direction
        return GroupSeparation(nearest: best.star, nearestSeparation: .radians(bestAngle), centroid: centroid,
                               centroidSeparation: .radians(angleBetween(p, centroid)))
    }
}

/// Angle between two unit vectors, accurate at all separations (atan2 of cross and dot products).
func angleBetween(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    let c = SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    return atan2((c * c).sum().squareRoot(), (a * b).sum())
}

/// The answer of the name resolver.
public struct NameResolution: Sendable, Hashable {
    /// The name as given.
    public let query: String
    /// What the name stands for.
    public let object: SkyObject
    /// The known name that matched (after normalisation), e.g. "軒轅十四", "alf Leo".
    public let matchedName: String
    /// What kind of name matched, e.g. "IAU proper name", "Chinese star name", "Bayer designation".
    public let via: String
    /// A remark when the match involved a choice (e.g. the brightest component was taken).
    public let note: String?
}
