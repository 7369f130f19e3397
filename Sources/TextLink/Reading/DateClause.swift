import Foundation
import ChineseCalendar

/// A date clause as written at one place of the text, before inheritance.
struct DateClause {
    var start: Int
    var end: Int
    var era: String?
    /// The dynasty written before the era (唐至德元年) and the dynasties that name stands for.
    var dynasty: String?
    var dynastyIDs: Set<Int>?
    /// The era with 中/初/末 and no year (咸通中).
    var eraOnly = false
    var year: Int?
    var yearWord: Character = "年"
    var season: Character?
    var monthLabel: String?
    var monthNumber: Int?
    var leap = false
    /// 閏月 written alone: the leap month after the current one.
    var leapOfCurrent = false
    var ganzhi: Sexagenary?
    var dayNumber: Int?
    var dayMarker: String?
    /// 是月, 是夜, 明年 …: what the marker keeps or shifts.
    var marker: Marker?
    var normalisations: [Normalisation] = []

    enum Marker: Equatable {
        case sameMonth, sameDay, nextDay(Int), sameYear, nextYear
    }

    var hasYear: Bool { era != nil || year != nil }
    var hasMonth: Bool { monthLabel != nil || leapOfCurrent }
    var hasDay: Bool { ganzhi != nil || dayNumber != nil || dayMarker != nil }
    var isEmpty: Bool { !hasYear && !hasMonth && !hasDay && season == nil && marker == nil }
}

/// Finds date clauses in unpunctuated text.
struct DateScanner {
    let lexicon: ReadingLexicon
    let chars: [Character]
    /// The text with the calendar's character map applied (大歷 → 大曆), for era names.
    let dateChars: [Character]

    init(lexicon: ReadingLexicon, chars: [Character], dateChars: [Character]? = nil) {
        self.lexicon = lexicon
        self.chars = chars
        self.dateChars = dateChars ?? chars.map { Normalizer.map[$0] ?? $0 }
    }

    /// Characters a date clause can start with (numerals, months, seasons, stems and their slips, markers); era
    /// names are checked apart.
    static let starts: Set<Character> = Set("〇一二三四五六七八九十廿卅百元正閏臘建春夏秋冬甲乙丙丁戊己庚辛壬癸已巳是其明翌後自朔晦望初")

    static let numerals: Set<Character> = Set("〇一二三四五六七八九十廿卅百")
    static let markers: [(String, DateClause.Marker)] = [
        ("其明年", .nextYear), ("是月", .sameMonth), ("其月", .sameMonth), ("是夜", .sameDay), ("其夜", .sameDay),
        ("是夕", .sameDay), ("其夕", .sameDay), ("是日", .sameDay), ("其日", .sameDay), ("是時", .sameDay),
        ("明日", .nextDay(1)), ("翌日", .nextDay(1)), ("明夜", .nextDay(1)), ("是歲", .sameYear), ("是年", .sameYear),
        ("其年", .sameYear), ("明年", .nextYear),
    ]
    /// Characters after which a number with 年 or 月 is not a date (以十月入太微, 凡三月, 至五月).
    static let notAfter: Set<Character> = Set("以至及凡每經積踰逾數後前幾餘自迄")

    func at(_ k: Int) -> Character? { k >= 0 && k < chars.count ? chars[k] : nil }

    /// A numeral run starting at `k`: its value and end.
    func numeral(at k: Int) -> (Int, Int)? {
        var e = k
        while let c = at(e), DateScanner.numerals.contains(c) { e += 1 }
        // 十有二: 有 inside a numeral.
        if e > k, at(e) == "有", let c = at(e + 1), DateScanner.numerals.contains(c) {
            e += 1
            while let c = at(e), DateScanner.numerals.contains(c) { e += 1 }
        }
        guard e > k, let v = ChineseNumerals.value(String(chars[k..<e])[...]) else { return nil }
        return (v, e)
    }

