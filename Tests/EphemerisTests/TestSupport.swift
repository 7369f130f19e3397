import Foundation

/// Locations of test inputs: the shared reference folder (../shared from the repository root) and the
/// optional de421.bsp named by SKYRECON_TEST_DE421.
enum TestData {
    /// The repository root, found from this file's path (Tests/EphemerisTests/TestSupport.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// ../shared/reference, or nil when absent. A git worktree one level deeper (…/wt/NAME) finds it
    /// at ../../shared; SKYRECON_SHARED overrides both.
    static let referenceFolder: URL? = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["SKYRECON_SHARED"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        var folder = repositoryRoot
        for _ in 0..<2 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("shared"))
        }
        return candidates.map { $0.appendingPathComponent("reference") }.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("ephemeris-dev.csv").path)
        }
    }()

    /// Path of de421.bsp from the PyPI package skyfield-data 7.0.0, given by SKYRECON_TEST_DE421.
    ///
    /// `pip install skyfield-data==7.0.0` then
    /// `export SKYRECON_TEST_DE421=$(python -c "import skyfield_data, os; print(os.path.join(os.path.dirname(skyfield_data.__file__), 'data', 'de421.bsp'))")`
    static let de421Path: String? = {
        guard let path = ProcessInfo.processInfo.environment["SKYRECON_TEST_DE421"],
              FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }()

    static var hasReference: Bool { referenceFolder != nil }
    static var hasDE421: Bool { de421Path != nil }
    static var hasReferenceAndDE421: Bool { hasReference && hasDE421 }
}
