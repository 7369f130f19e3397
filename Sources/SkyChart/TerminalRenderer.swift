import Foundation
import SkyTime

/// How a chart is drawn in a terminal.
public struct TerminalStyle: Sendable, Hashable {
    /// Total width in columns, frame included (`TerminalStyle.minimumColumns` or more).
    public var columns: Int
    /// Unicode (braille dots for lines, round glyphs for stars) or plain ASCII.
    public var unicode: Bool
    /// ANSI colour (only for a terminal; never when the output is piped or `NO_COLOR` is set).
    public var colour: Bool
    /// Stars brighter than this magnitude get their label when they have one; objects, group members and
    /// determinatives are always labelled.
    public var labelMagnitudeLimit: Double

    /// The narrowest chart that still holds a legible field, its labels and its legend.
    public static let minimumColumns = 32
    /// The widest chart drawn (wider than any terminal; a bound on memory).
    public static let maximumColumns = 1000

    public init(columns: Int = 80, unicode: Bool = true, colour: Bool = false, labelMagnitudeLimit: Double = 2.0) {
        self.columns = columns
        self.unicode = unicode
        self.colour = colour
        self.labelMagnitudeLimit = labelMagnitudeLimit
    }
}

/// A chart drawn as text, with where each mark and label went (for tests and for callers that annotate).
public struct TextRendering: Sendable {
    /// A label as placed: row and first column inside the frame, width in terminal columns.
    public struct PlacedLabel: Sendable, Hashable {
        public let text: String
        public let row: Int
        public let column: Int
        public let width: Int
    }
    /// A mark as drawn: its cell inside the frame.
    public struct PlacedMark: Sendable, Hashable {
        public let label: String?
        public let role: ChartMark.Role
        public let row: Int
        public let column: Int
    }
    /// The whole chart: title, framed field, legend.
    public let text: String
    public let labels: [PlacedLabel]
    public let marks: [PlacedMark]
    /// Labels that found no free place (listed under the chart instead).
    public let unplaced: [String]
    /// Columns per radian at the centre of the field; a row is two columns tall.
    public let columnsPerRadian: Double
    /// Rows and columns inside the frame.
    public let rows: Int, columns: Int
}

/// Draws a `Chart` as text: braille-dot lines and round star glyphs in Unicode, or slashes and `*+.` in ASCII;
/// labels are placed greedily (objects first, then group members and determinatives, then bright stars) and never
/// overlap one another or a star; terminal cells are taken as twice as tall as wide.
public struct TerminalRenderer: Sendable {
    /// Width, character set, colour and label limit.
    public var style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    private enum Cell: Equatable { case empty, line(Int), star, label, continuation }

