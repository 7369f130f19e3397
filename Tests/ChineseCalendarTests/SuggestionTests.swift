import Foundation
import Testing
import TestSupport
@testable import ChineseCalendar

/// "Did you mean" suggestions for misspelt era names (`ChineseCalendar.suggestions(for:)`), found through a
/// character index since the fuzzing of issue 7 showed a full scan costing milliseconds per bad record.
@Suite("era-name suggestions")
struct SuggestionTests {
    /// Recorded from the full scan over every era name (main at 801361c) before the index replaced it.
    static let recordedSuggestions: [(String, [String])] = [
        ("至得", ["至元", "至和", "至大", "至寧", "至德"]),
        ("貞官", ["貞享", "貞元", "貞和", "貞応", "貞應"]),
        ("開圓", ["開元", "開國", "開寶", "開平", "開慶"]),
        ("開远", ["開元", "開國", "開寶", "開平", "開慶"]),
        ("乾龍", ["乾亨", "乾元", "乾化", "乾和", "乾定"]),
        ("康西", ["康保", "康元", "康和", "康國", "康安"]),
        ("光諸", ["光興", "光初", "光化", "光啟", "光和"]),
        ("宣通", ["咸通", "大通", "宣光", "宣和", "宣德"]),
        ("永樂樂", ["永樂"]),
        ("萬歷", ["萬曆", "元暦", "鳳曆", "嘉暦", "聖曆"]),
        ("大歷", ["大曆", "萬曆", "元暦", "鳳曆", "嘉暦"]),
        ("天保", ["天保", "享保", "嘉保", "天仁", "天會"]),
        ("德", []),
        ("至", []),
        ("唐", []),
        ("顯", []),
        ("元", []),
        ("正統十", ["正統"]),
        ("洪武", ["洪武", "光武", "建武", "昌武", "洪熙"]),
        ("弘治", ["弘治", "万治", "仁治", "元治", "同治"]),
        ("嘉清", ["咸清", "嘉保", "嘉元", "嘉興", "嘉吉"]),
        ("道光光", ["道光"]),
        ("咸丰", ["咸豐", "元豐", "咸亨", "咸和", "咸寧"]),
        ("同冶", ["同光", "同治"]),
        ("光緒緒緒", ["光緒"]),
        ("太平興國國", ["太平興國", "太平真君"]),
        ("建中靖國", ["建中靖國", "建武中元", "大中祥符", "太平興國", "延嗣寧國"]),
        ("大中祥府", ["大中祥符", "建中靖國", "大中"]),
        ("天册萬歲", ["天冊萬歲", "永德萬歲", "天儀治平", "天安禮定", "天平勝宝"]),
        ("證聖", ["證聖", "嗣聖", "天聖", "承聖", "紹聖"]),
        ("abc", []),
        ("x", []),
        ("天寶寶", ["天寶", "天平寶字", "天平勝寶", "天平感寶"]),
        ("寶應", ["寶應", "元應", "嘉應", "天應", "寶元"]),
        ("神龍龍", ["神龍"]),
        ("景龍", ["景龍", "景雲", "景元", "景初", "景和"]),
        ("先天天", ["先天"]),
        ("開元元", ["開元", "至元"]),
        ("后至元", ["至元", "後元"]),
        ("後至遠", ["至元"]),
        ("始建國", ["始建國"]),
        ("天鳳", ["天鳳", "五鳳", "儀鳳", "元鳳", "天仁"]),
        ("地皇", ["地皇", "鳳皇", "地節", "開皇"]),
        ("黄初", ["黃初", "元初", "光初", "太初", "延初"]),
        ("黃武", ["黃武", "光武", "建武", "昌武", "洪武"]),
        ("赤烏", ["赤烏"]),
        ("泰始", ["泰始", "元始", "光始", "初始", "太始"]),
        ("太康", ["太康", "元康", "咸康", "天康", "太上"]),
        ("永熙熙", ["永熙"]),
        ("明治", ["明治", "万治", "仁治", "元治", "同治"]),
        ("昭和", ["昭和", "中和", "義和", "乾和", "宣和"]),
        ("大正正", ["大正"]),
        ("延喜", ["延喜", "天喜", "寛喜", "延久", "延享"]),
        ("天平勝寶", ["天平勝寶", "天平勝宝", "天平感寶", "天平寶字", "天平宝字"]),
        ("天平感宝", ["天平感宝", "天平勝宝", "天平感寶", "天平宝字", "天平勝寶"]),
        ("朱鳥", ["朱鳥"]),
        ("白雉", ["白雉", "白雀", "白龍"]),
        ("大化化", ["大化"]),
        ("太初", ["太初", "元初", "光初", "太上", "太元"]),
        ("元封", ["元封", "乾封", "元中", "元豐", "元久"]),
        ("鳳凰", ["鳳凰", "鳳曆", "鳳皇", "鳳翔"]),
        ("甲子", ["庚子"]),
        ("壬午", []),
        ("二月", []),
        ("年年", []),
        ("日月星辰", []),
        ("乾", []),
        ("隆", []),
        ("万历", ["萬曆", "万寿", "万延", "万治", "元暦"]),
        ("崇禎", ["崇禎", "嘉禎", "崇寧", "崇慶", "崇德"]),
        ("順治", ["順治", "万治", "仁治", "元治", "同治"]),
        ("雍正", ["雍正", "乾正", "大正", "天正", "寶正"]),
        ("嘉慶", ["嘉慶", "人慶", "元慶", "嘉保", "嘉元"]),
        ("宣統", ["宣統", "中統", "乾統", "元統", "大統"]),
    ]

