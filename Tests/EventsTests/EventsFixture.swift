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

    /// Rows of a CSV fixture in Fixtures/ (written by scripts/events_pyswisseph.py; `#` lines are provenance).
    static func csv(_ name: String) throws -> [[String: String]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }
        guard let first = lines.first else { return [] }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}
