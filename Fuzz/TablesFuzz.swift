// libFuzzer target: the CSV/TSV reader and the fixed-point formatter on arbitrary bytes (scripts/fuzz.sh).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTables(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for dialect in [TableDialect.csv, .tsv] {
        var reader = TableReader(bytes: bytes, name: "fuzz", dialect: dialect, requiredFields: 2)
        var previousLine = 0
        var steps = 0
        while steps <= size + 1 {
            steps += 1
            do {
                guard let record = try reader.next() else { break }
                // Lines only grow, and a record has at least one field.
                precondition(record.line > previousLine && !record.fields.isEmpty)
                previousLine = record.line
            } catch let error as TableError {
                _ = error.localizedDescription
                if let line = error.line { precondition(line >= 1) }
            } catch {
                preconditionFailure("TableReader threw a non-TableError: \(error)")
            }
        }
        precondition(steps <= size + 1, "the reader did not reach the end")
    }
    // FixedDecimal against String(format:) on the input's first 8 bytes read as a double.
    if size >= 9 {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        let x = Double(bitPattern: bits)
        let decimals = Int(bytes[8] % 13)
        if x.isFinite, abs(x) < 1e12 {
            let want = String(format: "%.\(decimals)f", x)
            precondition(FixedDecimal.string(x, decimals: decimals) == want, "FixedDecimal \(x) \(decimals): \(want)")
        }
    }
    return 0
}
