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
