import Ephemeris
import FITS
import Foundation
import Tables

/// Benchmarks of the compact DE422 ephemeris: load time, memory, and barycentric states per second on
/// one core at random epochs over the whole span. Run a release build: `swift run -c release skyrecon-bench`.
func ephemerisBenchmarks() -> [String] {
    var lines: [String] = []
    let rssBefore = memoryKiB("VmRSS")
    let clock = ContinuousClock()
    var loaded: Result<CompactEphemeris, any Error>?
    let loadTime = clock.measure {
        loaded = Result { try CompactEphemeris() }
    }
    let ephemeris: CompactEphemeris
    switch loaded {
    case .success(let value): ephemeris = value
    case .failure(let error): return ["ephemeris: cannot load: \(error.localizedDescription)"]
    case nil: return ["ephemeris: not loaded"]
    }
    let rssAfter = memoryKiB("VmRSS")
    let fileBytes = (try? FileManager.default.attributesOfItem(atPath: ephemeris.url.path)[.size] as? Int) ?? 0
    lines.append(String(format: "ephemeris load: %.1f ms (file %.1f MB, resident memory +%.1f MB, peak %.1f MB)",
                        benchSeconds(loadTime) * 1000, Double(fileBytes) / 1e6,
                        Double(rssAfter - rssBefore) / 1024, Double(memoryKiB("VmHWM")) / 1024))

    var generator = SplitMix64(seed: 20_260_101)
    let count = 2_000_000
    let range = ephemeris.coverage
    let epochs = (0..<count).map { _ in
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(generator.next() >> 11) / 0x1p53
    }
    for (label, bodies) in [("Venus", [Body.venus]), ("Moon (barycentric)", [.moon]),
                            ("Earth", [.earth]), ("Sun..Neptune mix", [.sun, .mercury, .venus, .mars,
                                                                      .jupiter, .saturn, .uranus, .neptune])] {
        var checksum = 0.0
        var index = 0
        let elapsed = clock.measure {
            for jd in epochs {
                let body = bodies[index % bodies.count]
                index += 1
                if let state = try? ephemeris.state(of: body, tdb: (jd, 0)) {
                    checksum += state.position.x + state.velocity.z
                }
            }
        }
        let rate = Double(count) / benchSeconds(elapsed)
        lines.append(String(format: "ephemeris states/s, one core, random epochs, %@: %.2f million (%.0f ns each; checksum %.3e)",
                            label, rate / 1e6, 1e9 / rate, checksum))
    }
    // Consecutive epochs an hour apart, as a search over time asks for them (records stay in cache).
    for (label, body) in [("Venus", Body.venus), ("Moon (barycentric)", .moon)] {
        var checksum = 0.0
        let start = 2_000_000.5
        let elapsed = clock.measure {
            for step in 0..<count {
                if let state = try? ephemeris.state(of: body, tdb: (start, Double(step) / 24)) {
                    checksum += state.position.x + state.velocity.z
                }
            }
        }
        let rate = Double(count) / benchSeconds(elapsed)
        lines.append(String(format: "ephemeris states/s, one core, hourly epochs, %@: %.2f million (%.0f ns each; checksum %.3e)",
                            label, rate / 1e6, 1e9 / rate, checksum))
    }
    return lines
}


/// A field of /proc/self/status in KiB (0 where unavailable).
private func memoryKiB(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}
