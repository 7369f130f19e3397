import Ephemeris
import Foundation
import Sky
import SkyTime
import Events

/// The standard models and catalogue, built once for every test.
enum EventsFixture {
    static let shared: Result<SkyView, any Error> = Result {
        SkyView(models: SkyModels(ephemeris: try CompactEphemeris.shared(), deltaT: try DeltaTModels.standard()),
                catalog: try SkyCatalog.standard())
    }

    static func view() throws -> SkyView { try shared.get() }

    static func object(_ name: String) throws -> SkyObject { try view().resolve(name).object }

    static func star(_ name: String) throws -> Star {
        guard case .star(let s) = try object(name) else { throw EventError.needsBody(name, role: "a star") }
        return s
    }

    static func changan() throws -> Site { try Gazetteer.standard().site(named: "changan") }
}
