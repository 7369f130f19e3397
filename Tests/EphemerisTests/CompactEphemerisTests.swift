import FITS
import Foundation
import SkyTime
import TestSupport
import Testing
@testable import Ephemeris

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// ../shared seen from the repository root (or from the folder above it, for a git worktree in a subfolder).
private let referenceCSV = References.shared("reference/ephemeris-dev.csv")
    ?? repositoryRoot.appendingPathComponent("../shared/reference/ephemeris-dev.csv")
private let compactFile = repositoryRoot.appendingPathComponent("Catalogs/\(CompactEphemeris.fileName)")
private let haveReference = References.runs(needing: "reference/ephemeris-dev.csv")
private let haveCompactFile = FileManager.default.fileExists(atPath: compactFile.path)

/// Speed of light (km/day), IAU 2009 / DE422 CLIGHT.
private let lightKmPerDay = 299_792.458 * 86_400.0

/// One geocentric row of ../shared/reference/ephemeris-dev.csv.
struct GeocentricReference: Sendable, CustomTestStringConvertible {
    let epoch: Int
    let body: Body
    let jdTT: Double
    let raDegrees: Double
    let decDegrees: Double
    let distanceAU: Double
    var testDescription: String { "\(body.rawValue) epoch \(epoch) JD(TT) \(jdTT)" }
}

private func loadGeocentricReferences() -> [GeocentricReference] {
    guard let table = try? References.table(referenceCSV) else { return [] }
    var rows: [GeocentricReference] = []
    for record in table.records {
        func value(_ name: String) -> String? {
            table.column(name).flatMap { $0 < record.count ? record.fields[$0] : nil }
        }
        guard value("site") == "", let body = value("body").flatMap(Body.init(rawValue:)),
              let epoch = value("epoch_id").flatMap(Int.init),
              let jd = value("jd_tt").flatMap(Double.init), let ra = value("ra_astr_deg").flatMap(Double.init),
              let dec = value("dec_astr_deg").flatMap(Double.init),
              let distance = value("dist_au").flatMap(Double.init)
        else { continue }
        rows.append(GeocentricReference(epoch: epoch, body: body, jdTT: jd, raDegrees: ra, decDegrees: dec,
                                        distanceAU: distance))
    }
    return rows
}

/// Astrometric geocentric vector (km): the body at t − τ seen from the geocentre at t, τ the light time
/// (iterated to convergence), no deflection, no aberration — the definition of the reference column.
private func astrometricVector(_ ephemeris: CompactEphemeris, _ body: Body, tdb: (whole: Double, fraction: Double))
    throws -> SIMD3<Double>
{
    let earth = try ephemeris.state(of: .earth, tdb: tdb).position
    var tau = 0.0
    var vector = SIMD3<Double>()
    for _ in 0..<5 {
        vector = try ephemeris.state(of: body, tdb: (tdb.whole, tdb.fraction - tau)).position - earth
        tau = (vector * vector).sum().squareRoot() / lightKmPerDay
    }
    return vector
}

private func unitVector(raDegrees: Double, decDegrees: Double) -> SIMD3<Double> {
    let ra = raDegrees * .pi / 180, dec = decDegrees * .pi / 180
    return SIMD3(cos(dec) * cos(ra), cos(dec) * sin(ra), sin(dec))
}

