import Ephemeris
import Foundation
import SkyChart
import SkyTime

extension SkyView {
    /// The equatorial mansion frame at an instant: the geocentric apparent right ascensions of date of the
    /// determinative stars (the models' convention), so that a body's apparent place is measured in the same
    /// system and a determinative star itself lies at exactly 0 度 of its mansion.
    public func mansionFrame(at instant: Instant) throws -> MansionFrame {
        let convention = models.mansionConvention.resolved(at: instant)
        let hips = catalog.mansions.all.map { $0.determinative(convention) }
        let stars = try hips.map { hip -> Target in
            guard let star = catalog.stars.star(hip: hip) else {
                throw SkyCatalogError.unreadableCatalog(path: "stars.fits", reason: "no entry for determinative HIP \(hip)")
            }
            return .star(star.catalogStar)
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

    /// A text chart of the horizon around topocentric observations, with the catalogue's stars to magnitude 5.5.
    ///
    /// Star places on the chart are mean places of date (space motion and precession; nutation, aberration and
    /// refraction, together under a minute of arc, are left out), which is ample at a character's resolution.
    public func horizonChart(_ observations: [Observation], title: String, columns: Int = 72, rows: Int = 22) -> String {
        let topo = observations.compactMap { o in o.topocentric.map { (o, $0) } }
        guard let (firstObservation, first) = topo.first, let site = firstObservation.site else { return "" }
        var sum = SIMD3<Double>(repeating: 0)
        for (_, t) in topo { sum += unitVector(ra: -t.azimuth, dec: t.altitude) }
        let centreAz = Angle(radians: -atan2(sum.y, sum.x)).normalized
        let centreAlt = Angle(radians: atan2(sum.z, (sum.x * sum.x + sum.y * sum.y).squareRoot()))
        var spread = 0.0
        for (_, a) in topo { for (_, b) in topo {
            spread = max(spread, separation(unitVector(ra: -a.azimuth, dec: a.altitude), unitVector(ra: -b.azimuth, dec: b.altitude)).degrees)
        } }
        let width = Angle.degrees(min(120, max(20, spread * 2.5)))
        let chart = TextChart(centreLongitude: centreAz, centreLatitude: centreAlt, fieldWidth: width, columns: columns,
                              rows: rows, orientation: .horizon)
        let instant = firstObservation.instant
        let precession = LongTermPrecession.biasPrecessionMatrix(centuries: instant.julianCenturiesTT)
        let last = first.localSiderealTime.radians
        let lat = site.latitude.radians
        let centreVector = unitVector(ra: -centreAz, dec: centreAlt)
        var points: [ChartPoint] = []
        for star in catalog.stars.brightStars(magnitudeLimit: 5.5) {
            guard let p = SpaceMotion.propagate(star.catalogStar, to: instant) else { continue }
            let w = precession * SIMD3(cos(p.dec) * cos(p.ra), cos(p.dec) * sin(p.ra), sin(p.dec))
            let ra = atan2(w.y, w.x), dec = atan2(w.z, (w.x * w.x + w.y * w.y).squareRoot())
            let h = Horizon.azimuthAltitude(hourAngle: last - ra, declination: dec, latitude: lat)
            let az = Angle(radians: h.azimuth), alt = Angle(radians: h.altitude)
            guard separation(unitVector(ra: -az, dec: alt), centreVector).degrees < width.degrees else { continue }
            points.append(ChartPoint(longitude: az, latitude: alt, magnitude: star.v))
        }
        for i in stride(from: -90.0, through: 90.0, by: 0.25) {
            points.append(ChartPoint(longitude: centreAz + .degrees(i), latitude: .degrees(0), kind: .horizon))
        }
        for (o, t) in topo {
            points.append(ChartPoint(longitude: t.azimuth, latitude: t.altitude, magnitude: -5, label: o.label, kind: .highlighted))
        }
        return chart.render(points, title: title)
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
