import SkyTime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point to draw: a direction in a spherical frame (longitude-like, latitude-like), a magnitude, a label.
public struct ChartPoint: Sendable, Hashable {
    /// A catalogue star, an object of interest (labelled), or a point of the horizon line.
    public enum Kind: Sendable, Hashable { case star, highlighted, horizon }
    /// Longitude-like coordinate (azimuth or right ascension).
    public var longitude: Angle
    /// Latitude-like coordinate (altitude or declination).
    public var latitude: Angle
    /// Visual magnitude (brighter stars get heavier glyphs).
    public var magnitude: Double
    /// A label printed beside highlighted points.
    public var label: String?
    /// How the point is drawn.
    public var kind: Kind

    /// Creates a point; `magnitude` only matters for stars.
    public init(longitude: Angle, latitude: Angle, magnitude: Double = 99, label: String? = nil, kind: Kind = .star) {
        self.longitude = longitude
        self.latitude = latitude
        self.magnitude = magnitude
        self.label = label
        self.kind = kind
    }
}

/// A field chart drawn as plain text: stereographic projection about a centre, east to the left when the frame is
/// equatorial, azimuth increasing to the right when it is the horizon (as one faces the sky).
///
/// The glyphs: `@` brighter than magnitude 1, `*` to 3, `+` to 4.5, `.` fainter; highlighted objects are drawn as
/// their label's first letter in capitals with the full label beside them, so that nothing depends on colour.
public struct TextChart: Sendable {
    /// Horizon (azimuth/altitude) or equatorial (RA/Dec) frame.
    public enum Orientation: Sendable { case horizon, equatorial }
    /// Centre of the field.
    public var centre: (longitude: Angle, latitude: Angle)
    /// Full width of the field.
    public var fieldWidth: Angle
    /// Width and height in characters.
    public var columns: Int
    public var rows: Int
    /// The frame of the coordinates.
    public var orientation: Orientation

    /// A chart of `fieldWidth` about a centre, `columns` × `rows` characters.
    public init(centreLongitude: Angle, centreLatitude: Angle, fieldWidth: Angle, columns: Int = 72, rows: Int = 24,
                orientation: Orientation) {
        self.centre = (centreLongitude, centreLatitude)
        self.fieldWidth = fieldWidth
        self.columns = max(columns, 20)
        self.rows = max(rows, 8)
        self.orientation = orientation
    }

    /// Stereographic coordinates (radians, x to the right, y up) of a direction, nil behind the centre.
    func project(_ lon: Angle, _ lat: Angle) -> (x: Double, y: Double)? {
        let dl = lon.radians - centre.longitude.radians
        let cosc = sin(centre.latitude.radians) * sin(lat.radians)
            + cos(centre.latitude.radians) * cos(lat.radians) * cos(dl)
        guard cosc > -0.9 else { return nil }
        let k = 2 / (1 + cosc)
        var x = k * cos(lat.radians) * sin(dl)
        let y = k * (cos(centre.latitude.radians) * sin(lat.radians) - sin(centre.latitude.radians) * cos(lat.radians) * cos(dl))
        if orientation == .equatorial { x = -x }
        return (x, y)
    }

    /// Renders the points, with a frame and a scale line. Character cells are taken as twice as tall as wide.
    public func render(_ points: [ChartPoint], title: String? = nil) -> String {
        var grid = Array(repeating: Array(repeating: Character(" "), count: columns), count: rows)
        let halfWidth = 2 * tan(fieldWidth.radians / 4)
        let perColumn = 2 * halfWidth / Double(columns)
        let perRow = perColumn * 2
        func cell(_ p: ChartPoint) -> (Int, Int)? {
            guard let xy = project(p.longitude, p.latitude) else { return nil }
            let c = Int((xy.x + halfWidth) / perColumn)
            let r = Int((Double(rows) / 2 - xy.y / perRow).rounded(.down))
            guard c >= 0, c < columns, r >= 0, r < rows else { return nil }
            return (r, c)
        }
        for p in points where p.kind == .horizon {
            if let (r, c) = cell(p) { grid[r][c] = "_" }
        }
        for p in points.filter({ $0.kind == .star }).sorted(by: { $0.magnitude > $1.magnitude }) {
            guard let (r, c) = cell(p) else { continue }
            grid[r][c] = p.magnitude < 1 ? "@" : p.magnitude < 3 ? "*" : p.magnitude < 4.5 ? "+" : "."
        }
        for p in points where p.kind == .highlighted {
            guard let (r, c) = cell(p) else { continue }
            let label = p.label ?? "?"
            grid[r][c] = Character(label.prefix(1).uppercased())
            var col = c + 2
            for ch in label where col < columns {
                if grid[r][col] == " " || col > c + 1 { grid[r][col] = ch }
                col += 1
            }
        }
        let border = "+" + String(repeating: "-", count: columns) + "+"
        var lines: [String] = []
        if let title { lines.append(title) }
        let left = orientation == .equatorial ? "E" : "W←"
        let right = orientation == .equatorial ? "W" : "→E"
        lines.append(border)
        lines += grid.map { "|" + String($0) + "|" }
        lines.append(border)
        let scale = String(format: "%.1f°", fieldWidth.degrees)
        lines.append("\(left)  field \(scale) wide, up = \(orientation == .horizon ? "zenith" : "north")  \(right)   "
                     + "@ <1 mag  * <3  + <4.5  . fainter")
        return lines.joined(separator: "\n")
    }
}
