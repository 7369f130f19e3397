/// What a relation claims, as a test on the computed sky.
public enum RelationTest: String, Sendable, Codable, Hashable, CaseIterable {
    /// A close approach: the minimum separation over the night (犯 乘 貫 經 歷 鬬 …).
    case approach
    /// The Moon covering the object as seen from the capital (掩).
    case occultation
    /// The subject inside the figure of the object's stars (入, 中).
    case inside
    /// The subjects in the same lunar mansion or within a few degrees (合).
    case conjunction
    /// A stay near the object for days (守).
    case stay
    /// Several planets gathered in a small region (聚).
    case gathering
    /// A planet seen in daylight (晝見, 經天).
    case daylight
    /// A planet visible on the night (見, 晨見, 夕見, 出).
    case appearance
    /// A planet invisible on the night (伏, 不見).
    case disappearance
    /// A solar or lunar eclipse on the day (食, 蝕).
    case eclipse
    /// The 入宿度 written with the record (在X度, 在X).
    case position
    /// Retrograde, stationary or direct motion (逆行, 留, 順行).
    case retrograde, station, prograde
}

/// One row of the verification table: the verbs a test covers, its thresholds and where they come from.
public struct RelationRule: Sendable, Hashable, Codable {
    /// The test.
    public let test: RelationTest
    /// The verbs, as the reader normalises them, that this test verifies.
    public let verbs: [String]
    /// The measured quantity and its unit.
    public let measure: String
    /// At or below this value the claim is confirmed; at or below `plausible`, plausible (nil for yes/no tests).
    public let confirmed: Double?
    /// At or below this value the claim is plausible.
    public let plausible: Double?
    /// What confirmed, plausible and contradicted mean for this test, in words.
    public let rule: String
    /// The source of the threshold.
    public let source: String
}

