import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon sky find NAME`: shows what a name resolves to.
struct SkyFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Show what a name resolves to (body, star, cluster, asterism, lunar mansion, constellation).",
        discussion: """
            Examples: skyrecon sky find 軒轅大星 | "alpha Leo" | "HIP 17702" | "HR 1165" | M45 | 昴 | 太白 | Regulus
            Unknown or ambiguous names exit with an error that lists the closest candidates.
            """)

    @Argument(help: "The name to look up (quote names with spaces).")
    var name: [String]

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    func run() throws {
        let catalog = try SkyCatalog.standard()
        let query = name.joined(separator: " ")
        do {
            let r = try catalog.resolve(query)
            print(try Self.render(r, catalog: catalog, format: format))
        } catch let error as SkyCatalogError {
            printError("error: " + (error.errorDescription ?? "\(error)"))
            throw ExitCode(1)
        }
    }

    static func fields(_ r: NameResolution, catalog: SkyCatalog) throws -> [(String, String)] {
        var f: [(String, String)] = [("query", r.query), ("matched", r.matchedName), ("via", r.via)]
        switch r.object {
        case .body(let b):
            f += [("kind", "body"), ("body", b.rawValue), ("name", b.displayName)]
        case .star(let s):
            f += [("kind", "star"), ("name", s.label), ("hip", "\(s.hip)")]
            if let hr = s.hr { f.append(("hr", "\(hr)")) }
            if let hd = s.hd { f.append(("hd", "\(hd)")) }
            if let b = s.bayerDesignation { f.append(("bayer", b)) }
            if let fl = s.flamsteedDesignation { f.append(("flamsteed", fl)) }
            let chinese = try catalog.chinese.starNames.filter { $0.hip == s.hip && !$0.traditional.isEmpty }
            if !chinese.isEmpty { f.append(("chinese", chinese.map(\.traditional).joined(separator: " "))) }
            f += [("v", String(format: "%.2f", s.v)),
                  ("ra_j1991_25_deg", String(format: "%.7f", s.ra.degrees)),
                  ("dec_j1991_25_deg", String(format: "%.7f", s.dec.degrees)),
                  ("constellation", catalog.constellations.constellation(ra: s.ra, dec: s.dec).abbreviation)]
        case .group(let g):
            f += [("kind", g.kind.rawValue), ("name", g.name), ("members", "\(g.members.count)"),
                  ("member_list", g.members.map { $0.label.hasPrefix("HIP") ? $0.label : "\($0.label) (HIP \($0.hip))" }.joined(separator: "; "))]
            if let m = g.mansion {
                f.append(("determinative_qing", "\(m.determinativeName) HIP \(m.determinativeHIP)"))
                f.append(("determinative_han_ming", "\(m.earlyDeterminativeName) HIP \(m.earlyDeterminativeHIP)"))
            }
        }
        if let note = r.note { f.append(("note", note)) }
        return f
    }

    static func render(_ r: NameResolution, catalog: SkyCatalog, format: OutputFormat) throws -> String {
        let f = try fields(r, catalog: catalog)
        switch format {
        case .text:
            let width = f.map(\.0.count).max() ?? 0
            return f.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
                .joined(separator: "\n")
        case .json, .jsonl:
            let writer = TableWriter(format: .jsonl, columns: f.map(\.0))
            let line = (try? writer.row(f.map { .text($0.1) }, first: true)) ?? []
            return String(decoding: line.dropLast(), as: UTF8.self)
        case .csv:
            return CSV.line(f.map(\.0)) + "\n" + CSV.line(f.map(\.1))
        }
    }
}
