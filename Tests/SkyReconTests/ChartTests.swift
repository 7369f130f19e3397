import FITS
import Foundation
import SnapshotTesting
import Testing
@testable import SkyRecon
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The main job's chart (Venus and the Pleiades from Chang'an on the evening of 757-03-14, Julian), as the CLI
/// draws it: composed by the facade from the catalogue, drawn by SkyChart.
enum Chart757 {
    struct Scene { let view: SkyView; let site: Site; let instant: Instant; let resolutions: [NameResolution] }

    static let scene: Result<Scene, any Error> = Result {
        let view = try SkyRecon.view()
        let site = try Gazetteer.standard().site(named: "changan")
        let report = try view.scene(try Moment(parsing: "0757-03-14"), objects: ["venus", "pleiades"], site: site)
        guard let dusk = report.snapshots.first(where: { $0.title.hasPrefix("End of civil twilight") }) else {
            throw SceneError.noObjects
        }
        return Scene(view: view, site: site, instant: dusk.instant,
                     resolutions: try ["venus", "pleiades"].map { try view.resolve($0) })
    }

    static func chart(_ request: ChartRequest = ChartRequest()) throws -> Chart {
        let s = try scene.get()
        return try s.view.chart(s.resolutions, at: s.instant, site: s.site, request: request,
                                title: "Venus and the Pleiades, 757-03-14 (Julian), end of civil twilight, Chang'an")
    }

    static func text(_ request: ChartRequest = ChartRequest(), columns: Int = 80, unicode: Bool) throws -> TextRendering {
        try TerminalRenderer(style: TerminalStyle(columns: columns, unicode: unicode)).render(try chart(request))
    }
}

