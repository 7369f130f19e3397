import Foundation
import Testing

/// `skyrecon chart` and the chart of the main job, end to end.
extension CLITests {
    @Test(arguments: [
        (["chart", "--date", "0757-03-14", "--objects", "venus,pleiades", "--width", "20"], "--width 32"),
        (["chart", "--date", "0757-03-14", "--objects", "venus,pleiades", "--svg", "/nonexistent-folder/c.svg"], "cannot write /nonexistent-folder/c.svg"),
        (["chart", "--date", "0757-03-14", "--objects", "venus,pleiades", "--fits", "/nonexistent-folder/c.fits"], "cannot write"),
        (["chart", "--date", "0757-03-14T16:00", "--objects", "venus,pleiades"], "below the horizon"),
        (["chart", "--date", "0757-03-14", "--objects", "venus", "--view", "strip", "--frame", "horizontal"], "--frame equatorial or ecliptic"),
        (["chart", "--date", "0757-03-14", "--objects", "venus", "--view", "horizon", "--facing", "up"], "compass point"),
        (["--date", "0757-03-14", "--objects", "venus,pleiades", "--width", "10"], "--width 32"),
    ])
    func badChartInputIsOneLineAndNonZero(arguments: [String], hint: String) throws {
        let r = try run(arguments)
        #expect(r.status != 0)
        #expect(r.err.contains(hint), "stderr: \(r.err)")
        #expect(r.err.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count <= 3, "a short error, not a trace: \(r.err)")
    }

    @Test func mainJobDrawsTheFieldFacingWest() throws {
        let r = try run(["--date", "0757-03-14", "--objects", "venus,pleiades", "--width", "80"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("S ←  facing W"), "facing west, south is on the left")
        #expect(r.out.contains("→ N"))
        #expect(r.out.contains("Venus") && r.out.contains("M45 (Pleiades)") && r.out.contains("Electra (昴 det.)"))
        #expect(!r.out.contains("\u{1B}["), "no colour when piped")
        let coloured = try run(["--date", "0757-03-14", "--objects", "venus,pleiades", "--color", "always"])
        #expect(coloured.out.contains("\u{1B}["))
    }

    @Test func chartWritesSVGAndFITS() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("757.svg").path, fits = folder.appendingPathComponent("757.fits").path
        let r = try run(["chart", "--date", "0757-03-14", "--objects", "venus,pleiades", "--svg", svg, "--fits", fits])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("wrote SVG \(svg)") && r.out.contains("wrote FITS image \(fits)"))
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains(">Venus</text>"))
        let header = try Data(contentsOf: URL(fileURLWithPath: fits)).prefix(2880)
        #expect(String(decoding: header, as: UTF8.self).contains("RA---TAN"))
    }

    @Test func asciiChartIsASCII() throws {
        let r = try run(["chart", "--date", "0757-03-14", "--objects", "venus,pleiades", "--ascii", "--width", "40", "--lang", "zh"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(r.out.contains("Venus"), "an ASCII chart falls back to the English name of 太白")
    }
}
