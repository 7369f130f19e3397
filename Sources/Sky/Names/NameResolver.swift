import Ephemeris
import Foundation
import SkyTime

/// Resolves the names a historian writes to bodies, stars, clusters, asterisms, mansions and constellations.
///
/// Accepted forms (case, spaces, hyphens, tone marks and full-width forms are ignored):
/// - bodies in English, Latin, pinyin and Chinese with the classical aliases (太白 長庚 啟明, 太陰, 歲星 熒惑
///   填星/鎮星 辰星, …);
/// - `HIP 17702`, `HIP17702`, `HR 1165`, `HD 23630`;
/// - Bayer (`alpha Leo`, `α Leo`, `alf Leo`, `α² Lib`, `alpha2 Librae`) and Flamsteed (`32 Leo`) designations;
/// - IAU proper names (`Regulus`), Chinese star names (`軒轅十四`, `轩辕十四`, `Xuanyuan XIV`, `心宿二`) and
///   traditional names (`軒轅大星`, `心大星`, `積尸`, from `Catalogs/chinese-star-aliases.tsv`);
/// - clusters (`M45`, `Pleiades`), lunar mansions (`昴`, `東井`, `Mao`), asterisms (`軒轅`, `昴宿`, `Xuanyuan`),
///   constellations (`Leo`, `Leonis`, `Lion`).
///
/// When one name means several things of different kinds, the first kind in this order wins: body, lunar mansion,
/// cluster, star, asterism, constellation, English rendering of a Chinese name (so 月 is the Moon, not the asterism
/// 月, and 斗 is the mansion). Several matches of the same kind are an ambiguity error listing them.
public struct NameResolver: Sendable {
    /// The bodies' spellings, normalised (built at once: a batch of planets needs nothing else).
    private let bodies: [String: [NameIndex.Entry]]
    /// Every other name: built on the second name that is not a body's (stars, asterisms, designations, aliases),
    /// or on the first that needs suggestions or `lookupAll`.
    private let index: Once<NameIndex>
    /// The index restricted to some names' keys (see `NameIndex.init(parts:aliases:keys:)`).
    private let partialIndex: @Sendable (Set<String>) throws -> NameIndex
    /// The first name that is not a body's is resolved by an index of its key alone: a command that names one
    /// star (`events --objects moon,regulus`) does not index 19,000 names.
    private let firstQuery = FirstUse()

    /// A resolver whose index is built by `index` when needed (`nil`: every name; a set: only names with those
    /// normalised keys); a failure to build it (a bad alias table) is thrown by every `resolve` that needs it.
    init(index build: @escaping @Sendable (Set<String>?) throws -> NameIndex) {
        var bodies: [String: [NameIndex.Entry]] = [:]
        for (body, spellings) in NameResolver.bodyNames {
            for s in spellings {
                // As `NameIndex` adds them: the first spelling of a key names it.
                let key = NameResolver.normalize(s)
                guard !key.isEmpty else { continue }
                let e = NameIndex.Entry(target: .body(body), tier: 0, name: s, via: "solar-system body")
                if bodies[key]?.contains(where: { $0.target == e.target }) != true { bodies[key, default: []].append(e) }
            }
        }
        self.bodies = bodies
        index = Once { try build(nil) }
        partialIndex = { try build($0) }
    }

    /// Resolves a name; throws `SkyCatalogError.unknownName` (with the closest known names) or `.ambiguousName`.
    public func resolve(_ query: String) throws -> NameResolution {
        // A body's name wins over every other kind (tier 0) and is no catalogue number: the full index would give
        // the same answer.
        if let entries = bodies[NameResolver.normalize(query)], let entry = entries.first, entries.count == 1,
           case .body(let body) = entry.target {
            return NameResolution(query: query, object: .body(body), matchedName: entry.name, via: entry.via, note: nil)
        }
        if firstQuery.claim() {
            do { return try resolveByPartialIndex(query) } catch let error as SkyCatalogError {
                // An unknown name's suggestions need every name: the full index answers (with the same error).
                guard case .unknownName = error else { throw error }
            }
        }
        return try index.get().resolve(query)
    }

