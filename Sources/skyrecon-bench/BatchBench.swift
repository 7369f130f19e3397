import CSV
import Foundation
import Tables
import SkyRecon

/// The batch path piece by piece, on the job (100,000 rows `row,body,jd_tt`, venus/moon/mars/jupiter,
/// epochs 0–2000 CE, fixed seed), in this process on one thread: reading the CSV (TableReader, and yaslab/CSV.swift
/// for comparison), computing the rows
/// (PositionBatch with the MansionLocator), the exact mansion frame per row it replaced, writing CSV
/// (TableWriter with FixedDecimal) against String(format:). The whole-process job beside pyswisseph is
/// scripts/bench-batch.sh.
func batchBenchmarks() -> [String] {
    var lines: [String] = []
    let rows = 100_000
    var rng = SplitMix64(seed: 7)
    var text = "row,body,jd_tt\n"
    let bodies = ["venus", "moon", "mars", "jupiter"]
    for i in 1...rows {
        let jd = 1_721_423.5 + Double(rng.next() >> 11) / Double(1 << 53) * 730_121
        text += "\(i),\(bodies[Int(rng.next() % 4)]),\(FixedDecimal.string(jd, decimals: 6))\n"
    }
    let clock = ContinuousClock()
    var records: [TableRecord] = []
    let read = clock.measure {
        var reader = TableReader(string: text, dialect: .csv)
        records = (try? reader.readAll()) ?? []
    }
    lines.append(String(format: "read %d rows (%.1f MB) with TableReader: %.3f s, %.0f ns/row, %.0f MB/s", records.count - 1,
                        Double(text.utf8.count) / 1e6, benchSeconds(read), benchSeconds(read) / Double(rows) * 1e9,
                        Double(text.utf8.count) / 1e6 / benchSeconds(read)))
    // The same text through yaslab/CSV.swift 2.5.2, the package the issue suggests: rows only (it reports no line
    // numbers and has no comment rows, which the project's errors need).
    var yaslabRows = 0
    let yaslab = clock.measure {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return }
        while reader.next() != nil { yaslabRows += 1 }
    }
    lines.append(String(format: "read %d rows with yaslab/CSV.swift 2.5.2 CSVReader: %.3f s, %.0f ns/row (%.1f× TableReader's time)",
                        yaslabRows - 1, benchSeconds(yaslab), benchSeconds(yaslab) / Double(rows) * 1e9,
                        benchSeconds(yaslab) / benchSeconds(read)))
    guard let view = try? SkyRecon.view(), let gazetteer = try? Gazetteer.standard(),
          let context = try? PositionBatch.Context(view: view, gazetteer: gazetteer),
          let batch = try? PositionBatch(header: records[0].fields) else {
        return lines + ["batch: the catalogue or ephemeris could not be loaded"]
    }
    var names = PositionBatch.NameCache()
    var cells: [[TableValue]] = []
    cells.reserveCapacity(rows)
    let compute = clock.measure {
        for r in records.dropFirst() { if let c = try? batch.compute(r.fields, context: context, names: &names) { cells.append(c) } }
    }
    lines.append(String(format: "compute %d rows (astrometric, apparent, ecliptic, constellation, mansion): %.3f s, %.2f µs/row",
                        cells.count, benchSeconds(compute), benchSeconds(compute) / Double(rows) * 1e6))
    // The CLI's path: each row appended as CSV straight from the reduction's numbers (`PositionBatch.append`).
    let csvWriter = TableWriter(format: .csv, columns: batch.outputHeader)
    var direct: [UInt8] = []
    direct.reserveCapacity(rows * 160)
    var directNames = PositionBatch.NameCache()
    let appendRows = clock.measure {
        for (i, r) in records.dropFirst().enumerated() {
            try? batch.append(r.fields, context: context, names: &directNames, writer: csvWriter, first: i == 0, to: &direct)
        }
    }
    lines.append(String(format: "compute and write %d rows as the CLI does (PositionBatch.append, CSV): %.3f s, %.2f µs/row",
                        rows, benchSeconds(appendRows), benchSeconds(appendRows) / Double(rows) * 1e6))
    lines.append(mansionCheck(view: view, locator: context.mansions, count: 100_000))
    let sample = records.dropFirst().prefix(5_000)
    let exact = clock.measure {
        for r in sample {
            let jd = Double(r[2]) ?? 2_451_545
            _ = try? view.mansionFrame(at: Instant(jdTT: jd.rounded(.down), jd - jd.rounded(.down)))
        }
    }
    lines.append(String(format: "the exact mansion frame (28 determinatives reduced) it replaces: %.2f µs/row",
                        benchSeconds(exact) / Double(sample.count) * 1e6))
    let writer = TableWriter(format: .csv, columns: batch.outputHeader)
    var out: [UInt8] = []
    let write = clock.measure {
        for (i, c) in cells.enumerated() { try? writer.append(c, first: i == 0, to: &out) }
    }
    lines.append(String(format: "write CSV (TableWriter, FixedDecimal): %.3f s, %.2f µs/row, %.1f MB",
                        benchSeconds(write), benchSeconds(write) / Double(rows) * 1e6, Double(out.count) / 1e6))
    var formatted = 0
    let numbers = cells.prefix(20_000).flatMap { $0 }.compactMap { v -> (Double, Int)? in
        if case .number(let x, let d) = v { return (x, d) } else { return nil }
    }
    let fast = clock.measure { for (x, d) in numbers { formatted &+= FixedDecimal.string(x, decimals: d).utf8.count } }
    let slow = clock.measure { for (x, d) in numbers { formatted &+= String(format: "%.\(d)f", x).utf8.count } }
    lines.append(String(format: "format %d numbers: FixedDecimal %.0f ns each, String(format:) %.0f ns each", numbers.count,
                        benchSeconds(fast) / Double(numbers.count) * 1e9, benchSeconds(slow) / Double(numbers.count) * 1e9))
    return lines
}


