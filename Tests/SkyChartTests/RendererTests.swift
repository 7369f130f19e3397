import Foundation
import Testing
import FITS
import SkyTime
@testable import SkyChart
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A field of labelled stars crowded on purpose, to test label placement.
func crowdedChart(count: Int = 120) -> Chart {
    // Additive recurrences with irrational steps (Weyl sequences) scatter the points evenly and the same way on every run.
    func scatter(_ i: Int, _ step: Double) -> Double { (Double(i) * step).truncatingRemainder(dividingBy: 1) }
    let centre = SkyPoint(longitude: .degrees(56), latitude: .degrees(24))
    let projection = Projection(kind: .gnomonic, frame: .equatorial, centre: centre)
    var marks: [ChartMark] = []
    for i in 0..<count {
        let p = SkyPoint(longitude: .degrees(56 + 18 * (scatter(i, 0.618_033_988_75) - 0.5)),
                         latitude: .degrees(24 + 12 * (scatter(i, 0.414_213_562_37) - 0.5)))
        let role: ChartMark.Role = i < 2 ? .object : i < 8 ? .member : .star
        marks.append(ChartMark(point: p, magnitude: -1 + 6.5 * scatter(i, 0.732_050_807_57),
                               label: i % 3 == 0 ? "昴宿\(i)" : "Star \(i)", role: role))
    }
    let bounds = Chart.fieldBounds(projection, holding: [], minimumWidth: .degrees(20))
    return Chart(projection: projection, bounds: bounds, layout: .field, marks: marks, title: "crowded test sky")
}

/// Checks that no two placed labels share or touch a cell, and that no label covers an object's glyph.
func expectNoOverlap(_ r: TextRendering, sourceLocation: SourceLocation = #_sourceLocation) {
    for (i, a) in r.labels.enumerated() {
        for b in r.labels[(i + 1)...] where a.row == b.row {
            #expect(a.column + a.width < b.column || b.column + b.width < a.column,
                    "labels '\(a.text)' and '\(b.text)' overlap on row \(a.row)", sourceLocation: sourceLocation)
        }
        for m in r.marks where m.role != .star && m.row == a.row {
            #expect(!(m.column >= a.column && m.column < a.column + a.width),
                    "label '\(a.text)' covers \(m.label ?? "a mark")", sourceLocation: sourceLocation)
        }
    }
}

struct TerminalRendererTests {
    @Test(arguments: [true, false], [40, 80, 120])
    func labelsNeverOverlap(unicode: Bool, columns: Int) throws {
        let r = try TerminalRenderer(style: TerminalStyle(columns: columns, unicode: unicode, labelMagnitudeLimit: 6)).render(crowdedChart())
        #expect(r.labels.count > 10, "a crowded sky still gets labels")
        expectNoOverlap(r)
        // Labels are where the text says they are (wide characters take two columns).
        let rows = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        for l in r.labels {
            let line = String(rows[l.row + 2].dropFirst())
            var column = 0
            var found = ""
            for ch in line {
                if column >= l.column && column < l.column + l.width { found.append(ch) }
                column += displayWidth(String(ch))
            }
            #expect(found == l.text, "label '\(l.text)' drawn as '\(found)'")
        }
    }

    @Test func objectsAreAlwaysLabelledWhenThereIsRoom() throws {
        let r = try TerminalRenderer(style: TerminalStyle(columns: 80)).render(crowdedChart())
        #expect(r.unplaced.filter { $0 == "昴宿0" || $0 == "Star 1" }.isEmpty)
    }

    @Test func asciiOutputIsPlainASCIIAndUncoloured() throws {
        let chart = crowdedChart()
        let ascii = try TerminalRenderer(style: TerminalStyle(columns: 80, unicode: false)).render(chart).text
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(!ascii.contains("\u{1B}["))
        let coloured = try TerminalRenderer(style: TerminalStyle(columns: 80, colour: true)).render(chart).text
        #expect(coloured.contains("\u{1B}[1;33m"), "objects are highlighted in colour on a terminal")
    }

    @Test func tooNarrowIsAClearError() throws {
        #expect(throws: ChartError.widthTooSmall(20, minimum: TerminalStyle.minimumColumns)) {
            try TerminalRenderer(style: TerminalStyle(columns: 20)).render(crowdedChart())
        }
        let message = ChartError.widthTooSmall(20, minimum: 32).errorDescription ?? ""
        #expect(message.contains("--width 32"))
        #expect(throws: ChartError.widthTooLarge(5000, maximum: TerminalStyle.maximumColumns)) {
            try TerminalRenderer(style: TerminalStyle(columns: 5000)).render(crowdedChart())
        }
        #expect(throws: ChartError.self) { try SVGRenderer(width: 50).render(crowdedChart()) }
        #expect(throws: ChartError.self) { try FITSImageRenderer(pixels: 100_000).wcs(crowdedChart(), instant: Instant(jdTT: 2_451_545)) }
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(displayWidth("昴宿") == 4)
        #expect(displayWidth("Mǎo") == 3)
        #expect(displayWidth("Venus") == 5)
        #expect(asciiFolded("S ← facing W (az 268°) α Tau Mǎo") == "S <- facing W (az 268 deg) alf Tau Mao")
    }
}

