import Foundation
import TestSupport
import Testing
@testable import Ephemeris

/// Writes a minimal DAF/SPK file: a file record, one summary record, one name record, then segments.
/// Each segment is given as its summary fields and its data words.
struct TinySPKWriter {
    struct Segment {
        var target: Int32, center: Int32, frame: Int32 = 1, type: Int32
        var start: Double, end: Double
        var words: [Double]
    }

    var bigEndian: Bool
    var segments: [Segment]

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        func double(_ value: Double) {
            let bits = bigEndian ? value.bitPattern.bigEndian : value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { out.append(contentsOf: $0) }
        }
        func int32(_ value: Int32) {
            let bits = bigEndian ? value.bigEndian : value.littleEndian
            withUnsafeBytes(of: bits) { out.append(contentsOf: $0) }
        }
        func ascii(_ text: String, _ width: Int) {
            let b = Array(text.utf8.prefix(width))
            out.append(contentsOf: b + Array(repeating: 32, count: width - b.count))
        }
        func pad(to size: Int) { out.append(contentsOf: Array(repeating: 0, count: size - out.count)) }

        // Data start at record 4 (word 385).
        var address = 3 * 128 + 1
        var ranges: [(Int, Int)] = []
        for s in segments {
            ranges.append((address, address + s.words.count - 1))
            address += s.words.count
        }
        ascii("DAF/SPK ", 8); int32(2); int32(6); ascii("skyrecon test SPK", 60)
        int32(2); int32(2); int32(Int32(address))
        ascii(bigEndian ? "BIG-IEEE" : "LTL-IEEE", 8)
        pad(to: 1024)
        double(0); double(0); double(Double(segments.count))
        for (s, range) in zip(segments, ranges) {
            double(s.start); double(s.end)
            int32(s.target); int32(s.center); int32(s.frame); int32(s.type); int32(Int32(range.0)); int32(Int32(range.1))
        }
        pad(to: 2048)
        ascii("", 1024)
        for s in segments { s.words.forEach(double) }
        return out
    }

    func write() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("skyrecon-\(UUID().uuidString)-\(bigEndian ? "be" : "le").bsp").path
        try Data(bytes()).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The tiny SPK: Moon (301) relative to the EMB (3) as type 2; EMB relative to the barycentre as type 3;
/// Mars (4) as an unsupported type 9. Two 10-day records each, covering J2000 ± 10 days.
enum TinySPK {
    static let interval = 864_000.0
    static let initial = -864_000.0
    // Per record: MID, RADIUS, then coefficients; degree 2 (three per component).
    static let moonCoefficients: [[Double]] = [
        [1000, 200, 30, -500, 10, 5, 42, -7, 0.5],
        [-300, 40, -2, 250, -60, 8, 11, 3, -1],
    ]
    static let embPosition: [[Double]] = [[1e8, 2e6, 300, -5e7, 1e5, 20, 2e7, -3e4, 7], [1.1e8, 1e6, -100, -4e7, 2e5, -10, 2.1e7, 1e4, 3]]
    static let embVelocity: [[Double]] = [[30, 0.5, 0.01, -10, 0.2, 0, 4, -0.1, 0.02], [29, -0.4, 0, -11, 0.1, 0.03, 5, 0.2, 0]]

    static func records(_ components: [[Double]]) -> [Double] {
        var words: [Double] = []
        for (k, c) in components.enumerated() {
            words += [initial + interval * (Double(k) + 0.5), interval / 2] + c
        }
        return words + [initial, interval, Double(2 + components[0].count), Double(components.count)]
    }

    static func writer(bigEndian: Bool) -> TinySPKWriter {
        let emb = zip(embPosition, embVelocity).map { $0 + $1 }
        return TinySPKWriter(bigEndian: bigEndian, segments: [
            .init(target: 301, center: 3, type: 2, start: initial, end: initial + 2 * interval, words: records(moonCoefficients)),
            .init(target: 3, center: 0, type: 3, start: initial, end: initial + 2 * interval, words: records(emb)),
            .init(target: 4, center: 0, type: 9, start: initial, end: initial + 2 * interval, words: [0, 0, 0, 0, 0]),
        ])
    }