    /// Draws the chart.
    /// - Throws: `ChartError.widthTooSmall` / `.widthTooLarge` outside 32…1000 columns.
    public func render(_ chart: Chart) throws -> TextRendering {
        guard style.columns >= TerminalStyle.minimumColumns else {
            throw ChartError.widthTooSmall(style.columns, minimum: TerminalStyle.minimumColumns)
        }
        guard style.columns <= TerminalStyle.maximumColumns else {
            throw ChartError.widthTooLarge(style.columns, maximum: TerminalStyle.maximumColumns)
        }
        let width = style.columns - 2
        let colsPerUnit = Double(width) / chart.bounds.width
        let rowsPerUnit = colsPerUnit / 2
        let height = max(6, Int((chart.bounds.height * rowsPerUnit).rounded()))
        var chars = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        var cells = Array(repeating: Array(repeating: Cell.empty, count: width), count: height)
        var colours = Array(repeating: Array(repeating: "", count: width), count: height)
        var dots = Array(repeating: Array(repeating: UInt8(0), count: width), count: height)

        func position(_ p: SkyPoint) -> (x: Double, y: Double)? {
            guard let xy = chart.projection.project(p) else { return nil }
            return ((xy.x - chart.bounds.minX) * colsPerUnit, (chart.bounds.maxY - xy.y) * rowsPerUnit)
        }
        func cell(_ p: SkyPoint) -> (row: Int, column: Int)? {
            guard let (x, y) = position(p) else { return nil }
            let c = Int(x.rounded(.down)), r = Int(y.rounded(.down))
            guard c >= 0, c < width, r >= 0, r < height else { return nil }
            return (r, c)
        }

        // Lines: chords subdivided on the sphere so that wide figures bend as the projection bends them.
        let linePriority: [ChartPath.Role: Int] = [.figure: 1, .boundary: 2, .horizon: 3]
        let lineColour: [ChartPath.Role: String] = [.figure: "34", .boundary: "35", .horizon: "32"]
        for path in chart.paths {
            let priority = linePriority[path.role] ?? 1
            var previous: (x: Double, y: Double)?
            for (i, p) in path.points.enumerated() {
                let steps = i == 0 ? 1 : max(1, Int(path.points[i - 1].separation(from: p).degrees / 0.5))
                for s in 1...steps {
                    let q = i == 0 ? p : slerp(path.points[i - 1], p, Double(s) / Double(steps))
                    let here = chart.hides(q, role: path.role) ? nil : position(q)
                    if let a = previous, let b = here, abs(b.x - a.x) < Double(width) / 2 {
                        drawSegment(a, b, role: path.role, priority: priority, colour: lineColour[path.role] ?? "",
                                    chars: &chars, cells: &cells, colours: &colours, dots: &dots)
                    }
                    previous = here
                }
            }
        }
        if style.unicode {
            for r in 0..<height { for c in 0..<width where dots[r][c] != 0 {
                if case .line = cells[r][c] {
                    chars[r][c] = Character(UnicodeScalar(0x2800 + UInt32(dots[r][c]))!)
                }
            } }
        }

        // Marks: faint first, so that a brighter star wins a shared cell; objects last. The faintest stars are
        // drawn after the labels, into the cells the labels left free, so that a crowded sky still gets its labels.
        var placedMarks: [TextRendering.PlacedMark] = []
        let visible = chart.visibleMarks
        let ordered = visible.sorted(by: { ($0.role, -$0.magnitude) < ($1.role, -$1.magnitude) })
        let isFaint = { (m: ChartMark) in m.role == .star && m.magnitude >= 3.5 && m.magnitude > style.labelMagnitudeLimit }
        func draw(_ m: ChartMark, onlyIfFree: Bool) {
            guard let (r, c) = cell(m.point) else { return }
            if onlyIfFree {
                switch cells[r][c] {
                case .empty, .line: break
                default: return
                }
            }
            chars[r][c] = glyph(m)
            cells[r][c] = .star
            colours[r][c] = m.role == .object ? "1;33" : m.role == .star ? (m.magnitude < 2 ? "97" : "37") : "1;36"
            placedMarks.append(.init(label: m.label, role: m.role, row: r, column: c))
        }
        for m in ordered where !isFaint(m) { draw(m, onlyIfFree: false) }

        // Cardinal points on the horizon of a horizontal chart.
        if chart.projection.frame == .horizontal {
            let points: [(Double, String)] = [(0, "N"), (90, "E"), (180, "S"), (270, "W")]
            for (az, name) in points {
                guard let (r0, c) = cell(SkyPoint(longitude: .degrees(az), latitude: .degrees(0))) else { continue }
                let r = r0 + 1 < height && chart.layout == .field ? r0 + 1 : r0
                guard cells[r][c] != .star else { continue }
                chars[r][c] = Character(name)
                cells[r][c] = .label
                colours[r][c] = "1;32"
            }
        }

        // Labels, most important first.
        var wanted: [(text: String, at: (row: Int, column: Int)?, free: Bool, colour: String, object: Bool)] = []
        for m in visible.sorted(by: { ($0.role, -$0.magnitude) > ($1.role, -$1.magnitude) }) {
            guard let text = labelText(m.label, ascii: m.asciiLabel) else { continue }
            guard m.role != .star || m.magnitude <= style.labelMagnitudeLimit else { continue }
            wanted.append((text, cell(m.point), false, m.role == .object ? "1;33" : m.role == .star ? "36" : "1;36",
                           m.role == .object))
        }
        for a in chart.annotations {
            guard let text = labelText(a.text, ascii: a.asciiText) else { continue }
            wanted.append((text, cell(a.point), true, "35", false))
        }
        var placed: [TextRendering.PlacedLabel] = []
        var unplaced: [String] = []
        for w in wanted {
            guard let at = w.at else { continue }
            let textWidth = displayWidth(w.text)
            var candidates: [(Int, Int)]
            if w.free {
                candidates = [(at.row, at.column - textWidth / 2), (at.row + 1, at.column - textWidth / 2),
                              (at.row - 1, at.column - textWidth / 2)]
            } else {
                candidates = [(at.row, at.column + 2), (at.row, at.column - 1 - textWidth),
                              (at.row - 1, at.column + 1), (at.row + 1, at.column + 1),
                              (at.row - 1, at.column - textWidth), (at.row + 1, at.column - textWidth),
                              (at.row - 2, at.column), (at.row + 2, at.column),
                              (at.row - 2, at.column - textWidth), (at.row + 2, at.column - textWidth)]
            }
            // An object's label may cover other stars' glyphs when nothing else is free; never a label or an object.
            func fits(_ r: Int, _ c: Int, coverStars: Bool) -> Bool {
                guard r >= 0, r < height, c >= 0, c + textWidth <= width else { return false }
                for col in max(0, c - 1)..<min(width, c + textWidth + 1) {
                    let inside = col >= c && col < c + textWidth
                    switch cells[r][col] {
                    case .label, .continuation: return false
                    case .star where inside:
                        if !coverStars || placedMarks.contains(where: { $0.row == r && $0.column == col && $0.role != .star }) {
                            return false
                        }
                    default: continue
                    }
                }
                return true
            }
            guard let spot = candidates.first(where: { fits($0.0, $0.1, coverStars: false) })
                ?? (w.object ? candidates.first(where: { fits($0.0, $0.1, coverStars: true) }) : nil) else {
                unplaced.append(w.text)
                continue
            }
            var col = spot.1
            for ch in w.text {
                let cw = displayWidth(String(ch))
                guard cw > 0 else { continue }
                chars[spot.0][col] = ch
                cells[spot.0][col] = .label
                colours[spot.0][col] = w.colour
                if cw == 2 {
                    cells[spot.0][col + 1] = .continuation
                    colours[spot.0][col + 1] = w.colour
                }
                col += cw
            }
            placed.append(.init(text: w.text, row: spot.0, column: spot.1, width: textWidth))
        }

        for m in ordered where isFaint(m) { draw(m, onlyIfFree: true) }

        // Assemble: frame, rows (a wide character's second cell prints nothing), legend.
        let u = style.unicode
        var lines: [String] = []
        if !chart.title.isEmpty { lines += wrapped(plain(chart.title), width: style.columns) }
        lines.append((u ? "┌" : "+") + String(repeating: u ? "─" : "-", count: width) + (u ? "┐" : "+"))
        for r in 0..<height {
            var line = u ? "│" : "|"
            var current = ""
            for c in 0..<width {
                if cells[r][c] == .continuation { continue }
                let wantColour = style.colour && cells[r][c] != .empty ? colours[r][c] : ""
                if wantColour != current {
                    if !current.isEmpty { line += "\u{1B}[0m" }
                    if !wantColour.isEmpty { line += "\u{1B}[\(wantColour)m" }
                    current = wantColour
                }
                line.append(chars[r][c])
            }
            if !current.isEmpty { line += "\u{1B}[0m" }
            lines.append(line + (u ? "│" : "|"))
        }
        lines.append((u ? "└" : "+") + String(repeating: u ? "─" : "-", count: width) + (u ? "┘" : "+"))
        var legend = [plain(chart.directionLegend),
                      scaleBar(columnsPerRadian: colsPerUnit / chart.radiansPerPlaneUnit, maximum: width / 3),
                      u ? "● <1 mag  • <2  ∙ <3.5  · fainter  ◉ object" : "# <1 mag  * <2  + <3.5  . fainter  @ object"]
        if !unplaced.isEmpty {
            let shown = unplaced.prefix(6).joined(separator: ", ")
            legend.append(plain("not labelled for want of room: \(shown)\(unplaced.count > 6 ? " and \(unplaced.count - 6) more (a wider --width or a lower --label-mag helps)" : "")"))
        }
        legend += chart.notes.map(plain)
        for line in legend { lines += wrapped(line, width: style.columns) }
        return TextRendering(text: lines.joined(separator: "\n"), labels: placed, marks: placedMarks, unplaced: unplaced,
                             columnsPerRadian: colsPerUnit / chart.radiansPerPlaneUnit, rows: height, columns: width)
    }

