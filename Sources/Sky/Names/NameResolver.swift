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
    enum Target: Hashable, Sendable {
        case body(Body), hip(Int), asterism(Int), mansion(Int), cluster(Int), constellation(String)
    }
    struct Entry: Hashable, Sendable {
        let target: Target
        let tier: Int
        let name: String
        let via: String
    }

    private let names: [String: [Entry]]
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
        let clusterMembers: [[Int]]
        let mansionAsterism: [Int: Int]
    }

    init(parts: SkyCatalogParts, aliases: [(name: String, target: String, note: String)]) throws {
        catalog = parts
        var n: [String: [Entry]] = [:]
        func add(_ name: String, _ target: Target, tier: Int, via: String) {
            let key = NameResolver.normalize(name)
            guard !key.isEmpty else { return }
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
        for hip in parts.stars.designatedHIPs {
            if let name = parts.stars.star(hip: hip)?.properName { add(name, .hip(hip), tier: 3, via: "IAU proper name") }
        }
        for s in parts.chinese.starNames {
            guard parts.stars.star(hip: s.hip) != nil else { continue }
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
        for hip in parts.stars.designatedHIPs {
            guard let s = parts.stars.star(hip: hip), let con = s.constellation else { continue }
            if let letter = s.bayer {
                b["\(letter)|\(con)", default: []].append(hip)
                let base = String(letter.prefix { $0.isLetter })
                if base != letter { b["\(base)|\(con)", default: []].append(hip) }
            }
            if let fl = s.flamsteed { f["\(fl)|\(con)"] = hip }
        }
        // Traditional names whose targets are given as designations (checked here, so a bad table fails loudly).
        var withAliases = n
        for alias in aliases {
            let resolved = try NameResolver(names: n, bayer: b, flamsteed: f, constellationKey: conKey, catalog: parts)
                .resolve(alias.target)
            let target: Target
            switch resolved.object {
            case .star(let s): target = .hip(s.hip)
            case .group(let g) where g.kind == .cluster:
                guard let i = parts.clusters.firstIndex(where: { g.name.hasPrefix($0.designation) }) else { continue }
                target = .cluster(i)
            default: continue
            }
            let key = NameResolver.normalize(alias.name)
            let entry = Entry(target: target, tier: 3, name: alias.name, via: "traditional Chinese name")
            if withAliases[key]?.contains(where: { $0.target == target }) != true { withAliases[key, default: []].append(entry) }
        }
        names = withAliases
        bayer = b
        flamsteed = f
    }

    private init(names: [String: [Entry]], bayer: [String: [Int]], flamsteed: [String: Int],
                 constellationKey: [String: String], catalog: SkyCatalogParts) {
        self.names = names
        self.bayer = bayer
        self.flamsteed = flamsteed
        self.constellationKey = constellationKey
        self.catalog = catalog
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

    /// The closest known names to a normalised key (prefix matches first, then by edit distance).
    func candidates(for key: String, limit: Int = 8) -> [String] {
        let queryChars = Array(key)
        var scored: [(score: Int, name: String)] = []
        let maxDistance = max(1, min(3, queryChars.count / 3))
        for (k, entries) in names {
            guard let first = entries.first else { continue }
            if k.hasPrefix(key) && k != key {
                scored.append((0, first.name))
                continue
            }
            let kc = Array(k)
            guard abs(kc.count - queryChars.count) <= maxDistance else { continue }
            let d = NameResolver.editDistance(queryChars, kc)
            if d <= maxDistance { scored.append((d, first.name)) }
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
                                    members: catalog.clusterMembers[i].compactMap { catalog.stars.star(hip: $0) },
                                    mansion: nil, asterismID: nil, constellation: nil))
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

    /// Folds a name for matching: Unicode compatibility forms (full-width, superscripts), tone marks and case are
    /// removed, and spaces, hyphens, underscores, dots and apostrophes dropped.
    public static func normalize(_ s: String) -> String {
        let folded = s.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { scalar in
            !(scalar.properties.isWhitespace || "-_.'’·・()（）".unicodeScalars.contains(scalar))
        }.map(Character.init))
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

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
