import Sky
import SkyTime

/// Where a dynasty's astronomers observed: the capital by dynasty and date.
///
/// Facts written by the skyrecon authors from the standard chronology of Chinese capitals (e.g. Wilkinson,
/// *Chinese History: A New Manual*, 2018, ch. 9); a record is tested from the court's seat on its date. Sites are
/// the gazetteer's where it has them; Pingcheng and Ye are given here.
public enum Capitals {
    /// One span of years in which a dynasty (or any, when `dynasty` is nil) observed from a site.
    struct Span: Sendable {
        let dynasties: [String]
        let years: ClosedRange<Int>
        let site: String
    }

    /// Dynasty-specific spans first, then the main-line succession by year alone.
    static let spans: [Span] = [
        Span(dynasties: ["秦"], years: -300 ... -206, site: "xianyang"),
        Span(dynasties: ["西漢", "漢", "新", "更始"], years: -206...24, site: "changan"),
        Span(dynasties: ["東漢", "漢", "後漢"], years: 25...189, site: "luoyang"),
        Span(dynasties: ["東漢", "漢", "後漢"], years: 190...195, site: "changan"),
        Span(dynasties: ["東漢", "漢", "後漢", "魏", "曹魏", "晉", "西晉"], years: 196...316, site: "luoyang"),
        Span(dynasties: ["晉", "東晉", "宋", "劉宋", "齊", "南齊", "梁", "陳"], years: 317...589, site: "nanjing"),
        Span(dynasties: ["北魏", "魏"], years: 398...493, site: "pingcheng"),
        Span(dynasties: ["北魏", "魏", "東魏"], years: 494...534, site: "luoyang"),
        Span(dynasties: ["東魏", "北齊"], years: 534...577, site: "ye"),
        Span(dynasties: ["西魏", "北周"], years: 535...581, site: "changan"),
        Span(dynasties: ["隋"], years: 581...618, site: "changan"),
        Span(dynasties: ["武周", "周"], years: 690...705, site: "luoyang"),
        Span(dynasties: ["唐"], years: 618...904, site: "changan"),
        Span(dynasties: ["唐"], years: 905...907, site: "luoyang"),
        Span(dynasties: ["後梁", "梁"], years: 907...923, site: "kaifeng"),
        Span(dynasties: ["後唐", "唐"], years: 923...936, site: "luoyang"),
        Span(dynasties: ["後晉", "晉", "後漢", "漢", "後周", "周"], years: 936...960, site: "kaifeng"),
        Span(dynasties: ["宋", "北宋"], years: 960...1127, site: "kaifeng"),
        Span(dynasties: ["宋", "南宋"], years: 1127...1279, site: "hangzhou"),
        Span(dynasties: ["元"], years: 1267...1368, site: "beijing"),
        Span(dynasties: ["明"], years: 1368...1420, site: "nanjing"),
        Span(dynasties: ["明", "清"], years: 1421...1912, site: "beijing"),
    ]

    /// The main line by year alone, when the dynasty is unknown.
    static let mainLine: [(years: ClosedRange<Int>, site: String)] = [
        (-300 ... -207, "xianyang"), (-206...24, "changan"), (25...316, "luoyang"), (317...580, "nanjing"),
        (581...689, "changan"), (690...705, "luoyang"), (706...904, "changan"), (905...906, "luoyang"),
        (907...959, "kaifeng"), (960...1126, "kaifeng"), (1127...1278, "hangzhou"), (1279...1367, "beijing"),
        (1368...1420, "nanjing"), (1421...1912, "beijing"),
    ]

    /// The capital for a dynasty (as the calendar names it) on a day (JDN); Chang'an outside every span.
    public static func site(dynasty: String?, jdn: Int, gazetteer: Gazetteer) -> Site {
        let year = CalendarDate(julianDayNumber: jdn, calendar: .julian).year
        let key: String
        if let dynasty, let s = spans.first(where: { $0.dynasties.contains(dynasty) && $0.years.contains(year) }) {
            key = s.site
        } else {
            key = mainLine.first { $0.years.contains(year) }?.site ?? "changan"
        }
        if key != "changan", let extra = extraSites[key] { return extra }
        return (try? gazetteer.site(named: key)) ?? extraSites["changan"]!
    }

    /// Capitals the gazetteer lacks, and Chang'an as a fallback should the gazetteer be edited.
    static let extraSites: [String: Site] = [
        "pingcheng": Site(key: "pingcheng", name: "Pingcheng (Northern Wei capital, modern Datong)", nameZH: "平城",
                          latitude: .degrees(40.09), longitude: .degrees(113.30), heightMeters: 1050,
                          source: "Northern Wei Pingcheng palace site, modern Datong city centre"),
        "ye": Site(key: "ye", name: "Ye (Eastern Wei and Northern Qi capital)", nameZH: "鄴",
                   latitude: .degrees(36.33), longitude: .degrees(114.37), heightMeters: 60,
                   source: "Ye city site (鄴城遺址), Linzhang, Hebei"),
        "changan": Site(key: "changan", name: "Chang'an (Tang capital, modern Xi'an)", nameZH: "長安",
                        latitude: .degrees(34.27), longitude: .degrees(108.93), heightMeters: 400,
                        source: "Tang Chang'an city (modern Xi'an city centre)"),
    ]
}