    /// A name resolved by an index of its own key (and the alias table's) only: the full index's answer (tested).
    func resolveByPartialIndex(_ query: String) throws -> NameResolution {
        try partialIndex([NameResolver.normalize(query)]).resolve(query)
    }

    /// An index restricted to the keys of `queries` (for tests).
    func partialIndex(for queries: [String]) throws -> NameIndex { try partialIndex(Set(queries.map(NameResolver.normalize))) }

    /// Every reading of a name known exactly (no suggestions are computed): empty for unknown names and
    /// catalogue designations, several for an ambiguous name (五諸侯: the asterisms of 井 and of 太微). For scanning
    /// running text, where most candidates are not names.
    public func lookupAll(_ query: String) -> [NameResolution] {
        if let entries = bodies[NameResolver.normalize(query)], let entry = entries.first, entries.count == 1,
           case .body(let body) = entry.target {
            return [NameResolution(query: query, object: .body(body), matchedName: entry.name, via: entry.via, note: nil)]
        }
        return (try? index.get())?.lookupAll(query) ?? []
    }

    /// The closest known names to a normalised key (prefix matches first, then by edit distance).
    func candidates(for key: String, limit: Int = 8) -> [String] {
        (try? index.get())?.candidates(for: key, limit: limit) ?? []
    }

    /// A name resolved by the full index only, without the bodies' shortcut (to test that both agree).
    func resolveByIndex(_ query: String) throws -> NameResolution { try index.get().resolve(query) }
}

/// The index of every name the resolver knows (see `NameResolver`).
struct NameIndex: Sendable {
    enum Target: Hashable, Sendable {
        case body(Body), hip(Int), asterism(Int), mansion(Int), cluster(Int), constellation(String)
        case enclosure(String, [Int])
    }
    struct Entry: Hashable, Sendable {
        let target: Target
        let tier: Int
        let name: String
        let via: String
    }

    private let names: [String: [Entry]]
    /// Every name's folded key with its first spelling, sorted: only for suggestions after an unknown name, so built
    /// on the first one.
    private let candidateKeys: Once<[(key: [UInt32], name: String)]>
    private let bayer: [String: [Int]]  // "alf2|Leo" and "alf|Leo" -> HIPs
    private let flamsteed: [String: Int]  // "32|Leo"
    private let constellationKey: [String: String]  // normalised abbr/latin/genitive -> abbr
    private let catalog: SkyCatalogParts

    struct SkyCatalogParts: Sendable {
        let stars: StarCatalog
        let constellations: IAUConstellations
        let chinese: ChineseSkyCulture
        let mansions: LunarMansions
        let clusters: [StarCluster]
        /// The members of each cluster (HIP, brightest first), each found on its first use.
        let clusterMembers: [Once<[Int]>]
        let mansionAsterism: [Int: Int]
    }

