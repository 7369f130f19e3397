/// Reading and writing Chinese numerals as dates use them: 元, 正, 一 … 十, 廿 (20), 卅 (30), 十有一 (11), 〇/零.
public enum ChineseNumerals {
    static let digits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "參": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// Whether a character can be part of a numeral.
    static func isNumeralCharacter(_ c: Character) -> Bool {
        if let a = c.asciiValue { return (0x30...0x39).contains(a) }
        return digits[c] != nil || multipliers.contains(c)
    }

    static let multipliers: Set<Character> = ["十", "廿", "卅", "卌", "百", "有"]

    /// The value of a numeral such as 二十五, 廿五, 十有一, 三十, 一〇 or 25; nil when it is not one or does not
    /// fit an `Int`.
    public static func value(_ text: Substring) -> Int? {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text) }
        var total = 0
        var current: Int? = nil
        var sawAny = false
        var positional: [Int] = []
        for c in text {
            sawAny = true
            if let d = digits[c] {
                if let previous = current { positional.append(previous) }
                current = d
            } else if c == "十" {
                total += (current ?? 1) * 10; current = nil
            } else if c == "百" {
                total += (current ?? 1) * 100; current = nil
            } else if c == "廿" {
                total += 20; current = nil
            } else if c == "卅" {
                total += 30; current = nil
            } else if c == "卌" {
                total += 40; current = nil
            } else if c == "有" {
                continue
            } else {
                return nil
            }
        }
        guard sawAny else { return nil }
        if !positional.isEmpty {
            // 一〇 style digit strings.
            guard total == 0 else { return nil }
            var value = 0
            for d in positional + [current ?? 0] {
                let (tens, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = tens.addingReportingOverflow(d)
                if o1 || o2 { return nil }
                value = sum
            }
            return value
        }
        return total + (current ?? 0)
    }

    /// Writes 1…99 the way dates do: 一, 十, 十一, 二十, 二十五.
    public static func format(_ n: Int) -> String {
        let d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return d[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : d[tens]) + "十" + d[ones]
    }
}
