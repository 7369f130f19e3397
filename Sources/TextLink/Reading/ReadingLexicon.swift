import Foundation
import Sky
import ChineseCalendar

/// The words the reader knows, built on the sky-name resolver and the calendar's era list: subjects (the bodies
/// and their classical aliases, comets, guest stars), relation verbs and the variant characters
/// of the printed editions.
///
/// Notes: star, asterism and mansion names are not listed here: any name the `NameResolver` accepts is an object
/// (軒轅大星, 心前星, 東井, 鍵閉). What is added are facts the resolver has no place for: the English subject
/// names of non-body phenomena, the relation verbs of the 天文志 (Ho Peng Yoke 1966, *The Astronomical Chapters of
/// the Chin Shu*, glossary; Liu Ciyuan 劉次沅 2013 for the record classes), part names written without their
/// asterism (上將 of 太微), and the variant characters of the printed editions. Built once; a reference type so
/// that the scanners made for every clause share it.
public final class ReadingLexicon: Sendable {
    /// A subject word: its English names and whether positions can be computed for it.
    public struct Subject: Sendable, Hashable {
        /// The word as read (歲星 for 嵗星).
        public let written: String
        /// English names, one per body (五星 gives the five planets).
        public let english: [String]
        /// Whether an ephemeris gives its place (bodies), as opposed to comets, guest stars and meteors.
        public let computable: Bool
    }

    let resolver: NameResolver
    /// The calendar whose eras are read.
    public let calendar: ChineseCalendar
    let subjects: [String: Subject]
    let subjectFirst: Set<Character>
    let relationsByFirst: [Character: [String]]
    let eraFirstTwo: Set<String>
    let subjectMaxLength: Int
    let eraNames: Set<String>
    let eraMaxLength: Int
    /// Eras by normalised name (至德: 陳 and 唐).
    let erasByName: [String: [Era]]
    /// Era names used only in Japan or Korea (天文, 安永): in a Chinese text these are words (天文志), not eras.
    let foreignEraNames: Set<String>
    /// Dynasty names of Japan and Korea.
    let foreignDynasties: Set<String>
    /// The dynasties each name (唐, 李唐, 後唐 …) may stand for before an era, with the dynasties they contain
    /// (漢 before an era of 東漢).
    let dynastyIDsByName: [String: Set<Int>]
    let dynastyNameMaxLength: Int
    let dynastyFirst: Set<Character>

    /// Builds the lexicon on a sky catalogue and a Chinese calendar.
    public init(catalog: SkyCatalog, calendar: ChineseCalendar) {
        resolver = catalog.resolver
        self.calendar = calendar
        var subs: [String: Subject] = [:]
        for word in ReadingLexicon.bodyWords {
            if let r = catalog.resolver.lookupAll(word).first, case .body(let b) = r.object {
                subs[word] = Subject(written: word, english: [b.displayName], computable: true)
            }
        }
        for (word, english) in ReadingLexicon.phenomena {
            subs[word] = Subject(written: word, english: english, computable: english.count > 1)
        }
        subjects = subs
        subjectMaxLength = subs.keys.map(\.count).max() ?? 1
        subjectFirst = Set(subs.keys.compactMap(\.first))
        relationsByFirst = Dictionary(grouping: ReadingLexicon.relations, by: { $0.first! })
        var eras = Set<String>()
        var byName: [String: [Era]] = [:]
        for e in calendar.eras where e.name.count >= 2 {
            let key = Normalizer.normalize(e.name)
            eras.insert(key)
            byName[key, default: []].append(e)
        }
        eraNames = eras
        eraFirstTwo = Set(eras.map { String($0.prefix(2)) })
        erasByName = byName
        var foreign = Set<String>()
        for e in calendar.eras where (calendar.dynasty(id: e.dynastyID)?.country ?? "c") != "c" { foreign.insert(e.dynasty) }
        foreignDynasties = foreign
        var dynastyIDs: [String: Set<Int>] = [:]
        for id in Set(calendar.eras.map(\.dynastyID)) {
            var ancestor = calendar.dynasty(id: id)
            var seen = Set<Int>()
            while let d = ancestor, seen.insert(d.id).inserted {
                for name in d.names + [d.name] where !name.isEmpty { dynastyIDs[name, default: []].insert(id) }
                ancestor = d.parentID.flatMap(calendar.dynasty(id:))
            }
        }
        dynastyIDsByName = dynastyIDs
        dynastyNameMaxLength = dynastyIDs.keys.map(\.count).max() ?? 1
        dynastyFirst = Set(dynastyIDs.keys.compactMap(\.first))
        foreignEraNames = Set(byName.filter { _, list in list.allSatisfy { foreign.contains($0.dynasty) } }.keys)
        eraMaxLength = eras.map(\.count).max() ?? 4
    }

