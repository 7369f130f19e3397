import Foundation
import Sky

/// An event clause as read: subjects, claims, and where it ends.
struct EventClause {
    var start: Int
    var end: Int
    var subjects: [ReadingLexicon.Subject] = []
    var claims: [Claim] = []
    var problems: [String] = []
    var untestable: [String] = []
}

/// Reads event clauses: 熒惑犯右執法, 太白晝見經天, 月犯嵗星在營室, 日有食之在翼四度, 入太微犯左執法.
struct EventParser {
    let lexicon: ReadingLexicon
    let scanner: DateScanner
    let names: NameCache
    var chars: [Character] { scanner.chars }

    func at(_ k: Int) -> Character? { k >= 0 && k < chars.count ? chars[k] : nil }

    func matches(_ word: String, at k: Int) -> Bool {
        var i = k
        for c in word {
            guard at(i) == c else { return false }
            i += 1
        }
        return true
    }

    /// Fillers allowed before a verb in a chain: 遂 因 而 乃 又 還 復 (復 is kept with the verb).
    static let linkWords = ["已而", "既而", "相繼", "遂", "因", "而", "乃", "又", "還", "同", "皆", "並", "俱", "相", "漸", "行", "有"]

    /// Relations only the sky has, enough to make a clause without a subject a record.
    static let astronomical: Set<String> = ["晝見", "夕見", "晨見", "經天", "逆行", "順行", "守", "犯", "掩", "乘", "貫",
                                            "留", "伏", "聚", "鬬", "襲", "芒角", "凌", "復犯", "復入", "復守", "復掩", "復合"]

    /// The subject word at `k`, unless it is part of a date or a count: 月 of 十二月 or 是月, 日 of 二十日 or 連日.
    func subject(at k: Int) -> ReadingLexicon.Subject? {
        // 星出天紀, 星隕: a star that appears, moves or falls (the records of the 流隕 chapters).
        if at(k) == "星", let next = at(k + 1), "出隕流見晝隔".contains(next) {
            return ReadingLexicon.Subject(written: "星", english: ["star"], computable: false)
        }
        guard let s = lexicon.subject(in: chars, at: k) else { return nil }
        // 如太白, 大如月: a comparison of size or brightness, not a subject.
        if let prev = at(k - 1), "如若似".contains(prev) { return nil }
        if s.written == "月" || s.written == "日", let prev = at(k - 1) {
            if DateScanner.numerals.contains(prev) || "正臘閏是其每數逾連即翌明旬累半".contains(prev) { return nil }
            if s.written == "月", k >= 2, at(k - 2) == "建" { return nil }
        }
        // 日晡, 日初入, 日昃, 日暮, 日已出: times of day.
        if s.written == "日", let next = at(k + 1), "晡初昃暮旰已夕".contains(next) { return nil }
        return s
    }

    /// Subjects at `k` (several in the order written, joined directly or by 與/及): the subjects and the end.
    func subjects(at k: Int) -> ([ReadingLexicon.Subject], Int) {
        var out: [ReadingLexicon.Subject] = []
        var p = k
        while let s = subject(at: p) {
            out.append(s)
            p += s.written.count
            if matches("與", at: p) || matches("及", at: p), subject(at: p + 1) != nil { p += 1 }
        }
        return (out, p)
    }

