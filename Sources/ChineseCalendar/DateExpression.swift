/// A Chinese date expression as read from a text, before it is matched to the tables.
///
/// Produced by `ChineseCalendar.parse(_:)`: 唐肅宗至德二載二月壬午 gives dynasty 唐, ruler 肅宗, era 至德,
/// year 2 (written 載), month 二月, day 壬午.
public struct DateExpression: Sendable, Hashable {
    /// How the year is given.
    public enum Year: Sendable, Hashable {
        /// 元年 = 1, 二年 = 2 ….
        case number(Int)
        /// A sexagenary year (甲子年, 歲在甲子).
        case ganzhi(Sexagenary)
    }

    /// How the month is given.
    public struct Month: Sendable, Hashable {
        /// The label as normalised: 正月, 閏三月, 後九月, 臘月, 一月, 建子月.
        public let label: String
        /// Its number (正 = 1, 臘 = 12, 建寅 = 1, 建子 = 11).
        public let number: Int
        /// True when 閏 or 後 was written.
        public let isLeap: Bool
    }

    /// How the day is given.
    public enum Day: Sendable, Hashable {
        /// A sexagenary day: 壬午.
        case ganzhi(Sexagenary)
        /// A numbered day: 十五日, 初三日, 廿日.
        case number(Int)
        /// 朔, the first day, optionally with its sexagenary day (丙子朔).
        case shuo(Sexagenary?)
        /// 晦, the last day, optionally with its sexagenary day.
        case hui(Sexagenary?)
        /// 望, the full-moon day (15th or 16th), optionally with its sexagenary day.
        case wang(Sexagenary?)
    }

    /// The dynasty prefix as written (唐, 北魏), if any.
    public let dynasty: String?
    /// The ruler prefix as written (肅宗), if any.
    public let ruler: String?
    /// The era name as written (normalised characters).
    public let era: String
    /// The year.
    public let year: Year
    /// The word after the year: 年, 載 or 歲.
    public let yearWord: Character
    /// The month, nil for a year-only or year-and-day expression.
    public let month: Month?
    /// The day, nil for a month or year.
    public let day: Day?
}

/// Character normalisation applied to input and to names before matching: Siku and other variants and the
/// simplified forms of the structural characters (嵗 歳 岁 → 歲, 徳 → 德, 载 → 載, 闰 → 閏, 腊 → 臘, 后 → 後), and
/// 歷 暦 → 曆: Qing editions (the Siku quanshu among them) write 歷 for 曆 to avoid the Qianlong emperor's name
/// 弘曆, so 大曆 and 萬曆 appear as 大歷 and 萬歷 (新唐書 in those editions); 暦 is the Japanese form.
public enum Normalizer {
    /// The one-character replacements, variant → standard form.
    public static let map: [Character: Character] = [
        "嵗": "歲", "歳": "歲", "岁": "歲", "徳": "德", "载": "載", "闰": "閏", "腊": "臘", "后": "後",
        "〇": "〇", "亖": "四", "廾": "廿", "卄": "廿", "丗": "卅", "𠦃": "廿", "贞": "貞", "历": "曆", "歷": "曆", "暦": "曆",
        "两": "兩", "隂": "陰", "衞": "衛", "爲": "為", "黄": "黃", "眞": "真", "淸": "清", "靑": "青",
    ]

    static let punctuation = Set("　,，.。、()（）「」『』[]【】")

    /// The text with punctuation and spaces removed and every character of `map` replaced.
    public static func normalize(_ s: String) -> String { normalizeScalars(s) ?? normalizeCharacters(s) }

    static func normalizeCharacters(_ s: String) -> String {
        var out = ""
        for c in s {
            if c.isWhitespace || punctuation.contains(c) { continue }
            out.append(map[c] ?? c)
        }
        return out
    }

    /// `normalizeCharacters` for text whose every scalar is a character of its own whatever follows it (printable ASCII
    /// and line feeds, CJK punctuation but its tone marks, ideographs, full-width forms), or nil: the same result
    /// (tested on the era, dynasty and ruler tables and random mixtures), scalar by scalar, without the grapheme
    /// breaking and `Character` hashing that made building the era indexes slow.
    static func normalizeScalars(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A, 0x20...0x7E, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E,
                 0x20000...0x2FFFF:
                if u.properties.isWhitespace || scalarPunctuation.contains(u) { continue }
                out.append(scalarMap[u] ?? u)
            default:
                return nil
            }
        }
        return String(out)
    }

    static let scalarPunctuation = Set(punctuation.flatMap(\.unicodeScalars))
    static let scalarMap: [Unicode.Scalar: Unicode.Scalar] = Dictionary(uniqueKeysWithValues: map.map { key, value in
        (key.unicodeScalars.first!, value.unicodeScalars.first!)
    })
}

/// Reads the part of an expression after the era name: year, month, day.
struct TailParser {
    let chars: [Character]
    var pos: Int

    init(_ chars: [Character], from pos: Int) {
        self.chars = chars
        self.pos = pos
    }

