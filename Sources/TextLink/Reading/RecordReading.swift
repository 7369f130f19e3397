import Foundation
import ChineseCalendar

/// One change the reader made to the characters of a record before reading it: a variant or a copying slip of the
/// printed edition (嵗 → 歲, 戍 → 戌 in a sexagenary day, 書見 → 晝見).
public struct Normalisation: Sendable, Codable, Hashable {
    /// 0-based code-point offset of the first changed character in the file (or passage).
    public var offset: Int
    /// The characters as written.
    public var written: String
    /// The characters as read.
    public var read: String
    /// Why: "variant character", "copying slip", "Siku form".
    public var reason: String

    /// Creates a normalisation note.
    public init(offset: Int, written: String, read: String, reason: String) {
        self.offset = offset
        self.written = written
        self.read = read
        self.reason = reason
    }
}

/// One astronomical record of a treatise as read: where it stands in the text, its date (with the parts inherited
/// from earlier records), the claims it makes, and whether they can be tested against the sky.
///
/// A record is one date clause and the event clause it governs; several events sharing a date (是夜月掩南斗, or
/// 熒惑犯輿鬼 written straight after 月犯五諸侯) are separate records whose span is only their event clause.
public struct RecordReading: Sendable, Codable, Hashable {
    /// The file the record was read from (relative to the corpus folder), or "" for a passage.
    public var file: String
    /// 0-based Unicode code-point offsets of the record (date clause and event clause) in the text: [start, end).
    public var charStart: Int
    public var charEnd: Int
    /// The record as written (characters charStart..<charEnd of the text).
    public var text: String
    /// The date, after inheritance, with its civil day.
    public var date: RecordDate
    /// The testable statements, in the order written (a chain 犯…遂入… gives one claim per link).
    public var claims: [Claim]
    /// Subjects taken from an earlier record or a section title because the text omits them.
    public var subjectInherited: Bool
    /// True when every claim can be tested against computed positions (date known to the month or day, objects
    /// identified, relation one of position).
    public var testable: Bool
    /// Why the record cannot be tested (a halo, a meteor, a colour, an unknown star name, a garbled date), or nil.
    public var untestableReason: String?
    /// Problems reading the record that a user should look at (unknown star name, garbled date), or empty.
    public var problems: [String]
    /// Variant characters and copying slips normalised inside the record.
    public var normalisations: [Normalisation]
    /// Prognostication and commentary that follow the record (占曰…), and the section title it stands under.
    public var context: String?
    /// The section title the record stands under (日食, 月五星凌犯及星變), when the text gives one.
    public var section: String?

    /// Creates a reading.
    public init(file: String, charStart: Int, charEnd: Int, text: String, date: RecordDate, claims: [Claim],
                subjectInherited: Bool = false, testable: Bool, untestableReason: String? = nil,
                problems: [String] = [], normalisations: [Normalisation] = [], context: String? = nil,
                section: String? = nil) {
        self.file = file
        self.charStart = charStart
        self.charEnd = charEnd
        self.text = text
        self.date = date
        self.claims = claims
        self.subjectInherited = subjectInherited
        self.testable = testable
        self.untestableReason = untestableReason
        self.problems = problems
        self.normalisations = normalisations
        self.context = context
        self.section = section
    }

    /// Subjects of the first claim as English names joined by "+" (熒惑太白 → "Mars+Venus").
    public var subject: String { claims.first.map { $0.subjects.joined(separator: "+") } ?? "" }
    /// The relations of all claims as written, joined by "|" (入太微犯左執法 → "入|犯").
    public var relation: String { claims.map(\.relation).joined(separator: "|") }
    /// The objects of all claims as written, joined by "|" in the order of `relation` ("太微|左執法").
    public var object: String {
        claims.contains { !$0.object.isEmpty } ? claims.map(\.object).joined(separator: "|") : ""
    }
    /// The first position written with the record (在翼四度 → 翼, 4).
    public var position: MansionDu? { claims.lazy.compactMap(\.position).first }

    enum CodingKeys: String, CodingKey {
        case file, text, date, claims, testable, problems, normalisations, context, section
        case charStart = "char_start", charEnd = "char_end", subjectInherited = "subject_inherited"
        case untestableReason = "untestable_reason"
    }
}