    /// Indexes every name, or, given `keys`, only the names whose normalised key is one of them (and the alias
    /// table's names and targets, which are resolved here): for those keys the entries, their order, the designations
    /// and therefore every resolution are the full index's; other names are unknown to it and it has no suggestions.
    init(parts: SkyCatalogParts, aliases: [(name: String, target: String, note: String)], keys: Set<String>? = nil) throws {
        catalog = parts
        var n: [String: [Entry]] = [:]
        if keys == nil { n.reserveCapacity(24_000) }  // about 19,000 keys: no rehashing while they are added
        let wanted = keys.map { $0.union(aliases.flatMap { [NameResolver.normalize($0.name), NameResolver.normalize($0.target)] }) }
        let designated = parts.stars.designatedHIPs
        func add(_ name: String, _ target: Target, tier: Int, via: String) {
            let key = NameResolver.normalize(name)
            guard !key.isEmpty, wanted?.contains(key) ?? true else { return }
            let e = Entry(target: target, tier: tier, name: name, via: via)
            if n[key]?.contains(where: { $0.target == target }) != true { n[key, default: []].append(e) }
        }
        for (body, spellings) in NameResolver.bodyNames {
            for s in spellings { add(s, .body(body), tier: 0, via: "solar-system body") }
        }
        for m in parts.mansions.all {
            for s in [m.name, m.simplified, m.pinyin, m.name + "宿"] + m.aliases {
                add(s, .mansion(m.number), tier: 1, via: "lunar mansion")
            }
            add(m.english + " mansion", .mansion(m.number), tier: 1, via: "lunar mansion")
        }
        for (i, c) in parts.clusters.enumerated() {
            for s in [c.designation] + c.names { add(s, .cluster(i), tier: 2, via: "cluster") }
        }
        for hip in designated {
            guard let name = parts.stars.designation(hip: hip)?.properName else { continue }
            add(name, .hip(hip), tier: 3, via: "IAU proper name")
            // Stellarium writes components as "Zubenelgenubi I/II": the bare name then lists both
            for suffix in [" I", " II", " III"] where name.hasSuffix(suffix) {
                add(String(name.dropLast(suffix.count)), .hip(hip), tier: 3, via: "IAU proper name")
            }
        }
        for s in parts.chinese.starNames {
            guard parts.stars.contains(hip: s.hip) else { continue }
            if !s.traditional.isEmpty {
                add(s.traditional, .hip(s.hip), tier: 3, via: "Chinese star name")
                add(s.simplified, .hip(s.hip), tier: 3, via: "Chinese star name")
            }
            add(s.pinyin, .hip(s.hip), tier: 3, via: "Chinese star name (pinyin)")
            add(s.english, .hip(s.hip), tier: 6, via: "English rendering of a Chinese star name")
        }
        for a in parts.chinese.asterisms {
            for s in [a.traditional, a.simplified, a.pinyin] { add(s, .asterism(a.id), tier: 4, via: "Chinese asterism") }
            // "杵(箕宿)" is also reachable as 杵
            if let paren = a.traditional.firstIndex(of: "(") {
                add(String(a.traditional[..<paren]), .asterism(a.id), tier: 4, via: "Chinese asterism")
                add(String(a.simplified[..<(a.simplified.firstIndex(of: "(") ?? a.simplified.endIndex)]),
                    .asterism(a.id), tier: 4, via: "Chinese asterism")
            }
            add(a.english, .asterism(a.id), tier: 6, via: "English rendering of a Chinese asterism")
        }
        // The three enclosures (三垣) are two wall asterisms each in the Qing culture; the histories name the whole.
        for (names, walls) in NameResolver.enclosures {
            let ids = parts.chinese.asterisms.filter { walls.contains($0.traditional) }.map(\.id)
            guard ids.count == walls.count, let first = names.first else { continue }
            for s in names { add(s, .enclosure(first, ids), tier: 4, via: "Chinese enclosure (垣)") }
        }
        var conKey: [String: String] = [:]
        for c in parts.constellations.all {
            for s in [c.abbreviation, c.latinName, c.genitive] {
                add(s, .constellation(c.abbreviation), tier: 5, via: "IAU constellation")
                conKey[NameResolver.normalize(s)] = c.abbreviation
            }
            add(c.englishName, .constellation(c.abbreviation), tier: 6, via: "IAU constellation (English)")
        }
        constellationKey = conKey

        var b: [String: [Int]] = [:], f: [String: Int] = [:]
        for hip in designated {
            guard let s = parts.stars.designation(hip: hip), let con = s.constellation else { continue }
            if let letter = s.bayer {
                b["\(letter)|\(con)", default: []].append(hip)
                let base = String(letter.prefix { $0.isLetter })
                if base != letter { b["\(base)|\(con)", default: []].append(hip) }
            }
            if let fl = s.flamsteed { f["\(fl)|\(con)"] = hip }
        }
        // Traditional names whose targets are given as designations (checked here, so a bad table fails loudly).
        var withAliases = n
        let base = NameIndex(names: n, bayer: b, flamsteed: f, constellationKey: conKey, catalog: parts)
        for alias in aliases {
            let resolved = try base.resolve(alias.target)
            let target: Target
            switch resolved.object {
            case .star(let s): target = .hip(s.hip)
            case .group(let g) where g.kind == .cluster:
                guard let i = parts.clusters.firstIndex(where: { g.name.hasPrefix($0.designation) }) else { continue }
                target = .cluster(i)
            case .group(let g) where g.kind == .lunarMansion:
                guard let m = g.mansion else { continue }
                target = .mansion(m.number)
            case .group(let g):
                guard let id = g.asterismID else { continue }
                target = .asterism(id)
            case .body(let b): target = .body(b)
            }
            let key = NameResolver.normalize(alias.name)
            // curated identifications outrank Stellarium's generic star names (積尸 is M44, not π Per)
            let entry = Entry(target: target, tier: 2, name: alias.name, via: "traditional Chinese name")
            if withAliases[key]?.contains(where: { $0.target == target }) != true { withAliases[key, default: []].append(entry) }
        }
        names = withAliases
        let indexed = withAliases
        candidateKeys = keys == nil ? Once { NameIndex.makeCandidateKeys(indexed) } : Once { [] }
        bayer = b
        flamsteed = f
    }