/// The batch's 入宿度 shortcut against the exact one on `count` random epochs over 0–2000 CE, each with a random right
/// ascension: how often the interpolated determinatives alone would print another mansion or 度 (two decimals),
/// and how often the batch's guarded lookup (`printedTo: 2`, exact near a rounding edge) does — which must be never.
func mansionCheck(view: SkyView, locator: MansionLocator, count: Int) -> String {
    var rng = SplitMix64(seed: 28)
    var interpolatedDiffers = 0, printedDiffers = 0, checked = 0
    var largest = 0.0
    for _ in 0..<count {
        let jd = 1_721_423.5 + Double(rng.next() >> 11) / 0x1p53 * 730_121
        let ra = Angle.radians(Double(rng.next() >> 11) / 0x1p53 * 2 * .pi)
        let instant = Instant(jdTT: jd.rounded(.down), jd - jd.rounded(.down))
        guard let epoch = try? view.observeAtEpoch(.body(.moon), at: instant).epoch,
              let exact = try? locator.position(rightAscension: ra, at: epoch),
              let interpolated = try? locator.interpolatedPosition(rightAscension: ra, at: epoch),
              let printed = try? locator.position(rightAscension: ra, at: epoch, printedTo: 2) else { continue }
        func text(_ p: MansionPosition) -> String { p.mansion.name + FixedDecimal.string(p.du, decimals: 2) }
        if text(interpolated) != text(exact) { interpolatedDiffers += 1 }
        if text(printed) != text(exact) { printedDiffers += 1 }
        if interpolated.mansion == exact.mansion { largest = max(largest, abs(interpolated.du - exact.du)) }
        checked += 1
    }
    return String(format: "mansion check, %d random epochs and RAs 0–2000 CE: printed mansion/度 (2 decimals) differ from the exact lookup's in %d (interpolated determinatives alone: %d; largest 度 difference %.1e)",
                  checked, printedDiffers, interpolatedDiffers, largest)
}