    /// Chebyshev series c₀ + c₁x + c₂(2x² − 1) and its derivative in x.
    static func series(_ c: ArraySlice<Double>, _ x: Double) -> (Double, Double) {
        let c = Array(c)
        return (c[0] + c[1] * x + c[2] * (2 * x * x - 1), c[1] + 4 * c[2] * x)
    }
}

@Suite("SPK reader")
struct SPKTests {
    @Test("Tiny SPK written by the test: exact Chebyshev values, both byte orders", arguments: [false, true])
    func tinySPK(bigEndian: Bool) throws {
        let path = try TinySPK.writer(bigEndian: bigEndian).write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let spk = try SPKEphemeris(path: path)
        #expect(spk.targets[301] == 3 && spk.targets[3] == 0)
        #expect(abs(spk.coverage.lowerBound - (2_451_545 - 10)) < 1e-9)
        for seconds in [-800_000.0, -1.0, 0.0, 123_456.0, 863_999.0] {
            let k = seconds < 0 ? 0 : 1
            let mid = TinySPK.initial + TinySPK.interval * (Double(k) + 0.5)
            let x = (seconds - mid) / (TinySPK.interval / 2)
            var expectedPosition = SIMD3<Double>(repeating: 0), expectedVelocity = SIMD3<Double>(repeating: 0)
            for axis in 0..<3 {
                let moon = TinySPK.series(TinySPK.moonCoefficients[k][(3 * axis)..<(3 * axis + 3)], x)
                let emb = TinySPK.series(TinySPK.embPosition[k][(3 * axis)..<(3 * axis + 3)], x)
                let embV = TinySPK.series(TinySPK.embVelocity[k][(3 * axis)..<(3 * axis + 3)], x)
                expectedPosition[axis] = moon.0 + emb.0
                expectedVelocity[axis] = (moon.1 / (TinySPK.interval / 2) + embV.0) * 86_400
            }
            let state = try spk.state(of: .moon, tdb: (2_451_545.0, seconds / 86_400))
            for axis in 0..<3 {
                #expect(abs(state.position[axis] - expectedPosition[axis]) <= 1e-6 * max(1, abs(expectedPosition[axis])))
                #expect(abs(state.velocity[axis] - expectedVelocity[axis]) <= 1e-9 * max(1, abs(expectedVelocity[axis])))
            }
        }
    }