    private init(names: [String: [Entry]], bayer: [String: [Int]], flamsteed: [String: Int],
                 constellationKey: [String: String], catalog: SkyCatalogParts) {
        self.names = names
        self.candidateKeys = Once { [] }  // only used to resolve the alias table's targets
        self.bayer = bayer
        self.flamsteed = flamsteed
        self.constellationKey = constellationKey
        self.catalog = catalog
    }

    static func makeCandidateKeys(_ names: [String: [Entry]]) -> [(key: [UInt32], name: String)] {
        names.compactMap { key, entries in entries.first.map { (Array(key.unicodeScalars.map(\.value)), $0.name) } }
            .sorted { $0.name < $1.name }
    }

    /// Resolves a name; throws `SkyCatalogError.unknownName` (with the closest known names) or `.ambiguousName`.
    public func resolve(_ query: String) throws -> NameResolution {
        let key = NameResolver.normalize(query)
        guard !key.isEmpty else { throw SkyCatalogError.emptyName }
        if let r = try resolveCatalogNumber(query: query, key: key) { return r }
        if let entries = names[key], let top = entries.map(\.tier).min() {
            let best = entries.filter { $0.tier == top }
            let distinct = Array(Set(best.map(\.target)))
            if distinct.count > 1 {
                throw SkyCatalogError.ambiguousName(query, candidates: best.map { describe($0) }.sorted())
            }
            guard let entry = best.first else { throw SkyCatalogError.emptyName }
            return NameResolution(query: query, object: try object(for: entry.target), matchedName: entry.name,
                                  via: entry.via, note: nil)
        }
        if let r = try resolveDesignation(query: query, key: key) { return r }
        throw SkyCatalogError.unknownName(query, candidates: candidates(for: key))
    }

    /// Every reading of a name known exactly (no suggestions are computed): empty for unknown names and
    /// catalogue designations, several for an ambiguous name (五諸侯: the asterisms of 井 and of 太微). For scanning
    /// running text, where most candidates are not names.
    public func lookupAll(_ query: String) -> [NameResolution] {
        let key = NameResolver.normalize(query)
        guard let entries = names[key], let top = entries.map(\.tier).min() else { return [] }
        var seen = Set<Target>()
        return entries.filter { $0.tier == top && seen.insert($0.target).inserted }.compactMap { entry in
            (try? object(for: entry.target)).map {
                NameResolution(query: query, object: $0, matchedName: entry.name, via: entry.via, note: nil)
            }
        }
    }

    /// The closest known names to a normalised key (prefix matches first, then by edit distance).
    func candidates(for key: String, limit: Int = 8) -> [String] {
        let query = Array(key.unicodeScalars.map(\.value))
        var scored: [(score: Int, name: String)] = []
        let maxDistance = max(1, min(3, query.count / 3))
        for entry in (try? candidateKeys.get()) ?? [] {
            if entry.key.count > query.count && entry.key.starts(with: query) {
                scored.append((0, entry.name))
                continue
            }
            guard abs(entry.key.count - query.count) <= maxDistance else { continue }
            let d = NameResolver.editDistance(query, entry.key, limit: maxDistance)
            if d <= maxDistance { scored.append((d, entry.name)) }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.score, $0.name.count, $0.name) < ($1.score, $1.name.count, $1.name) }
            .map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    private func describe(_ e: Entry) -> String {
        switch e.target {
        case .asterism(let id):
            if let a = catalog.chinese.asterism(id: id) { return "\(a.traditional) (\(a.pinyin), \(a.english))" }
        case .mansion(let n):
            let m = catalog.mansions.all[n - 1]
            return "\(m.name) (\(m.pinyin), \(m.english), mansion \(n))"
        case .hip(let hip):
            if let s = catalog.stars.star(hip: hip) { return "\(e.name) = \(s.label) (HIP \(hip))" }
        default: break
        }
        return "\(e.name) (\(e.via))"
    }