    /// The event clause at `k`; nil when no subject or relation starts there. `needSubject`: a clause without a
    /// date of its own must name its subject.
    func parse(at k: Int, needSubject: Bool, previousObject: (String, [String])?,
               allowDescription: Bool = true) -> EventClause? {
        var ev = EventClause(start: k, end: k)
        var p = k
        var daytime = false
        if at(p) == "晝", subject(at: p + 1) != nil { daytime = true; p += 1 }
        // 有星孛于X, 有彗星出X, 有客星見X.
        if at(p) == "有", let s = lexicon.subject(in: chars, at: p + 1), !s.computable || s.english == ["comet"] {
            p += 1
        } else if matches("有星孛", at: p) {
            p += 2
        }
        let (subs, afterSubjects) = subjects(at: p)
        ev.subjects = subs
        p = afterSubjects
        // (熒惑)又與太白合于女: the body after 與 is the object of the relation, the subject is the record's before.
        var companions: [ReadingLexicon.Subject] = []
        if subs.isEmpty {
            var q = p
            if at(q) == "又" || at(q) == "復" { q += 1 }
            if at(q) == "與" {
                let (others, e) = subjects(at: q + 1)
                if !others.isEmpty, others.allSatisfy(\.computable) { companions = others; p = e }
            }
        }
        let companion = companions.first
        if needSubject && subs.isEmpty && companion == nil { return nil }
        // 日有食之, 月有食之.
        if subs.count == 1, matches("有食之", at: p) || matches("有蝕之", at: p) {
            var claim = Claim(subjects: subs.first!.english, relation: "食", daytime: daytime)
            p += 3
            if at(p) == "既" { p += 1 } else if matches("幾既", at: p) || matches("㡬既", at: p) { p += 2 }
            p = positionAndDistance(after: p, claim: &claim, ev: &ev)
            ev.claims.append(claim)
            ev.end = p
            return ev
        }
        var sawVerb = false
        while true {
            var q = p
            var prefix = ""
            var again = false
            var moved = true
            while moved {
                moved = false
                if at(q) == "又", lexicon.relation(in: chars, at: q + 1) != nil { again = true }
                for w in EventParser.linkWords where matches(w, at: q) {
                    // 行 only before 在/入 etc. is a link word; elsewhere 行 is not read.
                    if w == "行", lexicon.relation(in: chars, at: q + 1) == nil { continue }
                    q += w.count; moved = true
                    break
                }
                if at(q) == "晝", let r = lexicon.relation(in: chars, at: q + 1), r != "見" { daytime = true; q += 1; moved = true }
                if at(q) == "復", lexicon.relation(in: chars, at: q + 1) != nil { prefix = "復"; again = true; q += 1 }
            }
            // 有彗星于東方, 有星孛于虛危: the place follows the subject with 于 and no verb.
            if !sawVerb, !ev.subjects.isEmpty, q == p, at(q) == "于" || at(q) == "於", object(at: q + 1) != nil
                || mansion(at: q + 1) != nil {
                var claim = Claim(subjects: ev.subjects.flatMap(\.english), relation: String(chars[q]), daytime: daytime)
                if let (obj, ids, e) = object(at: q + 1) { claim.object = obj; claim.objectIDs = ids; q = e } else { q += 1 }
                q = positionAndDistance(after: q, claim: &claim, ev: &ev)
                ev.claims.append(claim)
                sawVerb = true
                p = q
                ev.end = p
                continue
            }
            // A description between the subject and its first verb (有客星色白如粉絮在太微西, 鎮星依曆在觜觿):
            // up to six characters are passed over, never a commentary, a parenthesis or a date.
            if allowDescription, !sawVerb, !ev.subjects.isEmpty, lexicon.relation(in: chars, at: q) == nil {
                var r = q
                while r < q + 6, let c = at(r), !"占曰也(（".contains(c), scanner.clause(at: r) == nil,
                      lexicon.relation(in: chars, at: r) == nil || "白黃青赤黑".contains(c) {
                    r += 1
                }
                if r < q + 6, lexicon.relation(in: chars, at: r) != nil, at(r).map({ !"白黃青赤黑".contains($0) }) == true { q = r }
            }
            guard let verb = lexicon.relation(in: chars, at: q) else { break }
            // 見 after 晝 already read as 晝見.
            if verb == "白" || verb == "黃" || verb == "青" || verb == "赤" || verb == "黑" {
                guard !ev.subjects.isEmpty, !sawVerb else { break }
            }
            // Later in a chain, 在 without a place after it (在秦分) ends the clause.
            if sawVerb, verb == "在", mansion(at: q + 1) == nil, knownName(at: q + 1, allowBody: false) == nil { break }
            sawVerb = true
            q += verb.count
            var rel = prefix + (verb == "書見" ? "晝見" : verb)
            if rel == "蝕" { rel = "食" }
            var claim = Claim(subjects: ev.subjects.first.map { _ in ev.subjects.flatMap(\.english) } ?? [],
                              relation: rel, daytime: daytime || verb == "晝見")
            if let why = ReadingLexicon.untestable[verb] { ev.untestable.append(why) }
            // Object.
            var r = q
            if let c = at(r), "于於乎".contains(c) { r += 1 }
            let takesObject = !["逆行", "順行", "晝見", "夕見", "晨見", "經天", "留", "伏", "不見", "芒角", "變色", "無光",
                                "暈", "珥", "赤", "黃", "青", "黑", "白", "去", "退"].contains(verb)
            if !companions.isEmpty, ev.claims.isEmpty {
                claim.object = companions.map(\.written).joined(); claim.objectIDs = companions.flatMap(\.english)
            } else if at(r) == "之", takesObject {
                if let prev = previousObject { claim.object = prev.0; claim.objectIDs = prev.1 }
                r += 1
                q = r
            } else if takesObject, let (obj, ids, e) = object(at: r) {
                claim.object = obj; claim.objectIDs = ids
                q = e
            } else if takesObject, let base = ev.claims.last(where: { !$0.objectIDs.isEmpty }),
                      qualifierRun(at: r) > r + 1 {
                // 遂犯南轅第一星: a part of the object named before in the clause (東井).
                let e = qualifierRun(at: r)
                claim.object = String(chars[r..<e]); claim.objectIDs = base.objectIDs
                q = e
            } else if takesObject, qualifierRun(at: r) > r + 1 {
                // 犯東第五星: a part whose asterism the text leaves to the reader.
                let e = qualifierRun(at: r)
                claim.object = String(chars[r..<e])
                ev.problems.append("part \(claim.object) of an asterism the text does not name")
                q = e
            } else if takesObject, ["犯", "入", "守", "掩", "合", "乘", "貫", "食", "襲", "聚"].contains(verb),
                      let (unknown, e) = unknownName(at: r) {
                claim.object = unknown
                ev.problems.append("unknown star name \(unknown) (not in the sky catalogue; try `skyrecon sky find \(unknown)`)")
                q = e
            }
            if claim.object.isEmpty, takesObject, again, ev.claims.isEmpty, let prev = previousObject {
                // 又犯, 復犯 with nothing after: again the object of the record before.
                claim.object = prev.0; claim.objectIDs = prev.1
            }
            q = positionAndDistance(after: q, claim: &claim, ev: &ev)
            ev.claims.append(claim)
            p = q
            ev.end = p
        }
        if ev.claims.isEmpty { return nil }
        // Without a subject of its own, a clause is a record only when it says something only a star does
        // (逆行, 晝見, 犯 …) or names a star: 入京師 in an annal is not a record.
        if ev.subjects.isEmpty && companion == nil,
           !ev.claims.contains(where: { !$0.objectIDs.isEmpty || EventParser.astronomical.contains($0.relation) }) {
            return nil
        }
        return ev
    }

