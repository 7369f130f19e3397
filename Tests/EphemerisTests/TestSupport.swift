import Foundation
import TestSupport

/// Locations of test inputs through the tests' one locator (`References`, Tests/Support): the shared reference
/// folder and the de421.bsp named by SKYRECON_TEST_DE421.
enum TestData {
    /// The repository root.
    static var repositoryRoot: URL { References.repositoryRoot }

    /// ../shared/reference, or nil when absent.
    static var referenceFolder: URL? { References.shared("reference/ephemeris-dev.csv")?.deletingLastPathComponent() }

    /// Path of de421.bsp from the PyPI package skyfield-data 7.0.0, given by SKYRECON_TEST_DE421.
    static var de421Path: String? { References.de421?.path }

    /// True when present, or when references are required (the test then fails saying why).
    static var hasReference: Bool { References.runs(needing: "reference/ephemeris-dev.csv") }
    static var hasDE421: Bool { References.runsNeedingDE421 }
    static var hasReferenceAndDE421: Bool { hasReference && hasDE421 }
}
