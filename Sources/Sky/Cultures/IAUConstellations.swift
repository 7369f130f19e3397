import Foundation
import SkyTime

/// One of the 88 IAU constellations.
public struct Constellation: Sendable, Hashable {
    /// IAU three-letter abbreviation, e.g. `Leo`, `CVn`.
    public let abbreviation: String
    /// Latin name, e.g. `Canes Venatici`.
    public let latinName: String
    /// Latin genitive used in designations, e.g. `Canum Venaticorum`.
    public let genitive: String
    /// English meaning, e.g. `Hunting Dogs`.
    public let englishName: String
    /// Figure lines (pairs of HIP numbers) of Stellarium's western sky culture.
    public let figure: [FigureLine]
}

/// A line of a constellation or asterism figure between two Hipparcos stars.
public struct FigureLine: Sendable, Hashable {
    public let hip1: Int
    public let hip2: Int
}

/// The IAU constellations with their figures and the official boundaries (Delporte 1930 as tabulated by
/// Roman 1987), read once from `Catalogs/constellations.fits`.
public final class IAUConstellations: Sendable {
    /// The 88 constellations, alphabetical by abbreviation as in the catalogue file.
    public let all: [Constellation]
    private let index: [String: Int]
    private let boundaries: [(raLowHours: Double, raHighHours: Double, decLowDegrees: Double, abbreviation: String)]

    /// Julian date (TT) of the Besselian epoch B1875.0, the equinox of the boundaries.
    public static let b1875JD = 2_405_889.258_550_475

