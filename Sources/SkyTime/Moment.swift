/// A moment as a user wrote it: a calendar date and time, or a Julian date, on a stated clock.
///
/// It becomes an `Instant` once a ΔT model (for UT and local solar time) and, for local solar time,
/// the site's longitude are known. Parse one with `Moment(parsing:policy:)`.
public struct Moment: Sendable, Hashable, CustomStringConvertible {
    /// The clock the moment was given on.
    public enum Clock: String, Sendable, Hashable, Codable {
        /// Universal Time (UT1), the default for dates with a time.
        case universal = "UT"
        /// Terrestrial Time (TT); TDB input is read as TT (they differ by < 2 ms).
        case terrestrial = "TT"
        /// Local mean solar time at the site (UT + longitude/15°).
        case localMean = "LMT"
        /// Local apparent (sundial) solar time at the site (local mean time + equation of time).
        case localApparent = "LAT"
    }

    /// What was written.
    public enum Value: Sendable, Hashable {
        /// A calendar date with its time of day.
        case date(CalendarDate)
        /// A Julian date in two parts.
        case julianDate(whole: Double, fraction: Double)
    }

    /// The date or Julian date.
    public let value: Value
    /// The clock it was read on.
    public let clock: Clock
    /// Whether a time of day was written (a bare date means 0h on its clock).
    public let hasTime: Bool

    /// Creates a moment from its parts (parsing is `init(parsing:policy:)`).
    public init(value: Value, clock: Clock, hasTime: Bool) {
        self.value = value
        self.clock = clock
        self.hasTime = hasTime
    }

    /// Parses a moment. Accepted forms (case-insensitive, surrounding spaces ignored):
    /// - `0757-03-14`, `0757-03-14T19:30`, `0757-03-14 19:30:05.25`, `1957-10-04.81` (fraction of a day)
    ///   — UT unless a clock follows;
    /// - clock suffixes `UT`/`UT1`/`UTC`/`Z`, `TT`/`TDB`, `LMT` (local mean), `LAT` (local apparent), e.g. `0757-03-14T12:52TT`;
    /// - eras: `757BCE-03-14`, `757 BCE-03-14`, `757 CE-03-14`, `-0756-03-14` (astronomical: year 0 = 1 BCE);
    /// - a calendar letter `J` or `G` after the day or at the end forces Julian or Gregorian (`1600-01-01G`);
    ///   otherwise `policy` picks it (historians': Julian before 1582-10-15);
    /// - Julian dates `JD2397500.5` (UT), `JD2397500.5TT` or `JDE2397500.5` (TT).
    ///
    /// - Throws: `SkyTimeError` with a one-line message naming the problem and the fix.
    public init(parsing text: String, policy: CalendarPolicy = .historians) throws {
        self = try MomentParser.parse(text, policy: policy)
    }

    /// The instant this moment denotes, and the ΔT estimate used (nil when none was needed).
    ///
    /// - Parameters:
    ///   - deltaT: the ΔT model for UT and local solar time.
    ///   - longitude: the site's longitude, east positive, for local mean or apparent time.
    /// - Throws: `SkyTimeError.longitudeNeeded` for local solar time without a longitude.
    public func resolve(deltaT: any DeltaTModel, longitude: Angle? = nil) throws -> (instant: Instant, deltaT: DeltaTEstimate?) {
        let (whole, fraction): (Double, Double)
        switch value {
        case .date(let date):
            let p = date.julianDateParts
            (whole, fraction) = (p.whole, p.fraction)
        case .julianDate(let w, let f):
            (whole, fraction) = (w, f)
        }
        switch clock {
        case .terrestrial:
            return (Instant(jdTT: whole, fraction), nil)
        case .universal:
            let r = Instant.fromUT1(whole, fraction, deltaT: deltaT)
            return (r.instant, r.deltaT)
        case .localMean, .localApparent:
            guard let longitude else { throw SkyTimeError.longitudeNeeded(text: description) }
            var utFraction = fraction - longitude.degrees / 360
            if clock == .localApparent {
                // Apparent = mean + E, so mean = apparent − E, with E taken at the instant being
                // found (in TT: ΔT reaches a day in antiquity, over which E moves by up to 30 s);
                // a second pass converges to well under 0.01 s.
                let meanFraction = utFraction
                var e = 0.0
                for _ in 0..<2 {
                    let r = Instant.fromUT1(whole, meanFraction - e / secondsPerDay, deltaT: deltaT)
                    e = EquationOfTime.seconds(at: r.instant, deltaTSeconds: r.deltaT.seconds)
                }
                utFraction = meanFraction - e / secondsPerDay
            }
            let r = Instant.fromUT1(whole, utFraction, deltaT: deltaT)
            return (r.instant, r.deltaT)
        }
    }