    /// 在翼四度, 在昴, 于角 (when the claim has its object), 相去二寸, 七寸, 一尺.
    func positionAndDistance(after k: Int, claim: inout Claim, ev: inout EventClause) -> Int {
        var p = k
        if at(p) == "在" || (!claim.object.isEmpty && (at(p) == "于" || at(p) == "於")) || matches("至", at: p) {
            var q = p + 1
            if let m = mansion(at: q) {
                q += m.written
                var du: Double? = nil
                if let (n, e) = scanner.numeral(at: q), at(e) == "度" {
                    du = Double(n); q = e + 1
                    if at(q) == "餘" || at(q) == "半" { q += 1 }
                } else if at(q) == "度" { q += 1 }
                if at(q) == "中" { q += 1 }
                claim.position = MansionDu(mansion: m.name, du: du)
                p = q
            } else if at(p) == "在", claim.object.isEmpty, let (obj, ids, e) = object(at: q) {
                // 同在虛危中: the place is the object of 在.
                if claim.relation == "在" { claim.object = obj; claim.objectIDs = ids } else if claim.position == nil,
                    let m = ids.first, m.count == 1 { claim.position = MansionDu(mansion: m) }
                p = e
            }
        }
        // Distances.
        var q = p
        for w in ["相去", "相距", "去之", "去", "距"] where matches(w, at: q) { q += w.count; break }
        if let (n, e) = scanner.numeral(at: q), let u = at(e), "寸尺".contains(u) {
            claim.distanceChi = u == "寸" ? Double(n) / 10 : Double(n)
            p = e + 1
            if at(p) == "餘" || at(p) == "許" { p += 1 }
        } else if matches("尺餘", at: q) {
            claim.distanceChi = 1; p = q + 2
        }
        return p
    }

    /// A lunar mansion written at `k`: its one-character name and the length written.
    func mansion(at k: Int) -> (name: String, written: Int)? {
        for len in stride(from: 3, through: 1, by: -1) where k + len <= chars.count {
            let s = String(chars[k..<(k + len)])
            if let r = names.lookup(s), case .group(let g) = r.object, g.kind == .lunarMansion, let m = g.mansion {
                return (m.name, len)
            }
        }
        return nil
    }

    /// The object at `k`: a known name, its part qualifiers, and a second name joined to it (東井輿鬼, 井鉞).
    func object(at k: Int) -> (String, [String], Int)? {
        guard let (base, ids, e) = knownName(at: k, allowBody: true) else { return nil }
        var text = base
        var ids2 = ids
        var p = e
        var extended = true
        while extended {
            extended = false
            let run = qualifierRun(at: p)
            if run > p { text += String(chars[p..<run]); p = run; extended = true; continue }
            if lexicon.subject(in: chars, at: k) == nil,
               let (more, moreIDs, e2) = knownName(at: p, allowBody: false), lexicon.subject(in: chars, at: p) == nil {
                text += more; ids2 = moreIDs + ids2; p = e2; extended = true
            }
        }
        if at(p) == "間" { p += 1 }
        return (text, ids2, p)
    }