    /// A sexagenary day at `k` (with the copying slips 戍 for 戌, 已/巳 for the stem 己), or nil.
    func ganzhi(at k: Int, notes: inout [Normalisation], afterMonth: Bool = false) -> Sexagenary? {
        guard let a = at(k), let b = at(k + 1) else { return nil }
        if let g = Sexagenary(String([a, b])) {
            if let s = Sexagenary.stems.firstIndex(of: a), Sexagenary.branches.firstIndex(of: b) == nil {
                let read = String(Sexagenary.stems[s]) + String(Sexagenary.branches[g.branch])
                notes.append(Normalisation(offset: k + 1, written: String(b), read: String(read.last!),
                                           reason: "copying slip in a sexagenary day"))
            }
            return g
        }
        // 丙中 for 丙申, only right after a month (三年三月丙中): elsewhere 中 is the word.
        if afterMonth, b == "中", let g = Sexagenary(String(a) + "申") {
            notes.append(Normalisation(offset: k + 1, written: "中", read: "申", reason: "copying slip in a sexagenary day"))
            return g
        }
        if "已巳".contains(a), let g = Sexagenary("己" + String(b)) {
            notes.append(Normalisation(offset: k, written: String(a), read: "己", reason: "copying slip in a sexagenary day"))
            return g
        }
        return nil
    }