    /// Classical names of the bodies as subjects (resolved through the sky resolver for their English names).
    static let bodyWords = ["日", "月", "太陽", "太陰", "太白", "長庚", "啟明", "熒惑", "歲星", "鎮星", "填星", "辰星"]

    /// Phenomena that are subjects but not bodies (facts: 史記 天官書, 晉書 天文志 中 星變 classes). Five planets
    /// are listed by name so a record of 五星 tests all five.
    static let phenomena: [(String, [String])] = [
        ("彗星", ["comet"]), ("彗", ["comet"]), ("孛星", ["comet"]), ("星孛", ["comet"]), ("孛", ["comet"]),
        ("長星", ["comet"]), ("客星", ["guest star"]), ("流星", ["meteor"]), ("奔星", ["meteor"]),
        ("飛星", ["meteor"]), ("枉矢", ["meteor"]), ("天狗", ["meteor"]), ("星隕", ["meteor"]), ("隕星", ["meteor"]),
        ("妖星", ["guest star"]), ("大星", ["large star"]), ("常星", ["fixed stars"]),
        ("五星", ["Mercury", "Venus", "Mars", "Jupiter", "Saturn"]),
        ("五緯", ["Mercury", "Venus", "Mars", "Jupiter", "Saturn"]),
    ]

    /// Relation verbs, longest first (variants already normalised: 蝕 kept as written, read as 食).
    static let relations: [String] = [
        "晝見", "夕見", "晨見", "經天", "逆行", "順行", "不見", "復見", "芒角", "變色", "無光", "相犯", "勾己", "鉤己",
        "守", "犯", "入", "掩", "合", "乘", "貫", "經", "歷", "留", "見", "伏", "食", "蝕", "聚", "鬬", "襲", "出",
        "去", "在", "旅", "舍", "居", "抵", "觸", "退", "贏", "縮", "凌", "向", "暈", "珥", "隕", "流", "赤", "黃", "青", "黑", "白", "鬭", "鬥",
    ].sorted { $0.count > $1.count }

    /// Relations that say nothing a computed position can test, with the reason.
    static let untestable: [String: String] = [
        "暈": "a halo", "珥": "a halo (ears)", "芒角": "rays (芒角)", "變色": "a colour", "無光": "brightness",
        "赤": "a colour", "黃": "a colour", "青": "a colour", "黑": "a colour", "白": "a colour", "隕": "a falling star",
        "流": "a meteor", "贏": "a place ahead of the tables", "縮": "a place behind the tables",
    ]

    /// Part names written without their asterism, and old names the resolver does not know, as the names it
    /// does (facts): 上將, 上相, 次相 of 太微's two walls (晉書 天文志 上: 太微 西蕃 "南第一星曰右執法… 北曰上將", 東蕃
    /// "南第一星曰左執法… 其北東次相… 東上相"); 權 = 軒轅 (史記 天官書: "權，軒轅"); 壁壘陣 is 宋史's inversion of
    /// 壘壁陣.
    static let partNames: [String: [String]] = [
        "上將": ["西上將", "東上將"], "上相": ["西上相", "東上相"], "次相": ["西次相", "東次相"], "權": ["軒轅"],
        "左右執法": ["左執法", "右執法"], "壁壘陣": ["壘壁陣"],
    ]