    init(fitsPath: String) throws {
        let t = try FITSTable.open(fitsPath, extension: "CONSTELLATIONS")
        defer { t.close() }
        let abbr = try t.strings("ABBR", width: 8), latin = try t.strings("LATIN", width: 32)
        let genitive = try t.strings("GENITIVE", width: 32), english = try t.strings("ENGLISH", width: 32)
        let f = try FITSTable.open(fitsPath, extension: "FIGURES")
        defer { f.close() }
        let fAbbr = try f.strings("ABBR", width: 8), h1 = try f.integers("HIP1"), h2 = try f.integers("HIP2")
        var lines: [String: [FigureLine]] = [:]
        for i in 0..<fAbbr.count { lines[fAbbr[i], default: []].append(FigureLine(hip1: Int(h1[i]), hip2: Int(h2[i]))) }
        all = (0..<abbr.count).map {
            Constellation(abbreviation: abbr[$0], latinName: latin[$0], genitive: genitive[$0],
                          englishName: english[$0], figure: lines[abbr[$0]] ?? [])
        }
        guard all.count == 88 else {
            throw SkyCatalogError.unreadableCatalog(path: fitsPath, reason: "expected 88 constellations, found \(all.count)")
        }
        index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.abbreviation, $0) })
        let b = try FITSTable.open(fitsPath, extension: "BOUNDARIES")
        defer { b.close() }
        let lo = try b.doubles("RA_LOW_H"), hi = try b.doubles("RA_HIGH_H"), dec = try b.doubles("DEC_LOW_DEG")
        let bAbbr = try b.strings("ABBR", width: 8)
        boundaries = (0..<lo.count).map { (lo[$0], hi[$0], dec[$0], bAbbr[$0]) }
        guard boundaries.count > 300, boundaries.allSatisfy({ index[$0.abbreviation] != nil }) else {
            throw SkyCatalogError.unreadableCatalog(path: fitsPath, reason: "boundary table incomplete")
        }
    }

    /// The constellation with this IAU abbreviation (case-insensitive), or nil.
    public func constellation(abbreviation: String) -> Constellation? {
        if let i = index[abbreviation] { return all[i] }
        return all.first { $0.abbreviation.caseInsensitiveCompare(abbreviation) == .orderedSame }
    }

    /// The IAU constellation containing a direction given in B1875.0 mean equatorial coordinates.
    ///
    /// Rule of Roman (1987): the first row of the table (ordered by decreasing lower declination) whose
    /// declination limit lies at or below the point and whose RA range holds it.
    /// - References: N. G. Roman, PASP 99 (1987) 695, CDS VI/42; E. Delporte, Délimitation scientifique des
    ///   constellations (1930).
    public func constellation(raB1875: Angle, decB1875: Angle) -> Constellation {
        let ra = raB1875.normalized.hours
        let dec = decB1875.degrees
        for row in boundaries where dec >= row.decLowDegrees && ra >= row.raLowHours && ra < row.raHighHours {
            if let i = index[row.abbreviation] { return all[i] }
        }
        return all[index["Oct"] ?? 0]  // the south polar cap: the table's last row (Oct, −90°) catches all
    }

    /// The IAU constellation of a direction in the ICRS (e.g. an astrometric place, or any place of date turned
    /// back to the J2000 axes). The direction is precessed to B1875.0 with `IAUConstellations.icrsToB1875`.
    public func constellation(ofICRSDirection v: SIMD3<Double>) -> Constellation {
        let p = IAUConstellations.icrsToB1875
        let w = SIMD3(dot(p.0, v), dot(p.1, v), dot(p.2, v))
        let ra = Angle(radians: atan2(w.y, w.x))
        let dec = Angle(radians: atan2(w.z, (w.x * w.x + w.y * w.y).squareRoot()))
        return constellation(raB1875: ra, decB1875: dec)
    }

    /// The IAU constellation of an ICRS right ascension and declination.
    public func constellation(ra: Angle, dec: Angle) -> Constellation {
        constellation(ofICRSDirection: SIMD3(cos(dec.radians) * cos(ra.radians),
                                             cos(dec.radians) * sin(ra.radians), sin(dec.radians)))
    }

    /// Rotation (rows) from the ICRS/J2000 mean equator and equinox to the mean equator and equinox of B1875.0:
    /// P = R3(−z) R2(θ) R3(−ζ) with the IAU 1976 angles (Lieske et al. 1977, A&A 58, 1, eq. 6; t = −1.25 cy,
    /// where the expansion is good to well under 0.01″). The 20 mas frame bias is below the boundaries' precision.
    public static let icrsToB1875: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>) = {
        let t = (b1875JD - 2_451_545.0) / 36_525.0
        let arcsec = Double.pi / 648_000
        let zeta = (2306.2181 * t + 0.30188 * t * t + 0.017998 * t * t * t) * arcsec
        let z = (2306.2181 * t + 1.09468 * t * t + 0.018203 * t * t * t) * arcsec
        let theta = (2004.3109 * t - 0.42665 * t * t - 0.041833 * t * t * t) * arcsec
        let r = rotationZ(-z) * rotationY(theta) * rotationZ(-zeta)
        return (r[0], r[1], r[2])
    }()
}

/// A 3×3 matrix as rows.
struct Matrix3 {
    var rows: [SIMD3<Double>]
    subscript(i: Int) -> SIMD3<Double> { rows[i] }
    static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        let bt = [SIMD3(b.rows[0].x, b.rows[1].x, b.rows[2].x), SIMD3(b.rows[0].y, b.rows[1].y, b.rows[2].y),
                  SIMD3(b.rows[0].z, b.rows[1].z, b.rows[2].z)]
        return Matrix3(rows: a.rows.map { row in SIMD3(dot(row, bt[0]), dot(row, bt[1]), dot(row, bt[2])) })
    }
}

/// R3(a) of the IERS conventions (rotation of the axes about z by a).
func rotationZ(_ a: Double) -> Matrix3 {
    Matrix3(rows: [SIMD3(cos(a), sin(a), 0), SIMD3(-sin(a), cos(a), 0), SIMD3(0, 0, 1)])
}

/// R2(a) of the IERS conventions (rotation of the axes about y by a).
func rotationY(_ a: Double) -> Matrix3 {
    Matrix3(rows: [SIMD3(cos(a), 0, -sin(a)), SIMD3(0, 1, 0), SIMD3(sin(a), 0, cos(a))])
}

func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