struct ChartSnapshotTests {
    /// The snapshots are the committed `__Snapshots__/ChartTests/*.txt`; a change of glyphs, layout or star places
    /// shows there as a diff to review. Each case also checks that no label overlaps another and that both objects
    /// got their label.
    @Test(arguments: [("ascii-80", false, 80, ChartRequest.Language.en), ("unicode-80", true, 80, .en),
                      ("ascii-40", false, 40, .en), ("unicode-zh-80", true, 80, .zh)])
    func chart757(name: String, unicode: Bool, columns: Int, language: ChartRequest.Language) throws {
        let r = try Chart757.text(ChartRequest(language: language), columns: columns, unicode: unicode)
        assertSnapshot(of: r.text, as: .lines, named: name, testName: "chart757")
        let expected = language == .zh ? ["太白", "昴"] : unicode ? ["Venus", "M45 (Pleiades)"] : ["Venus", "M45 (Pleiades)"]
        for label in expected {
            #expect(r.labels.contains { $0.text == label }, "\(name): '\(label)' is labelled")
        }
        for (i, a) in r.labels.enumerated() {
            for b in r.labels[(i + 1)...] where a.row == b.row {
                #expect(a.column + a.width < b.column || b.column + b.width < a.column, "\(name): '\(a.text)' and '\(b.text)' overlap")
            }
        }
        if !unicode { #expect(r.text.unicodeScalars.allSatisfy { $0.isASCII }) }
        // The frame is as wide as asked (wide characters counted twice), and no line is wider.
        let lines = r.text.split(separator: "\n").map(String.init)
        let top = try #require(lines.firstIndex { $0.hasPrefix("+-") || $0.hasPrefix("┌") })
        let frame = lines[top..<min(lines.count, top + r.rows + 2)]
        #expect(frame.last?.hasPrefix("+-") == true || frame.last?.hasPrefix("└") == true)
        for line in frame { #expect(displayWidth(line) == columns, "\(name): a line \(displayWidth(line)) columns wide") }
        for line in lines { #expect(displayWidth(line) <= columns, "\(name): '\(line)' is wider than \(columns)") }
    }

    @Test func horizonView757() throws {
        let r = try Chart757.text(ChartRequest(view: .horizon, facing: .degrees(270)), columns: 80, unicode: false)
        assertSnapshot(of: r.text, as: .lines, named: "horizon-west-ascii-80", testName: "chart757")
        #expect(r.text.contains("S <-") || r.text.contains("S left"), "facing west, south is on the left")
        #expect(r.labels.contains { $0.text == "Venus" })
    }
}

/// Venus and the Pleiades where their positions say: the step from Alcyone (the cluster's principal star, drawn as
/// the object) to Venus on the chart has the length of their separation and the direction of their position angle,
/// computed here by spherical trigonometry (Meeus, Astronomical Algorithms, 2nd ed., eq. 17.? position angle; the
/// parallactic angle, eq. 14.1) — a second method beside the chart's projection.
struct ChartPositionTests {
    /// Position angle (from north through east) of b seen from a.
    static func positionAngle(from a: (ra: Double, dec: Double), to b: (ra: Double, dec: Double)) -> Double {
        atan2(sin(b.ra - a.ra), cos(a.dec) * tan(b.dec) - sin(a.dec) * cos(b.ra - a.ra))
    }

    @Test(arguments: [ChartFrame.equatorial, .horizontal])
    func pleiadesToVenusFollowsThePositionAngle(frame: ChartFrame) throws {
        let s = try Chart757.scene.get()
        let r = try Chart757.text(ChartRequest(frame: frame), columns: 80, unicode: false)
        let venusMark = try #require(r.marks.first { $0.label == "Venus" })
        let pleiadesMark = try #require(r.marks.first { $0.label == "M45 (Pleiades)" })

        let site = frame == .horizontal ? s.site : nil
        let venus = try s.view.observe(.body(.venus), at: s.instant, site: site)[0]
        let alcyone = try s.view.observe(s.resolutions[1].object, at: s.instant, site: site)[0]
        #expect(alcyone.label == "Alcyone")
        func radec(_ o: Observation) -> (ra: Double, dec: Double) {
            (o.topocentric?.rightAscension.radians ?? o.apparent.rightAscension.radians,
             o.topocentric?.declination.radians ?? o.apparent.declination.radians)
        }
        let a = radec(alcyone), v = radec(venus)
        let separation = acos(sin(a.dec) * sin(v.dec) + cos(a.dec) * cos(v.dec) * cos(v.ra - a.ra))
        var angle = Self.positionAngle(from: a, to: v)
        if frame == .horizontal {
            // Up is the zenith, at position angle q (the parallactic angle) from the object.
            let t = try #require(alcyone.topocentric)
            let h = t.localSiderealTime.radians - a.ra, phi = s.site.latitude.radians
            angle -= atan2(sin(h), tan(phi) * cos(a.dec) - sin(a.dec) * cos(h))
        }
        // East of up is to the left on a chart of the sky seen from inside; a row is two columns tall.
        let dx = -sin(angle) * separation * r.columnsPerRadian
        let dy = -cos(angle) * separation * r.columnsPerRadian / 2
        let drawnX = Double(venusMark.column - pleiadesMark.column), drawnY = Double(venusMark.row - pleiadesMark.row)
        #expect(abs(drawnX - dx) <= 1 && abs(drawnY - dy) <= 1,
                "\(frame): drawn (\(drawnX), \(drawnY)) cells, expected (\(dx), \(dy)) from PA \(angle * 180 / .pi)°")
        #expect(hypot(dx, 2 * dy) > 3, "the test needs the two objects several cells apart")
    }
}

struct ChartCompositionTests {
    @Test func chineseFiguresAndNamesBefore1912() throws {
        let s = try Chart757.scene.get()
        #expect(ChartRequest().resolvedCulture(at: s.instant) == .chinese)
        #expect(ChartRequest().resolvedCulture(at: Instant(jdTT: 2_451_545)) == .western)
        let chart = try Chart757.chart(ChartRequest(language: .zh))
        let labels = Set(chart.marks.compactMap(\.label))
        #expect(labels.contains("太白") && labels.contains("昴"))
        #expect(labels.contains("昴宿一"), "the determinative of 昴 (Han–Ming: 17 Tau) is labelled")
        #expect(chart.marks.filter { $0.role == .member }.count >= 6, "the Pleiades' naked-eye members are drawn")
        #expect(chart.paths.contains { $0.role == .figure } && chart.paths.contains { $0.role == .boundary })
        #expect(chart.notes.joined().contains("Chinese asterisms"))
    }

    @Test func nothingAboveTheHorizonIsAClearError() throws {
        let s = try Chart757.scene.get()
        let midnight = s.instant.adding(days: 0.25)
        do {
            _ = try s.view.chart(s.resolutions, at: midnight, site: s.site, request: ChartRequest(), title: "")
            Issue.record("Venus and the Pleiades set before midnight: the chart must say so")
        } catch let error as ChartError {
            #expect(error.errorDescription?.contains("below the horizon") == true)
            #expect(error.errorDescription?.contains("--frame equatorial") == true)
        }
        // The equatorial chart has no horizon to hide behind.
        _ = try s.view.chart(s.resolutions, at: midnight, site: s.site, request: ChartRequest(frame: .equatorial), title: "")
    }

    @Test func impossibleViewsAreClearErrors() throws {
        #expect(throws: ChartRequestError.self) { try Chart757.chart(ChartRequest(view: .strip, frame: .horizontal)) }
        #expect(throws: ChartRequestError.self) { try Chart757.chart(ChartRequest(view: .horizon, frame: .equatorial)) }
    }

    @Test func svgOf757ParsesAndLabelsTheObjects() throws {
        let svg = try SVGRenderer().render(try Chart757.chart())
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(svg.contains(">Venus</text>") && svg.contains(">M45 (Pleiades)</text>"))
    }

    @Test func mansionStripShowsTheMansions() throws {
        let r = try Chart757.text(ChartRequest(view: .strip, frame: .ecliptic), columns: 100, unicode: true)
        #expect(r.labels.contains { $0.text.hasPrefix("昴") }, "the mansion of the objects is named on the strip")
        #expect(r.labels.contains { $0.text == "Venus" })
    }
}

/// The FITS image read by an independent WCS implementation (astropy, through wcslib): the pixel drawn for Venus
/// maps back to Venus's geocentric apparent place within one pixel. Runs when a Python with astropy is found
/// (`SKYRECON_ASTROPY_PYTHON`, /tmp/astropy-venv/bin/python, or python3); the README gives the command to make one.
struct FITSAstropyTests {
    static let python: String? = {
        let env = ProcessInfo.processInfo.environment["SKYRECON_ASTROPY_PYTHON"]
        for candidate in [env, "/tmp/astropy-venv/bin/python", "/usr/bin/python3"].compactMap({ $0 }) {
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: candidate)
            p.arguments = ["-c", "import astropy.wcs"]
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            if p.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    @Test(.enabled(if: python != nil, "astropy not found: make a venv (see README, Charts) or set SKYRECON_ASTROPY_PYTHON"))
    func astropyMapsVenusPixelToVenus() throws {
        let s = try Chart757.scene.get()
        let chart = try Chart757.chart(ChartRequest(frame: .equatorial, projection: .gnomonic))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-757-\(UUID().uuidString).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        try FITSImageRenderer(pixels: 800).write(chart, instant: s.instant, to: url.path)

        // Venus's pixel: the intensity-weighted centroid around the brightest pixel (Venus, V ≈ −4, outshines all).
        let file = try FITSFile.open(url)
        let axes = try file.imageAxes()
        let pixels: [Float] = try file.readImage()
        try file.close()
        let peak = try #require(pixels.indices.max { pixels[$0] < pixels[$1] })
        let (pi, pj) = (peak % axes[0], peak / axes[0])
        var sx = 0.0, sy = 0.0, sw = 0.0
        for j in max(0, pj - 3)...min(axes[1] - 1, pj + 3) { for i in max(0, pi - 3)...min(axes[0] - 1, pi + 3) {
            let w = Double(pixels[j * axes[0] + i])
            sx += w * Double(i + 1); sy += w * Double(j + 1); sw += w
        } }
        let (x, y) = (sx / sw, sy / sw)

        let script = """
        import sys, warnings
        from astropy.io import fits
        from astropy.wcs import WCS
        warnings.simplefilter('ignore')
        h = fits.open(sys.argv[1])[0].header
        w = WCS(h)
        ra, dec = w.wcs_pix2world([[float(sys.argv[2]), float(sys.argv[3])]], 1)[0]
        print(ra, dec, abs(h['CDELT2']), h['RADESYS'], w.wcs.ctype[0])
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Self.python))
        p.arguments = ["-c", script, url.path, String(x), String(y)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        try #require(p.terminationStatus == 0 && fields.count == 5, "astropy failed: \(fields)")
        let ra = try #require(Double(fields[0])), dec = try #require(Double(fields[1])), scale = try #require(Double(fields[2]))
        #expect(fields[3] == "GAPPT" && fields[4] == "RA---TAN")

        let venus = try s.view.observe(.body(.venus), at: s.instant)[0].apparent
        let d = separation(SIMD3(cos(dec * .pi / 180) * cos(ra * .pi / 180), cos(dec * .pi / 180) * sin(ra * .pi / 180), sin(dec * .pi / 180)),
                           SIMD3(cos(venus.declination.radians) * cos(venus.rightAscension.radians),
                                 cos(venus.declination.radians) * sin(venus.rightAscension.radians), sin(venus.declination.radians)))
        #expect(d.degrees < scale, "astropy puts Venus's pixel \(d.degrees / scale) pixels from Venus")
    }
}
