import Foundation
import TestSupport
import Testing
@testable import SkyRecon

/// The batch's own reading of plain decimals against `Double(_:)` (strtod), bit for bit, and its refusals.
struct BatchNumberTests {
    @Test func plainDecimalsAreReadToTheBitsOfDouble() {
        let seed: UInt64 = 20_261_206
        var rng = SplitMix64(seed: seed)
        var checked = 0
        for _ in 0..<200_000 {
            // Julian dates as the batch files write them, and numbers of every length up to 15 digits.
            let digits = Int(rng.next() % 15) + 1
            var text = ""
            for _ in 0..<digits { text.append(Character(Unicode.Scalar(UInt8(48 + rng.next() % 10)))) }
            let point = Int(rng.next() % UInt64(digits + 1))
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if rng.next() % 4 == 0 { text = "-" + text }
            guard let expected = Double(text) else { continue }
            #expect(PositionBatch.plainDecimal(text)?.bitPattern == expected.bitPattern, "\(text) (seed \(seed))")
            checked += 1
        }
        #expect(checked > 190_000)
        for jd in ["2451545.0", "1721423.500000", "0.1", "2816816.499999", "-0", "+5", ".5", "7."] {
            #expect(PositionBatch.plainDecimal(jd)?.bitPattern == Double(jd)?.bitPattern, "\(jd)")
        }
    }

    @Test func otherTextIsLeftToDouble() {
        for text in ["", ".", "-", "1e5", "nan", "inf", " 1", "1 ", "1.2.3", "0x10", "1234567890123456", "12,5", "١٢"] {
            #expect(PositionBatch.plainDecimal(text) == nil, "\(text)")
        }
        #expect(PositionBatch.number("1e5") == 100_000)
        #expect(PositionBatch.number("abc") == nil)
    }
}