struct SVGRendererTests {
    final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var current = ""
        var elements = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements += 1
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }

    @Test func svgParsesAndCarriesTheLabels() throws {
        var chart = crowdedChart(count: 30)
        chart.marks[0].label = "Venus <&> \"太白\""
        let svg = try SVGRenderer(width: 900).render(chart)
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.texts.contains("Venus <&> \"太白\""))
        #expect(!svg.contains("href="), "self-contained: no external references")
    }

    @Test func unwritablePathIsAClearError() throws {
        #expect(throws: ChartError.self) { try ChartFile.write("<svg/>", to: "/nonexistent-folder/chart.svg") }
    }
}

/// The FITS image's WCS against the gnomonic (TAN) standard coordinates written out independently here
/// (Calabretta & Greisen 2002, eq. 54 with the standard ξ, η of a tangent plane).
struct FITSImageTests {
    @Test func peakPixelSitsWhereTheWCSPutsTheStar() throws {
        let centre = SkyPoint(longitude: .degrees(39.4), latitude: .degrees(18.9))
        let projection = Projection(kind: .gnomonic, frame: .equatorial, centre: centre)
        let star = SkyPoint(longitude: .degrees(40.9), latitude: .degrees(17.7))
        let chart = Chart(projection: projection, bounds: Chart.fieldBounds(projection, holding: [star], minimumWidth: .degrees(10)),
                          layout: .field, marks: [ChartMark(point: star, magnitude: -4, label: "Venus", role: .object)], title: "test")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-chart-\(UUID().uuidString).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        try FITSImageRenderer(pixels: 300).write(chart, instant: Instant(jdTT: 1_997_560.0), to: url.path)

        let file = try FITSFile.open(url)
        defer { try? file.close() }
        #expect(try file.string("CTYPE1") == "RA---TAN")
        #expect(try file.string("CTYPE2") == "DEC--TAN")
        #expect(try file.string("RADESYS") == "GAPPT")
        let crval1 = try file.double("CRVAL1"), crval2 = try file.double("CRVAL2")
        let crpix1 = try file.double("CRPIX1"), crpix2 = try file.double("CRPIX2")
        let cdelt1 = try file.double("CDELT1"), cdelt2 = try file.double("CDELT2")
        let axes = try file.imageAxes()
        let pixels: [Float] = try file.readImage()
        let peak = try #require(pixels.indices.max { pixels[$0] < pixels[$1] })
        let (pi, pj) = (Double(peak % axes[0] + 1), Double(peak / axes[0] + 1))

        let a = star.longitude.radians, d = star.latitude.radians
        let a0 = crval1 * .pi / 180, d0 = crval2 * .pi / 180
        let cosc = sin(d0) * sin(d) + cos(d0) * cos(d) * cos(a - a0)
        let xi = cos(d) * sin(a - a0) / cosc * 180 / .pi
        let eta = (cos(d0) * sin(d) - sin(d0) * cos(d) * cos(a - a0)) / cosc * 180 / .pi
        #expect(abs(crpix1 + xi / cdelt1 - pi) <= 0.5 && abs(crpix2 + eta / cdelt2 - pj) <= 0.5,
                "peak at (\(pi), \(pj)), WCS gives (\(crpix1 + xi / cdelt1), \(crpix2 + eta / cdelt2))")
        #expect(cdelt1 < 0, "east to the left")
    }

    @Test func horizontalChartsHaveNoCelestialWCS() throws {
        let chart = Chart(projection: Projection(kind: .gnomonic, frame: .horizontal, centre: SkyPoint(longitude: .degrees(0), latitude: .degrees(30))),
                          bounds: PlaneRect(minX: -0.2, maxX: 0.2, minY: -0.1, maxY: 0.1), layout: .field)
        #expect(throws: ChartError.self) { try FITSImageRenderer().wcs(chart, instant: Instant(jdTT: 2_451_545)) }
        #expect(throws: ChartError.self) {
            try FITSImageRenderer().write(crowdedChart(), instant: Instant(jdTT: 2_451_545), to: "/nonexistent-folder/x.fits")
        }
    }
}
