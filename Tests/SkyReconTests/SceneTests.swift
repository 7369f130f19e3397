import Foundation
import Testing
@testable import SkyRecon

/// The main job, `skyrecon --date 0757-03-14 --objects venus,pleiades`, against the figures the project brief
/// quotes for it (geocentric closest approach 1.26° from Alcyone at about 12:52 TT on 757-03-14 Julian; Venus about
/// 1 度 into 昴), and against a second method for the twilight (the Sun's altitude recomputed at the found time).
struct SceneTests {
    @Test func venusAndThePleiadesIn757() throws {
        let view = try SkyRecon.view()
        let changan = try Gazetteer.standard().site(named: "changan")
        let report = try view.scene(try Moment(parsing: "0757-03-14"), objects: ["venus", "pleiades"], site: changan)
        let approach = try #require(report.snapshots.first { $0.title.hasPrefix("Geocentric closest approach") })
        let date = approach.instant.calendarDate(policy: .historians, scale: .tt)
        #expect(date.year == 757 && date.month == 3 && date.day == 14 && date.calendar == .julian)
        let minutes = date.secondsOfDay / 60
        #expect(abs(minutes - (12 * 60 + 52)) < 15, "closest approach at \(date.iso(withTime: true)) TT")
        let separation = try #require(approach.separations.first)
        #expect(abs(separation.angle.degrees - 1.26) < 0.01, "separation \(separation.angle.degrees)°")
        #expect(separation.toStar == "Alcyone")
        let venus = try #require(approach.entries.first)
        let mansion = try #require(venus.mansion)
        #expect(mansion.mansion.name == "昴")
        #expect(mansion.du > 0.3 && mansion.du < 1.7, "Venus \(mansion.du) 度 into 昴")
        #expect(report.models["ephemeris"]?.contains("DE422") == true)
        #expect(report.models["deltaT"] != nil)

        // Main job, issue 8: Venus's evening window around the date, and the evenings within 2° of the Pleiades.
        let window = try #require(report.events.first { $0.hasPrefix("Venus visibility window: evening first 0756-") })
        #expect(window.contains("evening last 0757-"), "\(window)")
        let nights = try #require(report.events.first { $0.hasPrefix("evenings on which Venus stood within 2°") })
        #expect(nights.contains("0757-03-14"), "\(nights)")

        let dusk = try #require(report.snapshots.first { $0.title.hasPrefix("End of civil twilight") })
        let sun = try view.observe(.body(.sun), at: dusk.instant, site: changan)[0]
        #expect(abs((sun.topocentric?.altitude.degrees ?? 0) + 6) < 0.01)
        #expect((dusk.entries[0].observation.topocentric?.altitude.degrees ?? -90) > 10, "Venus is up in the evening sky")
    }

    @Test func unknownObjectIsAClearError() throws {
        let view = try SkyRecon.view()
        let changan = try Gazetteer.standard().site(named: "changan")
        #expect(throws: (any Error).self) {
            try view.scene(try Moment(parsing: "0757-03-14"), objects: ["venus", "plieades"], site: changan)
        }
        #expect(throws: SceneError.noObjects) { try view.scene(try Moment(parsing: "0757-03-14"), objects: [], site: changan) }
    }

    @Test func dateOutsideTheEphemerisIsAClearError() throws {
        let view = try SkyRecon.view()
        let changan = try Gazetteer.standard().site(named: "changan")
        do {
            _ = try view.scene(try Moment(parsing: "4000-01-01"), objects: ["venus", "moon"], site: changan)
            Issue.record("a date after 3000 must be refused")
        } catch {
            let message = (error as? any LocalizedError)?.errorDescription ?? ""
            #expect(message.contains("outside"), "\(message)")
        }
    }
}
