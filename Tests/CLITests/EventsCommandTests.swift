import Foundation
import Testing

/// End-to-end checks of `skyrecon events`: the issue's columns, and one-line errors with a non-zero exit.
struct EventsCommandTests {
    let cli = CLITests()

    @Test func approachCSVCarriesTheIssueColumns() throws {
        let r = try cli.run(["events", "--from", "0757-03-01", "--to", "0757-03-31", "--objects", "venus,alcyone",
                             "--kind", "approach", "--within", "1.5", "--format", "csv"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        for column in ["kind", "objects", "jd_tt", "jd_ut", "ut_sigma_s", "separation_deg", "star", "detail", "site",
                       "start_jd_ut", "end_jd_ut", "visible", "visible_delta_t_s"] {
            #expect(header.contains(column), "missing column \(column)")
        }
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("approach,Venus+Alcyone,1997625.0359"))
        #expect(lines[1].contains("HIP17702"))
    }

    /// Schaefer's criterion and every parameter, resolved at the site, are named in each row's detail.
    @Test func schaeferHeliacalRowsNameTheCriterionAndParameters() throws {
        let r = try cli.run(["events", "--from", "0700-07-10", "--to", "0700-08-10", "--objects", "sirius", "--kind", "heliacal",
                             "--criterion", "schaefer", "--humidity", "60", "--age", "50", "--format", "jsonl"])
        #expect(r.status == 0, "\(r.err)")
        let rows = try r.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(rows.count == 1)
        let detail = rows.first?["detail"] as? String ?? ""
        #expect(detail.hasPrefix("morning first (Schaefer"), "\(detail)")
        for part in ["966.1 hPa (ISA)", "RH 60 %", "age 50", "Snellen 1", "binocular", "limiting magnitude"] {
            #expect(detail.contains(part), "detail lacks \(part): \(detail)")
        }
        #expect(rows.first?["ut_sigma_s"] is Double)
    }

    @Test func eclipseJSONLinesBeginWithTheType() throws {
        let r = try cli.run(["events", "--from", "0757-01-01", "--to", "0758-01-01", "--kind", "eclipse", "--site", "changan",
                             "--format", "jsonl"])
        #expect(r.status == 0, "\(r.err)")
        let rows = try r.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(rows.count == 4)
        for row in rows {
            let detail = row["detail"] as? String ?? ""
            #expect(detail.hasPrefix("solar ") || detail.hasPrefix("lunar "))
            #expect(row["kind"] as? String == "eclipse" && row["visible"] is Bool && row["chinese_date"] is String)
        }
    }

    @Test func crescentRowsNameTheirCriterionAndClass() throws {
        for criterion in ["yallop", "odeh"] {
            let r = try cli.run(["events", "--from", "0757-01-01", "--to", "0757-04-01", "--kind", "crescent", "--criterion", criterion,
                                 "--site", "changan", "--format", "jsonl"])
            #expect(r.status == 0, "\(r.err)")
            let rows = try r.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
            #expect(rows.count >= 3)
            for row in rows {
                let detail = row["detail"] as? String ?? ""
                #expect(detail.hasPrefix("\(criterion) "), "\(detail)")
                #expect(row["kind"] as? String == "crescent" && row["visible"] is Bool && row["criterion"] as? String == criterion)
                #expect(row["visible_delta_t_s"] is String && row["ut_sigma_s"] is Double && row["start_jd_ut"] is Double)
            }
            #expect(rows.contains { $0["visible"] as? Bool == true })
        }
    }

    @Test func planetsOccultStarsGeocentrically() throws {
        let r = try cli.run(["events", "--from", "1959-07-01", "--to", "1959-07-15", "--objects", "venus,regulus", "--kind", "occultation",
                             "--format", "csv"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("occultation,Venus+Regulus,2436757.10") == true, "\(lines)")
        #expect(lines.last?.contains("HIP49669") == true)
    }

    @Test(arguments: [
        (["--from", "0760-01-01", "--to", "0750-01-01", "--kind", "phase"], "reversed"),
        (["--from", "0750-01-01", "--to", "0750-01-01", "--kind", "phase"], "empty"),
        (["--from", "3500-01-01", "--to", "3600-01-01", "--kind", "phase"], "outside the ephemeris"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "occultation", "--objects", "regulus,moon"], "only the Moon"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "sighting"], "unknown event kind"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "crescent", "--criterion", "babylonian"], "yallop or odeh"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "occultation", "--objects", "sirius,regulus"], "only the Moon or a planet"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "station", "--objects", "sirius"], "planet"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "approach", "--objects", "venus"], "2 objects"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "heliacal", "--objects", "sirius", "--criterion", "schaefer",
          "--humidity", "100"], "--humidity"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "heliacal", "--objects", "sirius", "--criterion", "naked-eye"],
         "use arcus-visionis or schaefer"),
        (["--from", "0750-01-01", "--to", "0751-01-01", "--kind", "heliacal", "--objects", "sirius"], "--criterion schaefer"),
    ])
    func badInputIsOneLineAndNonZero(arguments: [String], expected: String) throws {
        let r = try cli.run(["events"] + arguments)
        #expect(r.status != 0)
        #expect(r.out.isEmpty)
        let lines = r.err.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 || r.err.contains("Usage"), "\(r.err)")
        #expect(r.err.contains(expected), "\(r.err)")
    }
}
