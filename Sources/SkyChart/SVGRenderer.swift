import Foundation
import SkyTime

/// Draws a `Chart` as a self-contained SVG document (no external fonts, images or scripts): stars as discs sized by
/// magnitude, figure lines, mansion boundaries, the horizon, labels placed without overlap, and a legend.
public struct SVGRenderer: Sendable {
    /// Width of the drawing in pixels (the legend is added below).
    public var width: Int
    /// Stars brighter than this are labelled when they have a label; objects, members and determinatives always.
    public var labelMagnitudeLimit: Double

    /// Narrowest and widest drawings.
    public static let minimumWidth = 200
    public static let maximumWidth = 20_000

    public init(width: Int = 1000, labelMagnitudeLimit: Double = 2.5) {
        self.width = width
        self.labelMagnitudeLimit = labelMagnitudeLimit
    }

    private struct Box { var x0, y0, x1, y1: Double
        func overlaps(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
    }

    /// The SVG text.
    /// - Throws: `ChartError.imageSizeOutOfRange` for a width outside 200…20,000 pixels.
    public func render(_ chart: Chart) throws -> String {
        guard width >= SVGRenderer.minimumWidth, width <= SVGRenderer.maximumWidth else {
            throw ChartError.imageSizeOutOfRange(width, minimum: SVGRenderer.minimumWidth, maximum: SVGRenderer.maximumWidth)
        }
        let w = Double(width)
        let scale = w / chart.bounds.width
        let h = (chart.bounds.height * scale).rounded()
        let fontSize = max(10, (w / 80).rounded())
        let legendLines = 3 + chart.notes.count
        let top = chart.title.isEmpty ? 0 : fontSize * 2
        let total = top + h + Double(legendLines) * fontSize * 1.5 + fontSize
        func xy(_ p: SkyPoint) -> (Double, Double)? {
            guard let v = chart.projection.project(p) else { return nil }
            return ((v.x - chart.bounds.minX) * scale, top + (chart.bounds.maxY - v.y) * scale)
        }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(Int(total))" viewBox="0 0 \(width) \(Int(total))" font-family="DejaVu Sans, Noto Sans CJK TC, Noto Sans CJK SC, sans-serif" font-size="\(Int(fontSize))">
        <title>\(escape(chart.title))</title>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <defs><clipPath id="field"><rect x="0" y="\(f(top))" width="\(width)" height="\(f(h))"/></clipPath></defs>
        <rect x="0" y="\(f(top))" width="\(width)" height="\(f(h))" fill="#0b1330"/>

        """
        if !chart.title.isEmpty {
            svg += "<text x=\"4\" y=\"\(f(fontSize * 1.4))\" font-weight=\"bold\">\(escape(chart.title))</text>\n"
        }
        svg += "<g clip-path=\"url(#field)\">\n"
        let styles: [ChartPath.Role: String] = [
            .figure: "stroke=\"#6f8fe0\" stroke-width=\"1.2\"",
            .boundary: "stroke=\"#b06fb0\" stroke-width=\"1\" stroke-dasharray=\"5 4\"",
            .horizon: "stroke=\"#58c060\" stroke-width=\"2\"",
        ]
        for path in chart.paths {
            var runs: [[(Double, Double)]] = [[]]
            for (i, p) in path.points.enumerated() {
                let steps = i == 0 ? 1 : max(1, Int(path.points[i - 1].separation(from: p).degrees / 0.5))
                for s in 1...steps {
                    let q = i == 0 ? p : slerp(path.points[i - 1], p, Double(s) / Double(steps))
                    if chart.hides(q, role: path.role) {
                        runs.append([])
                    } else if let here = xy(q), let last = runs[runs.count - 1].last, abs(here.0 - last.0) < w / 2 {
                        runs[runs.count - 1].append(here)
                    } else if let here = xy(q) {
                        runs.append([here])
                    } else {
                        runs.append([])
                    }
                }
            }
            for run in runs where run.count > 1 {
                svg += "<polyline fill=\"none\" \(styles[path.role] ?? "") points=\"" + run.map { "\(f($0.0)),\(f($0.1))" }
                    .joined(separator: " ") + "\"/>\n"
            }
        }
        var occupied: [Box] = []
        let visible = chart.visibleMarks
        var drawn: [(ChartMark, Double, Double, Double)] = []
        for m in visible.sorted(by: { ($0.role, -$0.magnitude) < ($1.role, -$1.magnitude) }) {
            guard let (x, y) = xy(m.point), x >= 0, x <= w, y >= top, y <= top + h else { continue }
            let r = m.role == .object ? max(5, 4.2 - 0.45 * m.magnitude) : max(0.7, 4.2 - 0.6 * m.magnitude)
            if m.role == .object {
                svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r + 4))\" fill=\"none\" stroke=\"#ffd54a\" stroke-width=\"1.5\"/>\n"
            }
            let fill = m.role == .object ? "#ffd54a" : m.role == .star ? "#ffffff" : "#9fe8ff"
            svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(fill)\"/>\n"
            drawn.append((m, x, y, r))
            if r > 1.5 { occupied.append(Box(x0: x - r, y0: y - r, x1: x + r, y1: y + r)) }
        }
        svg += "</g>\n"
        func textWidth(_ s: String) -> Double { Double(displayWidth(s)) * fontSize * 0.6 }
        var labels = ""
        for (m, x, y, r) in drawn.sorted(by: { ($0.0.role, -$0.0.magnitude) > ($1.0.role, -$1.0.magnitude) }) {
            guard let text = m.label, !text.isEmpty, m.role != .star || m.magnitude <= labelMagnitudeLimit else { continue }
            let tw = textWidth(text), gap = r + 3
            let candidates = [(x + gap, y + fontSize * 0.35), (x - gap - tw, y + fontSize * 0.35),
                              (x - tw / 2, y - gap - 2), (x - tw / 2, y + gap + fontSize),
                              (x + gap, y - gap), (x + gap, y + gap + fontSize * 0.7),
                              (x - gap - tw, y - gap), (x - gap - tw, y + gap + fontSize * 0.7)]
            for (lx, ly) in candidates {
                let box = Box(x0: lx - 1, y0: ly - fontSize * 0.85, x1: lx + tw + 1, y1: ly + fontSize * 0.25)
                guard box.x0 >= 0, box.x1 <= w, box.y0 >= top, box.y1 <= top + h,
                      !occupied.contains(where: { $0.overlaps(box) }) else { continue }
                occupied.append(box)
                let colour = m.role == .object ? "#ffd54a" : m.role == .star ? "#d0d8ff" : "#9fe8ff"
                let weight = m.role == .object ? " font-weight=\"bold\"" : ""
                labels += "<text x=\"\(f(lx))\" y=\"\(f(ly))\" fill=\"\(colour)\"\(weight)>\(escape(text))</text>\n"
                break
            }
        }
        for a in chart.annotations {
            guard let (x, y) = xy(a.point), x >= 0, x <= w, y >= top, y <= top + h else { continue }
            let tw = textWidth(a.text)
            let box = Box(x0: x - tw / 2, y0: y - fontSize * 0.85, x1: x + tw / 2, y1: y + fontSize * 0.25)
            guard box.x0 >= 0, box.x1 <= w, !occupied.contains(where: { $0.overlaps(box) }) else { continue }
            occupied.append(box)
            labels += "<text x=\"\(f(x - tw / 2))\" y=\"\(f(y))\" fill=\"#e0a0e0\">\(escape(a.text))</text>\n"
        }
        if chart.projection.frame == .horizontal {
            for (az, name) in [(0.0, "N"), (90, "E"), (180, "S"), (270, "W")] {
                guard let (x, y) = xy(SkyPoint(longitude: .degrees(az), latitude: .degrees(0))), x >= 0, x <= w,
                      y >= top, y <= top + h else { continue }
                labels += "<text x=\"\(f(x - fontSize * 0.35))\" y=\"\(f(min(top + h - 2, y + fontSize * 1.2)))\" fill=\"#58c060\" font-weight=\"bold\">\(name)</text>\n"
            }
        }
        svg += labels
        var y = top + h + fontSize * 1.5
        svg += "<text x=\"4\" y=\"\(f(y))\">\(escape(chart.directionLegend))</text>\n"
        y += fontSize * 1.5
        let perDegree = scale * .pi / 180 / chart.radiansPerPlaneUnit
        let degrees = [0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90].last { $0 * perDegree <= w / 4 } ?? 0.5
        let barLength = degrees * perDegree
        svg += "<path d=\"M4 \(f(y - 4))v-6M4 \(f(y - 7))h\(f(barLength))M\(f(4 + barLength)) \(f(y - 4))v-6\" stroke=\"#000\" fill=\"none\"/>\n"
        svg += "<text x=\"\(f(barLength + 10))\" y=\"\(f(y))\">\(degrees == degrees.rounded() ? String(Int(degrees)) : String(degrees))° at the centre; discs by V magnitude; ringed: the objects asked</text>\n"
        for note in chart.notes {
            y += fontSize * 1.5
            svg += "<text x=\"4\" y=\"\(f(y))\" fill=\"#333\">\(escape(note))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }
}

/// XML text with `&`, `<`, `>` and quotes escaped.
func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.append(ch)
        }
    }
    return out
}

/// Writes chart output (SVG text, a terminal chart) to a file, turning failures into `ChartError.unwritable`.
public enum ChartFile {
    /// Writes `text` as UTF-8 to `path`, replacing a file there.
    /// - Throws: `ChartError.unwritable` when the folder is missing or the file cannot be written.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ChartError.unwritable(path: path, reason: "the folder \(folder) does not exist")
        }
        do { try Data(text.utf8).write(to: url) } catch {
            throw ChartError.unwritable(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
