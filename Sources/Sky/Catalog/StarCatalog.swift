import Ephemeris
import Foundation
import Tables
import SkyTime

/// All 117,955 stars of Hipparcos-2 with their identifiers, read once from `Catalogs/stars.fits`.
///
/// Storage is column-wise (a few MB); `star(hip:)` builds a `Star` value on demand.
public final class StarCatalog: Sendable {
    /// Number of stars.
    public var count: Int { hips.count }

    private let hips: [Int32]
    private let ras: [Double], decs: [Double]
    // The file's single-precision columns are kept as they are stored (4.2 MB less memory to fill at start-up);
    // `Double(_:)` gives exactly what CFITSIO's conversion to double gave.
    private let plx: [Float], pmra: [Float], pmdec: [Float]
    private let ePlx: [Float], ePmra: [Float], ePmdec: [Float]
    private let hp: [Float], bv: [Float], v: [Float]
    private let vSource: [Int32], hr: [Int32], hd: [Int32]
    private let rowOfHIP: [Int32]
    private let designations: [Int: (bayer: String, flamsteed: Int, constellation: String, name: String)]
    private let radialVelocities: [Int: Double]
    /// HIP number of each HR and HD number (a HIP entry may hold two HR stars).
    let hipOfHR: [Int: Int]
    /// HIP number of each HD number, built on the first HD lookup (118,000 entries a batch of planets never needs).
    private let hipOfHD: Once<[Int: Int]>

    /// Reads the catalogue from `stars.fits` (tables STARS and IDS) and the optional radial-velocity table.
    public init(fitsPath: String, radialVelocityPath: String? = nil) throws {
        let table = try FITSTable.open(fitsPath, extension: "STARS")
        defer { table.close() }
        // Three passes over the 7.6 MB table (one a column would read it 15 times).
        let ints = try table.integers(["HIP", "V_SRC", "HR", "HD"])
        (hips, vSource, hr, hd) = (ints[0], ints[1], ints[2], ints[3])
        let angles = try table.doubles(["RA_DEG", "DEC_DEG"])
        (ras, decs) = (angles[0], angles[1])
        let reals = try table.floats(["PLX_MAS", "PMRA_MAS_YR", "PMDEC_MAS_YR", "E_PLX_MAS", "E_PMRA_MAS_YR",
                                      "E_PMDEC_MAS_YR", "HP", "BV", "V"])
        (plx, pmra, pmdec) = (reals[0], reals[1], reals[2])
        (ePlx, ePmra, ePmdec, hp, bv, v) = (reals[3], reals[4], reals[5], reals[6], reals[7], reals[8])
        guard let maxHIP = hips.max(), maxHIP > 0, maxHIP < 10_000_000, hips.allSatisfy({ $0 > 0 }) else {
            throw SkyCatalogError.unreadableCatalog(path: fitsPath, reason: "HIP numbers out of range")
        }
        var rows = [Int32](repeating: -1, count: Int(maxHIP) + 1)
        var byHR: [Int: Int] = [:]
        for (row, hip) in hips.enumerated() { rows[Int(hip)] = Int32(row) }
        let (hipColumn, hdColumn) = (self.hips, self.hd)
        hipOfHD = Once {
            var byHD: [Int: Int] = [:]
            for (row, hip) in hipColumn.enumerated() where hdColumn[row] > 0 && byHD[Int(hdColumn[row])] == nil {
                byHD[Int(hdColumn[row])] = Int(hip)
            }
            return byHD
        }

        let pairs = try FITSTable.open(fitsPath, extension: "HRHIP")
        defer { pairs.close() }
        for (number, hip) in zip(try pairs.integers("HR"), try pairs.integers("HIP")) {
            guard hip > 0, Int(hip) < rows.count, rows[Int(hip)] >= 0 else { continue }
            // one HR star split into two HIP entries: the brighter stands for the HR number
            if let other = byHR[Int(number)], v[Int(rows[other])] <= v[Int(rows[Int(hip)])] { continue }
            byHR[Int(number)] = Int(hip)
        }

        let ids = try FITSTable.open(fitsPath, extension: "IDS")
        defer { ids.close() }
        let idHIP = try ids.integers("HIP")
        let bayer = try ids.strings("BAYER")
        let flam = try ids.integers("FLAMSTEED")
        let con = try ids.strings("CON")
        let name = try ids.strings("NAME")
        var d: [Int: (bayer: String, flamsteed: Int, constellation: String, name: String)] = [:]
        for i in 0..<idHIP.count {
            d[Int(idHIP[i])] = (bayer[i], Int(flam[i]), con[i], name[i])
        }
        designations = d
        rowOfHIP = rows
        hipOfHR = byHR
        radialVelocities = try radialVelocityPath.map(StarCatalog.readRadialVelocities) ?? [:]
    }