    /// Section titles of the 天文志 and the subject they supply to the records under them.
    static let sectionTitles: [(String, [String]?)] = [
        ("月五星凌犯及星變", nil), ("五星聚合", nil), ("日食", ["Sun"]), ("日蝕", ["Sun"]), ("日變", ["Sun"]),
        ("月變", ["Moon"]), ("孛彗", ["comet"]), ("彗孛", ["comet"]), ("星變", nil), ("客星", ["guest star"]),
        ("流星", ["meteor"]), ("流隕", ["meteor"]), ("妖星", ["guest star"]),
    ]

    static let sectionTitleFirst: Set<Character> = Set(sectionTitles.compactMap(\.0.first))

    /// Character variants of the Siku and other printed editions read as the standard form everywhere (names,
    /// verbs, dates); the calendar's `Normalizer` adds its own for dates.
    static let variants: [Character: Character] = [
        "嵗": "歲", "歳": "歲", "徳": "德", "寳": "寶", "㣲": "微", "隂": "陰", "乗": "乘", "闗": "關", "髙": "高",
        "桞": "柳", "栁": "柳", "縂": "總", "啓": "啟", "夘": "卯", "乂": "又", "邉": "邊", "逺": "遠", "宫": "宮",
        "填": "鎮", "虚": "虛", "𤣥": "玄", "罇": "樽", "䑓": "臺", "鈎": "鉤", "罸": "罰", "眀": "明", "将": "將",
        "舎": "舍", "厯": "曆", "熈": "熙", "奄": "掩", "鬭": "鬬", "鬥": "鬬", "歴": "歷",
    ]

    /// The subject written at `pos`, longest first.
    func subject(in chars: [Character], at pos: Int) -> Subject? {
        guard pos < chars.count, subjectFirst.contains(chars[pos]) else { return nil }
        var len = min(subjectMaxLength, chars.count - pos)
        while len >= 1 {
            if let s = subjects[String(chars[pos..<(pos + len)])] { return s }
            len -= 1
        }
        return nil
    }

    /// The relation verb written at `pos`, longest first.
    func relation(in chars: [Character], at pos: Int) -> String? {
        guard pos >= 0, pos < chars.count, let list = relationsByFirst[chars[pos]] else { return nil }
        for r in list where pos + r.count <= chars.count {
            if String(chars[pos..<(pos + r.count)]) == r { return r }
        }
        return nil
    }

    /// The era name written at `pos` in `dateChars` (the text with the calendar's `Normalizer` map applied), longest
    /// first, at most `limit` characters.
    func era(in dateChars: [Character], at pos: Int) -> String? {
        guard pos + 2 <= dateChars.count, eraFirstTwo.contains(String(dateChars[pos..<(pos + 2)])) else { return nil }
        var len = min(eraMaxLength, dateChars.count - pos)
        while len >= 2 {
            let name = String(dateChars[pos..<(pos + len)])
            if eraNames.contains(name) { return name }
            len -= 1
        }
        return nil
    }
}

/// Names looked up during one reading, cached (lookups repeat: 太微, 東井, 輿鬼 …).
final class NameCache {
    private var known: [String: [NameResolution]] = [:]
    let resolver: NameResolver

    init(resolver: NameResolver) { self.resolver = resolver }

    /// Every reading of a name (several for 五諸侯); empty when unknown. Constellation names (Western) are not
    /// objects of a Chinese record.
    func lookupAll(_ name: String) -> [NameResolution] {
        if let hit = known[name] { return hit }
        let found = (ReadingLexicon.partNames[name].map { $0.flatMap { resolver.lookupAll($0) } }
                     ?? resolver.lookupAll(name)).filter {
            if case .group(let g) = $0.object, g.kind == .constellation { return false }
            return true
        }
        known[name] = found
        return found
    }

    /// The single reading of a name, nil when unknown.
    func lookup(_ name: String) -> NameResolution? { lookupAll(name).first }
}