/// The table every verdict follows: one row per test, thresholds from the literature (printed by
/// `skyrecon verify --explain`). Changing a threshold here changes every verdict and the explanation together.
public enum RelationRules {
    /// The rows, in the order they are printed.
    public static let all: [RelationRule] = [
        RelationRule(test: .approach, verbs: ["犯", "乘", "陵", "凌", "貫", "經", "歷", "觸", "抵", "鬬", "鬭", "近", "逼", "掠", "至"],
                     measure: "minimum separation over the night from the nearest member star (deg)",
                     confirmed: 1, plausible: 2,
                     rule: "≤ 1° confirmed, ≤ 2° plausible, else contradicted; measured topocentrically from the capital at moments when the subject is above the horizon with the Sun below −6°, geocentrically (and at best plausible) when it never is",
                     source: "孟康 (漢書 天文志 注): 犯 「七寸以內光芒相及也」; 1 尺 ≈ 1° (Kiang 1972); Ma Liping et al. 2014"),
        RelationRule(test: .occultation, verbs: ["掩", "蝕星", "食星"],
                     measure: "minimum topocentric separation from the capital, in lunar radii",
                     confirmed: 1, plausible: 4,
                     rule: "Moon: the limb covers a member star at a moment it can be seen from the capital → confirmed; an approach within 4 lunar radii (≈ 1°), or an occultation seen only elsewhere → plausible. A planet 'covering' a star: ≤ 0.5° confirmed, ≤ 1° plausible",
                     source: "Hilton, Seidelmann & Liu 1992 (well-recorded occultations happened, usually on the day); Ma Liping et al. 2014"),
        RelationRule(test: .inside, verbs: ["入", "中", "居", "在…中"],
                     measure: "distance outside the convex figure of the object's member stars (deg; 0 inside)",
                     confirmed: 0, plausible: 1,
                     rule: "inside the figure (hull of the member stars on the sky) at some moment of the night → confirmed; within 1° of it → plausible; a single star is tested as 犯",
                     source: "the 入 of the 天文志: the body within the asterism's outline (Ho Peng Yoke 1966; Ma Liping et al. 2014)"),
        RelationRule(test: .conjunction, verbs: ["合", "同舍", "相犯"],
                     measure: "minimum separation of the subjects (or subject and object) over the night (deg)",
                     confirmed: 3, plausible: 6,
                     rule: "in the same lunar mansion, or ≤ 3°, → confirmed; ≤ 6° → plausible",
                     source: "漢書 天文志 「同舍為合」; Ma Liping et al. 2014"),
        RelationRule(test: .stay, verbs: ["守", "留守"],
                     measure: "days, around the date, the subject stays within 3° of the nearest member star",
                     confirmed: nil, plausible: nil,
                     rule: "within 3° for ≥ 10 days including the night → confirmed; within 5° for ≥ 5 days, or within 2° on the night → plausible",
                     source: "開元占經 (守: the planet lingers at the star); thresholds are skyrecon's reading, stated so they can be argued with"),
        RelationRule(test: .gathering, verbs: ["聚", "五星聚", "合聚"],
                     measure: "largest separation between the named planets at the night's midpoint (deg)",
                     confirmed: 15, plausible: 30,
                     rule: "all named planets within 15° (about one mansion) → confirmed; within 30° → plausible",
                     source: "Pankenier 1983, 2013 (massings of the planets); 漢書 天文志 「五星若合」"),
        RelationRule(test: .daylight, verbs: ["晝見", "經天", "晝見經天"],
                     measure: "elongation from the Sun (deg) and V magnitude at local noon",
                     confirmed: nil, plausible: nil,
                     rule: "elongation > 30° and V ≤ −3.9 → confirmed; elongation > 20° and V ≤ −3.5 → plausible; else contradicted",
                     source: "Lü, Wang & Sun 2016: most of 206 Han–Tang 太白晝見 records at elongation > 30°, V < −3.9; magnitudes after Mallama & Hilton 2018"),
        RelationRule(test: .appearance, verbs: ["見", "晨見", "夕見", "出", "晨出", "夕出", "復見"],
                     measure: "altitude of the planet when the Sun stands its arcus visionis below the horizon (deg)",
                     confirmed: nil, plausible: nil,
                     rule: "the planet stands ≥ 3° high at a moment the Sun is at least its arcus visionis below the horizon (Mercury 10°, Venus 5°, Mars 11.5°, Jupiter 9°, Saturn 11°) → confirmed; visible within 7 days of the date → plausible",
                     source: "arcus visionis after Ptolemy / Schoch 1924 (heliacal visibility)"),
        RelationRule(test: .disappearance, verbs: ["伏", "不見", "晨伏", "夕伏"],
                     measure: "as for 見",
                     confirmed: nil, plausible: nil,
                     rule: "the planet is not visible under the 見 criterion on the night → confirmed; it becomes invisible within 7 days → plausible",
                     source: "arcus visionis after Ptolemy / Schoch 1924"),
        RelationRule(test: .eclipse, verbs: ["食", "蝕", "日食", "月食", "有食之"],
                     measure: "geocentric separation of the centres at greatest eclipse against the eclipse limit (deg); magnitude at the capital",
                     confirmed: nil, plausible: nil,
                     rule: "an eclipse within a day of the date seen at the capital (Sun or Moon above the horizon during it) → confirmed; an eclipse that day not seen there → plausible; none → contradicted",
                     source: "eclipse limits from the lunar and solar parallaxes and semi-diameters (Meeus 1998, ch. 54); Danjon's 1.01 enlargement of the shadow"),
        RelationRule(test: .position, verbs: ["在", "舍", "旅", "次", "宿"],
                     measure: "difference between the written and the computed 入宿度 (度)",
                     confirmed: 2, plausible: 5,
                     rule: "same mansion and within 2 度 → confirmed; within 5 度 (across a boundary too) → plausible; a mansion without 度: inside it → confirmed, within 2 度 of it → plausible",
                     source: "Tang solar positions in the eclipse lists err by a few 度 (Liu Ciyuan 2013); 入宿度 from the determinative stars"),
        RelationRule(test: .retrograde, verbs: ["逆行", "退行", "逆", "退"],
                     measure: "rate of the geocentric ecliptic longitude (deg/day)",
                     confirmed: nil, plausible: nil,
                     rule: "moving west on the night → confirmed; within 10 days of a station → plausible",
                     source: "definition of retrograde motion"),
        RelationRule(test: .station, verbs: ["留"],
                     measure: "days to the nearest station",
                     confirmed: 7, plausible: 15,
                     rule: "a station within 7 days → confirmed; within 15 days → plausible",
                     source: "the planets' stations last days to weeks (Meeus 1998, ch. 36)"),
        RelationRule(test: .prograde, verbs: ["順行"],
                     measure: "rate of the geocentric ecliptic longitude (deg/day)",
                     confirmed: nil, plausible: nil,
                     rule: "moving east on the night → confirmed; within 10 days of a station → plausible",
                     source: "definition of direct motion"),
    ]

    /// The rule for a test.
    public static func rule(_ test: RelationTest) -> RelationRule {
        all.first { $0.test == test } ?? all[0]
    }

    /// The test for a verb as written, or nil when no test covers it: exact verbs first, then a verb that contains a
    /// known one (復犯 → 犯, 晝見經天 → 晝見).
    public static func test(forVerb verb: String) -> RelationTest? {
        if let r = all.first(where: { $0.verbs.contains(verb) }) { return r.test }
        for key in ["晝見", "經天", "逆行", "順行", "掩", "犯", "乘", "鬬", "入", "守", "合", "聚", "食", "蝕", "留", "伏", "見", "在"] where verb.contains(key) {
            return all.first { $0.verbs.contains(key) }?.test
        }
        return nil
    }
}
