import Foundation
import Tables

/// The historical Chinese calendar (with Japanese and Korean eras): months as issued, reign eras,
/// conversion of date expressions to days and of days to every calendar in use.
///
/// Data: `Catalogs/chinese-months.fits` and `Catalogs/chinese-*.tsv`, built by `Catalogs/build/build_chinese_calendar.py` from the PyPI
/// package sanmiao 0.2.12 (D. P. Morgan, MIT; tables after 張培瑜《三千五百年曆日天象》1997, 内田正男
/// 《日本暦日原典》1975 and DILA), with documented corrections.
///
/// Valid range: China 246 BCE … 1912 CE (main line from 245 BCE; eras from 140 BCE), Japan and Korea as
/// far as sanmiao has them.
///
/// `ChineseCalendar.standard()` loads the tables once, lazily; the value is immutable and `Sendable`.
public struct ChineseCalendar: Sendable {
    let tables: CalendarTables
    let eraIndex: [String: [Int]]
    let eraNames: EraNameIndex
    let unnamedEras: [Int]
    let dynastyIndex: [String: Set<Int>]
    let rulerIndex: [String: Set<Int>]
    let maxEraLength: Int
    let maxPrefixLength: Int
    let dynastyChildren: [Int: [Int]]
    /// Era ids overlapping each block of `eraBucketDays` days, for day → era look-ups.
    let eraBuckets: [Int: [Int]]
    static let eraBucketDays = 256

    /// Dynasties of the main line (Liu's and the histories' succession): 秦, 西漢, 新, 更始, 東漢, 魏, 晉, 宋,
    /// 齊, 梁, 陳, 隋, 唐, 武周, the Five Dynasties, 宋, 元, 明, 清.
    public static let mainLineDynastyIDs: Set<Int> = [41, 43, 44, 45, 46, 48, 51, 52, 53, 83, 84, 85, 88, 96, 97, 99,
                                                      105, 109, 113, 116, 117, 119, 124, 125, 127]

    /// Loads the tables from a directory holding `chinese-months.fits` and the `chinese-*.tsv` files.
    public init(directory: URL) throws {
        let t = try CalendarTables(directory: directory)
        tables = t
        var eraIndex: [String: [Int]] = [:]
        for e in t.eras {
            for n in Set([Normalizer.normalize(e.name), Normalizer.normalize(e.simplifiedName)]) where !n.isEmpty {
                eraIndex[n, default: []].append(e.id)
            }
        }
        // Names the histories use to tell reused eras apart: 元順帝's 至元 (1335–1340) is 後至元.
        for (alias, name, firstYear) in [("後至元", "至元", 1335)] {
            eraIndex[alias, default: []] += t.eras.filter { $0.name == name && $0.firstYear == firstYear }.map(\.id)
        }
        self.eraIndex = eraIndex
        eraNames = EraNameIndex(keys: eraIndex.keys)
        unnamedEras = t.eras.filter { $0.name.isEmpty }.map(\.id)
        maxEraLength = eraIndex.keys.map(\.count).max() ?? 4
        var dyn: [String: Set<Int>] = [:]
        var children: [Int: [Int]] = [:]
        for d in t.dynasties.values {
            for n in d.names { dyn[Normalizer.normalize(n), default: []].insert(d.id) }
            if let p = d.parentID { children[p, default: []].append(d.id) }
        }
        dynastyIndex = dyn
        dynastyChildren = children
        var rul: [String: Set<Int>] = [:]
        for r in t.rulers.values {
            for n in r.names where n.count >= 2 { rul[Normalizer.normalize(n), default: []].insert(r.id) }
            if r.fullName.count >= 2 { rul[Normalizer.normalize(r.fullName), default: []].insert(r.id) }
        }
        for e in t.eras where !e.rulerShortName.isEmpty {
            if let id = e.rulerID { rul[Normalizer.normalize(e.rulerShortName), default: []].insert(id) }
        }
        rulerIndex = rul
        var buckets: [Int: [Int]] = [:]
        for e in t.eras where e.lastJDN >= e.firstJDN {
            for b in e.firstJDN.floorDiv(Self.eraBucketDays)...e.lastJDN.floorDiv(Self.eraBucketDays) {
                buckets[b, default: []].append(e.id)
            }
        }
        eraBuckets = buckets
        maxPrefixLength = max(dyn.keys.map(\.count).max() ?? 1, rul.keys.map(\.count).max() ?? 1)
    }

