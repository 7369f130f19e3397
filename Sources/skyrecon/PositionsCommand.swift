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
        The batch input has a `body` column (name or HIP<n>) and `jd_tt` or `jd_ut`; optionally `delta_t_s`
        (overrides the ΔT model), `rv_km_s` (a star's radial velocity), and `site` (a gazetteer name) or
        `lat`,`lon`,`height_m`. Rows with a site are topocentric and timed by `jd_ut` when given. Bad rows are
        reported on standard error with their line number; the run goes on and exits 1 at the end.
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
        let moment = try Moment(parsing: date ?? "")
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
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BatchError.unreadable(path)
        }
        let table = CSV.parse(text).filter { !($0.count == 1 && $0[0].isEmpty) && !($0.first?.hasPrefix("#") ?? false) }
        guard let header = table.first else { throw BatchError.empty(path) }
        let batch = try PositionBatch(header: header)
        let gazetteer = try Gazetteer.standard()
        var failures = 0
        if format == .csv { print(CSV.line(batch.outputHeader)) }
        var jsonRows: [[String: String]] = []
        for (offset, fields) in table.dropFirst().enumerated() {
            let line = offset + 2
            let result: [String: String]
            do {
                result = try batch.compute(fields, view: view, gazetteer: gazetteer)
            } catch {
                failures += 1
                printError("skyrecon: \(path) line \(line): \(oneLine(error))")
                result = batch.inputValues(fields).merging(["error": oneLine(error)]) { $1 }
            }
            switch format {
            case .csv: print(CSV.line(batch.outputHeader.map { result[$0] ?? "" }))
            case .jsonl: print(PositionRow.jsonLine(result, keys: batch.outputHeader))
            case .json: jsonRows.append(result)
            case .text: print(batch.outputHeader.map { "\($0)=\(result[$0] ?? "")" }.joined(separator: " "))
            }
        }
        if format == .json {
            print("[" + jsonRows.map { PositionRow.jsonLine($0, keys: batch.outputHeader) }.joined(separator: ",\n") + "]")
        }
        if failures > 0 {
            printError("skyrecon: \(failures) of \(table.count - 1) rows failed (see above); the other rows were written")
            throw ExitCode.failure
        }
    }
}

enum BatchError: Error, LocalizedError {
    case unreadable(String)
    case empty(String)
    case missingColumns(String)
    case badValue(column: String, value: String, expected: String)
    case missing(String)

    var errorDescription: String? {
        switch self {
        case .unreadable(let path): "cannot read \(path): check the path (a UTF-8 CSV file with a header row)"
        case .empty(let path): "\(path) is empty: it needs a header row (body,jd_tt or body,jd_ut,…) and data rows"
        case .missingColumns(let what): "the input lacks \(what): the header needs `body` and `jd_tt` or `jd_ut`"
        case .badValue(let column, let value, let expected): "\(column) '\(value)' is not \(expected)"
        case .missing(let what): "\(what) is empty: fill it in or drop the row"
        }
    }
}

/// The batch columns: what is read and what is written.
struct PositionBatch {
    let header: [String]
    let outputHeader: [String]
    static let computed = ["delta_t_s", "ra_astr_deg", "dec_astr_deg", "dist_au", "ra_app_deg", "dec_app_deg",
                           "lon_app_deg", "lat_app_deg", "az_deg", "alt_deg", "alt_refr_deg", "constellation",
                           "mansion", "mansion_du", "error"]

    init(header: [String]) throws {
        let header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.contains("body") else { throw BatchError.missingColumns("a `body` column") }
        guard header.contains("jd_tt") || header.contains("jd_ut") else { throw BatchError.missingColumns("a `jd_tt` or `jd_ut` column") }
        self.header = header
        outputHeader = header + Self.computed.filter { !header.contains($0) }
    }

    func inputValues(_ fields: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for (i, name) in header.enumerated() { values[name] = i < fields.count ? fields[i] : "" }
        return values
    }