    private func resolveCatalogNumber(query: String, key: String) throws -> NameResolution? {
        for (prefix, via) in [("hip", "HIP number"), ("hr", "HR number"), ("hd", "HD number")] {
            guard key.hasPrefix(prefix), let number = Int(key.dropFirst(prefix.count)) else { continue }
            let star: Star?
            switch prefix {
            case "hip": star = catalog.stars.star(hip: number)
            case "hr": star = catalog.stars.star(hr: number)
            default: star = catalog.stars.star(hd: number)
            }
            guard let star else {
                throw SkyCatalogError.unknownName(query, candidates: [])
            }
            return NameResolution(query: query, object: .star(star), matchedName: "\(prefix.uppercased()) \(number)",
                                  via: via, note: nil)
        }
        return nil
    }

    private func resolveDesignation(query: String, key: String) throws -> NameResolution? {
        // Flamsteed: digits + constellation
        let digits = key.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let con = constellationKey[String(key.dropFirst(digits.count))], let fl = Int(digits) {
            guard let hip = flamsteed["\(fl)|\(con)"], let s = catalog.stars.star(hip: hip) else {
                throw SkyCatalogError.unknownName(query, candidates: [])
            }
            return NameResolution(query: query, object: .star(s), matchedName: "\(fl) \(con)", via: "Flamsteed designation", note: nil)
        }
        // Bayer: Greek letter (any spelling) or a Latin letter, optional component digit, constellation
        let chars = Array(key)
        for split in stride(from: min(chars.count - 1, 7), through: 1, by: -1) {
            let letterPart = String(chars[..<split])
            let code: String
            if let c = GreekLetters.codeForSpelling[letterPart] {
                code = c
            } else if split == 1, let original = query.trimmingCharacters(in: .whitespaces).first, original.isLetter,
                      original.isASCII {
                code = String(original)  // Latin-letter Bayer designations are case-sensitive (A Car ≠ a Car)
            } else { continue }
            var rest = chars[split...]
            let component = String(rest.prefix { $0.isASCII && $0.isNumber })
            rest = rest.dropFirst(component.count)
            guard let con = constellationKey[String(rest)] else { continue }
            guard let hips = bayer["\(code)\(component)|\(con)"], !hips.isEmpty else {
                throw SkyCatalogError.unknownName(query, candidates: [])
            }
            let stars = hips.compactMap { catalog.stars.star(hip: $0) }.sorted { $0.v < $1.v }
            guard let star = stars.first else { continue }
            let note = stars.count > 1
                ? "\(query) taken as \(star.bayerDesignation ?? star.label), the brightest of "
                    + stars.compactMap(\.bayerDesignation).joined(separator: ", ")
                : nil
            return NameResolution(query: query, object: .star(star), matchedName: star.bayerDesignation ?? key,
                                  via: "Bayer designation", note: note)
        }
        return nil
    }

