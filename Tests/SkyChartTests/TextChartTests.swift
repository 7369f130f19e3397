import Foundation
import Testing
import SkyTime
@testable import SkyChart

struct TextChartTests {
    /// Second method: the stereographic projection's known values (Snyder 1987, Map Projections, eq. 21-4/21-5):
    /// a point at angular distance c from the centre along the meridian lies at y = 2 tan(c/2).
    @Test func stereographicProjectionMatchesSnyder() throws {
        let chart = TextChart(centreLongitude: .degrees(100), centreLatitude: .degrees(30), fieldWidth: .degrees(20),
                              orientation: .horizon)
        let p = try #require(chart.project(.degrees(100), .degrees(40)))
        #expect(abs(p.x) < 1e-12)
        #expect(abs(p.y - 2 * tan(Angle.degrees(10).radians / 2)) < 1e-12)
        let east = try #require(chart.project(.degrees(101), .degrees(30)))
        #expect(east.x > 0)
    }

    @Test func highlightedObjectIsDrawnWithItsLabel() {
        let chart = TextChart(centreLongitude: .degrees(0), centreLatitude: .degrees(0), fieldWidth: .degrees(10),
                              columns: 40, rows: 10, orientation: .equatorial)
        let text = chart.render([ChartPoint(longitude: .degrees(0), latitude: .degrees(0), magnitude: -4,
                                            label: "Venus", kind: .highlighted)])
        #expect(text.contains("V Venus"))
        #expect(!chart.render([]).contains("V Venus"))
    }
}