    private static let cached: Result<ChineseCalendar, ChineseCalendarError> = {
        do {
            return .success(try ChineseCalendar(directory: try CatalogLocation.file(CalendarTables.erasFile).deletingLastPathComponent()))
        } catch let e as ChineseCalendarError {
            return .failure(e)
        } catch {
            return .failure(.missingTable(error.localizedDescription))
        }
    }()

    /// The calendar built from the project's `Catalogs/` (found via `CatalogLocation`), loaded once.
    public static func standard() throws -> ChineseCalendar { try cached.get() }

    // MARK: Tables

    /// All era segments, in order of first day.
    public var eras: [Era] { tables.eras }
    /// Streams present in the tables.
    public var streams: [CalendarStream] { tables.months.keys.sorted().map(CalendarStream.init) }

    /// The months of a stream, in order.
    public func months(in stream: CalendarStream) -> [ChineseMonth] { tables.months[stream.id] ?? [] }

    /// The months of a Chinese year in a stream, in order (empty when the tables lack it).
    ///
    /// Where a regional stream begins in mid-year (Shu in 221 五月), the earlier months of that year are
    /// the main line's, which the state followed until it issued its own calendar.
    public func months(in stream: CalendarStream, year: Int) -> [ChineseMonth] {
        guard let list = tables.months[stream.id], let r = tables.yearIndex[stream.id]?[year] else {
            return stream.id > 3 ? [] : fallbackMonths(stream: stream, year: year, before: nil)
        }
        let own = r.map { list[$0] }
        guard let i0 = r.first, i0 == 0 || list[i0 - 1].lastJDN + 1 < list[i0].firstJDN else { return own }
        return fallbackMonths(stream: stream, year: year, before: own.first?.firstJDN) + own
    }

    private func fallbackMonths(stream: CalendarStream, year: Int, before: Int?) -> [ChineseMonth] {
        let main = before.map { CalendarStream.mainLine(jdn: $0) } ?? CalendarStream(year <= 589 ? 1 : 3)
        guard main != stream, let list = tables.months[main.id], let r = tables.yearIndex[main.id]?[year] else { return [] }
        return r.map { list[$0] }.filter { m in before.map { m.firstJDN < $0 } ?? true }
    }

    /// The month containing a day in a stream, falling back to the main line where the stream's table
    /// has no month (before a regional calendar begins).
    func monthOrMainLine(in stream: CalendarStream, containing jdn: Int) -> ChineseMonth? {
        if let m = month(in: stream, containing: jdn) { return m }
        guard stream.id <= 3 else { return nil }
        let main = CalendarStream.mainLine(jdn: jdn)
        return main == stream ? nil : month(in: main, containing: jdn)
    }

    /// The month of a stream containing a day, or nil when the stream has none.
    public func month(in stream: CalendarStream, containing jdn: Int) -> ChineseMonth? {
        guard let i = monthIndex(in: stream.id, containing: jdn) else { return nil }
        return tables.months[stream.id]?[i]
    }

