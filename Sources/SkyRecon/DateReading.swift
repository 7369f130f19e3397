import Foundation

/// A date as a user wrote it — Western (`0757-03-14`, `757BCE-03-14`, `JD2397500.5`) or Chinese
/// (`至德二載二月壬午`, `唐肅宗至德二載二月壬午夜`, `貞觀三年八月己巳朔`) — read into a `Moment`, with the Chinese date
/// it denotes or falls on.
///
/// One date language for every command: what `skyrecon date` reads, `--date`, `--from` and `--to` read too.
public struct DateReading: Sendable {
    /// The moment: a Chinese date is its civil day (Julian before 1582-10-15, Gregorian after), without a time.
    public let moment: Moment
    /// The Chinese date written, or the main-line Chinese date of a Western date before 1912 (nil outside the tables).
    public let chinese: ChineseDate?
    /// A part of the day written after a Chinese date (夜, 晝, 晨, 昏, 旦, 夕), kept as read.
    public let partOfDay: String?

    /// The date in both calendars, e.g. `0757-02-26 (Julian) = 唐肅宗至德二載二月壬午（四日）`.
    public var description: String {
        var s: String
        switch moment.value {
        case .date(let d): s = d.historianDescription
        case .julianDate: s = moment.description
        }
        if let chinese { s += " = " + chinese.text }
        return s
    }
}

extension SkyRecon {
    /// The words for a part of the day that may follow a Chinese date (`…壬午夜`).
    static let partsOfDay: [Character] = ["夜", "晝", "晨", "昏", "旦", "夕"]

    /// Reads a date in the one date language of skyrecon.
    ///
    /// - Parameters:
    ///   - text: a Western date or moment (see `Moment(parsing:)`) or a Chinese date expression (see
    ///     `ChineseCalendar.resolve(_:context:)`), optionally followed by a part of the day (夜).
    ///   - dynasty: settles a reused era name (`唐` for 上元); the main-line dynasty is preferred otherwise.
    ///   - calendar: the Chinese calendar tables (loaded once when nil and needed).
    ///   - chineseForWestern: whether a Western date before 1912 gets its Chinese date too (loads the calendar).
    /// - Returns: the moment and the Chinese date (the one written, or for a Western date before 1912 the main-line
    ///   date of that day).
    /// - Throws: `SkyTimeError` for a Western date, `ChineseCalendarError` for a Chinese one, each saying how to fix it.
    public static func readDate(_ text: String, dynasty: String? = nil, calendar: ChineseCalendar? = nil,
                                chineseForWestern: Bool = true) throws -> DateReading {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.unicodeScalars.contains(where: isHan) else {
            let moment = try Moment(parsing: trimmed)
            var chinese: ChineseDate? = nil
            if chineseForWestern, case .date(let d) = moment.value, d.year < 1912 {
                chinese = try (calendar ?? ChineseCalendar.standard()).mainLineDate(jdn: d.julianDayNumber)
            }
            return DateReading(moment: moment, chinese: chinese, partOfDay: nil)
        }
        var expression = trimmed
        var partOfDay: String? = nil
        if let last = expression.last, partsOfDay.contains(last), expression.count > 1 {
            partOfDay = String(last)
            expression.removeLast()
        }
        let chinese = try (calendar ?? ChineseCalendar.standard()).date(expression, context: DateContext(dynasty: dynasty))
        return DateReading(moment: Moment(value: .date(chinese.civil), clock: .universal, hasTime: false),
                           chinese: chinese, partOfDay: partOfDay)
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(scalar.value) || (0x20000...0x2FA1F).contains(scalar.value)
    }
}

extension SkyView {
    /// The scene of a date read by `SkyRecon.readDate` (see `scene(_:objects:site:approachWindowDays:)`); the report
    /// carries the Chinese date beside the civil one.
    public func scene(_ date: DateReading, objects: [String], site: Site, approachWindowDays: Double = 3) throws -> SceneReport {
        var report = try scene(date.moment, objects: objects, site: site, approachWindowDays: approachWindowDays)
        report.chineseDate = date.chinese?.text
        return report
    }
}

extension SkyRecon {
    /// An observer from a gazetteer name (`changan`, `babylon`, `長安`) or `LAT,LON[,HEIGHT_M]`.
    ///
    /// - Throws: `SiteError` naming the nearest gazetteer entries for an unknown name.
    public static func site(_ text: String) throws -> Site { try Gazetteer.standard().site(named: text) }

    /// The dates of a civil day (Julian day number) in every Chinese, Japanese and Korean calendar in use that day,
    /// main-line dynasties first — the inverse of `readDate` for a Chinese date. Empty outside the tables
    /// (−245…1912-02-17).
    public static func chineseDates(julianDayNumber jdn: Int, calendar: ChineseCalendar? = nil) throws -> [ChineseDate] {
        try (calendar ?? ChineseCalendar.standard()).dates(jdn: jdn)
    }
}

extension SkyView {
    /// Positions of named objects at a moment (a date alone means 0h UT of that day; see `Moment`), geocentric and,
    /// from a site, topocentric. A cluster or asterism gives one observation per member star, brightest first.
    ///
    /// - Parameters:
    ///   - names: anything the name resolver knows (`venus`, `昴`, `HIP17702`, `Regulus`, `軒轅大星`).
    ///   - date: a date read by `SkyRecon.readDate`.
    ///   - site: the observer, or nil for geocentric places.
    /// - Returns: per name, its observations; each is `Codable` and names its models and ΔT with σ.
    public func positions(of names: [String], at date: DateReading, site: Site? = nil) throws -> [[Observation]] {
        let (instant, deltaT) = try date.moment.resolve(deltaT: models.deltaT, longitude: site?.longitude)
        return try names.map { try observe(try resolve($0).object, at: instant, site: site, deltaT: deltaT) }
    }
}