/// One line of `skyrecon link` output: a record's fields at the top level (`file`, `char_start`, `char_end`,
/// `text`, `date`, `subject`, `relation`, `object`, `object_ids`, `position`, `testable`, `claims`,
/// `normalisations` …), and any further fields a later step adds (a verification's `verdict`, `score`,
/// `evidence`) encoded into the same JSON object.
public struct RecordLine: Encodable, Sendable {
    /// The record.
    public var reading: RecordReading
    /// Fields added by a later step, encoded at the top level of the same object (its keys must not clash with
    /// the record's).
    public var extra: (any Encodable & Sendable)?

    /// Creates a line for a record, optionally with further fields.
    public init(_ reading: RecordReading, extra: (any Encodable & Sendable)? = nil) {
        self.reading = reading
        self.extra = extra
    }

    enum Keys: String, CodingKey {
        case file, text, date, subject, relation, object, position, testable, claims, normalisations, problems
        case context, section
        case charStart = "char_start", charEnd = "char_end", objectIDs = "object_ids"
        case subjectInherited = "subject_inherited", untestableReason = "untestable_reason"
    }

    /// The date with every field present (absent values as null), so each line has the same keys.
    struct DateFields: Encodable {
        let d: RecordDate
        enum Keys: String, CodingKey {
            case dynasty, era, year, month, leap, jdn, inherited, status, note
            case dayGanzhi = "day_ganzhi", dayNumber = "day_number", dayMarker = "day_marker"
            case firstJDN = "first_jdn", lastJDN = "last_jdn"
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(d.dynasty, forKey: .dynasty)
            try c.encode(d.era, forKey: .era)
            try c.encode(d.year, forKey: .year)
            try c.encode(d.month, forKey: .month)
            try c.encode(d.leap, forKey: .leap)
            try c.encode(d.dayGanzhi, forKey: .dayGanzhi)
            try c.encode(d.dayNumber, forKey: .dayNumber)
            try c.encode(d.dayMarker, forKey: .dayMarker)
            try c.encode(d.jdn, forKey: .jdn)
            try c.encode(d.firstJDN, forKey: .firstJDN)
            try c.encode(d.lastJDN, forKey: .lastJDN)
            try c.encode(d.inherited, forKey: .inherited)
            try c.encode(d.status, forKey: .status)
            try c.encode(d.note, forKey: .note)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        let r = reading
        try c.encode(r.file, forKey: .file)
        try c.encode(r.charStart, forKey: .charStart)
        try c.encode(r.charEnd, forKey: .charEnd)
        try c.encode(r.text, forKey: .text)
        try c.encode(DateFields(d: r.date), forKey: .date)
        try c.encode(r.subject, forKey: .subject)
        try c.encode(r.relation, forKey: .relation)
        try c.encode(r.object, forKey: .object)
        var ids: [String] = []
        for claim in r.claims { for id in claim.objectIDs where !ids.contains(id) { ids.append(id) } }
        try c.encode(ids, forKey: .objectIDs)
        try c.encode(r.position, forKey: .position)
        try c.encode(r.subjectInherited, forKey: .subjectInherited)
        try c.encode(r.testable, forKey: .testable)
        try c.encode(r.untestableReason, forKey: .untestableReason)
        try c.encode(r.problems, forKey: .problems)
        try c.encode(r.claims, forKey: .claims)
        try c.encode(r.normalisations, forKey: .normalisations)
        try c.encode(r.section, forKey: .section)
        try c.encode(r.context, forKey: .context)
        try extra?.encode(to: encoder)
    }
}

extension RecordReading {
    /// A row that stands for input the reader could not read as a record (no record in a sentence, an empty
    /// file), with the reason in `problems`.
    public static func failure(file: String, text: String, reason: String) -> RecordReading {
        RecordReading(file: file, charStart: 0, charEnd: text.unicodeScalars.count, text: text,
                      date: RecordDate(status: .undated), claims: [], testable: false, untestableReason: reason,
                      problems: [reason])
    }