private func separation(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Angle {
    let cross = SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    return .radians(atan2((cross * cross).sum().squareRoot(), (a * b).sum()))
}

@Suite struct CompactEphemerisTests {
    /// Every geocentric solar-system row of ../shared/reference/ephemeris-dev.csv (JPL DE422 evaluated
    /// with jplephem/ERFA by the project's oracle): astrometric RA/Dec within 0.05″ (Sun, planets) and
    /// 0.1″ (Moon), the issue's budget; distance within that angle times the distance plus the
    /// file's rounding (1e-10 au).
    @Test(.enabled(if: haveReference && haveCompactFile, "needs ../shared/reference/ephemeris-dev.csv and Catalogs/\(CompactEphemeris.fileName)"))
    func reproducesDE422AstrometricPlaces() throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        let references = loadGeocentricReferences()
        #expect(references.count >= 1_980, "expected 220 epochs × 9 bodies in ephemeris-dev.csv")
        var worst: [Body: Double] = [:]
        for reference in references {
            let tolerance = reference.body == .moon ? 0.1 : 0.05
            let vector = try astrometricVector(ephemeris, reference.body, tdb: Instant(jdTT: reference.jdTT).tdb)
            let distance = (vector * vector).sum().squareRoot()
            let error = separation(vector / distance,
                                   unitVector(raDegrees: reference.raDegrees, decDegrees: reference.decDegrees))
            worst[reference.body] = max(worst[reference.body] ?? 0, error.arcseconds)
            #expect(error.arcseconds <= tolerance, "\(reference.testDescription): \(error.arcseconds)″")
            let distanceAU = distance / 149_597_870.7  // the au of the reference file's header
            let distanceTolerance = reference.distanceAU * Angle.arcseconds(tolerance).radians + 1e-10
            #expect(abs(distanceAU - reference.distanceAU) <= distanceTolerance,
                    "\(reference.testDescription): distance \(distanceAU) au vs \(reference.distanceAU)")
        }
        print("largest astrometric differences from ephemeris-dev.csv (arcsec):",
              worst.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" })
    }

    /// The whole reference file (geocentric astrometric and apparent places, topocentric places, all
    /// 220 epochs, −1500…2100) through the standard `Reducer` on the compact ephemeris, at the issue's
    /// tolerances as `ReferenceTolerances` sets them (astrometric 0.05″/0.1″ Moon, apparent 0.1″/0.15″,
    /// horizon 1″). Shared helper: Tests/EphemerisTests/ReferenceCSV.swift.
    @Test(.enabled(if: haveReference && haveCompactFile, "needs ../shared/reference/ephemeris-dev.csv and Catalogs/\(CompactEphemeris.fileName)"))
    func fullReferenceThroughTheReducer() throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        let report = try compareWithReference(ephemeris: ephemeris) { _ in true }
        print(report)
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
        #expect((report.worst["apparent RA/Dec moon"]?.count ?? 0) >= 220)
    }

    /// The velocity is the derivative of the position: compare with a central difference (±0.01 d)
    /// at random epochs; the issue allows a relative error of about 1e-4.
    @Test(.enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"),
          arguments: [Body.sun, .moon, .mercury, .venus, .earth, .mars, .jupiter, .neptune])
    func velocityIsTheDerivativeOfPosition(body: Body) throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        // The difference must not straddle a record boundary, where positions may step by the fit error.
        let extnames = switch body {
        case .earth, .moon: ["EMB", "MOON"]
        case .earthMoonBarycenter: ["EMB"]
        default: [body.rawValue.uppercased()]
        }
        let file = try FITSFile.open(compactFile)
        let layouts = try extnames.map { name in
            try file.moveToHDU(named: name)
            return (start: try file.double("JDSTART"), days: try file.double("RECDAYS"))
        }
        try file.close()
        let h = 0.01
        func nearBoundary(_ jd: Double) -> Bool {
            layouts.contains { layout in
                let phase = (jd - layout.start) / layout.days
                return abs(phase - phase.rounded()) * layout.days < 2 * h
            }
        }
        var generator = SystemRandomNumberGenerator()
        var tested = 0
        while tested < 200 {
            let jd = Double.random(in: ephemeris.coverage.lowerBound + 1...ephemeris.coverage.upperBound - 1,
                                   using: &generator)
            if nearBoundary(jd) { continue }
            tested += 1
            let state = try ephemeris.state(of: body, tdb: (jd, 0))
            let ahead = try ephemeris.state(of: body, tdb: (jd, h)).position
            let behind = try ephemeris.state(of: body, tdb: (jd, -h)).position
            let difference = (ahead - behind) / (2 * h)
            let error = ((difference - state.velocity) * (difference - state.velocity)).sum().squareRoot()
            let speed = (state.velocity * state.velocity).sum().squareRoot()
            #expect(error <= 1e-4 * speed, "\(body) at JD \(jd): velocity error \(error) km/d of \(speed)")
        }
    }

    /// Records join: across every record boundary of each body the position jumps by no more than
    /// twice the largest position error the generator measured against DE422 (Catalogs/README.md: each
    /// side is off by at most that; Chebyshev–Lobatto nodes include both ends, so neighbours share their
    /// end values up to the quantisation), which search code over time relies on.
    @Test(.enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"),
          arguments: [("SUN", Body.sun, 0.21), ("MOON", .moon, 0.048), ("MERCURY", .mercury, 2.2),
                      ("VENUS", .venus, 0.76), ("EMB", .earthMoonBarycenter, 0.39), ("MARS", .mars, 1.12),
                      ("JUPITER", .jupiter, 6.4), ("NEPTUNE", .neptune, 34.2)])
    func recordsJoin(extname: String, body: Body, maximumErrorKm: Double) throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        let file = try FITSFile.open(compactFile)
        try file.moveToHDU(named: extname)
        let start = try file.double("JDSTART"), days = try file.double("RECDAYS")
        let records = try file.integer("NRECORDS")
        try file.close()
        var largest = 0.0
        for boundary in 1..<records {
            let whole = start + Double(boundary) * days
            let before = try ephemeris.state(of: body, tdb: (whole, -1e-9)).position
            let after = try ephemeris.state(of: body, tdb: (whole, 1e-9)).position
            let jump = ((after - before) * (after - before)).sum().squareRoot()
            largest = max(largest, jump)
        }
        #expect(largest <= 2 * maximumErrorKm, "\(extname): largest jump \(largest) km")
    }

    /// One loaded ephemeris serves many tasks at once and gives each the same answer as a serial loop.
    @Test(.enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"))
    func concurrentUseGivesSerialAnswers() async throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        let epochs = (0..<4_000).map { 625_700.0 + Double($0) * 547.3 }
        let serial = try epochs.map { try ephemeris.state(of: .moon, tdb: ($0, 0.25)).position }
        let parallel = try await withThrowingTaskGroup(of: (Int, [SIMD3<Double>]).self) { group in
            for part in 0..<8 {
                group.addTask {
                    let slice = stride(from: part, to: epochs.count, by: 8).map { epochs[$0] }
                    return (part, try slice.map { try ephemeris.state(of: .moon, tdb: ($0, 0.25)).position })
                }
            }
            var result = [SIMD3<Double>](repeating: .zero, count: epochs.count)
            for try await (part, positions) in group {
                for (i, position) in positions.enumerated() { result[part + 8 * i] = position }
            }
            return result
        }
        #expect(parallel == serial)
    }

    /// Earth and Moon come from the EMB and the geocentric Moon with DE422's EMRAT (81.3005694…).
    @Test(.enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"))
    func earthAndMoonSplitTheBarycentre() throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        #expect(abs(ephemeris.earthMoonMassRatio - 81.300_569_4) < 1e-6)
        #expect(abs(ephemeris.kilometresPerAU - 149_597_870.7) < 0.001)
        let tdb = (2_000_000.5, 0.25)
        let earth = try ephemeris.state(of: .earth, tdb: tdb)
        let moon = try ephemeris.state(of: .moon, tdb: tdb)
        let emb = try ephemeris.state(of: .earthMoonBarycenter, tdb: tdb)
        let geocentric = try ephemeris.geocentricMoon(tdb: tdb)
        let difference = moon.position - earth.position - geocentric.position
        #expect((difference * difference).sum().squareRoot() < 1e-6)
        let mu = ephemeris.earthMoonMassRatio
        let centre = (earth.position * mu + moon.position) / (mu + 1) - emb.position
        #expect((centre * centre).sum().squareRoot() < 1e-6)
    }

    /// Dates outside DE422 (JD 625648.5 = −3000-12-07 Julian … 2816816.5 = 3000-01-30 Gregorian; JPL's
    /// DE422 header: "−3001 DEC 07" in BCE-style years to "3000 JAN 30") throw `outOfRange` with a
    /// message naming the fix.
    @Test(.enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"),
          arguments: [600_000.5, 625_648.0, 2_816_817.0, 2_600_000.5 + 300_000, -1e300, .nan, .infinity])
    func outOfRangeThrows(jd: Double) throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        for body in Body.allCases {
            #expect(throws: EphemerisError.self) { try ephemeris.state(of: body, tdb: (jd, 0)) }
        }
        do {
            _ = try ephemeris.state(of: .venus, tdb: (jd, 0))
        } catch {
            let message = error.localizedDescription
            #expect(message.contains("outside") && message.contains("--ephemeris"), "\(message)")
            #expect(message.contains("-3000-12-07 Julian") && message.contains("3000-01-30 Gregorian"),
                    "\(message)")
        }
    }

    /// The first and last instants of the span are inside.
    @Test(.enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"))
    func coverageEndsAreInside() throws {
        let ephemeris = try CompactEphemeris(url: compactFile)
        #expect(ephemeris.coverage == 625_648.5...2_816_816.5)
        for body in Body.allCases {
            _ = try ephemeris.state(of: body, tdb: (ephemeris.coverage.lowerBound, 0))
            _ = try ephemeris.state(of: body, tdb: (ephemeris.coverage.upperBound, 0))
        }
    }

    /// Dates in error messages. Meeus, Astronomical Algorithms (1998), example 7.c: JD 2436116.31 =
    /// 1957-10-04 Gregorian; JD 1842713.0 = 333-01-27 Julian; JD 0 = −4712-01-01; ephemeris-dev.csv
    /// epoch 0: JD(UT) 1176500.123634 = −1491-01-30 Julian.
    @Test(arguments: [
        (2_436_116.31, "1957-10-04 Gregorian"), (1_842_713.0, "0333-01-27 Julian"), (0.0, "-4712-01-01 Julian"),
        (1_176_500.123634, "-1491-01-30 Julian"), (2_299_160.5, "1582-10-15 Gregorian"),
        (2_299_159.5, "1582-10-04 Julian"),
    ])
    func calendarDatesInMessages(jd: Double, expected: String) {
        #expect(calendarLabel(jd) == expected)
    }

    @Test func missingFileThrowsAClearError() {
        let url = URL(fileURLWithPath: "/nonexistent/\(CompactEphemeris.fileName)")
        #expect(throws: EphemerisError.self) { try CompactEphemeris(url: url) }
        do {
            _ = try CompactEphemeris(url: url)
        } catch {
            #expect(error.localizedDescription.contains(url.path))
            #expect(error.localizedDescription.contains("Catalogs/README.md"))
        }
    }

    @Test func randomBytesThrow() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-eph-\(UUID()).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        var generator = SystemRandomNumberGenerator()
        try Data((0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: url)
        #expect(throws: EphemerisError.self) { try CompactEphemeris(url: url) }
    }

    @Test(.enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"))
    func truncatedFileThrows() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-eph-\(UUID()).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: compactFile)
        let head = try handle.read(upToCount: 3_000_000) ?? Data()
        try handle.close()
        try head.write(to: url)
        #expect(throws: EphemerisError.self) { try CompactEphemeris(url: url) }
    }

    /// A valid FITS file that is not a compact ephemeris.
    @Test func otherFITSFileThrows() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-eph-\(UUID()).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.write("JDSTART", 625_648.5)
        try file.write("JDEND", 2_816_816.5)
        try file.write("EMRAT", 81.3)
        try file.createBinaryTable(named: "SUN", columns: [FITSColumn("PACKED", .uint8, count: 4)])
        try file.write("RECDAYS", 32.0)
        try file.write("NRECORDS", 10)
        try file.write("DEGREE", 1)
        try file.write("QSTEP", 1.0)
        try file.write("WIDTHS", "8,8,8,8,8,8")
        try file.write("PACKED", [UInt8](repeating: 1, count: 40))
        try file.close()
        #expect(throws: EphemerisError.self) { try CompactEphemeris(url: url) }
    }
}
