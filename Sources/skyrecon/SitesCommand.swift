import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon sites`: the gazetteer of historical observing sites.
struct SitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "List the gazetteer of historical observing sites (names usable with --site).")

    @Option(help: "Output format: text, json, jsonl, csv.")
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            let sites = try Gazetteer.standard().sites
            let keys = ["key", "name", "name_zh", "lat_deg", "lon_deg", "height_m", "source"]
            let rows = sites.map { s in
                [s.key, s.name, s.nameZH, String(format: "%.4f", s.latitude.degrees), String(format: "%.4f", s.longitude.degrees),
                 String(format: "%.0f", s.heightMeters), s.source]
            }
            switch format {
            case .text: print(Human.table([Array(keys.prefix(6))] + rows.map { Array($0.prefix(6)) }))
            case .csv:
                print(CSV.line(keys))
                for r in rows { print(CSV.line(r)) }
            case .jsonl, .json:
                let cells: [[String: TableValue]] = sites.map { s in
                    ["key": .text(s.key), "name": .text(s.name), "name_zh": .text(s.nameZH),
                     "lat_deg": .number(s.latitude.degrees, decimals: 4), "lon_deg": .number(s.longitude.degrees, decimals: 4),
                     "height_m": .number(s.heightMeters, decimals: 0), "source": .text(s.source)]
                }
                try writeTable(columns: keys, rows: cells, format: format)
            }
        }
    }
}
