import Foundation
import SkyTime

/// A point to draw: a star, a member of a named group, a mansion's determinative star, or an object asked about.
public struct ChartMark: Sendable, Hashable {
    /// What the point is; objects are highlighted and always labelled, members and determinatives labelled.
    public enum Role: Int, Sendable, Hashable, Comparable {
        case star, member, determinative, object
        public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
    }
    /// Where the point is, in the chart's frame.
    public var point: SkyPoint
    /// Visual magnitude: brighter points get heavier glyphs and larger discs.
    public var magnitude: Double
    /// The label, in the language asked (太白, 昴宿一, Alcyone).
    public var label: String?
    /// The label in plain ASCII for `--ascii` output; nil to fall back to dropping the label's non-ASCII letters.
    public var asciiLabel: String?
    /// What the point is.
    public var role: Role

    public init(point: SkyPoint, magnitude: Double, label: String? = nil, asciiLabel: String? = nil, role: Role = .star) {
        self.point = point
        self.magnitude = magnitude
        self.label = label
        self.asciiLabel = asciiLabel
        self.role = role
    }
}

/// A line to draw through several directions (drawn as great-circle chords between consecutive points).
public struct ChartPath: Sendable, Hashable {
    /// An asterism or constellation figure, a mansion boundary (the determinative's hour circle), the horizon.
    public enum Role: Sendable, Hashable { case figure, boundary, horizon }
    /// The vertices, in the chart's frame.
    public var points: [SkyPoint]
    /// What the line is (its style).
    public var role: Role

    public init(_ points: [SkyPoint], role: Role) {
        self.points = points
        self.role = role
    }
}

/// A text placed on the sky without a point (a mansion's name across its width).
public struct ChartAnnotation: Sendable, Hashable {
    /// Where the text is centred.
    public var point: SkyPoint
    /// The text, and its plain-ASCII form for `--ascii` (nil: the text with non-ASCII letters dropped).
    public var text: String
    public var asciiText: String?

    public init(point: SkyPoint, text: String, asciiText: String? = nil) {
        self.point = point
        self.text = text
        self.asciiText = asciiText
    }
}

/// A rectangle of the projection plane.
public struct PlaneRect: Sendable, Hashable {
    /// Limits in plane units (radians at the centre of the projection).
    public var minX: Double, maxX: Double, minY: Double, maxY: Double
    public init(minX: Double, maxX: Double, minY: Double, maxY: Double) {
        (self.minX, self.maxX, self.minY, self.maxY) = (minX, maxX, minY, maxY)
    }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    func contains(_ p: SIMD2<Double>) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
}

/// Everything a renderer needs: the projection, the part of its plane shown, and what to draw. `SkyChart` draws
/// only what it is given; the facade (`SkyRecon`) chooses the stars, figures and labels from the catalogue.
public struct Chart: Sendable {
    /// The shape of the view, for the legend.
    public enum Layout: Sendable, Hashable {
        /// A field around the objects.
        case field
        /// The whole sky above the horizon as a disk (zenith at the centre), or its half towards the facing direction.
        case disk(half: Bool)
        /// A strip along the equator or the ecliptic.
        case strip
    }
    /// How the sphere is laid on the plane.
    public var projection: Projection
    /// The part of the plane shown.
    public var bounds: PlaneRect
    /// Field, disk or strip (for the legend).
    public var layout: Layout
    /// Points, lines and texts to draw.
    public var marks: [ChartMark]
    public var paths: [ChartPath]
    public var annotations: [ChartAnnotation]
    /// The title line (moment, site, what is drawn).
    public var title: String
    /// Lines printed under the chart (sources of the figures, the convention of the mansions).
    public var notes: [String]
    /// In a horizontal frame, hide stars below this altitude (the ground); nil shows everything.
    public var horizonAltitude: Angle?

    public init(projection: Projection, bounds: PlaneRect, layout: Layout, marks: [ChartMark] = [],
                paths: [ChartPath] = [], annotations: [ChartAnnotation] = [], title: String = "", notes: [String] = [],
                horizonAltitude: Angle? = nil) {
        self.projection = projection
        self.bounds = bounds
        self.layout = layout
        self.marks = marks
        self.paths = paths
        self.annotations = annotations
        self.title = title
        self.notes = notes
        self.horizonAltitude = horizonAltitude
    }