    /// The fields of a CSV row, in the order of `csvHeader`.
    public var csvFields: [String] {
        func s(_ v: Int?) -> String { v.map(String.init) ?? "" }
        var ids: [String] = []
        for claim in claims { for id in claim.objectIDs where !ids.contains(id) { ids.append(id) } }
        return [file, String(charStart), String(charEnd), text, date.dynasty ?? "", date.era ?? "", s(date.year),
                s(date.month), date.leap ? "1" : "0", date.dayGanzhi ?? "", s(date.dayNumber), date.dayMarker ?? "",
                s(date.jdn), s(date.firstJDN), s(date.lastJDN), date.status.rawValue, date.inherited.joined(separator: "|"),
                subject, relation, object, ids.joined(separator: "|"), position?.mansion ?? "",
                position?.du.map { String(Int($0)) } ?? "",
                claims.lazy.compactMap(\.distanceChi).first.map { String($0) } ?? "",
                testable ? "1" : "0", untestableReason ?? "", problems.joined(separator: "; "),
                normalisations.map { "\($0.offset):\($0.written)→\($0.read)" }.joined(separator: "|")]
    }

    /// The CSV header matching `csvFields`.
    public static let csvHeader = ["file", "char_start", "char_end", "text", "dynasty", "era", "year", "month", "leap",
                                   "day_ganzhi", "day_number", "day_marker", "jdn", "first_jdn", "last_jdn",
                                   "date_status", "inherited", "subject", "relation", "object", "object_ids",
                                   "position_mansion", "position_du", "distance_chi", "testable", "untestable_reason",
                                   "problems", "normalisations"]

    /// A human-readable account of the reading, several lines.
    public var summary: String {
        var lines: [String] = []
        let where_ = file.isEmpty ? "" : "\(file) "
        lines.append("\(where_)[\(charStart)–\(charEnd)] \(text)")
        var dateText = [date.dynasty, date.era].compactMap { $0 }.joined()
        if let y = date.year { dateText += (y == 1 ? "元" : ChineseNumerals.format(y)) + "年" }
        if let m = date.month { dateText += (date.leap ? "閏" : "") + ChineseNumerals.format(m) + "月" }
        if let g = date.dayGanzhi { dateText += g }
        if let mk = date.dayMarker { dateText += mk }
        var dline = "  date      \(dateText.isEmpty ? "—" : dateText)  (\(date.status.rawValue))"
        if let j = date.jdn { dline += "  JDN \(j)" } else if let a = date.firstJDN, let b = date.lastJDN {
            dline += "  JDN \(a)…\(b)"
        }
        if !date.inherited.isEmpty { dline += "  inherited: " + date.inherited.joined(separator: ", ") }
        lines.append(dline)
        if let n = date.note { lines.append("  note      \(n)") }
        for c in claims {
            var l = "  claim     \(c.subjects.joined(separator: "+")) \(c.relation)"
            if !c.object.isEmpty { l += " \(c.object)" + (c.objectIDs.isEmpty ? " (unidentified)" : " [\(c.objectIDs.joined(separator: ", "))]") }
            if let p = c.position { l += "  at \(p.mansion)" + (p.du.map { " \(Int($0)) du" } ?? "") }
            if let d = c.distanceChi { l += "  distance \(d) chi" }
            if c.daytime { l += "  (by day)" }
            lines.append(l)
        }
        if subjectInherited { lines.append("  subject   taken from the record before") }
        lines.append("  testable  " + (testable ? "yes" : "no — " + (untestableReason ?? "")))
        for p in problems where !(untestableReason ?? "").contains(p) { lines.append("  problem   \(p)") }
        if !normalisations.isEmpty {
            lines.append("  read as   " + normalisations.map { "\($0.written)→\($0.read) (\($0.reason))" }.joined(separator: ", "))
        }
        if let c = context, !c.isEmpty { lines.append("  context   \(c.prefix(60))\(c.count > 60 ? "…" : "")") }
        return lines.joined(separator: "\n")
    }
}


extension TreatiseReader {
    /// Reads one passage; a passage with no record gives one failure row saying so.
    public func readPassage(_ text: String) -> [RecordReading] {
        let records = read(text)
        if records.isEmpty {
            return [.failure(file: "", text: text, reason: "no dated record found: a record starts with a date "
                             + "(開元二年七月己丑) followed by a body and a relation (太白犯輿鬼)")]
        }
        return records
    }
}
