import Ephemeris
import Foundation
import SkyTime

extension SkyView {
    /// The equatorial mansion frame at an instant: the geocentric apparent right ascensions of date of the
    /// determinative stars (the models' convention), so that a body's apparent place is measured in the same
    /// system and a determinative star itself lies at exactly 0 度 of its mansion.
    public func mansionFrame(at instant: Instant) throws -> MansionFrame {
        let convention = models.mansionConvention.resolved(at: instant)
        let hips = catalog.mansions.all.map { $0.determinative(convention) }
        let determinatives = try catalog.determinatives()
        let stars = try hips.map { hip -> Target in
            guard let star = determinatives[hip] else {
                throw SkyCatalogError.unreadableCatalog(path: "stars.fits", reason: "no entry for determinative HIP \(hip)")
            }
            return .star(star)
        }
        let places = try reducer.apparent(stars, at: instant)
        let rightAscension = Dictionary(zip(hips, places.map(\.rightAscension)), uniquingKeysWith: { a, _ in a })
        return catalog.mansions.frame(at: instant, convention: convention) { rightAscension[$0] ?? .radians(0) }
    }

    /// 入宿度 of an observation: the lunar mansion and 度 east of its determinative star, from the geocentric
    /// apparent right ascension of date (the equatorial convention of the Han–Tang records).
    public func mansionPosition(of observation: Observation) throws -> MansionPosition {
        try mansionFrame(at: observation.instant).position(of: observation.apparent.rightAscension)
    }

    /// 黃道宿度 of an observation: mansion and 度 along the ecliptic of date (true obliquity), counted from the
    /// points where the determinatives' hour circles cross the ecliptic.
    public func eclipticMansionPosition(of observation: Observation) throws -> MansionPosition {
        let obliquity = Angle(radians: EquatorOfDate(observation.instant).trueObliquity)
        return try mansionFrame(at: observation.instant).ecliptic(obliquity: obliquity)
            .position(of: observation.apparent.eclipticLongitude)
    }
}

extension StarCatalog {
    /// Stars brighter than a V magnitude, brightest first.
    public func brightStars(magnitudeLimit: Double) -> [Star] {
        var hips: [Int] = []
        forEachRow { hip, _, _, _, _, _, v in if v <= magnitudeLimit { hips.append(hip) } }
        return hips.compactMap { star(hip: $0) }.sorted { $0.v < $1.v }
    }
}

extension Body {
    /// The classical Chinese name of a body (太白 for Venus, 熒惑 for Mars, 日, 月), or nil for bodies the
    /// classical texts do not name (Uranus and beyond: their modern names are returned instead when known).
    public var chineseName: String? {
        NameResolver.bodyNames.first { $0.0 == self }.flatMap { $0.1.dropFirst().first { name in
            name.unicodeScalars.allSatisfy { $0.value >= 0x2E80 } } }
    }
}
