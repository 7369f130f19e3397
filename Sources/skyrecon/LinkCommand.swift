import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon link --corpus DIR`: every astronomical record of every text file, one per line.
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Read every astronomical record of a corpus of treatise texts: date, subject, relation, object.",
        discussion: """
        Examples:
          skyrecon link --corpus texts/ --format jsonl > records.jsonl
          skyrecon link --corpus texts/ --format csv > records.csv

        Each record is also verified against the sky (verdict, score, evidence, best_date: see skyrecon verify
        --explain); --no-verify only reads. Every *.txt file under DIR is read (unpunctuated classical text, variant characters allowed). Each record
        is one line: file (relative to DIR), char_start/char_end (0-based code points), text, date (with the
        parts inherited from earlier records and the civil JDN), subject, relation, object, object_ids,
        position, testable, claims and normalisations. Rows with problems (garbled date, unknown star name) are
        kept and counted on standard error.
        """
    )

    @Option(name: .long, help: "A folder of text files (*.txt), read recursively.")
    var corpus: String

    @Option(name: .long, help: "Output format: text, json, jsonl or csv.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-verify"), help: "Only read the records; do not test them against the sky.")
    var noVerify = false

    @Option(help: ArgumentHelp("Random dates tried for each chance rate of the best-date search (0: none).", valueName: "N"))
    var chanceTrials: Int = 16

    @Option(help: ArgumentHelp("Also keep records, claims and verdicts in this SQLite file (schema: VerificationStore).", valueName: "FILE.sqlite"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Link computed events back to passages: a JSON Lines file written by `skyrecon events --format jsonl` (- for standard input).", valueName: "FILE"))
    var events: String?

    @Option(help: ArgumentHelp("With --events: the site whose local mean time dates an event without one (gazetteer name).", valueName: "SITE"))
    var site: String = "changan"

    @Flag(help: "With --events: write only the conspicuous events that no passage records.")
    var unrecorded = false

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        if let events { return try reportingErrors { try linkEvents(events) } }
        try reportingErrors {
            let (root, files) = try Self.corpusFiles(corpus)
            let reader = try TreatiseReader.standard()
            let verifier = noVerify ? nil : try SkyRecon.verifier(try modelOptions.choices(), chanceTrials: chanceTrials)
            let store = try db.map { path in
                do { return try VerificationStore(path: path) } catch {
                    throw ValidationError("cannot open the database \(path): \(error.localizedDescription); give a writable path")
                }
            }
            let progress = ProgressBar(total: files.count)
            var out = LineWriter()
            var rows = 0, failed = 0
            if format == .csv { out.write(CSV.line(RecordReading.csvHeader + (noVerify ? [] : VerifyRow.verificationHeader))) }
            if format == .json { out.write("[") }
            for (n, rel) in files.enumerated() {
                progress.update(n, label: rel)
                let url = root.appendingPathComponent(rel)
                var records: [RecordReading]
                if let text = try? String(contentsOf: url, encoding: .utf8) {
                    records = reader.read(text, file: rel)
                    if records.isEmpty {
                        records = [.failure(file: rel, text: "", reason: "no astronomical record found in this file")]
                    }
                } else {
                    records = [.failure(file: rel, text: "", reason: "not readable as UTF-8 text")]
                }
                var stored: [(reading: RecordReading, verification: RecordVerification?)] = []
                for r in records {
                    if format == .json && rows > 0 { out.write(",") }
                    let verification = verifier.map { $0.verify(claims: r.claims, date: r.date, untestableReason: r.untestableReason) }
                    out.write(try render(r, verification))
                    if store != nil { stored.append((r, verification)) }
                    rows += 1
                    if !r.problems.isEmpty { failed += 1 }
                }
                try store?.insert(stored)
            }
            if format == .json { out.write("]") }
            out.flush()
            progress.finish()
            printError("skyrecon link: \(rows) records from \(files.count) files; \(failed) with problems (see `problems`)")
        }
    }

    func render(_ r: RecordReading, _ v: RecordVerification?) throws -> String {
        switch format {
        case .text: return r.summary + (v.map { "\n" + $0.humanLines.joined(separator: "\n") } ?? "") + "\n"
        case .csv: return CSV.line(r.csvFields + (v == nil ? [] : VerifyRow.verificationFields(v)))
        case .json, .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(Versioned(RecordLine(r, extra: v))), as: UTF8.self)
        }
    }
}

/// Buffered standard output, one line at a time.
struct LineWriter {
    private var buffer = Data()

    mutating func write(_ line: String) {
        buffer.append(contentsOf: Array((line + "\n").utf8))
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar {
    let total: Int
    let active = isatty(STDERR_FILENO) == 1

    func update(_ done: Int, label: String) {
        guard active, total > 0 else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(label.prefix(40))\u{1B}[K".utf8))
    }

    func finish() {
        guard active else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

extension LinkCommand {
    /// `--events`: each computed event with the passages of the corpus that record it.
    func linkEvents(_ path: String) throws {
        let (root, files) = try Self.corpusFiles(corpus)
        let reader = try TreatiseReader.standard()
        var records: [RecordReading] = []
        for rel in files {
            if let text = try? String(contentsOf: root.appendingPathComponent(rel), encoding: .utf8) {
                records += reader.read(text, file: rel)
            }
        }
        let linker = ReverseLinker(records: records, catalog: try SkyCatalog.standard())
        let longitude = try Gazetteer.standard().site(named: site).longitude.degrees
        let data: Data
        if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
            guard let d = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path): give the JSON Lines file of skyrecon events --format jsonl, or - for standard input")
            }
            data = d
        }
        var out = LineWriter()
        var total = 0, recorded = 0, conspicuousUnrecorded = 0, bad = 0, written = 0
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard var row = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let kind = row["kind"] as? String, let objects = row["objects"] as? String,
                  let jdUT = row["jd_ut"] as? Double else {
                bad += 1
                printError("skyrecon link: \(path) line \(n + 1): not an event of skyrecon events --format jsonl (kind, objects, jd_ut)")
                continue
            }
            let lmt = (row["lmt_jd"] as? Double) ?? jdUT + longitude / 360
            let event = LinkableEvent(kind: kind, objects: objects.components(separatedBy: "+"), star: row["star"] as? String,
                                      nightJDN: LinkableEvent.nightJDN(localMeanTimeJD: lmt),
                                      separationDeg: row["separation_deg"] as? Double, visible: row["visible"] as? Bool)
            let passages = linker.passages(for: event)
            let conspicuous = linker.isConspicuous(event)
            total += 1
            if !passages.isEmpty { recorded += 1 } else if conspicuous { conspicuousUnrecorded += 1 }
            if unrecorded && (!passages.isEmpty || !conspicuous) { continue }
            switch format {
            case .text, .csv:
                let night = CalendarDate(julianDayNumber: event.nightJDN, calendar: CalendarPolicy.historians.calendar(forJulianDayNumber: event.nightJDN))
                let told = passages.map { "\($0.file):\($0.charStart) \($0.text)" }.joined(separator: " | ")
                out.write(format == .csv ? CSV.line([night.iso(), kind, objects, passages.isEmpty ? "0" : "1", conspicuous ? "1" : "0", told])
                          : "\(night.iso())  \(kind)  \(objects)  " + (passages.isEmpty ? (conspicuous ? "NOT RECORDED (conspicuous)" : "not recorded") : "recorded: " + told))
            case .json, .jsonl:
                row["night_jdn"] = event.nightJDN
                row["recorded"] = !passages.isEmpty
                row["conspicuous"] = conspicuous
                row["passages"] = passages.map { ["file": $0.file, "char_start": $0.charStart, "char_end": $0.charEnd, "text": $0.text,
                                                  "relation": $0.claims.first?.relation ?? ""] as [String: Any] }
                row["version"] = outputFormatVersion
                let text = String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
                out.write(format == .json ? (written == 0 ? "[" : ",") + text : text)
                written += 1
            }
        }
        if format == .json { out.write(written == 0 ? "[]" : "]") }
        out.flush()
        printError("skyrecon link: \(total) events, \(recorded) recorded in \(files.count) files; \(conspicuousUnrecorded) conspicuous events recorded nowhere" + (bad > 0 ? "; \(bad) lines were not events" : ""))
        if bad > 0 { throw ExitCode.failure }
    }
}
