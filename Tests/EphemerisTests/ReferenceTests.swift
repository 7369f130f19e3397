import Foundation
import TestSupport
import Testing
@testable import Ephemeris

/// The reference CSV (../shared/reference/ephemeris-dev.csv, DE422 + ERFA) over every row of 1900–2050,
/// computed here from DE421 (skyfield-data 7.0.0).
///
/// DE421 differs from DE422 by up to ~0.26″ for Neptune and ~0.07″ for Uranus in 1900–2050 (their
/// orbits were refitted), and by ≤ 5 mas for the other bodies; those two are held to 0.1″ and 0.3″ here, with
/// the reason, and to the issue's tolerance when the lead runs the same helper on the DE422 ephemeris.
@Suite("Reference places (ephemeris-dev.csv)")
struct ReferenceTests {
    @Test(.enabled(if: TestData.hasReferenceAndDE421,
                   "needs ../shared/reference and SKYRECON_TEST_DE421=/path/to/de421.bsp (pip install skyfield-data==7.0.0)"))
    func de421MatchesReferenceOverEveryRow() throws {
        let spk = try SPKEphemeris(path: try References.requireDE421().path)
        var tolerances = ReferenceTolerances()
        let reason = "DE421 outer-planet orbits differ from DE422 in 1900–2050"
        tolerances.overrides = ["uranus": (0.1, reason), "neptune": (0.3, reason)]
        let report = try compareWithReference(ephemeris: spk, tolerances: tolerances) { jd in
            jd >= 2_415_020.5 && jd <= 2_469_807.5  // 1900-01-01 … 2050-01-01
        }
        print(report)
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect((report.worst["apparent RA/Dec star"]?.count ?? 0) > 0)
        #expect((report.worst["azimuth/altitude sun+planets"]?.count ?? 0) > 0)
    }

    /// The same comparison over every row (−1500…+2100) when a DE422 SPK is available, e.g. NAIF's
    /// de422.bsp, named by SKYRECON_TEST_DE422: the issue's tolerances for every body, no exceptions.
    @Test(.enabled(if: TestData.hasReference && ProcessInfo.processInfo.environment["SKYRECON_TEST_DE422"] != nil,
                   "set SKYRECON_TEST_DE422=/path/to/de422.bsp to compare every row"))
    func de422MatchesReferenceOverEveryRow() throws {
        let spk = try SPKEphemeris(path: ProcessInfo.processInfo.environment["SKYRECON_TEST_DE422"] ?? "")
        let report = try compareWithReference(ephemeris: spk) { spk.coverage.contains($0) }
        print(report)
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect((report.worst["apparent RA/Dec sun+planets"]?.count ?? 0) > 1000)
    }
}