    /// Characters of a part qualifier after a name: 東井北轅, 輿鬼西南星, 太微東扇上相星, 畢右股第一星, 南斗魁.
    static let qualifierCharacters: Set<Character> = Set("東西南北上下中前後左右大扇蕃垣將相次星股口魁杓轅距內内后")

    /// The end of the qualifier run at `k` (`k` when there is none): qualifier characters and 第 + numeral; a run
    /// never takes the start of an era date or a body's name.
    func qualifierRun(at k: Int) -> Int {
        var p = k
        while let c = at(p) {
            if c == "第", let n = at(p + 1), DateScanner.numerals.contains(n) {
                p += 2
                while let m = at(p), DateScanner.numerals.contains(m) { p += 1 }
                continue
            }
            guard EventParser.qualifierCharacters.contains(c) else { break }
            if let s = lexicon.subject(in: chars, at: p), s.computable { break }
            // 犯歲星大中祥符二年: the run stops where an era begins.
            if startsDate(at: p) { break }
            p += 1
        }
        // A run does not end in a bare direction or 大/上/下 (昴西 is a place; 大 starts commentary).
        while p > k, let c = at(p - 1), "東西南北上下前後左右大".contains(c) { p -= 1 }
        return p
    }

    /// The longest known name at `k` (bodies only when `allowBody`): as written, its ids (every reading of an
    /// ambiguous name), its end.
    func knownName(at k: Int, allowBody: Bool) -> (String, [String], Int)? {
        if startsDate(at: k) { return nil }
        for len in stride(from: min(6, chars.count - k), through: 1, by: -1) {
            let s = String(chars[k..<(k + len)])
            if s.contains(where: { !EventParser.isNameCharacter($0) }) { continue }
            // One-character names (相, 行) are not read where the character is a link or function word.
            if len == 1, "之于於而又其也為是有者以曰占遂因乃還同皆並俱相漸行復推".contains(s) { continue }
            // 軒轅六 before 月: the numeral belongs to the next date (軒轅 六月).
            if len > 1, let last = s.last, DateScanner.numerals.contains(last), let next = at(k + len),
               "月年載日旬度寸尺".contains(next) || DateScanner.numerals.contains(next) { continue }
            let found = names.lookupAll(s)
            guard !found.isEmpty else { continue }
            var ids: [String] = []
            for r in found {
                switch r.object {
                case .body(let b):
                    if allowBody { ids.append(b.displayName) }
                case .star(let star):
                    ids.append("HIP\(star.hip)")
                case .group(let g):
                    // The group's own name when the resolver reads it back alone (not 太微's display form).
                    ids.append(g.mansion?.name ?? (names.lookupAll(g.name).count == 1 ? g.name : r.matchedName))
                }
            }
            if ids.isEmpty { continue }
            return (s, ids, k + len)
        }
        return nil
    }

    /// Characters a name can hold: CJK ideographs (not parentheses, punctuation or line breaks).
    static func isNameCharacter(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
    }

    /// Whether an era date (開寶三年) starts at `k`: names never take it.
    func startsDate(at k: Int) -> Bool {
        guard let c = scanner.clause(at: k) else { return false }
        return c.era != nil
    }

    /// An unknown name after a verb: up to two characters before a boundary (a date, 占, a verb, a subject).
    func unknownName(at k: Int) -> (String, Int)? {
        if startsDate(at: k) { return nil }
        if EventParser.linkWords.contains(where: { matches($0, at: k) }) || at(k) == "復" { return nil }
        var e = k
        // Most asterism names the resolver lacks have two characters (鄭星, 端門): no more are taken.
        while e < chars.count, e - k < 2 {
            let c = chars[e]
            if "占曰之也為者其雲陰既又遂因而乃復還言云推".contains(c) || !EventParser.isNameCharacter(c) || DateScanner.numerals.contains(c) || lexicon.relation(in: chars, at: e) != nil
                || lexicon.subject(in: chars, at: e) != nil || Sexagenary(String(chars[e..<min(e + 2, chars.count)])) != nil {
                break
            }
            e += 1
        }
        return e > k ? (String(chars[k..<e]), e) : nil
    }
}

import ChineseCalendar