    /// The date clause starting at `k`, or nil; `allowEra: false` reads it as if no era were written there (a
    /// place name such as 長安 before a year).
    func clause(at k: Int, allowEra: Bool = true) -> DateClause? {
        guard let first = at(k) else { return nil }
        var dynasty: (String, Set<Int>, Int)?
        if !DateScanner.starts.contains(first) {
            guard allowEra, k + 2 <= chars.count else { return nil }
            if !lexicon.eraFirstTwo.contains(String(dateChars[k..<(k + 2)])) {
                guard let prefix = dynastyPrefix(at: k) else { return nil }
                dynasty = prefix
            }
        }
        if let p = at(k - 1), DateScanner.numerals.contains(p) || DateScanner.notAfter.contains(p) {
            if DateScanner.numerals.contains(first) || "正閏".contains(first) { return nil }
        }
        var d = DateClause(start: k, end: k)
        var p = k + (dynasty?.2 ?? 0)
        // Markers.
        for (word, m) in DateScanner.markers where word.first == first && matches(word, at: p) {
            d.marker = m
            p += word.count
            break
        }
        if d.marker == nil, at(p) == "後", let (n, e) = numeral(at: p + 1), at(e) == "日", n <= 60 {
            d.marker = .nextDay(n)
            p = e + 1
        }
        // Era and year.
        if d.marker == nil, allowEra {
            var len = min(lexicon.eraMaxLength, chars.count - p)
            while len >= 2, lexicon.eraFirstTwo.contains(String(dateChars[p..<(p + 2)])) {
                let name = String(chars[p..<(p + len)])
                if lexicon.eraNames.contains(String(dateChars[p..<(p + len)])) {
                    let q = p + len
                    if let (y, w) = year(at: q) {
                        if let (written, ids, _) = dynasty {
                            guard lexicon.erasByName[Normalizer.normalize(name)]?.contains(where: { ids.contains($0.dynastyID) })
                                    == true else { return nil }
                            d.dynasty = written; d.dynastyIDs = ids
                        }
                        d.era = name; d.year = y.0; d.yearWord = y.1; p = w
                        break
                    }
                    if let c = at(q), "中初末".contains(c), !(at(q + 1).map { "年月".contains($0) } ?? false) {
                        d.era = name; d.eraOnly = true; p = q + 1
                        break
                    }
                }
                len -= 1
            }
        }
        if dynasty != nil, d.era == nil { return nil }
        if d.marker == nil, d.era == nil, let (y, w) = year(at: p) {
            d.year = y.0; d.yearWord = y.1; p = w
        }
        // Season.
        if let c = at(p), "春夏秋冬".contains(c) { d.season = c; p += 1 }
        // Month.
        if matches("閏月", at: p) {
            d.leapOfCurrent = true; d.leap = true; p += 2
        } else {
            var q = p
            var leap = false
            if at(q) == "閏" { leap = true; q += 1 }
            if at(q) == "正", at(q + 1) == "月" {
                d.monthLabel = (leap ? "閏" : "") + "正月"; d.monthNumber = 1; d.leap = leap; p = q + 2
            } else if at(q) == "臘", at(q + 1) == "月" {
                d.monthLabel = (leap ? "閏" : "") + "臘月"; d.monthNumber = 12; d.leap = leap; p = q + 2
            } else if at(q) == "建", let c = at(q + 1), let b = Sexagenary.branches.firstIndex(of: c), at(q + 2) == "月" {
                d.monthLabel = "建" + String(c) + "月"; d.monthNumber = (b + 10) % 12 + 1; p = q + 3
            } else if let (n, e) = numeral(at: q), at(e) == "月", (1...12).contains(n) {
                d.monthLabel = (leap ? "閏" : "") + ChineseNumerals.format(n) + "月"; d.monthNumber = n; d.leap = leap
                p = e + 1
            }
        }
        // Day.
        var notes: [Normalisation] = []
        if at(p) == "自", ganzhi(at: p + 1, notes: &notes) != nil { p += 1 }
        if let g = ganzhi(at: p, notes: &notes, afterMonth: d.hasMonth) {
            d.ganzhi = g; p += 2
            if let c = at(p), "朔晦望".contains(c) { d.dayMarker = String(c); p += 1 }
            // 自丁酉至于己亥: a range; the first day is the record's.
            var r = p
            if at(r) == "至" { r += 1; if at(r) == "于" || at(r) == "於" { r += 1 } }
            if r > p, ganzhi(at: r, notes: &notes) != nil { p = r + 2 }
        } else if let c = at(p), "朔晦望".contains(c), d.hasMonth || d.marker != nil {
            d.dayMarker = String(c); p += 1
        } else if d.hasMonth || d.marker != nil, let q = Optional(at(p) == "初" ? p + 1 : p), let (n, e) = numeral(at: q),
                  at(e) == "日", (1...30).contains(n) {
            // A counted day belongs to a month written with it (十一月二十六日); 七日而出 is a duration.
            d.dayNumber = n; p = e + 1
        }
        if let c = at(p), d.ganzhi != nil, "夜夕旦昏晨".contains(c), at(p + 1) != "見" { p += 1 }
        d.end = p
        d.normalisations = notes
        if d.isEmpty || d.end == d.start { return nil }
        return d
    }

    /// A dynasty name at `k` followed by an era name (唐至德): the name, the dynasties it may stand for and its length.
    func dynastyPrefix(at k: Int) -> (String, Set<Int>, Int)? {
        guard let first = at(k), lexicon.dynastyFirst.contains(first) else { return nil }
        for len in stride(from: min(lexicon.dynastyNameMaxLength, chars.count - k - 2), through: 1, by: -1) {
            let name = String(chars[k..<(k + len)])
            if let ids = lexicon.dynastyIDsByName[name], lexicon.eraFirstTwo.contains(String(dateChars[(k + len)..<(k + len + 2)])) {
                return (name, ids, len)
            }
        }
        return nil
    }

    /// (元|numeral)(年|載|祀) at `k`.
    func year(at k: Int) -> ((Int, Character), Int)? {
        if at(k) == "元", let w = at(k + 1), "年載祀".contains(w) { return ((1, w), k + 2) }
        if let (n, e) = numeral(at: k), let w = at(e), "年載祀".contains(w), n >= 1, n <= 100 { return ((n, w), e + 1) }
        return nil
    }

    func matches(_ word: String, at k: Int) -> Bool {
        var i = k
        for c in word {
            guard at(i) == c else { return false }
            i += 1
        }
        return true
    }
}

