import Ephemeris
import Foundation
import SkyTime

extension Star {
    /// The star's mean place of date: rigorous space motion from J1991.25 to `instant` (Ephemeris `SpaceMotion`,
    /// with the star's radial velocity when known), then frame bias and the long-term precession of Vondrák et al.
    /// (2011) to the mean equator and equinox of date. Barycentric: no parallax, aberration, deflection or
    /// nutation (together < 30″, far below what mansion degrees resolve).
    ///
    /// Returns nil only for an unphysical catalogue entry (space velocity ≥ c).
    /// Valid range: the precession model's (±200 000 years); the straight-line space motion limits it in
    /// practice to a few thousand years.
    public func meanPlaceOfDate(_ instant: Instant) -> (ra: Angle, dec: Angle)? {
        guard let p = SpaceMotion.propagate(catalogStar, to: instant) else { return nil }
        let u = SIMD3(cos(p.dec) * cos(p.ra), cos(p.dec) * sin(p.ra), sin(p.dec))
        let w = LongTermPrecession.biasPrecessionMatrix(centuries: instant.julianCenturiesTT) * u
        return (Angle(radians: atan2(w.y, w.x)).normalized, Angle(radians: atan2(w.z, (w.x * w.x + w.y * w.y).squareRoot())))
    }
}

extension SkyCatalog {
    /// The equatorial mansion frame at `instant`: the determinatives' mean right ascensions of date
    /// (`Star.meanPlaceOfDate`).
    public func mansionFrame(at instant: Instant, convention: MansionConvention = .automatic) throws -> MansionFrame {
        try mansions.frame(at: instant, convention: convention) { hip in
            guard let star = try stars.star(hip: hip), let place = star.meanPlaceOfDate(instant) else {
                throw SkyCatalogError.unreadableCatalog(path: "stars.fits", reason: "no usable entry for determinative HIP \(hip)")
            }
            return place.ra
        }
    }

    /// 入宿度: the lunar mansion and 度 east of its determinative star of a right ascension of date (one call for
    /// a body's apparent or mean RA of date; their difference is < 0.001 度).
    public func mansionPosition(rightAscensionOfDate ra: Angle, at instant: Instant,
                                convention: MansionConvention = .automatic) throws -> MansionPosition {
        try mansionFrame(at: instant, convention: convention).position(of: ra)
    }

    /// 黃道宿度: the mansion and 度 along the ecliptic of date of an ecliptic longitude of date, counted from the
    /// points where the determinatives' hour circles cross the ecliptic (mean obliquity of Vondrák et al. 2011).
    public func eclipticMansionPosition(longitudeOfDate lambda: Angle, at instant: Instant,
                                        convention: MansionConvention = .automatic) throws -> MansionPosition {
        let eps = LongTermPrecession.meanObliquity(centuries: instant.julianCenturiesTT)
        return try mansionFrame(at: instant, convention: convention).ecliptic(obliquity: eps).position(of: lambda)
    }

    /// Widths of the 28 mansions (度) at `instant` in the equatorial convention.
    public func mansionWidths(at instant: Instant, convention: MansionConvention = .automatic) throws -> [MansionWidth] {
        try mansionFrame(at: instant, convention: convention).widths
    }
}
