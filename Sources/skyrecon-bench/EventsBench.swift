import Foundation
import SkyRecon

/// The four event searches, in process (the whole-process figures, beside pyswisseph, come from
/// scripts/bench-events.sh, which runs `skyrecon events` itself).
func eventsBenchmarks() -> [String] {
    var lines: [String] = []
    do {
        let loadStart = ContinuousClock.now, loadCPU = cpuSeconds()
        let view = try SkyRecon.view()
        let changan = try Gazetteer.standard().site(named: "changan")
        lines.append(String(format: "load models and catalogue: %.2f s (%.2f s CPU)", benchSeconds(ContinuousClock.now - loadStart),
                            cpuSeconds() - loadCPU))
        func span(_ a: Int, _ b: Int) throws -> TimeSpan {
            TimeSpan(Instant(ttDate: try CalendarDate(year: a, month: 1, day: 1, calendar: .julian)),
                     Instant(ttDate: try CalendarDate(year: b, month: 1, day: 1, calendar: .julian)))
        }
        func time(_ what: String, _ body: () throws -> Int) rethrows {
            let start = ContinuousClock.now, cpu = cpuSeconds()
            let count = try body()
            lines.append(String(format: "%@: %d events in %.3f s (%.3f s CPU)", what, count, benchSeconds(ContinuousClock.now - start),
                                cpuSeconds() - cpu))
        }
        let alcyone = try view.resolve("alcyone").object
        try time("Venus–Alcyone approaches under 1°, −1000…+2000 (geocentric)") {
            var s = try view.approaches(of: .body(.venus), and: alcyone, in: try span(-1000, 2000), within: .degrees(1))
            var n = 0
            while try s.nextApproach() != nil { n += 1 }
            lines.append("  (\(s.evaluations) reductions of the pair)")
            return n
        }
        let regulus = try view.resolve("regulus").object
        try time("occultations of Regulus by the Moon from Chang'an, 600–900, with the ΔT range of each verdict") {
            var s = try view.occultations(of: regulus, at: changan, in: try span(600, 900))
            var n = 0
            while try s.nextEvent() != nil { n += 1 }
            return n
        }
        try time("Mars stations, 600–900") {
            var s = try view.stations(of: .body(.mars), in: try span(600, 900))
            var n = 0
            while try s.nextEvent() != nil { n += 1 }
            return n
        }
        try time("solar eclipses, −1000…+2000 (type and greatest eclipse)") {
            var s = try view.eclipses(in: try span(-1000, 2000), lunar: false)
            var n = 0
            while try s.nextEvent() != nil { n += 1 }
            return n
        }
    } catch {
        lines.append("events benchmark failed: \(error)")
    }
    return lines
}

/// User + system CPU time of this process so far (s): steadier than wall-clock time on a shared machine.
private func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