    func object(for target: Target) throws -> SkyObject {
        switch target {
        case .body(let b): return .body(b)
        case .hip(let hip):
            guard let s = catalog.stars.star(hip: hip) else { throw SkyCatalogError.unknownName("HIP \(hip)", candidates: []) }
            return .star(s)
        case .asterism(let id):
            guard let a = catalog.chinese.asterism(id: id) else { throw SkyCatalogError.unknownName("asterism \(id)", candidates: []) }
            return .group(StarGroup(kind: .asterism, name: "\(a.traditional) (\(a.pinyin), \(a.english))",
                                    members: a.members.compactMap { catalog.stars.star(hip: $0.hip) }, mansion: nil,
                                    asterismID: id, constellation: nil))
        case .mansion(let n):
            let m = catalog.mansions.all[n - 1]
            let ast = catalog.mansionAsterism[n].flatMap { catalog.chinese.asterism(id: $0) }
            var members = ast?.members.filter { !$0.added }.compactMap { catalog.stars.star(hip: $0.hip) } ?? []
            for hip in [m.determinativeHIP, m.earlyDeterminativeHIP] where !members.contains(where: { $0.hip == hip }) {
                if let s = catalog.stars.star(hip: hip) { members.append(s) }
            }
            return .group(StarGroup(kind: .lunarMansion, name: "\(m.name) (\(m.pinyin), \(m.english); lunar mansion \(n))",
                                    members: members, mansion: m, asterismID: ast?.id, constellation: nil))
        case .cluster(let i):
            let c = catalog.clusters[i]
            return .group(StarGroup(kind: .cluster, name: "\(c.designation) (\(c.names.first ?? c.designation))",
                                    members: try catalog.clusterMembers[i].get().compactMap { catalog.stars.star(hip: $0) },
                                    mansion: nil, asterismID: nil, constellation: nil))
        case .enclosure(let name, let ids):
            let walls = ids.compactMap { catalog.chinese.asterism(id: $0) }
            var seen = Set<Int>()
            let members = walls.flatMap(\.members).filter { !$0.added && seen.insert($0.hip).inserted }
                .compactMap { catalog.stars.star(hip: $0.hip) }
            return .group(StarGroup(kind: .asterism, name: "\(name) (\(walls.map(\.traditional).joined(separator: " + ")))",
                                    members: members, mansion: nil, asterismID: nil, constellation: nil))
        case .constellation(let abbr):
            guard let c = catalog.constellations.constellation(abbreviation: abbr) else {
                throw SkyCatalogError.unknownName(abbr, candidates: [])
            }
            var hips: [Int] = []
            for l in c.figure { for h in [l.hip1, l.hip2] where !hips.contains(h) { hips.append(h) } }
            return .group(StarGroup(kind: .constellation, name: "\(c.latinName) (\(c.abbreviation), \(c.englishName))",
                                    members: hips.compactMap { catalog.stars.star(hip: $0) }, mansion: nil,
                                    asterismID: nil, constellation: c.abbreviation))
        }
    }

}

