import Foundation
import ChineseCalendar
import Sky

/// Reads the astronomical records of a treatise (天文志) or annal (本紀) chapter: segmentation into records, dates
/// with inheritance, subjects, relations, objects and positions.
///
/// Given: the unpunctuated text of a chapter, as in the corpus (variant characters kept).
///
/// Returns: one `RecordReading` per observed event, in text order. A record is a date clause and the event
/// clause it governs; the date inherits era, year and month from the records before it (as the histories are
/// written), 是月/是夜/其夜/明年/是歲/閏月 keep or shift it, and a reused era name is resolved by the day of the
/// record before (`DateContext.near`). Prognostications (占曰…), commentary and section prefaces are not records;
/// the text following a record up to the next is kept as its `context`, and a section title (日食, 客星) supplies
/// the subject of the records under it.
///
/// Notes: a date clause with no event (an annal's 三月甲子幸洛陽) is read for its date and updates the context but
/// gives no record. Variant characters and copying slips (嵗, 㣲, 戍 for 戌, 書見 for 晝見) are read as the
/// standard form and listed in each record's `normalisations`.
public struct TreatiseReader: Sendable {
    /// The lexicon (subjects, relations, object names through the sky resolver, the calendar's eras).
    public let lexicon: ReadingLexicon
    /// The calendar that gives the civil day.
    public var calendar: ChineseCalendar { lexicon.calendar }

    /// Creates a reader on a sky catalogue and a calendar.
    public init(catalog: SkyCatalog, calendar: ChineseCalendar) {
        self.lexicon = ReadingLexicon(catalog: catalog, calendar: calendar)
    }

    /// A reader on the standard catalogue and calendar (loaded once).
    public static func standard() throws -> TreatiseReader {
        TreatiseReader(catalog: try SkyCatalog.standard(), calendar: try ChineseCalendar.standard())
    }

    /// Reads every record of `text`; `file` is copied into each record. Never throws: unreadable dates and unknown
    /// names are reported in each record's `problems` and `date.status`.
    public func read(_ text: String, file: String = "") -> [RecordReading] {
        let original = text.unicodeScalars.map(Character.init)
        var chars = original
        var notes: [Normalisation] = []
        for (i, c) in chars.enumerated() {
            if let v = ReadingLexicon.variants[c] {
                chars[i] = v
                notes.append(Normalisation(offset: i, written: String(c), read: String(v), reason: "variant character"))
            }
        }
        // 書見 for 晝見 (a copying slip of the printed edition), except where 書 is a document (上書見, 詔書見).
        for i in 0..<max(0, chars.count - 1) where chars[i] == "書" && chars[i + 1] == "見" {
            if i == 0 || !"上詔奏遺史尚中圖".contains(chars[i - 1]) || chars[safe: i + 2] == "經" {
                chars[i] = "晝"
                notes.append(Normalisation(offset: i, written: "書", read: "晝", reason: "copying slip (書見 for 晝見)"))
            }
        }
        var session = Session(reader: self, original: original, chars: chars, notes: notes, file: file)
        return session.run()
    }
}

/// One reading pass over a text (mutable state local to the pass).
struct Session {
    let reader: TreatiseReader
    let original: [Character]
    let chars: [Character]
    let notes: [Normalisation]
    let file: String
    let names: NameCache
    var state = DateState()
    var records: [RecordReading] = []
    var previousSubjects: [String] = []
    var previousObject: (String, [String])?
    var section: String?
    var lastRecordEnd = -1
    var currentDate: RecordDate?
    /// Dates listed before a shared event (…及…俱犯).
    var pending: [(DateClause, RecordDate)] = []

    init(reader: TreatiseReader, original: [Character], chars: [Character], notes: [Normalisation], file: String) {
        self.reader = reader
        self.original = original
        self.chars = chars
        self.notes = notes
        self.file = file
        self.names = NameCache(resolver: reader.lexicon.resolver)
        scanner = DateScanner(lexicon: reader.lexicon, chars: chars)
        events = EventParser(lexicon: reader.lexicon, scanner: scanner, names: names)
    }

    let scanner: DateScanner
    let events: EventParser

