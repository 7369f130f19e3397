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

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
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
