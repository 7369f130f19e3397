import ArgumentParser
import Foundation
import SkyRecon

/// The default command: the objects on a date, seen from a site, with a chart.
struct SceneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scene",
        abstract: "What the sky looked like: positions at the end of civil twilight and at the closest approach, with a chart (the default command).",
        discussion: """
        Example:  skyrecon --date 0757-03-14 --objects venus,pleiades
        Dates are Julian before 1582-10-15 and Gregorian after (append J or G to force one). Dates before 1 CE:
        --date=-0756-03-14 or --date 757BCE-03-14. A time (0757-03-14T19:30, UT; …TT, …LMT, …LAT) adds that moment.
        Chinese dates as `skyrecon date` reads them: --date 至德二載二月壬午 (add --dynasty 唐 for a reused era name).
        """)

    @Option(help: ArgumentHelp("The date: 0757-03-14, 0757-03-14T19:30 (UT), …T12:52TT, …T19:30LMT, 757BCE-03-14, JD2397500.5, or Chinese: 至德二載二月壬午.", valueName: "DATE"))
    var date: String

    @Option(help: ArgumentHelp("Dynasty for a reused era name in a Chinese --date (唐 for 上元).", valueName: "DYNASTY"))
    var dynasty: String?

    @Option(help: ArgumentHelp("Comma-separated names; the first is compared with the others: venus,pleiades.", valueName: "NAMES"))
    var objects: String

    @Option(help: ArgumentHelp("Observer: a gazetteer name or LAT,LON[,HEIGHT_M].", valueName: "SITE"))
    var site: String = "changan"

    @Option(help: "Output format: text, json (the whole report as the library encodes it), jsonl or csv (one row per object and moment).")
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-chart"), help: "Leave out the text chart.")
    var noChart = false

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var chartOptions: ChartOptions

    func run() throws {
        try reportingErrors {
            let view = try SkyRecon.view(try modelOptions.choices())
            let observer = try Gazetteer.standard().site(named: site)
            let reading = try SkyRecon.readDate(date, dynasty: dynasty)
            let names = objects.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let report = try view.scene(reading, objects: names, site: observer)
            switch format {
            case .text:
                print(SceneText.render(report, view: view, chart: noChart ? nil : try chartOptions.text(report, view: view)))
            case .json: print(try jsonText(Versioned(report), pretty: true, sortedKeys: true))   // the library's SceneReport
            case .jsonl, .csv: try SceneText.machine(report, view: view, format: format)
            }
        }
    }
}

enum SceneText {
    static func render(_ r: SceneReport, view: SkyView, chart: String?) -> String {
        var out: [String] = []
        let s = r.site
        out.append("skyrecon — \(r.date.historianDescription)\(r.chineseDate.map { " = " + $0 } ?? ""), seen from \(s.name)\(s.nameZH.isEmpty ? "" : " \(s.nameZH)")")
        out.append(String(format: "site %.4f°%@ %.4f°%@ %.0f m (%@)", abs(s.latitude.degrees), s.latitude.degrees >= 0 ? "N" : "S",
                          abs(s.longitude.degrees), s.longitude.degrees >= 0 ? "E" : "W", s.heightMeters, s.source))
        for snap in r.snapshots {
            out.append("")
            let dt = snap.deltaT.seconds
            let lmt = snap.instant.adding(days: -dt / 86_400 + s.longitude.degrees / 360)
            out.append("\(snap.title)")
            out.append("  \(Human.time(snap.instant)) TT = \(Human.time(snap.instant, minusSeconds: dt)) UT1 = \(Human.time(lmt)) local mean time")
            out.append(String(format: "  ΔT = %.0f s ± %.0f s (%@): the clock times are uncertain by that much; positions at a given TT are not",
                              dt, snap.deltaT.sigma, snap.deltaT.model))
            var rows: [[String]] = [["object", "RA (date)", "Dec (date)", "az", "alt", "alt+refr", "const", "入宿度"]]
            for e in snap.entries {
                let o = e.observation
                let t = o.topocentric
                let label = e.resolvedAs == o.label ? o.label : "\(e.resolvedAs) (\(o.label))"
                rows.append(["  " + label, Human.hours(t?.rightAscension ?? o.apparent.rightAscension),
                             Human.degrees(t?.declination ?? o.apparent.declination),
                             t.map { String(format: "%.2f°", $0.azimuth.normalized.degrees) } ?? "",
                             t.map { String(format: "%+.2f°", $0.altitude.degrees) } ?? "",
                             t.map { String(format: "%+.2f°", $0.refractedAltitude.degrees) } ?? "",
                             e.constellation, e.mansion.map { String(format: "%@ %.2f度", $0.mansion.name, $0.du) } ?? ""])
            }
            out.append(Human.table(rows))
            for sep in snap.separations {
                var line = "  separation \(sep.from) – \(sep.to): \(Human.separation(sep.angle))"
                if sep.toStar != sep.to { line += " from \(sep.toStar) (principal star)" }
                if let m = sep.nearestMember, let a = sep.nearestAngle, m != sep.toStar {
                    line += ", \(Human.separation(a)) from \(m) (nearest member)"
                }
                if let c = sep.centroidAngle { line += ", \(Human.separation(c)) from the centroid" }
                line += snap.topocentric ? " (topocentric)" : " (geocentric)"
                out.append(line)
            }
        }
        if !r.events.isEmpty { out.append("") }
        for e in r.events { out.append(e) }
        for c in r.caveats { out.append("caveat: \(c)") }
        out.append("")
        out.append("Models: " + r.models.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        if let chart {
            out.append("")
            out.append(chart)
        }
        return out.joined(separator: "\n")
    }

    static func machine(_ r: SceneReport, view: SkyView, format: OutputFormat) throws {
        var rows: [[String: TableValue]] = []
        for snap in r.snapshots {
            for e in snap.entries {
                var v = PositionRow(view: view, observation: e.observation, query: e.query).cells
                v["moment"] = .text(snap.title)
                v["site"] = .text(r.site.key)
                if let sep = snap.separations.first(where: { $0.to == e.resolvedAs }) {
                    v["separation_deg"] = .number(sep.angle.degrees, decimals: 6)
                    v["separation_kind"] = .text(snap.topocentric ? "topocentric" : "geocentric")
                }
                rows.append(v)
            }
        }
        let keys = ["moment", "site"] + PositionRow.singleHeader + ["separation_deg", "separation_kind"]
        try writeTable(columns: keys, rows: rows, format: format == .text ? .json : format)
    }
}