/// The date context carried from record to record.
struct DateState {
    var era: String?
    var dynasty: String?
    /// The dynasty written before the current era, which limits the eras its name may stand for.
    var writtenDynasty: String?
    var writtenDynastyIDs: Set<Int>?
    var year: Int?
    var yearWord: Character = "年"
    var season: Character?
    var monthLabel: String?
    var monthNumber: Int?
    var leap = false
    var ganzhi: Sexagenary?
    var dayNumber: Int?
    var dayMarker: String?
    /// The last civil day read (a day, or the first day of a month), for choosing among reused era names.
    var lastJDN: Int?
    /// The civil day of the current record, for 是夜 and 明日.
    var dayJDN: Int?
    var eraOnly = false

    /// Applies a clause; returns which parts were inherited.
    mutating func apply(_ c: DateClause) -> [String] {
        var inherited: [String] = []
        if let m = c.marker {
            inherited = ["dynasty", "era", "year"]
            switch m {
            case .sameDay:
                inherited += ["month", "day"]
            case .nextDay(let n):
                inherited += ["month"]
                if let j = dayJDN { dayJDN = j + n; ganzhi = Sexagenary(dayJDN: j + n); dayNumber = nil; dayMarker = nil }
            case .sameMonth:
                inherited += ["month"]
                clearDay()
            case .sameYear:
                clearMonth()
            case .nextYear:
                inherited = ["dynasty", "era"]
                if let y = year { year = y + 1 }
                clearMonth()
            }
        }
        if let e = c.era {
            era = e; dynasty = nil; eraOnly = c.eraOnly
            writtenDynasty = c.dynasty; writtenDynastyIDs = c.dynastyIDs
            year = c.year; yearWord = c.yearWord
            clearMonth()
            inherited = []
        } else if let y = c.year {
            year = y; yearWord = c.yearWord; eraOnly = false
            clearMonth()
            inherited = ["dynasty", "era"]
        } else if c.marker == nil {
            inherited = ["dynasty", "era", "year"]
        }
        if c.season != nil || c.hasMonth {
            if c.season != nil { season = c.season; monthLabel = nil; monthNumber = nil; leap = false }
            if c.leapOfCurrent, let n = monthNumber {
                monthLabel = "閏" + ChineseNumerals.format(n) + "月"; leap = true
            } else if let l = c.monthLabel {
                monthLabel = l; monthNumber = c.monthNumber; leap = c.leap
                if c.season == nil { season = nil }
            }
            clearDay()
            inherited.removeAll { $0 == "month" }
        } else if c.hasDay, !inherited.contains("month"), c.marker == nil {
            inherited.append("month")
        }
        if c.hasDay {
            ganzhi = c.ganzhi; dayNumber = c.dayNumber; dayMarker = c.dayMarker; dayJDN = nil
            inherited.removeAll { $0 == "day" }
        } else if c.hasMonth || c.season != nil || c.hasYear {
            clearDay()
        }
        return inherited
    }

    mutating func clearMonth() {
        season = nil; monthLabel = nil; monthNumber = nil; leap = false
        clearDay()
    }

    mutating func clearDay() {
        ganzhi = nil; dayNumber = nil; dayMarker = nil; dayJDN = nil
    }

    /// The expression the calendar reads (至德二載二月壬午), without the day when `withDay` is false.
    func expression(withDay: Bool = true) -> String? {
        guard let era, let year else { return nil }
        var s = era + (year == 1 ? "元" : ChineseNumerals.format(year)) + String(yearWord)
        if let monthLabel { s += monthLabel } else if let season { s += String(season) }
        guard withDay, monthLabel != nil else { return s }
        if let g = ganzhi { s += g.name + (dayMarker ?? "") } else if let n = dayNumber {
            s += ChineseNumerals.format(n) + "日"
        } else if let m = dayMarker { s += m }
        return s
    }
}