    /// Breaks a line at spaces so that no piece is wider than `width` terminal columns.
    private func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if displayWidth(candidate) > width, !current.isEmpty {
                lines.append(current)
                current = "  " + word
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines.map { $0.trimmingCharacters(in: .whitespaces) == "" ? "" : String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    private func glyph(_ m: ChartMark) -> Character {
        if m.role == .object { return style.unicode ? "◉" : "@" }
        let glyphs: [Character] = style.unicode ? ["●", "•", "∙", "·"] : ["#", "*", "+", "."]
        return m.magnitude < 1 ? glyphs[0] : m.magnitude < 2 ? glyphs[1] : m.magnitude < 3.5 ? glyphs[2] : glyphs[3]
    }

    private func labelText(_ label: String?, ascii: String?) -> String? {
        guard let label, !label.isEmpty else { return nil }
        if style.unicode { return label }
        let text = asciiFolded(ascii ?? label).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// Text of the frame and legend in the chosen character set.
    private func plain(_ text: String) -> String { style.unicode ? text : asciiFolded(text) }

    private func drawSegment(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), role: ChartPath.Role,
                             priority: Int, colour: String, chars: inout [[Character]], cells: inout [[Cell]],
                             colours: inout [[String]], dots: inout [[UInt8]]) {
        let height = cells.count, width = cells.first?.count ?? 0
        let dx = b.x - a.x, dy = b.y - a.y
        let steps = max(1, Int((max(abs(dx) * 2, abs(dy) * 4) * 1.5).rounded(.up)))
        let asciiChar: Character = switch role {
        case .horizon: "_"
        case .boundary: ":"
        case .figure:
            abs(dy * 2) < abs(dx) * 0.4 ? "-" : abs(dy * 2) > abs(dx) * 2.5 ? "|" : (dx * dy < 0 ? "/" : "\\")
        }
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            let x = a.x + dx * t, y = a.y + dy * t
            let c = Int(x.rounded(.down)), r = Int(y.rounded(.down))
            guard c >= 0, c < width, r >= 0, r < height else { continue }
            switch cells[r][c] {
            case .empty: break
            case .line(let p) where p <= priority: break
            default: continue
            }
            cells[r][c] = .line(priority)
            colours[r][c] = colour
            if style.unicode {
                let sx = min(1, Int(((x - Double(c)) * 2).rounded(.down)))
                let sy = min(3, Int(((y - Double(r)) * 4).rounded(.down)))
                let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
                dots[r][c] |= bits[sy][sx]
            } else {
                chars[r][c] = asciiChar
            }
        }
    }

    private func scaleBar(columnsPerRadian: Double, maximum: Int) -> String {
        let steps: [Double] = [0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90]
        let perDegree = columnsPerRadian * .pi / 180
        let fitting = steps.filter { $0 * perDegree <= Double(maximum) && $0 * perDegree >= 3 }
        let degrees = fitting.last ?? steps.first { $0 * perDegree >= 3 } ?? 1
        let n = max(3, Int((degrees * perDegree).rounded()))
        let value = degrees == degrees.rounded() ? String(Int(degrees)) : String(degrees)
        let note = "(at the centre)"
        if style.unicode { return "├" + String(repeating: "─", count: n - 2) + "┤ \(value)° " + note }
        return "|" + String(repeating: "-", count: n - 2) + "| \(value) deg " + note
    }
}

/// The great-circle point a fraction `t` of the way from `a` to `b`.
func slerp(_ a: SkyPoint, _ b: SkyPoint, _ t: Double) -> SkyPoint {
    let u = a.vector, v = b.vector
    return SkyPoint(vector: u + (v - u) * t)
}

/// Terminal columns a string takes: 2 for East Asian wide characters (CJK ideographs, kana, Hangul, full-width
/// forms), 0 for combining marks, 1 otherwise (UAX #11, the wide ranges only).
public func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, s in
        let v = s.value
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) { return total }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return total + (wide ? 2 : 1)
    }
}

