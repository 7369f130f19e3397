import Foundation

/// RFC 4180 CSV writing: the one CSV writer of the project.
public enum CSV {
    /// A field as CSV writes it: quoted when it holds a comma, quote or line break (inner quotes doubled).
    public static func field(_ value: String) -> String {
        if value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// One CSV line (without the line end).
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

    /// Writes a field, quoted as `field(_:)` says, at `text`, which must have room for `2 × value.utf8.count + 2`
    /// bytes, and returns the number of bytes written.
    public static func write(field value: String, to text: UnsafeMutablePointer<UInt8>) -> Int {
        let utf8 = value.utf8
        let written = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard !bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return nil }
            if let base = bytes.baseAddress { text.update(from: base, count: bytes.count) }
            return bytes.count
        }
        if let written = written ?? nil { return written }
        var count = 0
        let quoted = utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
        if quoted { text[count] = 0x22; count += 1 }
        for b in utf8 {
            if b == 0x22 { text[count] = 0x22; count += 1 }
            text[count] = b
            count += 1
        }
        if quoted { text[count] = 0x22; count += 1 }
        return count
    }

    /// Appends a field, quoted as `field(_:)` says, to a byte buffer.
    public static func appendField(_ value: String, to out: inout [UInt8]) {
        let utf8 = value.utf8
        // A plain field (the common case) is scanned and copied as one contiguous buffer.
        let copied = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true { return }
        if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(0x22)
            for b in utf8 {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: utf8)
        }
    }
}

/// Fixed-point decimal formatting without `String(format:)`, correctly rounded like C's `%.Nf`.
///
/// Given a double and a number of decimals (0…15); returns the digits `printf("%.*f")` gives: the exact binary
/// value rounded to nearest, ties to even, a `-` for negative values (also when they round to zero), `nan`,
/// `inf`, `-inf` for non-finite values.
///
/// Notes: the product x·10ⁿ is formed exactly as p + e with a fused multiply-add, so the rounding decision is
/// taken on the exact value; magnitudes whose scaled value reaches 2⁵² (rare: 360° to 9 decimals is 3.6·10¹¹)
/// fall back to `String(format:)`.
public enum FixedDecimal {
    /// 10⁰ … 10¹⁵, each exact (a literal: no lazy initialisation to check on each call).
    private static let powers: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// The formatted value.
    public static func string(_ x: Double, decimals: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        append(x, decimals: decimals, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the formatted value to a byte buffer.
    public static func append(_ x: Double, decimals: Int, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { text in
            let count = write(x, decimals: decimals, to: text.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<count]))
        }
    }

    /// The most bytes `write` writes (`%.15f` of the largest double, with its sign).
    public static let maximumLength = 330

    /// Writes the formatted value at `text`, which must have room for `maximumLength` bytes, and returns the number
    /// of bytes written (for a caller that assembles a whole row in one buffer).
    public static func write(_ x: Double, decimals: Int, to text: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(decimals >= 0 && decimals <= 15, "FixedDecimal supports 0…15 decimals")
        guard x.isFinite else { return copy((x.isNaN ? "nan" : x < 0 ? "-inf" : "inf").utf8, to: text) }
        let s = powers[decimals]
        let a = abs(x)
        let p = a * s
        guard p < 4_503_599_627_370_496 else {  // 2^52: the integer part no longer has a fractional bit
            return copy(slowFormat(x, decimals).utf8, to: text)
        }
        let e = fmaResidual(a, s, p)
        // 0 ≤ p < 2⁵²: the conversion truncates, which is floor here, and converts back exactly.
        // Through Int64 (p < 2⁵²): one conversion instruction each way, where UInt64's take a branch and several.
        var n = UInt64(Int64(p))
        let floorP = Double(Int64(n))
        // exact a·s − (floor(p) + ½): (p − floor(p) − ½) is exact near the tie, and rounding keeps the sum's sign.
        let d = (p - floorP - 0.5) + e
        if d > 0 || (d == 0 && n & 1 == 1) { n += 1 }
        let unit = integerPowers[decimals]
        let whole = n / unit
        var fraction = n &- whole &* unit
        // The length first, then the text right to left: exactly `decimals` fractional digits, the point, the
        // integer digits (at least one), two digits at a time.
        var wholeDigits = 1
        var bound: UInt64 = 10
        while whole >= bound && wholeDigits < 19 { wholeDigits &+= 1; bound = bound &* 10 }
        let negative = x.sign == .minus
        let count = (negative ? 1 : 0) + wholeDigits + (decimals > 0 ? decimals + 1 : 0)
        digitPairs.withUTF8Buffer { pairs in
            var at = count
            var k = decimals
            while k >= 2 {
                let q = fraction / 100
                let r = Int(truncatingIfNeeded: fraction &- q &* 100) &* 2
                at &-= 2
                text[at] = pairs[r]
                text[at &+ 1] = pairs[r &+ 1]
                fraction = q
                k &-= 2
            }
            if k == 1 {
                at &-= 1
                text[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction)
            }
            if decimals > 0 {
                at &-= 1
                text[at] = UInt8(ascii: ".")
            }
            var m = whole
            while m >= 100 {
                let q = m / 100
                let r = Int(truncatingIfNeeded: m &- q &* 100) &* 2
                at &-= 2
                text[at] = pairs[r]
                text[at &+ 1] = pairs[r &+ 1]
                m = q
            }
            if m >= 10 {
                let r = Int(truncatingIfNeeded: m) &* 2
                at &-= 2
                text[at] = pairs[r]
                text[at &+ 1] = pairs[r &+ 1]
            } else {
                at &-= 1
                text[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m)
            }
            if negative { text[0] = UInt8(ascii: "-") }
        }
        return count
    }

    private static func copy(_ bytes: String.UTF8View, to text: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        for b in bytes.prefix(maximumLength) { text[count] = b; count += 1 }
        return count
    }

    /// 10⁰ … 10¹⁵ as integers.
    private static let integerPowers: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
    ]

    /// "00", "01", … "99" as ASCII (a literal: no lazy initialisation to check on each call).
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// The rounding error of p = a·s: a·s − p exactly.
    @inline(__always) private static func fmaResidual(_ a: Double, _ s: Double, _ p: Double) -> Double {
        (-p).addingProduct(a, s)
    }

    private static func slowFormat(_ x: Double, _ decimals: Int) -> String {
        // Only for |x|·10ⁿ ≥ 2⁵² (never in skyrecon's columns: angles to 1e-9 stay below 2⁵²).
        String(format: "%.\(decimals)f", x)
    }
}