    func compute(_ fields: [String], view: SkyView, gazetteer: Gazetteer) throws -> [String: String] {
        var values = inputValues(fields)
        func number(_ column: String) throws -> Double? {
            guard let text = values[column]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let v = Double(text), v.isFinite else { throw BatchError.badValue(column: column, value: text, expected: "a number") }
            return v
        }
        guard let body = values["body"]?.trimmingCharacters(in: .whitespaces), !body.isEmpty else { throw BatchError.missing("body") }
        var site: Site? = nil
        if let name = values["site"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            site = try gazetteer.site(named: name)
        } else if let lat = try number("lat"), let lon = try number("lon") {
            site = try Gazetteer.coordinates("\(lat),\(lon),\(try number("height_m") ?? 0)")
        }
        let givenDeltaT = try number("delta_t_s")
        let jdTT = try number("jd_tt"), jdUT = try number("jd_ut")
        let instant: Instant
        var deltaT: DeltaTEstimate
        if let jdUT, site != nil || jdTT == nil {
            if let givenDeltaT {
                deltaT = DeltaTEstimate(seconds: givenDeltaT, sigma: 0, model: "given in the input")
                instant = Instant(jdUT1: jdUT.rounded(.down), jdUT - jdUT.rounded(.down), deltaTSeconds: givenDeltaT)
            } else {
                let r = Instant.fromUT1(jdUT.rounded(.down), jdUT - jdUT.rounded(.down), deltaT: view.models.deltaT)
                instant = r.instant
                deltaT = r.deltaT
            }
        } else if let jdTT {
            instant = Instant(jdTT: jdTT.rounded(.down), jdTT - jdTT.rounded(.down))
            deltaT = givenDeltaT.map { DeltaTEstimate(seconds: $0, sigma: 0, model: "given in the input") }
                ?? view.deltaT(at: instant)
        } else {
            throw BatchError.missing("jd_tt and jd_ut")
        }
        let resolution = try view.resolve(body)
        let observations = try view.observe(resolution.object, at: instant, site: site, deltaT: deltaT,
                                            radialVelocity: try number("rv_km_s"))
        let row = PositionRow(view: view, observation: observations[0], query: body)
        for (k, v) in row.values where PositionBatch.computed.contains(k) { values[k] = v }
        if observations.count > 1 {
            values["error"] = ""
            values["body"] = body
        }
        return values
    }
}

/// One observation as the flat, stably named fields of the CSV/JSON outputs.
struct PositionRow {
    var values: [String: String]

    static let singleHeader = ["object", "query", "jd_tt", "jd_ut", "delta_t_s", "delta_t_sigma_s", "delta_t_model",
                               "ra_astr_deg", "dec_astr_deg", "dist_au", "ra_app_deg", "dec_app_deg", "lon_app_deg",
                               "lat_app_deg", "az_deg", "alt_deg", "alt_refr_deg", "constellation", "mansion", "mansion_du"]

    init(view: SkyView, observation o: Observation, query: String) {
        func deg(_ a: Angle) -> String { String(format: "%.9f", a.degrees) }
        var v: [String: String] = [
            "object": o.label, "query": query,
            "jd_tt": String(format: "%.8f", o.instant.jdTT), "jd_ut": String(format: "%.8f", o.jdUT1),
            "delta_t_s": String(format: "%.4f", o.deltaT.seconds), "delta_t_sigma_s": String(format: "%.1f", o.deltaT.sigma),
            "delta_t_model": o.deltaT.model,
            "ra_astr_deg": deg(o.astrometric.rightAscension.normalized), "dec_astr_deg": deg(o.astrometric.declination),
            "dist_au": o.astrometric.distance.map { String(format: "%.12f", $0) } ?? "",
            "lon_app_deg": deg(o.apparent.eclipticLongitude.normalized), "lat_app_deg": deg(o.apparent.eclipticLatitude),
            "constellation": view.constellation(of: o).abbreviation,
        ]
        if let t = o.topocentric {
            v["ra_app_deg"] = deg(t.rightAscension.normalized)
            v["dec_app_deg"] = deg(t.declination)
            v["az_deg"] = deg(t.azimuth.normalized)
            v["alt_deg"] = deg(t.altitude)
            v["alt_refr_deg"] = deg(t.refractedAltitude)
        } else {
            v["ra_app_deg"] = deg(o.apparent.rightAscension.normalized)
            v["dec_app_deg"] = deg(o.apparent.declination)
        }
        if let m = try? view.mansionPosition(of: o) {
            v["mansion"] = m.mansion.name
            v["mansion_du"] = String(format: "%.2f", m.du)
        }
        values = v
    }

    static func jsonLine(_ values: [String: String], keys: [String]) -> String {
        "{" + keys.map { k in
            let v = values[k] ?? ""
            let isNumber = !v.isEmpty && Double(v) != nil && k != "query" && k != "body" && k != "object" && k != "text"
            return "\(jsonString(k)):\(isNumber ? v : (v.isEmpty ? "null" : jsonString(v)))"
        }.joined(separator: ",") + "}"
    }

    static func jsonString(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func write(_ rows: [PositionRow], format: OutputFormat, siteGiven: Bool) throws {
        let keys = singleHeader.filter { siteGiven || !["az_deg", "alt_deg", "alt_refr_deg"].contains($0) }
        switch format {
        case .csv:
            print(CSV.line(keys))
            for r in rows { print(CSV.line(keys.map { r.values[$0] ?? "" })) }
        case .jsonl:
            for r in rows { print(jsonLine(r.values, keys: keys)) }
        case .json:
            print("[" + rows.map { jsonLine($0.values, keys: keys) }.joined(separator: ",\n") + "]")
        case .text:
            print(TextTable.render(rows: rows, siteGiven: siteGiven))
        }
    }
}