/// Plain ASCII for `--ascii`: arrows and degree signs spelled out, accents dropped, Greek letters named, other
/// letters left out.
public func asciiFolded(_ text: String) -> String {
    let greek: [Character: String] = ["α": "alf", "β": "bet", "γ": "gam", "δ": "del", "ε": "eps", "ζ": "zet",
                                      "η": "eta", "θ": "tet", "ι": "iot", "κ": "kap", "λ": "lam", "μ": "mu",
                                      "ν": "nu", "ξ": "ksi", "ο": "omi", "π": "pi", "ρ": "rho", "σ": "sig",
                                      "τ": "tau", "υ": "ups", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "ome"]
    let symbols: [Character: String] = ["←": "<-", "→": "->", "°": " deg", "–": "-", "—": "-", "·": ".", "′": "'",
                                        "″": "\"", "×": "x", "≤": "<=", "≥": ">="]
    var out = ""
    for ch in text {
        if ch.isASCII { out.append(ch); continue }
        if let s = symbols[ch] { out += s; continue }
        if let g = greek[ch] { out += g; continue }
        let folded = String(ch).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        out += folded.unicodeScalars.filter(\.isASCII).map(String.init).joined()
    }
    // Tidy the gaps left where letters were dropped.
    for (gap, fill) in [(" ,", ","), (" )", ")"), ("( ", "("), ("()", ""), ("  ", " ")] {
        while out.contains(gap) { out = out.replacingOccurrences(of: gap, with: fill) }
    }
    return out.trimmingCharacters(in: .whitespaces)
}