    func monthIndex(in stream: Int, containing jdn: Int) -> Int? {
        guard let list = tables.months[stream], !list.isEmpty else { return nil }
        var lo = 0, hi = list.count - 1
        guard jdn >= list[0].firstJDN else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if list[mid].firstJDN <= jdn { lo = mid } else { hi = mid - 1 }
        }
        return list[lo].contains(jdn: jdn) ? lo : nil
    }

    /// The polities (dynasties and states) that dated by a month: those with an era segment in the month's
    /// stream running on its first day; main-line dynasties first.
    public func polities(of month: ChineseMonth) -> [String] {
        var names: [String] = []
        for d in dates(jdn: month.firstJDN) where d.stream == month.stream {
            if let n = d.dynasty, !names.contains(n) { names.append(n) }
        }
        return names
    }

    // MARK: Day → Chinese dates

    /// The date of a day on the main line (the succession of dynasties the histories follow), with its era
    /// when one is known; nil outside the tables.
    public func mainLineDate(jdn: Int) -> ChineseDate? {
        let stream = CalendarStream.mainLine(jdn: jdn)
        guard let m = month(in: stream, containing: jdn) else { return nil }
        let candidates = dates(jdn: jdn).filter {
            $0.stream == stream && $0.era.map { ChineseCalendar.mainLineDynastyIDs.contains($0.dynastyID) } == true
        }
        return candidates.first ?? ChineseDate(era: nil, yearInEra: nil, month: m, day: jdn - m.firstJDN + 1)
    }

    /// The date of a day in every calendar in use that day: one per era segment running that day (all
    /// parallel regimes), each in its own stream; main-line dynasties first, then other Chinese states,
    /// then Japan and Korea. Days with no era in the tables (before 140 BCE, gaps)
    /// get the main-line date without an era. Empty outside the tables.
    public func dates(jdn: Int) -> [ChineseDate] {
        var out: [ChineseDate] = []
        var seen = Set<String>()
        for id in eraBuckets[jdn.floorDiv(Self.eraBucketDays)] ?? [] {
            let e = tables.eras[id]
            guard e.firstJDN <= jdn, jdn <= e.lastJDN, let m = monthOrMainLine(in: e.stream, containing: jdn) else { continue }
            guard let (era, n) = eraCounting(year: m.year, segment: e) else { continue }
            let d = ChineseDate(era: era, yearInEra: n, month: m, day: jdn - m.firstJDN + 1)
            let key = "\(era.dynastyID)|\(era.sourceID)|\(n)|\(m.stream.id)"
            if seen.insert(key).inserted { out.append(d) }
        }
        out = out.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        if out.isEmpty {
            let stream = CalendarStream.mainLine(jdn: jdn)
            if let m = month(in: stream, containing: jdn) {
                out.append(ChineseDate(era: nil, yearInEra: nil, month: m, day: jdn - m.firstJDN + 1))
            }
        }
        return out
    }

    /// The dynasty or state with this id (`Era.dynastyID`), with its country.
    public func dynasty(id: Int) -> Dynasty? { tables.dynasties[id] }

    /// 0 main line, 1 other Chinese states, 2 Japan, Korea or no era: the order of `dates(jdn:)`.
    func rank(_ d: ChineseDate) -> Int {
        guard let e = d.era else { return 2 }
        if ChineseCalendar.mainLineDynastyIDs.contains(e.dynastyID) { return 0 }
        return tables.dynasties[e.dynastyID]?.country == "c" ? 1 : 2
    }

    /// The era and year number by which a day of segment `e` in Chinese year `year` is counted: days of a
    /// segment before its 元年 count the previous era's last year, and days after its last year (an era
    /// changed in mid-year) count the next era's 元年, as the histories name the whole year.
    func eraCounting(year: Int, segment e: Era) -> (Era, Int)? {
        let n = year - e.firstYear + 1
        if n >= 1 && n <= e.maxYear { return (e, n) }
        let sameDynasty = tables.eras.filter { $0.dynastyID == e.dynastyID && $0.id != e.id }
        let other = n < 1
            ? sameDynasty.filter { $0.firstJDN < e.firstJDN && $0.firstYear <= year && year <= $0.lastYear }
                .max { $0.firstJDN < $1.firstJDN }
            : sameDynasty.filter { $0.firstJDN > e.firstJDN && $0.firstYear <= year && year <= $0.lastYear }
                .min { $0.firstJDN < $1.firstJDN }
        if let other { return (other, year - other.firstYear + 1) }
        return n >= 1 ? (e, n) : nil
    }

    // MARK: Parsing

    /// Reads a date expression; throws when the text is not a date or names no known era. A reused era
    /// name is kept as written: `resolve` decides between its users.
    public func parse(_ text: String) throws -> DateExpression {
        guard let first = try parseAll(text).first else { throw ChineseCalendarError.empty }
        return first.expression
    }

    struct Parsed {
        let expression: DateExpression
        let eras: [Era]
    }

    func parseAll(_ text: String) throws -> [Parsed] {
        let chars = Array(Normalizer.normalize(text))
        guard !chars.isEmpty else { throw ChineseCalendarError.empty }
        var results: [Parsed] = []
        var firstError: ChineseCalendarError? = nil
        var prefixMismatch: ChineseCalendarError? = nil

        func prefixes(at pos: Int, _ index: [String: Set<Int>]) -> [(Int, String, Set<Int>)] {
            var out: [(Int, String, Set<Int>)] = [(0, "", [])]
            var len = 1
            while len <= maxPrefixLength, pos + len <= chars.count {
                let s = String(chars[pos..<(pos + len)])
                if let ids = index[s] { out.append((len, s, ids)) }
                len += 1
            }
            return out
        }

        for (dl, dname, dids) in prefixes(at: 0, dynastyIndex) {
            for (rl, rname, rids) in prefixes(at: dl, rulerIndex) {
                let p = dl + rl
                var len = min(maxEraLength, chars.count - p)
                // len 0: a regnal year named by dynasty or ruler alone (eras without a name in the tables).
                while len >= (rl > 0 ? 0 : 1) {
                    let name = String(chars[p..<(p + len)])
                    len -= 1
                    guard let ids = name.isEmpty ? unnamedEras : eraIndex[name] else { continue }
                    var tail = TailParser(chars, from: p + name.count)
                    let parsed: (DateExpression.Year, Character, DateExpression.Month?, DateExpression.Day?)
                    do { parsed = try tail.parse() } catch let e as ChineseCalendarError {
                        if firstError == nil || p + name.count > 0 { firstError = firstError ?? e }
                        continue
                    }
                    var eras = ids.map { tables.eras[$0] }
                    if !dname.isEmpty {
                        let allowed = expand(dids)
                        eras = eras.filter { allowed.contains($0.dynastyID) }
                    }
                    if !rname.isEmpty {
                        eras = eras.filter { $0.rulerID.map(rids.contains) == true }
                    }
                    if eras.isEmpty {
                        let users = Array(Set(ids.map { tables.eras[$0].dynasty })).sorted()
                        prefixMismatch = prefixMismatch ?? .eraNotOfDynasty(era: name, prefix: dname + rname, users: users)
                        continue
                    }
                    let expr = DateExpression(dynasty: dname.isEmpty ? nil : dname, ruler: rname.isEmpty ? nil : rname,
                                              era: name, year: parsed.0, yearWord: parsed.1, month: parsed.2, day: parsed.3)
                    results.append(Parsed(expression: expr, eras: eras))
                }
            }
        }
        if !results.isEmpty {
            // Keep the readings that use the most prefix characters (唐 + 至德, not an era 唐至…).
            let best = results.map { ($0.expression.dynasty?.count ?? 0) + ($0.expression.ruler?.count ?? 0) }.max() ?? 0
            return results.filter { ($0.expression.dynasty?.count ?? 0) + ($0.expression.ruler?.count ?? 0) == best }
        }
        if let prefixMismatch { throw prefixMismatch }
        // Find where year-month-day would start: what comes before is an unknown era.
        for p in 0..<chars.count {
            var tail = TailParser(chars, from: p)
            if (try? tail.read()) != nil {
                if p == 0 { throw ChineseCalendarError.unreadable(text: text, at: text) }
                var start = 0
                for (dl, _, _) in prefixes(at: 0, dynastyIndex) where dl < p { start = max(start, dl) }
                let name = String(chars[start..<p])
                throw ChineseCalendarError.unknownEra(name, suggestions: suggestions(for: name))
            }
        }
        throw firstError ?? .unreadable(text: text, at: text)
    }

    /// A dynasty id set with all dynasties that are part of them.
    func expand(_ ids: Set<Int>) -> Set<Int> {
        var out = ids
        var stack = Array(ids)
        while let i = stack.popLast() {
            for c in dynastyChildren[i] ?? [] where out.insert(c).inserted { stack.append(c) }
        }
        return out
    }

    /// Era names close to a misspelt one: same length and most characters shared, then one character off.
    ///
    /// Notes: only names sharing a character with `name` are scored (`EraNameIndex`), so a batch of bad
    /// records costs microseconds a row.
    public func suggestions(for name: String, limit: Int = 5) -> [String] {
        var names: [String] = []
        for key in eraNames.ranked(Normalizer.normalize(name)) {
            let trad = eraIndex[key].flatMap { $0.first }.map { tables.eras[$0].name } ?? key
            if !names.contains(trad) { names.append(trad) }
            if names.count == limit { break }
        }
        return names
    }
}
