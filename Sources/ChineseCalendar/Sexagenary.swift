/// A term of the sexagenary (干支) cycle: 甲子 = 0 … 癸亥 = 59.
///
/// Days: index = (JDN + 49) mod 60, a count unbroken since at least the Shang oracle bones.
/// Years: index = (year − 4) mod 60 for the Chinese year (4 CE was 甲子).
public struct Sexagenary: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Position in the cycle, 0…59.
    public let index: Int

    /// The ten heavenly stems 天干.
    public static let stems: [Character] = Array("甲乙丙丁戊己庚辛壬癸")
    /// The twelve earthly branches 地支.
    public static let branches: [Character] = Array("子丑寅卯辰巳午未申酉戌亥")

    /// Creates a term from any integer, reduced modulo 60.
    public init(_ index: Int) { self.index = index.floorMod(60) }

    /// Creates a term from a stem (0…9) and branch (0…11); nil when their parities differ (no such term).
    public init?(stem: Int, branch: Int) {
        guard (0..<10).contains(stem), (0..<12).contains(branch), stem % 2 == branch % 2 else { return nil }
        self.init((6 * stem - 5 * branch).floorMod(60))
    }

    /// The day's term for a Julian Day Number.
    public init(dayJDN jdn: Int) { self.init(jdn + 49) }

    /// The term of a Chinese year (astronomical numbering).
    public init(year: Int) { self.init(year - 4) }

    /// Parses two characters such as 甲子, also with variants found in texts and editions: 戍 for 戌,
    /// 已 or 己 for 巳 in branch position, 夘 or 戼 for 卯. Nil when the text is not a term.
    public init?(_ text: String) {
        let chars = Array(text)
        guard chars.count == 2,
              let s = Sexagenary.stems.firstIndex(of: chars[0]),
              let b = Sexagenary.branchIndex(chars[1]) else { return nil }
        self.init(stem: s, branch: b)
    }

    /// Index of a branch character, accepting the common scribal variants.
    static func branchIndex(_ c: Character) -> Int? {
        if let b = branches.firstIndex(of: c) { return b }
        switch c {
        case "戍": return 10
        case "已", "己": return 5
        case "夘", "戼": return 3
        default: return nil
        }
    }

    /// Stem 0…9.
    public var stem: Int { index % 10 }
    /// Branch 0…11.
    public var branch: Int { index % 12 }
    /// The two characters, e.g. 壬午.
    public var name: String { String(Sexagenary.stems[stem]) + String(Sexagenary.branches[branch]) }
    public var description: String { name }

    /// Days from `self` forward to `other` (0…59).
    public func distance(to other: Sexagenary) -> Int { (other.index - index).floorMod(60) }

    public static func < (a: Sexagenary, b: Sexagenary) -> Bool { a.index < b.index }
}

extension Int {
    /// Floor division (rounds towards −∞), for day and cycle arithmetic across year 0.
    func floorDiv(_ d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && ((self < 0) != (d < 0))) ? q - 1 : q
    }

    /// The non-negative remainder modulo `d`.
    func floorMod(_ d: Int) -> Int {
        let r = self % d
        return r < 0 ? r + Swift.abs(d) : r
    }
}
