import Foundation
import Tables

/// A Chinese asterism (星官) of Stellarium's "chinese" sky culture (Qing convention of the 儀象考成, 1756).
public struct Asterism: Sendable, Hashable {
    /// Stellarium's number of the asterism (1…318).
    public let id: Int
    /// Name in traditional characters, e.g. 軒轅, 畢宿.
    public let traditional: String
    /// Name in simplified characters, as Stellarium gives it.
    public let simplified: String
    /// Pinyin with tone marks, e.g. Xuānyuán.
    public let pinyin: String
    /// English rendering (Stellarium's).
    public let english: String
    /// Member stars, numbered as in the Chinese star names (0 = unnumbered).
    public let members: [AsterismMember]
    /// Figure lines.
    public let lines: [FigureLine]
}

/// A member star of an asterism.
public struct AsterismMember: Sendable, Hashable {
    /// Hipparcos number of the star.
    public let hip: Int
    /// Its number in the asterism (軒轅十四 → 14); 0 when it has none.
    public let number: Int
    /// True for an "added star" (增星) of the Qing catalogues.
    public let added: Bool
    /// True where Stellarium marks the identification as uncertain.
    public let uncertain: Bool
}

/// A Chinese star name: asterism name + number (昴宿六 = HIP 17702), or a traditional proper name.
public struct ChineseStarName: Sendable, Hashable {
    /// Hipparcos number of the star.
    public let hip: Int
    /// Stellarium id of the asterism the name belongs to (0 when unassigned).
    public let asterismID: Int
    /// Number in the asterism (0 for none).
    public let number: Int
    /// True for an added star (增星).
    public let added: Bool
    /// True where Stellarium marks the identification as uncertain.
    public let uncertain: Bool
    /// Traditional characters (empty when Stellarium gives the name only in English/pinyin).
    public let traditional: String
    /// Simplified characters (empty as above).
    public let simplified: String
    /// Pinyin with tone marks, e.g. Xuānyuán XIV.
    public let pinyin: String
    /// Stellarium's English rendering, e.g. Xuanyuan XIV, Great Fire.
    public let english: String
}

/// The Chinese sky culture: 318 asterisms with members, lines and names (Stellarium 0.22, CC BY-SA 4.0).
public final class ChineseSkyCulture: Sendable {
    /// All asterisms, by id.
    public let asterisms: [Asterism]
    /// All star names, in Stellarium's order.
    public let starNames: [ChineseStarName]
    private let byID: [Int: Int]

    init(fitsPath: String, asterismTSV: String, starNameTSV: String) throws {
        let names = try readTSV(asterismTSV, columns: 5)
        var nameOf: [Int: [String]] = [:]
        for row in names {
            guard let id = Int(row[0]) else {
                throw SkyCatalogError.unreadableCatalog(path: asterismTSV, reason: "bad id \(row[0])")
            }
            nameOf[id] = row
        }
        let starRows = try readTSV(starNameTSV, columns: 9)
        starNames = try starRows.map { r in
            guard let hip = Int(r[0]), let ast = Int(r[1]), let num = Int(r[2]) else {
                throw SkyCatalogError.unreadableCatalog(path: starNameTSV, reason: "bad row \(r.joined(separator: " "))")
            }
            return ChineseStarName(hip: hip, asterismID: ast, number: num, added: r[3] == "1", uncertain: r[4] == "1",
                                   traditional: r[5], simplified: r[6], pinyin: r[7], english: r[8])
        }
        let a = try FITSTable.open(fitsPath, extension: "ASTERISMS")
        defer { a.close() }
        let ids = try a.integers("ID")
        let l = try FITSTable.open(fitsPath, extension: "LINES")
        defer { l.close() }
        let lid = try l.integers("ID"), h1 = try l.integers("HIP1"), h2 = try l.integers("HIP2")
        let m = try FITSTable.open(fitsPath, extension: "MEMBERS")
        defer { m.close() }
        let mid = try m.integers("ID"), mhip = try m.integers("HIP"), mnum = try m.integers("NUMBER")
        let madd = try m.integers("ADDED"), munc = try m.integers("UNCERTAIN")
        var lines: [Int: [FigureLine]] = [:], members: [Int: [AsterismMember]] = [:]
        for i in 0..<lid.count { lines[Int(lid[i]), default: []].append(FigureLine(hip1: Int(h1[i]), hip2: Int(h2[i]))) }
        for i in 0..<mid.count {
            members[Int(mid[i]), default: []].append(
                AsterismMember(hip: Int(mhip[i]), number: Int(mnum[i]), added: madd[i] != 0, uncertain: munc[i] != 0))
        }
        asterisms = try ids.map { id32 in
            let id = Int(id32)
            guard let n = nameOf[id] else {
                throw SkyCatalogError.unreadableCatalog(path: asterismTSV, reason: "no names for asterism \(id)")
            }
            let sorted = (members[id] ?? []).sorted { ($0.added ? 1 : 0, $0.number, $0.hip) < ($1.added ? 1 : 0, $1.number, $1.hip) }
            return Asterism(id: id, traditional: n[1], simplified: n[2], pinyin: n[3], english: n[4],
                            members: sorted, lines: lines[id] ?? [])
        }
        byID = Dictionary(uniqueKeysWithValues: asterisms.enumerated().map { ($1.id, $0) })
    }

    /// The asterism with Stellarium id `id`.
    public func asterism(id: Int) -> Asterism? { byID[id].map { asterisms[$0] } }
}

/// Reads a UTF-8 TSV with a header line and '#' comment lines through `TableReader`; every row must have at least
/// `columns` fields (the strictness rule of `TableReader`: a short row is an error naming its line).
func readTSV(_ path: String, columns: Int) throws -> [[String]] {
    guard FileManager.default.fileExists(atPath: path) else {
        throw SkyCatalogError.missingCatalog(file: (path as NSString).lastPathComponent,
                                             searched: (path as NSString).deletingLastPathComponent)
    }
    let table: HeaderedTable
    do {
        table = try HeaderedTable.read(path: path, dialect: .tsv, requiredFields: columns)
    } catch let error as TableError {
        throw SkyCatalogError.unreadableCatalog(path: path, reason: error.localizedDescription)
    }
    guard !table.records.isEmpty else { throw SkyCatalogError.unreadableCatalog(path: path, reason: "no data rows") }
    return table.records.map(\.fields)
}
