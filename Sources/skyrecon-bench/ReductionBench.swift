import Foundation
import Ephemeris
import SkyTime

/// Benchmarks of the reduction chain: SPK reads, the frame of date, apparent and topocentric places.
///
/// Uses the SPK file named by SKYRECON_BENCH_SPK (or SKYRECON_TEST_DE421); without one, only the
/// ephemeris-free parts are measured. Returns one line per measurement.
func reductionBenchmarks() -> [String] {
    var lines: [String] = []
    let clock = ContinuousClock()
    func rate(_ label: String, count: Int, _ body: () throws -> Double) rethrows {
        var checksum = 0.0
        let elapsed = try clock.measure { checksum = try body() }
        let seconds = benchSeconds(elapsed)
        lines.append(String(format: "%@: %.0f /s (%.3f µs each, %d in %.3f s, checksum %.3g)",
                            label, Double(count) / seconds, seconds / Double(count) * 1e6, count, seconds, checksum))
    }

    let frames = 50_000
    rate("frame of date (Vondrák 2011 + IAU 2000B matrices)", count: frames) {
        var sum = 0.0
        for i in 0..<frames {
            sum += EquatorOfDate(Instant(jdTT: 2_451_545.0, Double(i) * 0.37)).biasPrecessionNutation.row0.y
        }
        return sum
    }
    rate("sidereal time (incl. integrated CIO locator)", count: frames / 10) {
        var sum = 0.0
        for i in 0..<(frames / 10) {
            let frame = EquatorOfDate(Instant(jdTT: 1_800_000.0, Double(i) * 7.3))
            sum += frame.apparentSiderealTime(ut1Whole: 1_800_000.0, ut1Fraction: Double(i) * 7.3)
        }
        return sum
    }

    let environment = ProcessInfo.processInfo.environment
    guard let path = environment["SKYRECON_BENCH_SPK"] ?? environment["SKYRECON_TEST_DE421"] else {
        lines.append("apparent places: skipped (set SKYRECON_BENCH_SPK=/path/to/de4xx.bsp)")
        return lines
    }
    do {
        let spk = try SPKEphemeris(path: path)
        let start = max(spk.coverage.lowerBound + 1, 2_415_020.5)
        let reducer = Reducer(ephemeris: spk)
        let planets: [Body] = [.sun, .moon, .mercury, .venus, .mars, .jupiter, .saturn, .uranus, .neptune]
        let reads = 1_000_000
        try rate("SPK state reads (\(spk.name), Mars barycentre)", count: reads) {
            var sum = 0.0
            for i in 0..<reads { sum += try spk.state(of: .mars, tdb: (start, Double(i) * 0.013)).position.x }
            return sum
        }
        let single = 200_000
        try rate("apparent place, one body per call (frame recomputed)", count: single) {
            var sum = 0.0
            for i in 0..<single {
                sum += try reducer.apparent(.body(planets[i % planets.count]), at: Instant(jdTT: start, Double(i) * 0.05)).rightAscension.radians
            }
            return sum
        }
        let epochs = 40_000
        let targets = planets.map { Target.body($0) }
        try rate("apparent places, 9 bodies per instant (frame shared)", count: epochs * targets.count) {
            var sum = 0.0
            for i in 0..<epochs {
                for place in try reducer.apparent(targets, at: Instant(jdTT: start, Double(i) * 0.3)) { sum += place.declination.radians }
            }
            return sum
        }
        let site = GeodeticSite(longitude: .degrees(108.93), latitude: .degrees(34.27), height: 400)
        try rate("topocentric places, 9 bodies per instant", count: epochs / 4 * targets.count) {
            var sum = 0.0
            for i in 0..<(epochs / 4) {
                for place in try reducer.topocentric(targets, at: Instant(jdTT: start, Double(i) * 1.3), deltaT: 60, site: site) {
                    sum += place.altitude.radians
                }
            }
            return sum
        }
    } catch {
        lines.append("apparent places: \(error)")
    }
    return lines
}
