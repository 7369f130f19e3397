import Ephemeris
import Foundation
import SkyTime

/// Apparent geocentric places per second on one core with the compact DE422 ephemeris, at random epochs over
/// the whole span (each call computes its own frame of date: precession, nutation, Earth state, light time,
/// deflection, aberration), and for nine bodies sharing an instant.
func apparentBenchmarks() -> [String] {
    guard let ephemeris = try? CompactEphemeris.shared() else { return ["apparent: compact ephemeris not found"] }
    let reducer = Reducer(ephemeris: ephemeris)
    var generator = SplitMix64(seed: 757)
    let lo = ephemeris.coverage.lowerBound + 1, hi = ephemeris.coverage.upperBound - 1
    let count = 300_000
    let epochs = (0..<count).map { _ in Instant(jdTT: lo + (hi - lo) * Double(generator.next() >> 11) / 0x1p53) }
    let clock = ContinuousClock()
    var lines: [String] = []
    for body in [Body.venus, .moon] {
        var checksum = 0.0
        let elapsed = clock.measure {
            for instant in epochs {
                if let place = try? reducer.apparent(.body(body), at: instant) { checksum += place.rightAscension.radians }
            }
        }
        let rate = Double(count) / benchSeconds(elapsed)
        lines.append(String(format: "apparent place/s, one core, random epochs, %@: %.0f thousand (%.2f µs each; checksum %.6e)",
                            body.displayName, rate / 1e3, 1e6 / rate, checksum))
    }
    let bodies: [Target] = [.body(.sun), .body(.moon), .body(.mercury), .body(.venus), .body(.mars), .body(.jupiter),
                            .body(.saturn), .body(.uranus), .body(.neptune)]
    var checksum = 0.0
    let elapsed = clock.measure {
        for instant in epochs.prefix(count / 9) {
            if let places = try? reducer.apparent(bodies, at: instant) { checksum += places[3].rightAscension.radians }
        }
    }
    let rate = Double((count / 9) * bodies.count) / benchSeconds(elapsed)
    lines.append(String(format: "apparent place/s, one core, 9 bodies per random instant: %.0f thousand (%.2f µs each; checksum %.6e)",
                        rate / 1e3, 1e6 / rate, checksum))
    return lines
}

func benchSeconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Peak resident memory of this process (MB), from getrusage.
func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