    /// The star with Hipparcos number `hip`, or nil when Hipparcos-2 has no such entry.
    public func star(hip: Int) -> Star? {
        guard hip > 0, hip < rowOfHIP.count else { return nil }
        let row = Int(rowOfHIP[hip])
        guard row >= 0 else { return nil }
        let ids = designations[hip]
        return Star(
            hip: hip, ra: .degrees(ras[row]), dec: .degrees(decs[row]), parallaxMas: Double(plx[row]),
            pmRAcosDecMasPerYear: Double(pmra[row]), pmDecMasPerYear: Double(pmdec[row]), parallaxErrorMas: Double(ePlx[row]),
            pmRAErrorMasPerYear: Double(ePmra[row]), pmDecErrorMasPerYear: Double(ePmdec[row]), hp: Double(hp[row]),
            bv: bv[row].isNaN ? nil : Double(bv[row]), v: Double(v[row]),
            vSource: vSource[row] == 1 ? .brightStarCatalogue : .fittedFromHp,
            hr: hr[row] > 0 ? Int(hr[row]) : nil, hd: hd[row] > 0 ? Int(hd[row]) : nil,
            bayer: ids.flatMap { $0.bayer.isEmpty ? nil : $0.bayer },
            flamsteed: ids.flatMap { $0.flamsteed > 0 ? $0.flamsteed : nil },
            constellation: ids.flatMap { $0.constellation.isEmpty ? nil : $0.constellation },
            properName: ids.flatMap { $0.name.isEmpty ? nil : $0.name },
            radialVelocityKmPerSecond: radialVelocities[hip])
    }

    /// The star with Bright Star Catalogue number `hr`.
    public func star(hr: Int) -> Star? { hipOfHR[hr].flatMap { star(hip: $0) } }

    /// The star with Henry Draper number `hd`.
    public func star(hd: Int) -> Star? { (try? hipOfHD.get())?[hd].flatMap { star(hip: $0) } }

    /// True when Hipparcos-2 has an entry `hip` (what `star(hip:) != nil` says, without building the star).
    func contains(hip: Int) -> Bool { hip > 0 && hip < rowOfHIP.count && rowOfHIP[hip] >= 0 }

    /// The designations `star(hip:)` would give the star (nil for the star's absence), without building it: for
    /// indexing thousands of names.
    func designation(hip: Int) -> (bayer: String?, flamsteed: Int?, constellation: String?, properName: String?)? {
        guard contains(hip: hip) else { return nil }
        let ids = designations[hip]
        return (ids.flatMap { $0.bayer.isEmpty ? nil : $0.bayer }, ids.flatMap { $0.flamsteed > 0 ? $0.flamsteed : nil },
                ids.flatMap { $0.constellation.isEmpty ? nil : $0.constellation }, ids.flatMap { $0.name.isEmpty ? nil : $0.name })
    }

    /// HIP numbers of the stars that carry a Bayer or Flamsteed designation or a proper name.
    var designatedHIPs: [Int] { designations.keys.sorted() }

    /// Column access for bulk work (cluster membership by proper motion) without building `Star` values.
    func forEachRow(_ body: (_ hip: Int, _ raDeg: Double, _ decDeg: Double, _ plx: Double, _ pmra: Double,
                             _ pmdec: Double, _ v: Double) -> Void) {
        for row in 0..<hips.count {
            body(Int(hips[row]), ras[row], decs[row], Double(plx[row]), Double(pmra[row]), Double(pmdec[row]), Double(v[row]))
        }
    }

