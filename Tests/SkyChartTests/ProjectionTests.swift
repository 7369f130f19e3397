import Foundation
import Testing
import SkyTime
@testable import SkyChart

/// The projections against closed forms (Snyder 1987, *Map Projections — A Working Manual*, eq. 21-4, 22-4) and
/// the orientation of each frame against the conventions of the sky as seen from inside the sphere.
struct ProjectionTests {
    /// Along the central meridian a point at angular distance c lies at y = 2 tan(c/2) (stereographic) and
    /// y = tan c (gnomonic).
    @Test(arguments: [ProjectionKind.stereographic, .gnomonic])
    func distanceFromTheCentreMatchesSnyder(kind: ProjectionKind) throws {
        let projection = Projection(kind: kind, frame: .horizontal, centre: SkyPoint(longitude: .degrees(100), latitude: .degrees(30)))
        for c in [1.0, 10, 30, 60] {
            let p = try #require(projection.project(SkyPoint(longitude: .degrees(100), latitude: .degrees(30 + c))))
            let expected = kind == .stereographic ? 2 * tan(c * .pi / 360) : tan(c * .pi / 180)
            #expect(abs(p.x) < 1e-12)
            #expect(abs(p.y - expected) < 1e-12, "\(kind) at \(c)°: \(p.y) against \(expected)")
        }
    }

    @Test(arguments: [ProjectionKind.stereographic, .gnomonic, .cylindrical])
    func unprojectInvertsProject(kind: ProjectionKind) throws {
        for frame in ChartFrame.allCases {
            let projection = Projection(kind: kind, frame: frame, centre: SkyPoint(longitude: .degrees(266), latitude: .degrees(31)))
            for (dl, lat) in [(-40.0, 10.0), (5, 35), (30, 60), (0, -20), (70, 31)] {
                let p = SkyPoint(longitude: .degrees(266 + dl), latitude: .degrees(lat))
                let xy = try #require(projection.project(p))
                let back = projection.unproject(xy)
                #expect(back.separation(from: p).arcseconds < 1e-6, "\(kind) \(frame) (\(dl), \(lat))")
            }
        }
    }

    /// Facing south with the zenith up, west (azimuth 270°) is on the right; on a north-up equatorial chart east
    /// (larger right ascension) is on the left.
    @Test func framesAreTurnedAsTheSkyIsSeen() throws {
        let south = Projection(kind: .stereographic, frame: .horizontal, centre: SkyPoint(longitude: .degrees(180), latitude: .degrees(30)))
        #expect(try #require(south.project(SkyPoint(longitude: .degrees(200), latitude: .degrees(30)))).x > 0)
        #expect(try #require(south.project(SkyPoint(longitude: .degrees(180), latitude: .degrees(40)))).y > 0)
        let equatorial = Projection(kind: .gnomonic, frame: .equatorial, centre: SkyPoint(longitude: .degrees(50), latitude: .degrees(20)))
        #expect(try #require(equatorial.project(SkyPoint(longitude: .degrees(52), latitude: .degrees(20)))).x < 0)
        #expect(try #require(equatorial.project(SkyPoint(longitude: .degrees(50), latitude: .degrees(22)))).y > 0)
    }

    @Test func gnomonicRefusesTheFarHemisphere() {
        let p = Projection(kind: .gnomonic, frame: .equatorial, centre: SkyPoint(longitude: .degrees(0), latitude: .degrees(0)))
        #expect(p.project(SkyPoint(longitude: .degrees(120), latitude: .degrees(0))) == nil)
    }
}

/// The legend's left and right for views facing each quarter. Facing north, east is on the right (azimuth is
/// counted from north through east, clockwise seen from above); so facing east, south is on the right, and so on.
struct LegendDirectionTests {
    static let quarters: [(facing: Double, left: String, right: String)] = [
        (0, "W", "E"), (90, "N", "S"), (180, "E", "W"), (270, "S", "N"),
    ]

    @Test(arguments: quarters)
    func fieldLegendNamesTheSidesOfTheView(quarter: (facing: Double, left: String, right: String)) throws {
        let projection = Projection(kind: .stereographic, frame: .horizontal,
                                    centre: SkyPoint(longitude: .degrees(quarter.facing), latitude: .degrees(20)))
        let marks = [
            ChartMark(point: SkyPoint(longitude: .degrees(quarter.facing - 50), latitude: .degrees(15)), magnitude: 1, label: "L", role: .object),
            ChartMark(point: SkyPoint(longitude: .degrees(quarter.facing + 50), latitude: .degrees(15)), magnitude: 1, label: "R", role: .object),
        ]
        let bounds = Chart.fieldBounds(projection, holding: marks.map(\.point), minimumWidth: .degrees(60))
        let chart = Chart(projection: projection, bounds: bounds, layout: .field, marks: marks)
        let legend = chart.directionLegend
        #expect(legend.hasPrefix("\(quarter.left) ←"), "\(legend)")
        #expect(legend.hasSuffix("→ \(quarter.right)"), "\(legend)")
        // The marks a quarter to the left and right of the facing direction are drawn on those sides.
        let text = try TerminalRenderer(style: TerminalStyle(columns: 60, unicode: false)).render(chart)
        let l = try #require(text.marks.first { $0.label == "L" }), r = try #require(text.marks.first { $0.label == "R" })
        #expect(l.column < text.columns / 2 && r.column > text.columns / 2)
    }

    /// A whole-sky disk facing a direction has it at the bottom, the opposite point at the top, and the cardinal
    /// letters drawn on the rim where those directions are.
    @Test(arguments: quarters)
    func diskHasTheCardinalPointsOnItsRim(quarter: (facing: Double, left: String, right: String)) throws {
        let projection = Projection(kind: .stereographic, frame: .horizontal,
                                    centre: SkyPoint(longitude: .degrees(quarter.facing), latitude: .degrees(90)))
        let horizon = ChartPath(stride(from: 0.0, through: 360, by: 5).map { SkyPoint(longitude: .degrees($0), latitude: .degrees(0)) },
                                role: .horizon)
        let chart = Chart(projection: projection, bounds: PlaneRect(minX: -2.04, maxX: 2.04, minY: -2.04, maxY: 2.04),
                          layout: .disk(half: false), paths: [horizon])
        let text = try TerminalRenderer(style: TerminalStyle(columns: 41, unicode: false)).render(chart)
        let rows = text.text.split(separator: "\n").map { Array($0) }.dropFirst().prefix(text.rows).map { Array($0.dropFirst().prefix(text.columns)) }
        func find(_ letter: Character) -> (row: Int, column: Int)? {
            for (r, row) in rows.enumerated() { if let c = row.firstIndex(of: letter) { return (r, c) } }
            return nil
        }
        let names = ["N", "E", "S", "W"]
        let facingName = names[Int(quarter.facing / 90)]
        let opposite = names[(Int(quarter.facing / 90) + 2) % 4]
        let bottom = try #require(find(Character(facingName))), top = try #require(find(Character(opposite)))
        let left = try #require(find(Character(quarter.left))), right = try #require(find(Character(quarter.right)))
        #expect(bottom.row > text.rows - 3 && top.row < 2, "\(facingName) at the bottom, \(opposite) at the top")
        #expect(left.column < 3 && right.column > text.columns - 4, "\(quarter.left) left, \(quarter.right) right")
        #expect(chart.directionLegend.contains("\(quarter.left) left, \(quarter.right) right"))
    }
}