    mutating func run() -> [RecordReading] {
        var i = 0
        while i < chars.count {
            // Inline commentary in parentheses (顏師古, 李賢 and 劉昭 in 漢書 and 後漢書) is not read.
            if chars[i] == "(" || chars[i] == "（" {
                var depth = 0
                while i < chars.count {
                    if chars[i] == "(" || chars[i] == "（" { depth += 1 }
                    if chars[i] == ")" || chars[i] == "）" { depth -= 1; if depth == 0 { break } }
                    i += 1
                }
                i += 1
                continue
            }
            // Section titles directly before a date.
            var titled = false
            for (title, subject) in ReadingLexicon.sectionTitles
            where ReadingLexicon.sectionTitleFirst.contains(chars[i]) && scanner.matches(title, at: i) {
                let after = i + title.count
                if let c = scanner.clause(at: after), c.hasYear || c.hasMonth {
                    section = title
                    if let subject { previousSubjects = subject }
                    i = after
                    titled = true
                }
                break
            }
            if titled { continue }
            if var clause = scanner.clause(at: i) {
                // An era name that is a word of the text here (天文 of 天文志, 燕王 the prince) before a year of
                // the current era.
                if let era = clause.era, let (rest, plain) = eraIsAWord(era, at: clause.start + (clause.dynasty?.count ?? 0)) {
                    if plain.isEmpty { i = rest; continue }
                    clause = plain
                    i = rest
                }
                if clause.hasYear || clause.hasMonth { takeHeading(before: clause.start) }
                // A month or day alone counts only when an event follows at once.
                var ev = events.parse(at: clause.end, needSubject: false, previousObject: previousObject)
                if ev == nil, clause.hasYear || clause.hasMonth {
                    ev = searchForward(from: clause.end)
                }
                let strong = clause.hasYear || clause.hasMonth || clause.marker != nil
                if ev == nil && !strong { i += 1; continue }
                let inherited = state.apply(clause)
                let date = resolveDate(inherited: inherited)
                currentDate = date
                if let ev {
                    // 十一月癸卯及永樂四年正月戊午…俱犯熒惑: every date listed before 俱 has the event.
                    if let c = chars[safe: clause.end], "俱皆並".contains(c) {
                        for (pc, pd) in pending {
                            var shared = ev
                            shared.start = pc.end; shared.end = pc.end
                            emit(start: pc.start, event: shared, date: pd, dateNotes: pc.normalisations,
                                 spanEnd: pc.end)
                        }
                    }
                    pending = []
                    emit(start: clause.start, event: ev, date: date, dateNotes: clause.normalisations)
                    i = ev.end
                } else {
                    var j = clause.end
                    if chars[safe: j] == "及" { j += 1 }
                    if scanner.clause(at: j) != nil { pending.append((clause, date)) } else { pending = [] }
                    i = clause.end
                }
                continue
            }
            // An event written straight after a record (or after one word of place: 后星上) shares its date.
            if i == lastRecordEnd || (i == lastRecordEnd + 1 && i > 0 && "上下旁側間".contains(chars[i - 1])),
               let date = currentDate,
               let ev = events.parse(at: i, needSubject: true, previousObject: previousObject, allowDescription: false) {
                var d = date
                d.inherited = ["dynasty", "era", "year", "month", "day"].filter { part in
                    part == "day" ? d.dayGanzhi != nil || d.dayNumber != nil || d.dayMarker != nil : true
                }
                emit(start: i, event: ev, date: d, dateNotes: [])
                i = ev.end
                continue
            }
            i += 1
        }
        attachContext()
        return records
    }

    /// An event named with its subject within a few characters after a date (太宗征髙麗次安市城太白辰星合于東井).
    func searchForward(from k: Int) -> EventClause? {
        var p = k
        while p < min(chars.count, k + 16) {
            if scanner.clause(at: p) != nil || chars[p] == "占" { return nil }
            if chars[p] == "(" || chars[p] == "（" { return nil }
            if events.subject(at: p) != nil,
               let ev = events.parse(at: p, needSubject: true, previousObject: previousObject) {
                var e = ev
                e.start = k
                return e
            }
            p += 1
        }
        return nil
    }