    /// The space-motion data (`Star.catalogStar`) of a few stars, read from their rows of `stars.fits` alone: the
    /// same values as the whole catalogue's, for the lunar mansions' determinatives of a batch that needs no other star.
    ///
    /// Notes: the STARS table is in HIP order (Hipparcos-2's, which Catalogs/build/build_stars.py keeps), so each star
    /// is found by a binary search of the HIP column (all searches step together, one column read a step). A row is taken only when it holds the HIP
    /// searched for, so a file that is not sorted can only make a star go unfound: the stars not found are missing
    /// from the result and the caller asks the whole catalogue (which then answers, or throws its error).
    /// - Throws: `SkyCatalogError.unreadableCatalog` when the file or the radial-velocity table is damaged.
    static func catalogStars(hips: [Int], fitsPath: String, radialVelocityPath: String?) throws -> [Int: CatalogStar] {
        let table = try FITSTable.open(fitsPath, extension: "STARS")
        defer { table.close() }
        let rowCount = try table.rowCount()
        let wanted = Array(Set(hips.filter { $0 > 0 && $0 <= Int(Int32.max) })).sorted()
        // Half-open row ranges still to search, one a star.
        var low = [Int](repeating: 0, count: wanted.count), high = [Int](repeating: rowCount, count: wanted.count)
        var row = [Int?](repeating: nil, count: wanted.count)
        while true {
            let active = wanted.indices.filter { row[$0] == nil && low[$0] < high[$0] }
            guard !active.isEmpty else { break }
            let middles = active.map { (low[$0] + high[$0]) / 2 }
            let values = try table.integers("HIP", rows: middles)
            for (k, i) in active.enumerated() {
                let value = Int(values[k])
                if value == wanted[i] { row[i] = middles[k] } else if value < wanted[i] { low[i] = middles[k] + 1 } else { high[i] = middles[k] }
            }
        }
        let found = wanted.indices.compactMap { i in row[i].map { (hip: wanted[i], row: $0) } }
        guard !found.isEmpty else { return [:] }
        let rows = found.map(\.row)
        let ras = try table.doubles("RA_DEG", rows: rows), decs = try table.doubles("DEC_DEG", rows: rows)
        let plx = try table.floats("PLX_MAS", rows: rows)
        let pmra = try table.floats("PMRA_MAS_YR", rows: rows), pmdec = try table.floats("PMDEC_MAS_YR", rows: rows)
        let radialVelocities = try radialVelocityPath.map(StarCatalog.readRadialVelocities) ?? [:]
        var stars: [Int: CatalogStar] = [:]
        for (k, star) in found.enumerated() {
            // As `star(hip:)` builds it, so the values are the same bits.
            stars[star.hip] = Star(hip: star.hip, ra: .degrees(ras[k]), dec: .degrees(decs[k]), parallaxMas: Double(plx[k]),
                                   pmRAcosDecMasPerYear: Double(pmra[k]), pmDecMasPerYear: Double(pmdec[k]),
                                   radialVelocityKmPerSecond: radialVelocities[star.hip]).catalogStar
        }
        return stars
    }

    /// Reads `hip<TAB>name<TAB>rv_km_s` rows ('#' comments allowed).
    static func readRadialVelocities(_ path: String) throws -> [Int: Double] {
        var result: [Int: Double] = [:]
        do {
            for record in try HeaderedTable.read(path: path, dialect: .tsv, requiredFields: 3).records {
                let text = record[2].trimmingCharacters(in: .whitespaces)
                guard let hip = Int(record[0].trimmingCharacters(in: .whitespaces)),
                      let rv = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                    throw SkyCatalogError.unreadableCatalog(
                        path: path, reason: "line \(record.line): expected a HIP number and a radial velocity in km/s")
                }
                result[hip] = rv
            }
        } catch let error as TableError {
            throw SkyCatalogError.unreadableCatalog(path: path, reason: error.localizedDescription)
        }
        return result
    }
}