    /// The instant this moment denotes (see `resolve(deltaT:longitude:)`).
    public func instant(deltaT: any DeltaTModel, longitude: Angle? = nil) throws -> Instant {
        try resolve(deltaT: deltaT, longitude: longitude).instant
    }

    /// The moment as read, e.g. `0757-03-14T19:30:00J UT`.
    public var description: String {
        switch value {
        case .date(let date): date.iso(withTime: hasTime) + " " + clock.rawValue
        case .julianDate(let w, let f): "JD \(w + f) " + clock.rawValue
        }
    }
}

/// The parser behind `Moment(parsing:policy:)`.
public enum MomentParser {
    /// Parses a moment; see `Moment(parsing:policy:)` for the accepted forms.
    public static func parse(_ input: String, policy: CalendarPolicy = .historians) throws -> Moment {
        let text = input.trimmingWhitespace()
        var s = Scanner(text)
        guard !s.atEnd else { throw SkyTimeError.unrecognizedMoment(text: input) }
        if s.take("JDE") {
            return try julianDate(&s, input: input, defaultClock: .terrestrial)
        }
        if s.take("JD") {
            return try julianDate(&s, input: input, defaultClock: .universal)
        }
        return try calendarMoment(&s, input: input, policy: policy)
    }

    private static func julianDate(_ s: inout Scanner, input: String, defaultClock: Moment.Clock) throws -> Moment {
        s.skipSpaces()
        let negative = s.take("-")
        if !negative { _ = s.take("+") }
        let intDigits = s.digits()
        var fracDigits = ""
        if s.take(".") { fracDigits = s.digits() }
        guard !intDigits.isEmpty || !fracDigits.isEmpty, intDigits.count <= 12,
              let whole = Double(intDigits.isEmpty ? "0" : intDigits),
              let fraction = Double("0." + (fracDigits.isEmpty ? "0" : fracDigits))
        else { throw SkyTimeError.unrecognizedMoment(text: input) }
        s.skipSpaces()
        var clock = defaultClock
        if let c = clockSuffix(&s) {
            guard c == .universal || c == .terrestrial else { throw SkyTimeError.unrecognizedMoment(text: input) }
            clock = c
        }
        s.skipSpaces()
        guard s.atEnd else { throw SkyTimeError.unrecognizedMoment(text: input) }
        let sign = negative ? -1.0 : 1.0
        return Moment(value: .julianDate(whole: sign * whole, fraction: sign * fraction), clock: clock, hasTime: true)
    }

    private static func calendarMoment(_ s: inout Scanner, input: String, policy: CalendarPolicy) throws -> Moment {
        let negative = s.take("-")
        if !negative { _ = s.take("+") }
        let yearDigits = s.digits()
        guard !yearDigits.isEmpty, yearDigits.count <= 6, let magnitude = Int(yearDigits) else {
            throw SkyTimeError.unrecognizedMoment(text: input)
        }
        var year = negative ? -magnitude : magnitude
        let afterYear = s.position
        s.skipSpaces()
        var era = eraSuffix(&s)
        if era == nil { s.position = afterYear }
        guard s.take("-") else { throw SkyTimeError.unrecognizedMoment(text: input) }
        let monthDigits = s.digits()
        guard s.take("-") else { throw SkyTimeError.unrecognizedMoment(text: input) }
        let dayDigits = s.digits()
        guard (1...2).contains(monthDigits.count), (1...2).contains(dayDigits.count),
              let month = Int(monthDigits), let day = Int(dayDigits)
        else { throw SkyTimeError.unrecognizedMoment(text: input) }

        var seconds = 0.0
        var hasTime = false
        if s.take(".") {   // fractional day, as in Meeus: 1957-10-04.81
            let digits = s.digits()
            guard !digits.isEmpty, let f = Double("0." + digits) else { throw SkyTimeError.unrecognizedMoment(text: input) }
            seconds = f * secondsPerDay
            hasTime = true
        }
        var calendar: CalendarSystem? = calendarLetter(&s)
        let beforeTime = s.position
        let hadT = s.take("T")
        if !hadT { s.skipSpaces() }
        if let c = s.peek, Scanner.isDigit(c), !hasTime {
            seconds = try timeOfDay(&s, input: input)
            hasTime = true
        } else {
            s.position = beforeTime
        }

        var clock: Moment.Clock?
        while true {
            s.skipSpaces()
            if s.atEnd { break }
            if clock == nil, let c = clockSuffix(&s) { clock = c; continue }
            if era == nil, let e = eraSuffix(&s) { era = e; continue }
            if calendar == nil, let c = calendarLetter(&s) { calendar = c; continue }
            throw SkyTimeError.unrecognizedMoment(text: input)
        }

        if let era {
            guard !negative else { throw SkyTimeError.unrecognizedMoment(text: input) }
            guard magnitude != 0 else { throw SkyTimeError.yearZeroWithEra(text: input.trimmingWhitespace()) }
            if era == .bce { year = 1 - magnitude }
        }
        let date: CalendarDate
        if let calendar {
            date = try CalendarDate(year: year, month: month, day: day, secondsOfDay: seconds, calendar: calendar)
        } else {
            date = try CalendarDate(year: year, month: month, day: day, secondsOfDay: seconds, policy: policy)
        }
        return Moment(value: .date(date), clock: clock ?? .universal, hasTime: hasTime)
    }

