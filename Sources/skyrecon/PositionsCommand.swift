import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon positions`: positions of named objects at a date, or a batch from a CSV file.
struct PositionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "positions",
        abstract: "Astrometric, apparent and topocentric positions of bodies and stars.",
        discussion: """
        One date:  skyrecon positions --date 0757-03-14T19:30 --objects venus,moon,HIP17702 --site changan
        Batch:     skyrecon positions --input rows.csv --format csv
        The batch input has a `body` column (name or HIP<n>) and `jd_tt`, `jd_ut` or `date` (0757-03-14T19:30, 至德二載二月壬午); optionally `delta_t_s`
        (overrides the ΔT model), `rv_km_s` (a star's radial velocity), and `site` (a gazetteer name) or
        `lat`,`lon`,`height_m`. Rows with a site are topocentric and timed by `jd_ut` when given. Bad rows are
        reported on standard error with their line number; the run goes on and exits 1 at the end.
        The file is streamed (UTF-8, BOM, CRLF, quoted fields and # comment lines allowed) and its rows are
        computed on every core; the output keeps the input's order.
        Dates before 1 CE: write --date=-0756-03-14 or --date 757BCE-03-14.
        """)

    @Option(help: ArgumentHelp("Date and time: 0757-03-14, 0757-03-14T19:30 (UT), …T12:52TT, …T19:30LMT, 757BCE-03-14, JD2397500.5.", valueName: "DATE"))
    var date: String?

    @Option(help: ArgumentHelp("Comma-separated names: venus,moon,HIP17702,pleiades,昴.", valueName: "NAMES"))
    var objects: String?

    @Option(help: ArgumentHelp("Observer: a gazetteer name (changan, babylon, …) or LAT,LON[,HEIGHT_M]; omit for geocentric.", valueName: "SITE"))
    var site: String?

    @Option(help: ArgumentHelp("Batch input CSV (see above).", valueName: "FILE.csv"))
    var input: String?

    @Option(help: "Output format: text, json, jsonl, csv.")
    var format: OutputFormat = .text

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if input == nil {
            guard date != nil else { throw ValidationError("give --date DATE (e.g. --date 0757-03-14T19:30) or --input FILE.csv") }
            guard objects != nil else { throw ValidationError("give --objects NAMES (e.g. --objects venus,moon)") }
        } else if date != nil || objects != nil {
            throw ValidationError("--input reads dates and objects from the file: drop --date and --objects")
        }
    }

    func run() throws {
        try reportingErrors {
            let view = try SkyRecon.view(try modelOptions.choices())
            if let input {
                try runBatch(view: view, path: input)
            } else {
                try runSingle(view: view)
            }
        }
    }

    private func runSingle(view: SkyView) throws {
        let gazetteer = try Gazetteer.standard()
        let observer = try site.map { try gazetteer.site(named: $0) }
        let moment = try SkyRecon.readDate(date ?? "", chineseForWestern: false).moment
        let (instant, _) = try moment.resolve(deltaT: view.models.deltaT, longitude: observer?.longitude)
        let names = (objects ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var rows: [PositionRow] = []
        for name in names {
            let resolution = try view.resolve(name)
            for o in try view.observe(resolution.object, at: instant, site: observer) {
                rows.append(PositionRow(view: view, observation: o, query: name))
            }
        }
        try PositionRow.write(rows, format: format, siteGiven: observer != nil)
    }

    private func runBatch(view: SkyView, path: String) throws {
        var reader: TableReader
        do { reader = try TableReader(path: path, dialect: .csv) } catch { throw BatchError.unreadable(path) }
        guard let head = try reader.next() else { throw BatchError.empty(path) }
        let batch = try PositionBatch(header: head.fields)
        let context = try PositionBatch.Context(view: view, gazetteer: try Gazetteer.standard())
        let writer = TableWriter(format: format, columns: batch.outputHeader)
        let summary = try BatchRunner().run(
            &reader, writer: writer, write: StandardOutput.write,
            makeWorker: { PositionBatch.NameCache() },
            prefetch: { record, names in batch.prefetch(record.fields, context: context, names: &names) },
            row: { record, names, first, out in
                do {
                    try batch.append(record.fields, context: context, names: &names, writer: writer, first: first, to: &out)
                    return nil
                } catch {
                    let message = oneLine(error)
                    try? writer.append(batch.failed(record.fields, error: message), first: first, to: &out)
                    return message
                }
            },
            readError: { batch.failed([], error: $0.localizedDescription) },
            report: { line, message in printError("skyrecon: " + (line.map { "\(path) line \($0): " } ?? "") + message) })
        StandardOutput.flush()
        if summary.failures > 0 {
            printError("skyrecon: \(summary.failures) of \(summary.rows) rows failed (see above); the other rows were written")
            throw ExitCode.failure
        }
    }
}

extension PositionRow {
    static func write(_ rows: [PositionRow], format: OutputFormat, siteGiven: Bool) throws {
        let keys = singleHeader.filter { siteGiven || !["az_deg", "alt_deg", "alt_refr_deg"].contains($0) }
        if format == .text {
            print(TextTable.render(rows: rows, siteGiven: siteGiven))
            return
        }
        try writeTable(columns: keys, rows: rows.map(\.cells), format: format)
    }
}

/// Writes rows of named cells as CSV, JSON or JSON Lines through `TableWriter` (a missing cell is empty/null).
func writeTable(columns: [String], rows: [[String: TableValue]], format: OutputFormat) throws {
    let writer = TableWriter(format: format, columns: columns)
    var out = writer.header()
    for (i, row) in rows.enumerated() { try writer.append(columns.map { row[$0] ?? .empty }, first: i == 0, to: &out) }
    out += writer.footer()
    StandardOutput.write(out)
}