    /// Whether an era name before a year is a word of the text (燕王 the prince) rather than an era: its closest
    /// era is of a state off the main line, far (over 150 years) from the record before and of another dynasty,
    /// and the year fits the current era. Gives the clause read without it.
    func eraIsAWord(_ name: String, at k: Int) -> (Int, DateClause)? {
        let foreignContext = state.dynasty.map(reader.lexicon.foreignDynasties.contains) ?? false
        if reader.lexicon.foreignEraNames.contains(Normalizer.normalize(name)), !foreignContext {
            let rest = k + name.count
            if let plain = scanner.clause(at: rest, allowEra: false), plain.hasYear { return (rest, plain) }
            return (rest, DateClause(start: rest, end: rest))
        }
        guard let current = state.era, let (_, chosen, cost) = Optional(chooseEra(name)), let chosen,
              cost > 150 * 36525 / 100, chosen.dynasty != state.dynasty,
              !ChineseCalendar.mainLineDynastyIDs.contains(chosen.dynastyID) else { return nil }
        let rest = k + name.count
        guard let plain = scanner.clause(at: rest, allowEra: false), let y = plain.year,
              let (_, here, _) = Optional(chooseEra(current)), let here, y <= here.maxYear else { return nil }
        return (rest, plain)
    }

    /// A heading before a date supplies the subject of the records under it: a body's name written directly before
    /// an era or year (宋史 五緯犯列舍 歲星建隆二年…), or the last body named in a short title that starts a line
    /// (月掩犯五緯, 天文七(月犯列舍下) on the line before). Only single bodies head records (五緯 in a title is what
    /// the Moon touches, not the subject).
    mutating func takeHeading(before k: Int) {
        let lex = reader.lexicon
        guard k > lastRecordEnd else { return }
        func body(at p: Int) -> ReadingLexicon.Subject? {
            guard let s = events.subject(at: p), s.computable, s.english.count == 1 else { return nil }
            return s
        }
        if scanner.clause(at: k)?.hasYear == true {
            for len in stride(from: min(lex.subjectMaxLength, k - max(0, lastRecordEnd)), through: 1, by: -1) {
                if k - len >= max(0, lastRecordEnd), let s = body(at: k - len), s.written.count == len {
                    previousSubjects = s.english
                    return
                }
            }
        }
        let newline: Character = "\n"
        var b = k
        while b > 0, k - b <= 31, chars[b - 1] != newline { b -= 1 }
        var e = k
        if b == k, k > 0 {
            e = k - 1
            b = e
            while b > 0, e - b <= 31, chars[b - 1] != newline { b -= 1 }
        }
        guard e > b, e - b <= 30, b == 0 || chars[b - 1] == newline, b >= lastRecordEnd else { return }
        var found: ReadingLexicon.Subject? = nil
        var p = b
        while p < e {
            if let s = events.subject(at: p) {
                if s.computable, s.english.count == 1 { found = s }
                p += s.written.count
            } else { p += 1 }
        }
        if let found { previousSubjects = found.english }
    }

    mutating func emit(start: Int, event ev: EventClause, date: RecordDate, dateNotes: [Normalisation],
                       spanEnd: Int? = nil) {
        var claims = ev.claims
        var inheritedSubject = false
        if ev.subjects.isEmpty {
            inheritedSubject = true
            for k in claims.indices { claims[k].subjects = previousSubjects }
        }
        let subjects = claims.first?.subjects ?? []
        previousSubjects = subjects
        if let last = claims.last(where: { !$0.object.isEmpty }) { previousObject = (last.object, last.objectIDs) }
        let end = spanEnd ?? ev.end
        var problems = ev.problems
        if subjects.isEmpty { problems.append("no subject: the record names none and no earlier record gives one") }
        switch date.status {
        case .invalid: problems.append("date: " + (date.note ?? "not in the calendar"))
        case .undated: problems.append("date: " + (date.note ?? "no era or year before this record"))
        default: break
        }
        var reasons: [String] = ev.untestable
        let computable = Set(["Sun", "Moon", "Mercury", "Venus", "Mars", "Jupiter", "Saturn"])
        if subjects.contains(where: { !computable.contains($0) }) {
            reasons.append("subject \(subjects.joined(separator: "+")) has no computable position")
        }
        if claims.contains(where: { !$0.object.isEmpty && $0.objectIDs.isEmpty }) { reasons.append("unknown object") }
        switch date.status {
        case .day, .month: break
        case .ambiguous: reasons.append("ambiguous date")
        case .invalid: reasons.append("invalid date")
        default: reasons.append("date not known to the month")
        }
        let allNotes = (notes.filter { $0.offset >= start && $0.offset < end } + dateNotes)
            .sorted { $0.offset < $1.offset }
        records.append(RecordReading(
            file: file, charStart: start, charEnd: end, text: String(original[start..<end]), date: date,
            claims: claims, subjectInherited: inheritedSubject, testable: reasons.isEmpty,
            untestableReason: reasons.isEmpty ? nil : reasons.joined(separator: "; "), problems: problems,
            normalisations: allNotes, context: nil, section: section))
        lastRecordEnd = end
    }

