import SkyTime

/// Throughput of the SkyTime hot paths: parsing moments, calendar conversion both ways, ΔT evaluation,
/// and the full text → Instant path. Returns one human-readable line per benchmark.
func timeBenchmarks() -> [String] {
    var lines: [String] = []
    let clock = ContinuousClock()

    func measure(_ label: String, count: Int, _ body: () throws -> Double) rethrows {
        var sink = 0.0
        let elapsed = try clock.measure { sink = try body() }
        let seconds = benchSeconds(elapsed)
        let perSecond = Double(count) / max(seconds, 1e-9)
        let nanos = seconds / Double(count) * 1e9
        lines.append("time: \(label): \(Int(perSecond)) /s (\((nanos * 10).rounded() / 10) ns each; checksum \(sink.isFinite ? "ok" : "nan"))")
    }

    let texts = ["0757-03-14", "0757-03-14T19:30", "0757-03-14T12:52TT", "757BCE-03-14", "-0756-03-14 06:00:30.5",
                 "1600-01-01G", "JD2397500.5", "JDE2436116.31", "1582-10-15T12:00Z", "0333-01-27T12:00LMT"]
    let n = 200_000
    do {
        try measure("parse moment", count: n) {
            var acc = 0.0
            for i in 0..<n {
                if case .date(let d) = try Moment(parsing: texts[i % texts.count]).value { acc += Double(d.day) }
            }
            return acc
        }
        try measure("date → JD", count: n) {
            var acc = 0.0
            for i in 0..<n {
                acc += try CalendarDate(year: -3000 + i % 6000, month: 1 + i % 12, day: 1 + i % 28, calendar: .julian).julianDate
            }
            return acc
        }
        measure("JD → date (historians)", count: n) {
            var acc = 0.0
            for i in 0..<n { acc += Double(CalendarDate(julianDate: 625_000.5 + Double(i) * 11.37).day) }
            return acc
        }
        let models: [any DeltaTModel] = [try SMHSplineDeltaT.smh2020(), try SMHSplineDeltaT.smh2016(), EspenakMeeus2006()]
        for model in models {
            measure("ΔT \(model.name)", count: n) {
                var acc = 0.0
                for i in 0..<n { acc += model.estimate(julianDate: 625_000.5 + Double(i) * 11.37).seconds }
                return acc
            }
        }
        let smh = try DeltaTModels.standard()
        try measure("text → Instant (UT, SMH2020)", count: n) {
            var acc = 0.0
            for i in 0..<n {
                acc += try Moment(parsing: texts[i % 5]).instant(deltaT: smh, longitude: Angle(degrees: 108.93)).fraction
            }
            return acc
        }
        try measure("text → Instant (LAT, SMH2020)", count: n / 4) {
            var acc = 0.0
            for _ in 0..<(n / 4) {
                acc += try Moment(parsing: "0757-03-14T12:00LAT").instant(deltaT: smh, longitude: Angle(degrees: 108.93)).fraction
            }
            return acc
        }
    } catch {
        lines.append("time: benchmark failed: \(error.localizedDescription)")
    }
    return lines
}
