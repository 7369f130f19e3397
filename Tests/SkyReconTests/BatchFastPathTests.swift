import Foundation
import TestSupport
import Testing
@testable import SkyRecon

/// The CSV the batch writes straight from the reduction (with the next row's records prefetched and its body and date
/// read ahead, as `skyrecon positions --input` runs) against the general path — `compute` and the table writer — on
/// the same rows: byte for byte, including rows that fail.
struct BatchFastPathTests {
    /// Rows over the whole ephemeris span: every body, plain and padded fields, given ΔT, bad names and dates.
    func rows(count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let bodies = ["sun", "moon", "mercury", "venus", "mars", "jupiter", "saturn", "uranus", "neptune", "pluto",
                      "Venus", " mars", "earth", "vulcan", "金星", "sirius"]
        var text = "row,body,jd_tt,delta_t_s\n"
        for i in 0..<count {
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            var jd = String(format: "%.6f", 625_700 + u * 2_191_000)
            switch rng.next() % 40 {
            case 0: jd = "3000000.5"  // outside the ephemeris
            case 1: jd = " " + jd
            case 2: jd = "2.4515450e6"
            default: break
            }
            // Runs of the same body, as real files have, so the read-ahead meets bodies already resolved.
            let body = bodies[Int(rng.next() % 8 == 0 ? rng.next() % UInt64(bodies.count) : rng.next() % 5)]
            let deltaT = rng.next() % 10 == 0 ? String(format: "%.1f", u * 100) : ""
            text += "\(i),\(body),\(jd),\(deltaT)\n"
        }
        return text
    }

    func run(_ text: String, fast: Bool) throws -> String {
        var reader = TableReader(string: text, dialect: .csv)
        let head = try #require(try reader.next())
        let batch = try PositionBatch(header: head.fields)
        let context = try PositionBatch.Context(view: try SkyRecon.view(), gazetteer: try Gazetteer.standard())
        let writer = TableWriter(format: .csv, columns: batch.outputHeader)
        var out: [UInt8] = []
        var prefetch: (@Sendable (TableRecord, inout PositionBatch.NameCache) -> Void)? = nil
        if fast {
            prefetch = { (record: TableRecord, names: inout PositionBatch.NameCache) in
                batch.prefetch(record.fields, context: context, names: &names)
            }
        }
        let readAhead = prefetch
        // Small blocks and two workers: block and slice edges, where the read-ahead has nothing to go on.
        _ = try BatchRunner(blockSize: 97, workers: 2).run(
            &reader, writer: writer, write: { out += $0 },
            makeWorker: { PositionBatch.NameCache() },
            prefetch: readAhead,
            row: { record, names, first, bytes in
                do {
                    if fast {
                        try batch.append(record.fields, context: context, names: &names, writer: writer, first: first,
                                         to: &bytes)
                    } else {
                        try writer.append(try batch.compute(record.fields, context: context, names: &names), first: first,
                                          to: &bytes)
                    }
                    return nil
                } catch {
                    try? writer.append(batch.failed(record.fields, error: error.localizedDescription), first: first, to: &bytes)
                    return error.localizedDescription
                }
            },
            readError: { batch.failed([], error: $0.localizedDescription) },
            report: { _, _ in })
        return String(decoding: out, as: UTF8.self)
    }

    @Test func directRowsEqualTheGeneralPath() throws {
        let seed: UInt64 = 20_261_207
        let text = rows(count: 1_500, seed: seed)
        let fast = try run(text, fast: true).split(separator: "\n", omittingEmptySubsequences: false)
        let general = try run(text, fast: false).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(fast.count == general.count)
        let differing = zip(fast, general).filter { $0 != $1 }
        #expect(differing.isEmpty, "seed \(seed): \(differing.prefix(3).map { "\($0.0)\n  vs \($0.1)" })")
        // The rows exercised what they should: computed rows, failed rows, given ΔT.
        #expect(general.filter { $0.hasSuffix(",") }.count > 1_000)
        #expect(general.contains { $0.contains("outside") || $0.contains("range") })
        // Every computed row has its mansion and 度, also within two decades of the ephemeris' ends (where the
        // decade nodes of the mansion frame cannot be computed).
        let computed = general.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .filter { $0.count == 18 && $0[17].isEmpty }
        #expect(computed.count > 1_000)
        #expect(computed.allSatisfy { !$0[15].isEmpty && !$0[16].isEmpty }, "\(computed.first { $0[15].isEmpty } ?? [])")
    }
}
