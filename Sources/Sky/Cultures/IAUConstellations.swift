import Ephemeris
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
    /// The boundary rows as numbers, for the lookup: RA range (hours), lower declination (degrees), constellation
    /// index in `all`; and the rows' lower declinations, which never increase down the table.
    private let rows: [(raLow: Double, raHigh: Double, decLow: Double, constellation: Int)]
    private let rowsSorted: Bool

    /// Julian date (TT) of the Besselian epoch B1875.0, the equinox of the boundaries.
    public static let b1875JD = 2_405_889.258_550_475

    init(fitsPath: String) throws {
        let t = try FITSTable.open(fitsPath, extension: "CONSTELLATIONS")
        defer { t.close() }
        let abbr = try t.strings("ABBR"), latin = try t.strings("LATIN")
        let genitive = try t.strings("GENITIVE"), english = try t.strings("ENGLISH")
        let f = try FITSTable.open(fitsPath, extension: "FIGURES")
        defer { f.close() }
        let fAbbr = try f.strings("ABBR"), h1 = try f.integers("HIP1"), h2 = try f.integers("HIP2")
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
        let bAbbr = try b.strings("ABBR")
        let boundaries = (0..<lo.count).map { (raLowHours: lo[$0], raHighHours: hi[$0], decLowDegrees: dec[$0], abbreviation: bAbbr[$0]) }
        let byName = index
        guard boundaries.count > 300, boundaries.allSatisfy({ byName[$0.abbreviation] != nil }) else {
            throw SkyCatalogError.unreadableCatalog(path: fitsPath, reason: "boundary table incomplete")
        }
        rows = boundaries.map { ($0.raLowHours, $0.raHighHours, $0.decLowDegrees, byName[$0.abbreviation] ?? 0) }
        rowsSorted = zip(rows, rows.dropFirst()).allSatisfy { $0.decLow >= $1.decLow }
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
        all[constellationIndex(raB1875: raB1875, decB1875: decB1875)]
    }

    /// As `constellation(raB1875:decB1875:)`, the constellation's index in `all`.
    public func constellationIndex(raB1875: Angle, decB1875: Angle) -> Int {
        // A hair below 0 h normalises to 2π, 24 h, which no row's RA range holds (the point fell to Octans).
        var ra = raB1875.normalized.hours
        if ra >= 24 { ra -= 24 }
        let dec = decB1875.degrees
        return rows.withUnsafeBufferPointer { rows in
            // Rows above the first whose lower declination is at or below the point cannot hold it: start there.
            var lo = 0
            if rowsSorted {
                var hi = rows.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if rows[mid].decLow > dec { lo = mid + 1 } else { hi = mid }
                }
            }
            for k in lo..<rows.count {
                let row = rows[k]
                if dec >= row.decLow && ra >= row.raLow && ra < row.raHigh { return row.constellation }
            }
            return index["Oct"] ?? 0  // the south polar cap: the table's last row (Oct, −90°) catches all
        }
    }

    /// The IAU constellation of a direction in the ICRS (e.g. an astrometric place, or any place of date turned
    /// back to the J2000 axes). The direction is precessed to B1875.0 with `IAUConstellations.icrsToB1875`.
    public func constellation(ofICRSDirection v: SIMD3<Double>) -> Constellation {
        all[constellationIndex(ofICRSDirection: v)]
    }

    /// As `constellation(ofICRSDirection:)`, the constellation's index in `all`.
    public func constellationIndex(ofICRSDirection v: SIMD3<Double>) -> Int {
        let w = IAUConstellations.icrsToB1875 * v
        let ra = Angle(radians: atan2(w.y, w.x))
        let dec = Angle(radians: atan2(w.z, (w.x * w.x + w.y * w.y).squareRoot()))
        return constellationIndex(raB1875: ra, decB1875: dec)
    }

    /// The IAU constellation of a right ascension and declination of date (mean or apparent equator and equinox of
    /// `instant`): turned back to the ICRS axes with the long-term precession of Vondrák et al. (2011), then as
    /// `constellation(ofICRSDirection:)`. Nutation (< 20″) is left in; it moves a point across a boundary only
    /// within 20″ of it.
    public func constellation(rightAscensionOfDate ra: Angle, declinationOfDate dec: Angle, at instant: Instant) -> Constellation {
        let v = SIMD3(cos(dec.radians) * cos(ra.radians), cos(dec.radians) * sin(ra.radians), sin(dec.radians))
        let icrs = LongTermPrecession.biasPrecessionMatrix(centuries: instant.julianCenturiesTT).transposeTimes(v)
        return constellation(ofICRSDirection: icrs)
    }

    /// The IAU constellation of an ICRS right ascension and declination.
    public func constellation(ra: Angle, dec: Angle) -> Constellation {
        constellation(ofICRSDirection: SIMD3(cos(dec.radians) * cos(ra.radians),
                                             cos(dec.radians) * sin(ra.radians), sin(dec.radians)))
    }

    /// Rotation from the ICRS to the mean equator and equinox of B1875.0: frame bias and the long-term
    /// precession of Vondrák, Capitaine & Wallace (2011), A&A 534, A22 (`LongTermPrecession`).
    public static let icrsToB1875: Matrix3 =
        LongTermPrecession.biasPrecessionMatrix(centuries: (b1875JD - 2_451_545.0) / 36_525.0)
}
