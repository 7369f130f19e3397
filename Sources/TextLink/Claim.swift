/// When a record says its event happened, as read from the text, with the parts inherited from earlier records.
///
/// The written parts (`era`, `year`, `month`, `leap`, `dayGanzhi`, `dayNumber`, `dayMarker`) are what the text gives
/// after inheritance; `jdn` is the civil day the Chinese calendar gives for them (nil when the text names no day or
/// the date is invalid); `firstJDN`…`lastJDN` is the span the written date covers (one day, a month, a season, a
/// year), so a month-only record can still be tested over its month.
public struct RecordDate: Sendable, Codable, Hashable {
    /// How far the written date determines the day.
    public enum Status: String, Sendable, Codable, Hashable {
        /// A single civil day.
        case day
        /// Only the month (or a day that does not occur in it: see `note`).
        case month
        /// Only a season or the year.
        case season, year
        /// The date is written but does not exist in the calendar (e.g. a ganzhi not in that month, 永隆九年).
        case invalid
        /// Several readings fit (a reused era name the context does not settle).
        case ambiguous
        /// No date could be read.
        case undated
    }

    /// Dynasty of the era as resolved (唐); nil when undated.
    public var dynasty: String?
    /// Era name, normalised characters (至德).
    public var era: String?
    /// Year in the era (元年 = 1).
    public var year: Int?
    /// Month number 1…12 as the calendar names it (建子月 = 11); nil for a season or year.
    public var month: Int?
    /// True for a leap (閏) month.
    public var leap: Bool
    /// Sexagenary day, normalised (壬午; 戍 read as 戌).
    public var dayGanzhi: String?
    /// A counted day of the month (十一月二十六日 → 26).
    public var dayNumber: Int?
    /// 朔, 晦 or 望 when written.
    public var dayMarker: String?
    /// The civil day (Julian day number of the day, noon-based), when the date gives one.
    public var jdn: Int?
    /// First and last civil day the written date covers.
    public var firstJDN: Int?
    public var lastJDN: Int?
    /// Which parts came from earlier records: any of "dynasty", "era", "year", "month", "day".
    public var inherited: [String]
    /// How far the date determines the day.
    public var status: Status
    /// Why the date is invalid or ambiguous, or another reading note.
    public var note: String?

    /// Creates a date; every part but `status` defaults to absent.
    public init(dynasty: String? = nil, era: String? = nil, year: Int? = nil, month: Int? = nil, leap: Bool = false,
                dayGanzhi: String? = nil, dayNumber: Int? = nil, dayMarker: String? = nil, jdn: Int? = nil,
                firstJDN: Int? = nil, lastJDN: Int? = nil, inherited: [String] = [], status: Status, note: String? = nil) {
        self.dynasty = dynasty
        self.era = era
        self.year = year
        self.month = month
        self.leap = leap
        self.dayGanzhi = dayGanzhi
        self.dayNumber = dayNumber
        self.dayMarker = dayMarker
        self.jdn = jdn
        self.firstJDN = firstJDN
        self.lastJDN = lastJDN
        self.inherited = inherited
        self.status = status
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case dynasty, era, year, month, leap, jdn, inherited, status, note
        case dayGanzhi = "day_ganzhi", dayNumber = "day_number", dayMarker = "day_marker"
        case firstJDN = "first_jdn", lastJDN = "last_jdn"
    }
}

/// One testable statement of a record: its subjects, the relation as written, the object, and any position or
/// distance written with it. A chain such as 犯…遂入… gives one claim per link.
public struct Claim: Sendable, Codable, Hashable {
    /// Subjects in the order written, as English names: bodies "Sun", "Moon", "Mercury" … "Saturn"; otherwise
    /// "comet", "guest star", "meteor" (熒惑太白 → ["Mars", "Venus"]; 五星 → the five planets).
    public var subjects: [String]
    /// The relation as written, variants normalised (犯 入 守 掩 合 乘 貫 經 歷 留 逆行 順行 見 伏 晝見 夕見 晨見 食 聚 鬬 …).
    public var relation: String
    /// The object as written, normalised spelling, qualifiers kept (昴, 軒轅大星, 東井北轅, 南斗魁); "" when none.
    public var object: String
    /// Names the Sky resolver accepts for the object, most specific first: `HIP<n>` for a named star, a body name,
    /// or an asterism or mansion name (昴). Empty when the object is unknown or there is none.
    public var objectIDs: [String]
    /// A lunar-mansion position written with the record (在翼四度 → 翼, 4; 在昴 → 昴, nil).
    public var position: MansionDu?
    /// A distance written with the record, in 尺 (七寸 → 0.7, 一尺 → 1.0).
    public var distanceChi: Double?
    /// True when the text says the event was seen by day (晝見, 晝…).
    public var daytime: Bool

    /// Creates a claim.
    public init(subjects: [String], relation: String, object: String = "", objectIDs: [String] = [],
                position: MansionDu? = nil, distanceChi: Double? = nil, daytime: Bool = false) {
        self.subjects = subjects
        self.relation = relation
        self.object = object
        self.objectIDs = objectIDs
        self.position = position
        self.distanceChi = distanceChi
        self.daytime = daytime
    }

    enum CodingKeys: String, CodingKey {
        case subjects, relation, object, position, daytime
        case objectIDs = "object_ids", distanceChi = "distance_chi"
    }
}

/// A lunar-mansion place as written: the mansion's name (翼) and the whole 度 when given.
public struct MansionDu: Sendable, Codable, Hashable {
    /// The mansion's one-character name as the Sky resolver knows it (翼, 東井 → 井).
    public var mansion: String
    /// Chinese 度 counted from the mansion's determinative star, when written.
    public var du: Double?

    /// Creates a place.
    public init(mansion: String, du: Double? = nil) {
        self.mansion = mansion
        self.du = du
    }
}