extension NameResolver {
    /// Folds a name for matching: Unicode compatibility forms (full-width, superscripts), tone marks and case are
    /// removed, and spaces, hyphens, underscores, dots and apostrophes dropped.
    public static func normalize(_ s: String) -> String {
        // Most catalogue names are ASCII, for which the folding below is lower-casing: done on bytes, it makes the
        // name index build several times faster (the same result: tested against the full folding).
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(s) }
        return normalizeHan(s) ?? normalizeUnicode(s)
    }

    /// The folding of a name made of ASCII, unified Han ideographs and precomposed Latin letters (nearly every Chinese
    /// name, and pinyin with tone marks), or nil for any other character. Those ideographs (U+3400–4DBF, U+4E00–9FFF)
    /// have no compatibility mapping, case, width or diacritic, so only `characterFold` applies to them; a Latin
    /// letter (U+00C0–024F) folds as the full folding folds it alone (`latinFold`), and ASCII as `normalizeASCII`: the
    /// full folding's result (tested on every name of the catalogue files and random mixtures), several times faster,
    /// which the name index feels.
    static func normalizeHan(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x3400...0x4DBF, 0x4E00...0x9FFF:
                out.append(characterFold[scalar] ?? scalar)
            case 0xC0...0x24F:
                out.append(contentsOf: latinFold[Int(scalar.value) - 0xC0].unicodeScalars)
            case 0x09...0x0D, 0x20, 0x27, 0x28, 0x29, 0x2D, 0x2E, 0x5F:  // whitespace ' ( ) - . _
                continue
            case 0x41...0x5A:
                out.append(Unicode.Scalar(UInt8(scalar.value + 32)))
            case 0...0x7F:
                out.append(scalar)
            default:
                return nil
            }
        }
        return String(out)
    }

    static func normalizeASCII(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case 0x09...0x0D, 0x20, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "'"),
                 UInt8(ascii: "("), UInt8(ascii: ")"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                bytes.append(b + 32)
            default:
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The full folding of each Latin letter U+00C0–024F alone (ā → a, Ü → u).
    static let latinFold: [String] = (0xC0...0x24F).map { normalizeUnicode(String(Character(Unicode.Scalar(UInt32($0))!))) }

    static func normalizeUnicode(_ s: String) -> String {
        let folded = s.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars
        where !(scalar.properties.isWhitespace || "-_.'’·・()（）".unicodeScalars.contains(scalar)) {
            out.append(characterFold[scalar] ?? scalar)
        }
        return String(out)
    }

    /// Characters folded before matching, so that names match across forms: the Siku (文淵閣) variants of the corpus
    /// (嵗 歲, 㣲 微, 隂 陰, 桞/栁 柳, 啓 啟, 髙 高, 闗 關, 乗 乘, 徳 德; corpus README) and the simplified forms of the
    /// characters in mansion, body and alias names (东井 = 東井, 荧惑 = 熒惑).
    static let characterFold: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs = ["嵗歲", "㣲微", "隂陰", "桞柳", "栁柳", "啓啟", "启啟", "髙高", "闗關", "乗乘", "徳德", "东東", "营營",
                     "须須", "牵牽", "舆輿", "轩軒", "辕轅", "娄婁", "毕畢", "参參", "张張", "轸軫", "虚虛", "积積", "荧熒",
                     "岁歲", "镇鎮", "长長", "阴陰", "阳陽", "执執", "将將", "门門", "师師", "织織", "关關", "车車", "诸諸",
                     "罗羅", "垒壘", "尸屍"]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for pair in pairs {
            let scalars = Array(pair.unicodeScalars)
            if scalars.count == 2 { map[scalars[0]] = scalars[1] }
        }
        return map
    }()

    /// Levenshtein distance, giving up (returning `limit + 1`) once every path exceeds `limit`.
    static func editDistance(_ a: [UInt32], _ b: [UInt32], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The enclosures (垣): names as the histories write them → the Qing wall asterisms that make them up.
    static let enclosures: [([String], [String])] = [
        (["太微", "太微垣", "太微宮", "太微宫", "Taiwei"], ["太微左垣", "太微右垣"]),
        (["天市", "天市垣", "Tianshi"], ["天市左垣", "天市右垣"]),
        (["紫微", "紫微垣", "紫宮", "紫宫", "紫微宮", "Ziwei"], ["紫微左垣", "紫微右垣"]),
    ]

    /// Names of the bodies (facts): English, Latin, pinyin, traditional and simplified Chinese, classical aliases
    /// (史記 天官書: 太白 = Venus, 長庚 its evening and 啟明 its morning appearance; 歲星, 熒惑, 填星/鎮星, 辰星;
    /// 太陰 = Moon) and the Siku variant characters of the corpus (嵗星, 啓明).
    static let bodyNames: [(Body, [String])] = [
        (.sun, ["Sun", "Sol", "日", "太陽", "太阳", "Ri", "Taiyang"]),
        (.moon, ["Moon", "Luna", "月", "太陰", "太阴", "Yue", "Taiyin", "月亮"]),
        (.mercury, ["Mercury", "Mercurius", "辰星", "水星", "Chenxing", "Shuixing"]),
        (.venus, ["Venus", "太白", "金星", "長庚", "长庚", "啟明", "啓明", "启明", "Taibai", "Jinxing",
                  "Changgeng", "Qiming"]),
        (.mars, ["Mars", "熒惑", "荧惑", "火星", "Yinghuo", "Huoxing"]),
        (.jupiter, ["Jupiter", "Iuppiter", "歲星", "岁星", "嵗星", "木星", "Suixing", "Muxing"]),
        (.saturn, ["Saturn", "Saturnus", "填星", "鎮星", "镇星", "土星", "Zhenxing", "Tianxing", "Tuxing"]),
        (.uranus, ["Uranus", "天王星", "Tianwangxing"]),
        (.neptune, ["Neptune", "Neptunus", "海王星", "Haiwangxing"]),
    ]
}