    /// The text after each record up to the next (占曰…, commentary), at most 200 characters.
    mutating func attachContext() {
        for k in records.indices {
            let from = records[k].charEnd
            let to = min(k + 1 < records.count ? records[k + 1].charStart : chars.count, from + 200)
            if to > from { records[k].context = String(original[from..<to]) }
        }
    }

    /// The civil day of the current state through the calendar.
    mutating func resolveDate(inherited: [String]) -> RecordDate {
        let cal = reader.calendar
        var d = RecordDate(era: state.era.map(Normalizer.normalize), year: state.year, month: state.monthNumber,
                           leap: state.leap, dayGanzhi: state.ganzhi?.name, dayNumber: state.dayNumber,
                           dayMarker: state.dayMarker, inherited: inherited, status: .undated)
        guard let era = state.era else {
            d.note = "no era or reign year written before this record"
            return d
        }
        if state.eraOnly || state.year == nil {
            let (spelling, chosen, _) = chooseEra(era)
            if let e = chosen ?? (try? cal.resolve(spelling + "元年"))?.dates.first?.era {
                d.dynasty = e.dynasty; d.firstJDN = e.firstJDN; d.lastJDN = e.lastJDN; d.status = .year
                d.note = "the era only (\(era)中)"
            }
            return d
        }
        if let j = state.dayJDN, inherited.contains("day") || state.ganzhi == Sexagenary(dayJDN: j) {
            // 是夜, 明日: the day of the record before, or the next.
            d.jdn = j; d.firstJDN = j; d.lastJDN = j; d.status = .day; d.dynasty = state.dynasty
            d.dayGanzhi = Sexagenary(dayJDN: j).name
            return d
        }
        guard let written = state.expression() else { return d }
        let (spelling, chosen, _) = chooseEra(era)
        // The ruler's name before the era makes the calendar read the era chosen here, also when the day is invalid
        // in both readings (肅宗上元元年, not 高宗's).
        let ruler = chosen.map { $0.rulerShortName } ?? (state.writtenDynasty ?? "")
        var expr = ruler + spelling + written.dropFirst(era.count)
        if spelling != era { d.note = "era read as \(spelling) (太 and 大 are written for each other)" }
        let context = DateContext(dynasty: chosen?.dynasty, near: state.lastJDN)
        var resolution: Resolution
        do { resolution = try cal.resolve(expr, context: context) } catch {
            if let chosen, let (alt, r) = overflow(from: chosen, context: context) {
                expr = alt; resolution = r
                d.note = "\(written) read as \(alt): the year runs past \(chosen.name)'s \(chosen.maxYear)"
            } else {
                d.status = .invalid
                d.note = "\(expr): " + ((error as? LocalizedError)?.errorDescription ?? "\(error)")
                return d
            }
        }
        let hasDay = state.ganzhi != nil || state.dayNumber != nil || state.dayMarker != nil
        switch resolution {
        case .ok(let cd):
            fill(&d, cd, hasDay: hasDay)
        case .ambiguous(let ds):
            let best = ds.min { abs($0.jdn - (state.lastJDN ?? $0.jdn)) < abs($1.jdn - (state.lastJDN ?? $1.jdn)) }!
            fill(&d, best, hasDay: hasDay)
            d.status = .ambiguous
            d.note = "\(expr) has \(ds.count) readings: " + ds.map { "\($0.text) = \($0.civil.isoDay)" }.joined(separator: "; ")
        case .invalid(let inv):
            d.status = .invalid
            d.note = "\(expr): " + (inv.reason.errorDescription ?? "not in the calendar")
            if let m = inv.month {
                d.firstJDN = m.firstJDN; d.lastJDN = m.lastJDN
                state.lastJDN = m.firstJDN
            }
            if let e = inv.era { d.dynasty = e.dynasty; state.dynasty = e.dynasty }
            // A 朔 or 晦 a day or two off the tables: the written sexagenary day is the record's day.
            if let off = inv.offset, abs(off) <= 2, let near = inv.nearest.first {
                d.jdn = near.jdn; d.firstJDN = near.jdn; d.lastJDN = near.jdn; d.status = .day
                state.dayJDN = near.jdn
            }
        }
        return d
    }

