import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon verify`: tests records against the computed sky.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Test records against the sky: verdict, evidence, ΔT band and the likely true date.",
        discussion: """
        One passage:  skyrecon verify "至德二載二月壬午，太白犯昴"
        A batch:      skyrecon verify --input records.tsv --format jsonl
        The thresholds: skyrecon verify --explain
        The batch input is tab-separated with a header. Each row is either a labelled claim — `subject` or
        `subject_norm` (English body names joined by +), `relation`, `object`, optional `object_ids` (| separated),
        `position_mansion`, `position_deg`, `dynasty`, and the civil day as `jdn` or `ref_jd` (or `first_jdn` and
        `last_jdn` for a month) — or a `text` column holding a passage to read. Bad rows come back as rows with a
        reason; the run goes on, says how many failed and then exits 1.
        """)

    @Argument(help: "A passage to read and verify (quote it).")
    var passage: String?

    @Option(help: ArgumentHelp("Batch input TSV (see above).", valueName: "FILE.tsv"))
    var input: String?

    @Flag(help: "Print the table of relation tests and thresholds, with their sources, and exit.")
    var explain = false

    @Option(help: ArgumentHelp("Random dates tried for each chance rate of the best-date search (0: none).", valueName: "N"))
    var chanceTrials: Int = 16

    @Flag(name: .customLong("no-best-date"), help: "Do not search for the likely true date of failing records.")
    var noBestDate = false

    @Option(help: "Output format: text, json, jsonl, csv.")
    var format: OutputFormat = .text

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if explain { return }
        guard (passage == nil) != (input == nil) else {
            throw ValidationError("give one passage in quotes (skyrecon verify \"至德二載二月壬午，太白犯昴\") or --input FILE.tsv, or --explain")
        }
        guard (0...1000).contains(chanceTrials) else { throw ValidationError("--chance-trials must be 0…1000") }
    }

    func run() throws {
        try reportingErrors {
            if explain { return try printExplanation() }
            var verifier = try SkyRecon.verifier(try modelOptions.choices(), chanceTrials: chanceTrials)
            verifier.searchBestDate = !noBestDate
            if let input {
                let rows = try VerifyInput.rows(path: input)
                var failed = 0
                var out: [VerifyRow] = []
                let progress = ProgressBar(total: rows.count)
                for (i, row) in rows.enumerated() {
                    let r = VerifyRow.verify(row, verifier: verifier)
                    if r.error != nil { failed += 1 }
                    out.append(r)
                    if format == .jsonl { try VerifyRow.write([r], format: .jsonl, header: false) }
                    progress.update(i + 1, label: row.id)
                }
                progress.finish()
                if format != .jsonl { try VerifyRow.write(out, format: format, header: true) }
                if failed > 0 {
                    printError("skyrecon verify: \(failed) of \(rows.count) rows could not be verified (see their `error`)")
                    throw ExitCode.failure
                }
            } else if let passage {
                let rows = try VerifyInput.read(passage: passage)
                try VerifyRow.write(rows.map { VerifyRow.verify($0, verifier: verifier) }, format: format, header: true)
            }
        }
    }

    private func printExplanation() throws {
        switch format {
        case .json, .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = format == .json ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
            if format == .json {
                print(String(decoding: try encoder.encode(RelationRules.all.map(Versioned.init)), as: UTF8.self))
            } else {
                for r in RelationRules.all { print(String(decoding: try encoder.encode(Versioned(r)), as: UTF8.self)) }
            }
        case .csv:
            print(CSV.line(["test", "verbs", "measure", "confirmed", "plausible", "rule", "source"]))
            for r in RelationRules.all {
                print(CSV.line([r.test.rawValue, r.verbs.joined(separator: " "), r.measure, r.confirmed.map { "\($0)" } ?? "",
                                r.plausible.map { "\($0)" } ?? "", r.rule, r.source]))
            }
        case .text:
            print("How skyrecon tests a record (the night of day D: 18:00 LMT on D to 06:00 on D+1 at the capital; 06:00–18:00 for 晝 records).")
            print("Verdicts: confirmed, plausible, contradicted, untestable; score 0…1 (≥ 2/3 confirmed, ≥ 1/3 plausible).\n")
            for r in RelationRules.all {
                print("\(r.test.rawValue)  \(r.verbs.joined(separator: " "))")
                print("  measure: \(r.measure)")
                print("  rule:    \(r.rule)")
                print("  source:  \(r.source)\n")
            }
        }
    }
}

/// One input row of `verify --input`: a labelled claim, or a passage to read.
struct VerifyInput: Sendable {
    var id: String
    var text: String
    var claims: [Claim] = []
    var date: RecordDate?
    var error: String?
    /// The reading, when the row was a passage.
    var reading: RecordReading?

    /// Reads the batch TSV; a row that cannot be read becomes a row with its error.
    static func rows(path: String) throws -> [VerifyInput] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BatchError.unreadable(path) }
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
            .filter { !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw BatchError.empty(path) }
        let header = lines.removeFirst().replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        var out: [VerifyInput] = []
        for (n, line) in lines.enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (i, h) in header.enumerated() where i < fields.count { row[h] = fields[i] }
            out += parse(row, line: n + 2)
        }
        return out
    }

    static func parse(_ row: [String: String], line: Int) -> [VerifyInput] {
        func value(_ keys: String...) -> String? {
            for k in keys { if let v = row[k]?.trimmingCharacters(in: .whitespaces), !v.isEmpty { return v } }
            return nil
        }
        let id = value("id") ?? "line \(line)"
        let text = value("span", "text") ?? ""
        guard let subject = value("subject_norm", "subject"), let relation = value("relation") else {
            if !text.isEmpty, let read = try? read(passage: text) {
                return read.map { var r = $0; r.id = id; return r }
            }
            return [VerifyInput(id: id, text: text, error: "line \(line): no subject and relation, and the text could not be read: give `subject` and `relation` columns, or a passage in `text`")]
        }
        let subjects = subject.lowercased() == "five planets" ? ["five planets"] : subject.split(separator: "+").map(String.init)
        let objects = (value("object") ?? "").split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        var position: MansionDu? = nil
        if let m = value("position_mansion") { position = MansionDu(mansion: m, du: value("position_deg").flatMap(Double.init)) }
        let ids = (value("object_ids") ?? "").split(separator: "|").map(String.init)
        let daytime = relation.split(separator: "|").first?.contains("晝") ?? false
        let claim = Claim(subjects: subjects, relation: String(relation.split(separator: "|").first ?? ""),
                          object: objects.first ?? "", objectIDs: ids, position: position, daytime: daytime)
        let dynasty = value("dynasty")
        var date: RecordDate
        let check = value("date_check") ?? "ok"
        let jd = value("jdn", "ref_jd").flatMap(Double.init).map { Int($0.rounded()) }
        var monthCalendar: ChineseCalendar?
        if jd != nil, check == "month_only" {
            do { monthCalendar = try ChineseCalendar.standard() } catch {
                return [VerifyInput(id: id, text: text, error: "line \(line): \(error.localizedDescription)")]
            }
        }
        if let jd, check.hasPrefix("ok") {
            date = RecordDate(dynasty: dynasty, jdn: jd, status: .day)
        } else if let a = value("first_jdn").flatMap(Int.init), let b = value("last_jdn").flatMap(Int.init) {
            date = RecordDate(dynasty: dynasty, firstJDN: a, lastJDN: b, status: .month)
        } else if let jd, let calendar = monthCalendar,
                  let m = calendar.month(in: CalendarStream.mainLine(jdn: jd), containing: jd) {
            date = RecordDate(dynasty: dynasty, firstJDN: m.firstJDN, lastJDN: m.lastJDN, status: .month)
        } else if check.contains("not_in_month") || check.contains("no_such") {
            date = RecordDate(dynasty: dynasty, status: .invalid, note: check)
        } else {
            date = RecordDate(dynasty: dynasty, status: check.contains("year") || check.contains("season") ? .year : .undated,
                              note: check)
        }
        if date.status == .invalid || date.status == .undated {
            date.era = value("era")
            date.year = value("year_text").flatMap { t in t.hasPrefix("元") ? 1 : ChineseNumerals.value(t.dropLast()) }
            date.month = value("month").flatMap(Int.init)
            date.leap = value("leap") == "1"
            date.dayGanzhi = value("day_ganzhi_norm", "day_ganzhi")
        }
        return [VerifyInput(id: id, text: text, claims: [claim], date: date)]
    }

    /// Reads a passage into its records, each with its claims.
    static func read(passage: String) throws -> [VerifyInput] {
        try TreatiseReader.standard().readPassage(passage).map { r in
            VerifyInput(id: "\(r.charStart)–\(r.charEnd)", text: r.text, claims: r.claims, date: r.date,
                        error: r.claims.isEmpty ? (r.untestableReason ?? r.problems.first ?? "no claim read") : nil, reading: r)
        }
    }
}

/// One verified record, as written by `verify`: the claim's fields (or the reading's, for a passage) and the
/// verification's `verdict`, `score`, `test`, `verdict_reason`, `evidence`, `best_date`, `claim_verdicts`.
struct VerifyRow: Encodable {
    var input: VerifyInput
    var verification: RecordVerification?

    enum Keys: String, CodingKey { case id, text, subject, relation, object, jdn, error }

    func encode(to encoder: any Encoder) throws {
        if let reading = input.reading {
            try RecordLine(reading, extra: verification).encode(to: encoder)
            return
        }
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(input.id, forKey: .id)
        try c.encode(input.text, forKey: .text)
        let claim = input.claims.first
        try c.encode(claim?.subjects.joined(separator: "+"), forKey: .subject)
        try c.encode(claim?.relation, forKey: .relation)
        try c.encode(claim?.object, forKey: .object)
        try c.encode(input.date?.jdn, forKey: .jdn)
        try c.encodeIfPresent(error, forKey: .error)
        try verification?.encode(to: encoder)
    }

    /// Why the row could not be verified at all (bad input), if so.
    var error: String? {
        if let e = input.error { return e }
        if let v = verification, v.verdict == .untestable, v.test == nil { return v.reason }
        return nil
    }

    static func verify(_ input: VerifyInput, verifier: Verifier) -> VerifyRow {
        guard input.error == nil || input.reading != nil, let date = input.date else { return VerifyRow(input: input) }
        return VerifyRow(input: input, verification: verifier.verify(claims: input.claims, date: date,
                                                                     untestableReason: input.reading?.untestableReason ?? input.error))
    }

    static let csvHeader = ["id", "text", "subject", "relation", "object", "jdn", "verdict", "score", "test", "min_sep_deg",
                            "star", "min_sep_topo_deg", "min_sep_lmt", "observable", "occultation_seen", "mansion", "mansion_du",
                            "delta_t_stable", "best_date_jdn", "best_date_julian", "best_date_correction", "chance_rate",
                            "reason", "error"]

    var csvFields: [String] {
        let claim = input.claims.first
        return [input.id, input.text, claim?.subjects.joined(separator: "+") ?? "", claim?.relation ?? "", claim?.object ?? "",
                input.date?.jdn.map(String.init) ?? ""] + Self.verificationFields(verification) + [error ?? ""]
    }

    /// The verification's CSV columns (`verdict` … `reason`), shared with `link --format csv`.
    static func verificationFields(_ v: RecordVerification?) -> [String] {
        func s(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        func b(_ x: Bool?) -> String { x.map { $0 ? "true" : "false" } ?? "" }
        let e = v?.evidence, best = v?.bestDate
        return [v?.verdict.rawValue ?? "", s(v?.score), v?.test?.rawValue ?? "", s(e?.minSepDeg), e?.star ?? "",
                s(e?.minSepTopoDeg), e?.minSepLMT ?? "", b(e?.observable), b(e?.occultationSeen), e?.mansion ?? "",
                s(e?.mansionDu), b(e?.deltaTBand?.stable), best.map { String($0.jdn) } ?? "", best?.julian ?? "",
                best?.correction ?? "", s(best?.chanceRate), v?.reason ?? ""]
    }

    static let verificationHeader = ["verdict", "score", "test", "min_sep_deg", "star", "min_sep_topo_deg", "min_sep_lmt",
                                     "observable", "occultation_seen", "mansion", "mansion_du", "delta_t_stable",
                                     "best_date_jdn", "best_date_julian", "best_date_correction", "chance_rate", "verdict_reason"]

    static func write(_ rows: [VerifyRow], format: OutputFormat, header: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch format {
        case .jsonl:
            for r in rows { print(String(decoding: try encoder.encode(Versioned(r)), as: UTF8.self)) }
        case .json:
            encoder.outputFormatting.insert(.prettyPrinted)
            print(String(decoding: try encoder.encode(rows.map(Versioned.init)), as: UTF8.self))
        case .csv:
            if header { print(CSV.line(csvHeader)) }
            for r in rows { print(CSV.line(r.csvFields)) }
        case .text:
            for r in rows { print(r.humanText + "\n") }
        }
    }

    var humanText: String {
        var lines: [String] = []
        if let reading = input.reading {
            lines.append(reading.summary)
        } else {
            lines.append("\(input.id)  \(input.text)")
            if let c = input.claims.first {
                lines.append("  claim     \(c.subjects.joined(separator: "+")) \(c.relation) \(c.object)" + (input.date?.jdn.map { "  (night of JDN \($0))" } ?? ""))
            }
        }
        if let error, verification == nil || input.reading == nil { lines.append("  error     \(error)") }
        guard let v = verification else { return lines.joined(separator: "\n") }
        lines.append(v.humanLines.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }
}

extension RecordVerification {
    /// The verdict, evidence, ΔT band, one-line chart and best date, as indented lines.
    var humanLines: [String] {
        var lines = ["  verdict   \(verdict.rawValue)" + (score.map { String(format: " (score %.2f)", $0) } ?? "") + (test.map { "  test: \($0.rawValue)" } ?? ""),
                     "  why       \(reason)"]
        for (i, c) in claimVerdicts.enumerated() where claimVerdicts.count > 1 {
            lines.append("  claim \(i + 1)   \(c.verdict.rawValue): \(c.reason)")
        }
        if let e = evidence {
            var parts: [String] = []
            if let x = e.minSepDeg { parts.append(String(format: "min sep %.3f° (geocentric)", x) + (e.star.map { " to \($0)" } ?? "") + (e.starName.map { " \($0)" } ?? "")) }
            if let x = e.minSepTopoDeg { parts.append(String(format: "%.3f° from %@", x, e.site ?? "the site")) }
            if let t = e.minSepLMT { parts.append("at \(t)") }
            if !parts.isEmpty { lines.append("  evidence  " + parts.joined(separator: ", ")) }
            var more: [String] = []
            if let o = e.observable { more.append(o ? "observable" : "not observable") }
            if let o = e.occultationSeen { more.append(o ? "occultation seen" : "no occultation seen") }
            if let m = e.mansion { more.append("入宿度 \(m) \(e.mansionDu.map { String(format: "%.1f", $0) } ?? "") 度") }
            if let band = e.deltaTBand {
                more.append(String(format: "ΔT %.0f ± %.0f s (%@): %@", band.deltaTSeconds, band.sigmaSeconds, band.model,
                                   band.stable ? "verdict stable" : "verdict \(band.verdictLow.rawValue) … \(band.verdictHigh.rawValue)"))
            }
            if !more.isEmpty { lines.append("            " + more.joined(separator: "; ")) }
            if let chart = e.chartLine { lines.append("  chart     \(chart)") }
        }
        if let b = bestDate {
            lines.append("  best date \(b.julian) (Julian) \(b.chinese) — \(b.correction): \(b.verdict.rawValue)"
                         + (b.chanceRate.map { String(format: "; the same search rescues %.0f %% of random dates (%d tried)", $0 * 100, b.chanceTrials ?? 0) } ?? ""))
        }
        return lines
    }
}

extension Evidence {
    /// A one-line chart: the subject's closest approach to the star along a 5° scale.
    var chartLine: String? {
        guard let sep = minSepDeg, let star = starName ?? star else { return nil }
        let width = 41
        let pos = min(width - 1, Int((sep / 5 * Double(width - 1)).rounded()))
        var cells = Array(repeating: Character("·"), count: width)
        cells[0] = "★"
        cells[pos] = pos == 0 ? "◉" : "●"
        return String(cells) + String(format: "  ★ %@, ● subject at %.2f° (scale 0–5°)", star, sep)
    }
}