    /// Messages of failed parses, recorded likewise.
    static let recordedMessages: [(String, String)] = [
        ("至得二載二月壬午", "unknown reign era 「至得」: did you mean 「至元」, 「至和」, 「至大」, 「至寧」, 「至德」?"),
        ("唐至得二載二月壬午", "unknown reign era 「至得」: did you mean 「至元」, 「至和」, 「至大」, 「至寧」, 「至德」?"),
        ("貞官元年正月朔", "unknown reign era 「貞官」: did you mean 「貞享」, 「貞元」, 「貞和」, 「貞応」, 「貞應」?"),
        ("開圓十年閏五月晦", "unknown reign era 「開圓」: did you mean 「開元」, 「開國」, 「開寶」, 「開平」, 「開慶」?"),
        ("乾龍三年三月三日", "unknown reign era 「乾龍」: did you mean 「乾亨」, 「乾元」, 「乾化」, 「乾和」, 「乾定」?"),
        ("康西六十一年十一月", "unknown reign era 「康西」: did you mean 「康保」, 「康元」, 「康和」, 「康國」, 「康安」?"),
        ("x二年", "unknown reign era 「x」: check the characters, or prefix the dynasty (唐, 北魏 …)"),
        ("abc元年正月", "unknown reign era 「abc」: check the characters, or prefix the dynasty (唐, 北魏 …)"),
        ("天天天天天天元年", "unknown reign era 「天天天天天天」: did you mean 「天授禮法延祚」, 「天賜禮盛國慶」?"),
        ("光諸三十四年十月", "unknown reign era 「光諸」: did you mean 「光興」, 「光初」, 「光化」, 「光啟」, 「光和」?"),
        ("後至遠元年", "unknown reign era 「後至遠」: did you mean 「至元」?"),
        ("唐永樂元年", "「唐」 did not use the era 「永樂」; it was used by 明, 高句麗: change the prefix or drop it"),
    ]

    @Test("the index gives the suggestions the full scan gave (74 misspelt names, 12 failed dates)")
    func recorded() throws {
        let cal = try ChineseCalendar.standard()
        for (name, want) in Self.recordedSuggestions {
            #expect(cal.suggestions(for: name) == want, "\(name)")
        }
        for (text, want) in Self.recordedMessages {
            do {
                _ = try cal.resolve(text)
                Issue.record("\(text) resolved")
            } catch {
                #expect(error.localizedDescription == want)
            }
        }
    }

    /// The former algorithm: every era-name key scored, ties in key order.
    static func fullScan(_ cal: ChineseCalendar, _ name: String, limit: Int = 5) -> [String] {
        let target = Array(Normalizer.normalize(name))
        var scored: [(Int, String)] = []
        for key in cal.eraIndex.keys {
            let k = Array(key)
            var shared = 0
            for (i, c) in k.enumerated() where i < target.count && target[i] == c { shared += 2 }
            shared += Set(k).intersection(target).count
            shared -= abs(k.count - target.count) * 2
            if shared >= 2 { scored.append((shared, key)) }
        }
        var names: [String] = []
        for (_, key) in scored.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }) {
            let trad = cal.eraIndex[key].flatMap { $0.first }.map { cal.eras[$0].name } ?? key
            if !names.contains(trad) { names.append(trad) }
            if names.count == limit { break }
        }
        return names
    }

    @Test("the index agrees with the full scan on random names of era-name characters (seeded)")
    func againstFullScan() throws {
        let cal = try ChineseCalendar.standard()
        let seed = UInt64.random(in: 0...UInt64.max)
        print("suggestion test seed: \(seed)")
        var rng = SplitMix64(seed: seed)
        let alphabet = Array(Set(cal.eraIndex.keys.joined())).sorted() + ["a", "年", "x"]
        let keys = cal.eraIndex.keys.sorted()
        var mismatches: [String] = []
        for i in 0..<1500 {
            var name: [Character]
            if i % 2 == 0, let key = keys.randomElement(using: &rng) {
                // A real name with one character changed, dropped or added.
                name = Array(key)
                let at = Int(rng.next() % UInt64(name.count + 1))
                switch rng.next() % 3 {
                case 0 where at < name.count: name[at] = alphabet.randomElement(using: &rng)!
                case 1 where at < name.count: name.remove(at: at)
                default: name.insert(alphabet.randomElement(using: &rng)!, at: at)
                }
            } else {
                name = (0..<Int(1 + rng.next() % 7)).map { _ in alphabet.randomElement(using: &rng)! }
            }
            let s = String(name)
            let limit = Int(1 + rng.next() % 8)
            let (got, want) = (cal.suggestions(for: s, limit: limit), Self.fullScan(cal, s, limit: limit))
            if got != want, mismatches.count < 5 { mismatches.append("\(s) limit \(limit): \(got) vs \(want)") }
        }
        #expect(mismatches.isEmpty, "seed \(seed): \(mismatches)")
    }

    @Test("a long text that is not a date fails with a message, as does one whose long era part is unknown")
    func longText() throws {
        let cal = try ChineseCalendar.standard()
        let noise = String(repeating: "天二月甲", count: 2_000)
        #expect(throws: ChineseCalendarError.self) { try cal.resolve(noise) }
        #expect(throws: ChineseCalendarError.unknownEra(noise, suggestions: [])) { try cal.resolve(noise + "元年正月") }
    }
}
