import Ephemeris
import Foundation
import Tables
import SkyTime

/// Apparent geocentric places per second on one core with the compact DE422 ephemeris, at random epochs over
/// the whole span (each call computes its own frame of date: precession, nutation, Earth state, light time,
/// deflection, aberration), and for nine bodies sharing an instant.
///
/// Figures on the 2-core development machine shared with other jobs (load ≈ 3), best of five runs,
/// 2026-11-30: Venus 3.95 → 1.84 µs, Moon 3.46 → 1.78 µs, nine bodies 0.98 → 0.75 µs per place, after the
/// frame of date (0.55 µs, was 1.0), the Earth/Sun/target records read together and the nutation and
/// precession series were reworked; callgrind counts 23.9k → 13.4k instructions per single place.
func apparentBenchmarks() -> [String] {
    guard let ephemeris = try? CompactEphemeris.shared() else { return ["apparent: compact ephemeris not found"] }
    let reducer = Reducer(ephemeris: ephemeris)
    var generator = SplitMix64(seed: 757)
    let lo = ephemeris.coverage.lowerBound + 1, hi = ephemeris.coverage.upperBound - 1
    // SKYRECON_BENCH_APPARENT_COUNT shortens the run, e.g. under valgrind --tool=callgrind.
    let count = ProcessInfo.processInfo.environment["SKYRECON_BENCH_APPARENT_COUNT"].flatMap { Int($0) } ?? 300_000
    let epochs = (0..<count).map { _ in Instant(jdTT: lo + (hi - lo) * Double(generator.next() >> 11) / 0x1p53) }
    var lines: [String] = []
    for body in [Body.venus, .moon] {
        var checksum = 0.0
        let (wall, cpu) = timed {
            for instant in epochs {
                if let place = try? reducer.apparent(.body(body), at: instant) { checksum += place.rightAscension.radians }
            }
        }
        lines.append(String(format: "apparent place/s, one core, random epochs, %@: %.0f thousand (%.2f µs each, %.2f µs of CPU time; checksum %.6e)",
                            body.displayName, Double(count) / wall / 1e3, wall / Double(count) * 1e6,
                            cpu / Double(count) * 1e6, checksum))
    }
    let bodies: [Target] = [.body(.sun), .body(.moon), .body(.mercury), .body(.venus), .body(.mars), .body(.jupiter),
                            .body(.saturn), .body(.uranus), .body(.neptune)]
    var checksum = 0.0
    let (wall, cpu) = timed {
        for instant in epochs.prefix(count / 9) {
            if let places = try? reducer.apparent(bodies, at: instant) { checksum += places[3].rightAscension.radians }
        }
    }
    let places = Double((count / 9) * bodies.count)
    lines.append(String(format: "apparent place/s, one core, 9 bodies per random instant: %.0f thousand (%.2f µs each, %.2f µs of CPU time; checksum %.6e)",
                        places / wall / 1e3, wall / places * 1e6, cpu / places * 1e6, checksum))
    return lines
}

/// Wall-clock and thread CPU seconds of `work`; on a machine shared with other jobs the CPU time is the
/// steadier figure (it leaves out the time the thread waits for a core).
private func timed(_ work: () -> Void) -> (wall: Double, cpu: Double) {
    func cpuSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
    let cpuStart = cpuSeconds()
    let wall = ContinuousClock().measure(work)
    return (benchSeconds(wall), cpuSeconds() - cpuStart)
}