    /// The era a name stands for here: among the eras of that name (and of the name with 太 and 大 exchanged,
    /// which the printed histories write for each other: 唐 大和 printed 太和) the one closest in time to the
    /// record before, counting as further away (in years) an era of another dynasty than that record's (20), of a
    /// Chinese state off the main line (40), of Japan or Korea (400), one that has no such year (60), and the other
    /// spelling (20). Nil (the
    /// calendar's main-line preference decides) for the first record of a text.
    func chooseEra(_ name: String) -> (spelling: String, era: Era?, cost: Int) {
        if let ids = state.writtenDynastyIDs {
            let eras = (reader.lexicon.erasByName[Normalizer.normalize(name)] ?? []).filter { ids.contains($0.dynastyID) }
            if eras.count == 1 { return (name, eras[0], 0) }
        }
        guard let near = state.lastJDN else { return (name, nil, 0) }
        let year = 36525 / 100
        var spellings = [(name, 0)]
        if name.contains("太") || name.contains("大") {
            spellings.append((String(name.map { $0 == "太" ? "大" : $0 == "大" ? "太" : $0 }), 20 * year))
        }
        var best: (String, Era, Int)? = nil
        for (sp, penalty) in spellings {
            for e in reader.lexicon.erasByName[Normalizer.normalize(sp)] ?? [] {
                if let ids = state.writtenDynastyIDs, !ids.contains(e.dynastyID) { continue }
                var cost = near < e.firstJDN ? e.firstJDN - near : near > e.lastJDN ? near - e.lastJDN : 0
                cost += penalty
                if e.dynasty != state.dynasty { cost += 20 * year }
                if let n = state.year, n > e.maxYear { cost += 60 * year }
                if !ChineseCalendar.mainLineDynastyIDs.contains(e.dynastyID) {
                    cost += (reader.calendar.dynasty(id: e.dynastyID)?.country ?? "c") == "c" ? 40 * year : 400 * year
                }
                if best == nil || cost < best!.2 { best = (sp, e, cost) }
            }
        }
        guard let best else { return (name, nil, Int.max) }
        return (best.0, best.1, best.2)
    }

    /// A year beyond its era, inherited from records before (如意 has one year; 二年 after it is 長壽二年 when the
    /// era changed and the text kept counting): the same Chinese year under the era of the dynasty that covers it.
    func overflow(from e: Era, context: DateContext) -> (String, Resolution)? {
        guard let n = state.year, n > e.maxYear else { return nil }
        let cal = reader.calendar
        let y = e.firstYear + n - 1
        guard let next = cal.eras.filter({ $0.dynastyID == e.dynastyID && $0.firstYear <= y && y <= $0.lastYear
                                           && $0.firstJDN > e.firstJDN }).max(by: { $0.firstJDN < $1.firstJDN })
        else { return nil }
        var shifted = state
        shifted.era = next.name
        shifted.year = y - next.firstYear + 1
        guard let alt = shifted.expression(),
              let r = try? cal.resolve(alt, context: DateContext(dynasty: next.dynasty, near: context.near)) else { return nil }
        return (alt, r)
    }

    mutating func fill(_ d: inout RecordDate, _ cd: ChineseDate, hasDay: Bool) {
        d.dynasty = cd.dynasty
        state.dynasty = cd.dynasty
        if hasDay {
            d.jdn = cd.jdn; d.firstJDN = cd.jdn; d.lastJDN = cd.jdn; d.status = .day
            state.dayJDN = cd.jdn
            state.lastJDN = cd.jdn
            if d.dayGanzhi == nil { d.dayGanzhi = cd.dayGanzhi.name }
        } else if state.monthLabel != nil {
            d.firstJDN = cd.month.firstJDN; d.lastJDN = cd.month.lastJDN; d.status = .month
            state.lastJDN = cd.month.firstJDN
        } else {
            let months = reader.calendar.months(in: cd.stream, year: cd.month.year)
            var span = months
            if let s = state.season, let idx = "春夏秋冬".firstIndex(of: s) {
                let q = "春夏秋冬".distance(from: "春夏秋冬".startIndex, to: idx)
                span = months.filter { (q * 3 + 1...q * 3 + 3).contains($0.number) }
                d.status = .season
            } else { d.status = .year }
            d.firstJDN = span.first?.firstJDN ?? cd.month.firstJDN
            d.lastJDN = span.last?.lastJDN ?? cd.month.lastJDN
            state.lastJDN = d.firstJDN
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