    var atEnd: Bool { pos >= chars.count }
    func peek(_ k: Int = 0) -> Character? { pos + k < chars.count ? chars[pos + k] : nil }

    mutating func take(_ c: Character) -> Bool {
        if peek() == c { pos += 1; return true }
        return false
    }

    mutating func ganzhi() -> Sexagenary? {
        guard let a = peek(), let b = peek(1), let g = Sexagenary(String([a, b])) else { return nil }
        pos += 2
        return g
    }

    /// The longest numeral read: no year, month or day needs more, and a cap keeps a long run of numeral
    /// characters (tried from every start when a text fails) from costing quadratic time.
    static let maxNumeralLength = 24

    mutating func numeral() -> Int? {
        var end = pos
        while end < chars.count, end - pos < Self.maxNumeralLength, ChineseNumerals.isNumeralCharacter(chars[end]) { end += 1 }
        guard end > pos, let v = ChineseNumerals.value(String(chars[pos..<end])[...]) else { return nil }
        pos = end
        return v
    }

    /// Where the text stopped being a date. `parse()` turns it into `ChineseCalendarError.unreadable`; `read()`
    /// throws it as is, so that trying every start position of a long text builds no error text.
    struct Stop: Error {
        let at: Int
    }

    /// Parses `year [month] [day]` to the end of the text.
    mutating func parse() throws -> (DateExpression.Year, Character, DateExpression.Month?, DateExpression.Day?) {
        do {
            return try read()
        } catch let stop as Stop {
            throw ChineseCalendarError.unreadable(text: String(chars), at: String(chars[min(stop.at, chars.count)...]))
        }
    }

    /// `parse()`, throwing `Stop` for text that is not a date.
    mutating func read() throws -> (DateExpression.Year, Character, DateExpression.Month?, DateExpression.Day?) {
        let start = pos
        var year: DateExpression.Year
        if take("元") {
            year = .number(1)
        } else if let g = ganzhi() {
            year = .ganzhi(g)
        } else if let n = numeral() {
            year = .number(n)
        } else {
            throw Stop(at: pos)
        }
        guard let w = peek(), "年載歲祀".contains(w) else {
            pos = start
            throw Stop(at: pos)
        }
        pos += 1
        // 歲次甲子, 歲在甲子 after a numbered year: read and keep as a check on the year.
        if peek() == "歲", peek(1) == "次" || peek(1) == "在" {
            pos += 2
            guard let g = ganzhi() else { throw Stop(at: pos) }
            if case .number = year {} else { year = .ganzhi(g) }
        }
        if let c = peek(), "春夏秋冬".contains(c) { pos += 1 }
        let month = try monthSpec()
        let day = try daySpec()
        _ = take("日")
        guard atEnd else { throw Stop(at: pos) }
        return (year, w, month, day)
    }

    mutating func monthSpec() throws -> DateExpression.Month? {
        let start = pos
        var leap = false
        var prefix = ""
        if take("閏") { leap = true; prefix = "閏" } else if peek() == "後", peek(1) != nil, peek(1) != "月" {
            pos += 1; leap = true; prefix = "後"
        }
        if take("正") {
            guard take("月") else { pos = start; return nil }
            return .init(label: prefix + "正月", number: 1, isLeap: leap)
        }
        if take("臘") {
            guard take("月") else { pos = start; return nil }
            return .init(label: prefix + "臘月", number: 12, isLeap: leap)
        }
        if peek() == "建", let b = peek(1).flatMap(Sexagenary.branchIndex), peek(2) == "月" {
            pos += 3
            // Outside 762 (where the labels themselves match) 建寅月 is 正月 … 建子月 十一月, 建丑月 十二月.
            return .init(label: "建" + String(Sexagenary.branches[b]) + "月", number: (b + 10) % 12 + 1, isLeap: false)
        }
        let save = pos
        if let n = numeral() {
            if take("月") {
                guard (1...12).contains(n) else { throw ChineseCalendarError.noSuchMonthNumber(n) }
                let label = prefix + ChineseNumerals.format(n) + "月"
                return .init(label: label, number: n, isLeap: leap)
            }
            pos = save
        }
        pos = start
        return nil
    }

    mutating func daySpec() throws -> DateExpression.Day? {
        if atEnd { return nil }
        if take("朔") { _ = take("日"); return .shuo(ganzhi()) }
        if take("晦") { _ = take("日"); return .hui(ganzhi()) }
        if take("望") { _ = take("日"); return .wang(ganzhi()) }
        if let g = ganzhi() {
            if take("朔") { return .shuo(g) }
            if take("晦") { return .hui(g) }
            if take("望") { return .wang(g) }
            return .ganzhi(g)
        }
        _ = take("初")
        let save = pos
        if let n = numeral() {
            guard take("日") else { pos = save; throw Stop(at: pos) }
            pos -= 1
            return .number(n)
        }
        throw Stop(at: pos)
    }
}
