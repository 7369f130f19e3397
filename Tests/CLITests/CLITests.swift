import Foundation
import Testing

/// End-to-end checks of the `skyrecon` executable: exit codes, one-line errors, batch behaviour on bad rows.
struct CLITests {
    struct Run { var status: Int32; var out: String; var err: String }

    static let binary: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent(), here.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("skyrecon")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.appendingPathComponent(".build/debug/skyrecon")
    }()

    /// Runs the binary; `environment` adds to (or replaces) the test's own variables.
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                   err: String(decoding: errData, as: UTF8.self))
    }

    func temporaryFile(_ text: String, name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(arguments: [
        (["--date", "0757-02-30", "--objects", "venus"], "0757-02-30"),
        (["--date", "1582-10-10", "--objects", "venus"], "1582-10-10J"),
        (["--date", "4000-01-01", "--objects", "venus"], "outside"),
        (["--date", "0757-03-14", "--objects", "venis"], "Venus"),
        (["--date", "0757-03-14", "--objects", "venus", "--site", "atlantis"], "LAT,LON"),
        (["--date", "0757-03-14", "--objects", "venus", "--delta-t", "fast"], "smh2020"),
        (["positions", "--date", "0757-13-01", "--objects", "venus"], "month"),
    ])
    func badInputIsOneLineAndNonZero(arguments: [String], hint: String) throws {
        let r = try run(arguments)
        #expect(r.status != 0)
        let lines = r.err.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.err)")
        #expect(r.err.contains(hint), "stderr: \(r.err)")
        #expect(!r.err.contains("Fatal error"))
    }

    @Test func theMainJob() throws {
        let r = try run(["--date", "0757-03-14", "--objects", "venus,pleiades"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("1.26"), "\(r.out)")
        #expect(r.out.contains("Alcyone"))
        #expect(r.out.contains("End of civil twilight"))
        #expect(r.out.contains("ΔT = "))
        #expect(r.out.contains("DE422"))
        #expect(r.out.contains("昴"))
    }

    @Test func bceDatesInBothSpellingsAgree() throws {
        let a = try run(["positions", "--date=-0756-03-14T12:00TT", "--objects", "mars", "--format", "csv"])
        let b = try run(["positions", "--date", "757BCE-03-14T12:00TT", "--objects", "mars", "--format", "csv"])
        #expect(a.status == 0 && b.status == 0, "\(a.err) \(b.err)")
        #expect(a.out == b.out)
        #expect(a.out.contains("1445002.0"))  // JD of 757 BCE March 14, 12h (Julian calendar)
    }

    @Test func batchReportsBadRowsAndGoesOn() throws {
        let input = """
        body,jd_tt,site
        venus,1997610.0,
        vensu,1997610.0,
        moon,abc,
        mars,9999999.5,
        sun,1997610.0,atlantis
        HIP17702,1997610.0,changan
        """
        let url = try temporaryFile(input, name: "batch.csv")
        let r = try run(["positions", "--input", url.path, "--format", "csv"])
        #expect(r.status == 1)
        let rows = r.out.split(separator: "\n")
        #expect(rows.count == 7, "one row out per row in, plus the header: \(r.out)")
        #expect(rows[0].hasPrefix("body,jd_tt,site,delta_t_s,ra_astr_deg"))
        for line in ["line 3", "line 4", "line 5", "line 6"] { #expect(r.err.contains(line), "\(r.err)") }
        #expect(!r.err.contains("line 2") && !r.err.contains("line 7"))
        let good = rows[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(good.count >= 10 && !good[4].isEmpty)
        #expect(rows[6].contains(",昴,"), "Alcyone lies in 昴: \(rows[6])")
    }

    @Test func jsonlIsOneObjectPerLine() throws {
        let r = try run(["positions", "--date", "0757-03-14T12:52TT", "--objects", "venus,moon", "--format", "jsonl"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["ra_app_deg"] is Double)
        }
    }
}