    /// A field about `centre` that holds every point of `required` with a margin, at least `minimumWidth` wide,
    /// and about `aspect` times as wide as tall.
    public static func fieldBounds(_ projection: Projection, holding required: [SkyPoint], minimumWidth: Angle,
                                   margin: Double = 1.3, aspect: Double = 1.6) -> PlaneRect {
        let half = minimumWidth.radians / 2
        var hx = projection.kind == .stereographic ? 2 * tan(half / 2) : projection.kind == .gnomonic ? tan(half) : half
        var hy = 0.0
        for p in required {
            guard let xy = projection.project(p) else { continue }
            hx = max(hx, abs(xy.x) * margin)
            hy = max(hy, abs(xy.y) * margin)
        }
        hx = max(hx, hy * aspect)
        hy = max(hy, hx / aspect)
        return PlaneRect(minX: -hx, maxX: hx, minY: -hy, maxY: hy)
    }

    /// The azimuths the view faces and that lie to its left and right (horizontal frame); nil for the other frames
    /// (north is up, east left).
    public var horizontalDirections: (left: Angle, facing: Angle, right: Angle)? {
        guard projection.frame == .horizontal else { return nil }
        // Facing a direction with the zenith up, the left hand points 90° anticlockwise (seen from above) of it.
        let facing = projection.centre.longitude.normalized
        return ((facing - .degrees(90)).normalized, facing, (facing + .degrees(90)).normalized)
    }

    /// The legend line of directions: `S ←  facing W (az 266°), up = zenith  → N`.
    public var directionLegend: String {
        if let d = horizontalDirections {
            if case .disk(let half) = layout {
                return "zenith at the \(half ? "top" : "centre"), horizon at the rim; facing \(Compass.point(d.facing)) at the bottom: "
                    + "\(Compass.point(d.left)) left, \(Compass.point(d.right)) right"
            }
            return "\(Compass.point(d.left)) ←  facing \(Compass.point(d.facing)) (az \(Int(d.facing.normalized.degrees.rounded()))°), "
                + "up = zenith  → \(Compass.point(d.right))"
        }
        let up = projection.frame == .ecliptic ? "ecliptic north" : "north"
        return "E ←  up = \(up)  → W"
    }

    /// The marks to draw: all but the stars below the horizon of a horizontal chart (objects are drawn wherever
    /// they are, so that one just set is still found).
    public var visibleMarks: [ChartMark] {
        marks.filter { m in
            guard m.role != .object, let horizonAltitude, projection.frame == .horizontal else { return true }
            return m.point.latitude >= horizonAltitude
        }
    }

    /// Whether a point of a line lies below the horizon of a horizontal chart (the ground hides it).
    func hides(_ p: SkyPoint, role: ChartPath.Role) -> Bool {
        guard role != .horizon, projection.frame == .horizontal, let horizonAltitude else { return false }
        return p.latitude < horizonAltitude
    }

    /// The angle a plane unit spans near the centre, for the scale bar.
    public var radiansPerPlaneUnit: Double { 1 / projection.unitsPerRadianAtCentre }
}

/// Errors of chart drawing and export.
public enum ChartError: Error, LocalizedError, Sendable, Equatable {
    case widthTooSmall(Int, minimum: Int)
    case widthTooLarge(Int, maximum: Int)
    case imageSizeOutOfRange(Int, minimum: Int, maximum: Int)
    case nothingAboveHorizon(String)
    case unwritable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .widthTooSmall(let w, let minimum):
            "a chart \(w) columns wide is too narrow to read: give --width \(minimum) or more (or leave --width out to use the terminal's width)"
        case .widthTooLarge(let w, let maximum):
            "a chart \(w) columns wide is more than a terminal shows: give --width \(maximum) or less"
        case .imageSizeOutOfRange(let n, let minimum, let maximum):
            "an image \(n) pixels wide cannot be drawn: give --pixels from \(minimum) to \(maximum)"
        case .nothingAboveHorizon(let what):
            "\(what) is below the horizon at that moment: give a time when it is up, or use --frame equatorial (or --view strip) to chart it anyway"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason); give a path in a folder you can write to"
        }
    }
}