    private static func timeOfDay(_ s: inout Scanner, input: String) throws -> Double {
        let hourDigits = s.digits()
        guard (1...2).contains(hourDigits.count), s.take(":") else { throw SkyTimeError.unrecognizedMoment(text: input) }
        let minuteDigits = s.digits()
        guard minuteDigits.count == 2, let hour = Int(hourDigits), let minute = Int(minuteDigits) else {
            throw SkyTimeError.unrecognizedMoment(text: input)
        }
        var second = 0.0
        var secondText = ""
        if s.take(":") {
            secondText = s.digits()
            if s.take(".") { secondText += "." + s.digits() }
            guard secondText.count >= 2, let value = Double(secondText) else {
                throw SkyTimeError.unrecognizedMoment(text: input)
            }
            second = value
        }
        guard hour <= 23, minute <= 59, second < 60 else {
            throw SkyTimeError.impossibleTime(text: hourDigits + ":" + minuteDigits + (secondText.isEmpty ? "" : ":" + secondText))
        }
        return Double(hour * 3600 + minute * 60) + second
    }

    private enum Era { case bce, ce }

    private static func eraSuffix(_ s: inout Scanner) -> Era? {
        if s.take("BCE") || s.take("B.C.E.") || s.take("BC") || s.take("B.C.") { return .bce }
        if s.take("CE") || s.take("C.E.") || s.take("AD") || s.take("A.D.") { return .ce }
        return nil
    }

    private static func calendarLetter(_ s: inout Scanner) -> CalendarSystem? {
        // A calendar letter must stand alone (not the start of a word such as "GMT").
        guard let c = s.peek, c == UInt8(ascii: "J") || c == UInt8(ascii: "G") else { return nil }
        if let next = s.peek(1), Scanner.isLetter(next) { return nil }
        s.position += 1
        return c == UInt8(ascii: "J") ? .julian : .gregorian
    }

    private static let clockWords: [(StaticString, Moment.Clock)] = [
        ("UT1", .universal), ("UTC", .universal), ("UT", .universal), ("Z", .universal),
        ("TDB", .terrestrial), ("TT", .terrestrial), ("LMT", .localMean), ("LAT", .localApparent),
    ]

    private static func clockSuffix(_ s: inout Scanner) -> Moment.Clock? {
        for (word, clock) in clockWords {
            let save = s.position
            if s.take(word) {
                if let next = s.peek, Scanner.isLetter(next) { s.position = save; continue }
                return clock
            }
        }
        return nil
    }

    /// A cursor over the upper-cased ASCII bytes of the input (non-ASCII text is never a valid moment,
    /// except the typographic minus, mapped to "-").
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ text: String) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x61...0x7A: out.append(UInt8(scalar.value - 32))
                case 0..<0x80: out.append(UInt8(scalar.value))
                case 0x2212: out.append(UInt8(ascii: "-"))
                default: out.append(0xFF)
                }
            }
            bytes = out
        }

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
        func peek(_ offset: Int) -> UInt8? {
            let i = position + offset
            return i >= 0 && i < bytes.count ? bytes[i] : nil
        }

        mutating func take(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            let start = word.utf8Start
            for i in 0..<count where bytes[position + i] != start[i] { return false }
            position += count
            return true
        }

        mutating func digits() -> String {
            let start = position
            while let c = peek, Self.isDigit(c) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func skipSpaces() {
            while let c = peek, c == 0x20 || c == 0x09 { position += 1 }
        }

        static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || c >= 0x80 }
    }
}