    @Test("Errors: out of range, body not covered, unsupported type, missing and non-DAF files")
    func errors() throws {
        let path = try TinySPK.writer(bigEndian: false).write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let spk = try SPKEphemeris(path: path)
        #expect(throws: EphemerisError.self) { try spk.state(of: .moon, tdb: (2_451_545.0, 11)) }
        #expect(throws: EphemerisError.bodyNotCovered(.jupiter, ephemeris: spk.name)) {
            try spk.state(of: .jupiter, tdb: (2_451_545.0, 0))
        }
        #expect(throws: SPKError.unsupportedSegmentType(type: 9, target: 4, center: 0, path: path)) {
            try spk.state(of: .mars, tdb: (2_451_545.0, 0))
        }
        #expect(throws: SPKError.missingFile(path: "/nonexistent/de441.bsp")) {
            try SPKEphemeris(path: "/nonexistent/de441.bsp")
        }
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-\(UUID().uuidString).txt").path
        try Data(String(repeating: "not an ephemeris\n", count: 100).utf8).write(to: URL(fileURLWithPath: text))
        defer { try? FileManager.default.removeItem(atPath: text) }
        do {
            _ = try SPKEphemeris(path: text)
            Issue.record("a text file was accepted as an SPK")
        } catch let error as SPKError {
            guard case .notDAF = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.errorDescription?.contains(".bsp") == true)
        }
    }

    /// de421.bsp states against jplephem 2.24 (pure Python, same file). Numbers produced by:
    /// `python -c "from jplephem.spk import SPK; k=SPK.open('de421.bsp'); print(k[c,t].compute_and_differentiate(jd))"`
    /// for each (jd, centre, target) below; positions km, velocities km/day.
    static let jplephemStates: [(Double, Int, Int, [Double], [Double])] = [
        (2451545.0, 0, 3, [-27570175.523305085, 132358187.77292643, 57417722.693977825], [-2572743.878223288, -435269.9934809915, -188724.0700127081]),
        (2451545.0, 3, 399, [3543.2122597100893, 3240.765355099895, 924.6896832770823], [-675.5859947314198, 699.265834177818, 316.3348825249336]),
        (2451545.0, 3, 301, [-288065.17304993083, -263476.06759168755, -75177.79746350652], [54925.525827329235, -56850.71024980563, -25718.2059659419]),
        (2451545.0, 0, 10, [-1067598.681069283, -395988.83288954594, -138071.03627114187], [804.6059865894002, -1011.0102609264594, -453.7077987317826]),
        (2451545.0, 0, 5, [597499986.022755, 408990381.9073648, 160756218.96564138], [-682605.3653812815, 878843.2219042062, 393333.1805513901]),
        (2433282.5, 0, 3, [-27200914.394669868, 132944596.76426302, 57643652.99432617], [-2571644.7877682922, -447971.79961415136, -194298.32518390552]),
        (2433282.5, 3, 301, [184245.4487174564, 309035.639678295, 162404.8536847164], [-75659.65082488421, 31485.38729017625, 18697.31004734188]),
        (2433282.5, 0, 4, [-208640960.2800506, 121299452.6058945, 61280434.50577824], [-1059744.5618682893, -1446248.3991738444, -634534.8763419518]),
        (2415021.0, 0, 3, [-30258614.007888354, 132840872.1296821, 57611550.4049399], [-2560166.6852441453, -501451.8546592916, -217570.28322755962]),
        (2415021.0, 3, 399, [-850.1826595086568, 4063.2691010078315, 1614.925354487621], [-1095.8537197605863, -197.09786797052715, -190.37783069301474]),
        (2415021.0, 0, 10, [475758.7465516243, 880225.8679067915, 364726.34708290873], [-1100.1590362603988, 508.25979957623844, 248.8786007502724]),
        (2469000.5, 0, 3, [136846241.18495843, 52908408.03265722, 22943319.83742877], [-1042046.4100485889, 2165995.9893749175, 938798.568093818]),
        (2469000.5, 3, 301, [-357209.20407696295, 52845.32237381964, -10139.753129362856], [-6319.225687464218, -83317.3255344112, -38164.063439418955]),
        (2469000.5, 0, 5, [503531475.6145615, 509696937.0233575, 206199905.37599477], [-846783.4826110917, 741646.793340037, 338473.42684183345]),
    ]

    @Test("de421.bsp agrees with jplephem to 1 mm and 1e-6 km/day",
          .enabled(if: TestData.hasDE421, "set SKYRECON_TEST_DE421=/path/to/de421.bsp (pip install skyfield-data==7.0.0)"))
    func de421AgainstJplephem() throws {
        let spk = try SPKEphemeris(path: try References.requireDE421().path)
        #expect(spk.name == "de421.bsp")
        #expect(spk.coverage.lowerBound < 2_415_020.5 && spk.coverage.upperBound > 2_469_807.5)
        for (jd, centre, target, p, v) in Self.jplephemStates {
            let whole = jd.rounded(.down)
            let a = try spk.state(naifID: target, tdb: (whole, jd - whole))
            let b = centre == 0 ? StateVector(position: .zero, velocity: .zero) : try spk.state(naifID: centre, tdb: (whole, jd - whole))
            let relative = a - b
            for axis in 0..<3 {
                #expect(abs(relative.position[axis] - p[axis]) < 1e-6, "JD \(jd) \(centre)→\(target) axis \(axis)")
                #expect(abs(relative.velocity[axis] - v[axis]) < 1e-6, "JD \(jd) \(centre)→\(target) axis \(axis)")
            }
        }
        #expect(throws: EphemerisError.self) { try spk.state(of: .earth, tdb: (2_305_447.5, 0)) }  // 1600 CE
    }
}
