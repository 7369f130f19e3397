import Foundation
import Testing
@testable import TextLink

/// The labelled records and texts of `../shared/corpus` (test-only; nothing from there is used by the product).
enum Corpus {
    static let directory: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SKYRECON_SHARED"] { candidates.append(URL(fileURLWithPath: env)) }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared"))
        candidates.append(root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared"))
        return candidates.map { $0.appendingPathComponent("corpus") }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("records-dev.tsv").path) }
    }()

    static var available: Bool { directory != nil }

    /// The dev labels as dictionaries keyed by the header.
    static func labels() -> [[String: String]] {
        guard let dir = directory,
              let text = try? String(contentsOf: dir.appendingPathComponent("records-dev.tsv"), encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n")
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset < f.count ? f[$0.offset] : "") })
        }
    }
}

let reader: TreatiseReader? = try? TreatiseReader.standard()

@Suite("records-dev.tsv", .enabled(if: Corpus.available && reader != nil,
                                    "../shared/corpus is absent (or the catalogues are not built): dev records not checked"))
struct DevRecordTests {
    /// The scoring of ../shared/tools/score-records.py: found (span overlap), JDN within 0.6 day where
    /// date_check is ok and not ambiguous, subject set, first relation character, object containment.
    @Test func devRecordsMeetTheGoals() throws {
        let labels = Corpus.labels()
        #expect(labels.count >= 150)
        guard let reader, let dir = Corpus.directory else { return }
        var byFile: [String: [RecordReading]] = [:]
        for file in Set(labels.map { $0["file"] ?? "" }) {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            byFile[file] = reader.read(text, file: file)
        }
        var found = 0, jdnN = 0, jdnOK = 0, subj = 0, rel = 0, obj = 0
        var misses: [String] = []
        let five: Set<String> = ["mercury", "venus", "mars", "jupiter", "saturn"]
        for r in labels {
            guard let a = Int(r["char_start"] ?? ""), let b = Int(r["char_end"] ?? "") else { continue }
            let best = (byFile[r["file"] ?? ""] ?? []).map { ($0, min(b, $0.charEnd) - max(a, $0.charStart)) }
                .filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0
            guard let o = best else { misses.append("not found: \(r["span"] ?? "")"); continue }
            found += 1
            if r["date_check"] == "ok", !(r["flags"] ?? "").contains("ambiguous_date"), let ref = Double(r["ref_jd"] ?? "") {
                jdnN += 1
                if let j = o.date.jdn, abs(Double(j) - ref) < 0.6 { jdnOK += 1 } else {
                    misses.append("jdn \(o.date.jdn.map(String.init) ?? "nil") want \(ref): \(r["span"] ?? "")")
                }
            }
            let norm = (r["subject_norm"] ?? "").lowercased()
            let want = norm == "five planets" ? five : Set(norm.split(separator: "+").map(String.init))
            if Set(o.subject.lowercased().split(separator: "+").map(String.init)) == want { subj += 1 } else {
                misses.append("subject \(o.subject) want \(norm): \(r["span"] ?? "")")
            }
            if let first = (r["relation"] ?? "").split(separator: "|").first?.first, o.relation.contains(first) { rel += 1 } else {
                misses.append("relation \(o.relation) want \(r["relation"] ?? ""): \(r["span"] ?? "")")
            }
            let w = (r["object"] ?? "").split(separator: "|", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if w.isEmpty || o.object.contains(w) || (!o.object.isEmpty && w.contains(o.object)) { obj += 1 } else {
                misses.append("object \(o.object) want \(w): \(r["span"] ?? "")")
            }
        }
        let n = Double(labels.count)
        let report = "found \(found) jdn \(jdnOK)/\(jdnN) subject \(subj) relation \(rel) object \(obj) of \(labels.count)\n"
            + misses.prefix(20).joined(separator: "\n")
        #expect(Double(found) / n >= 0.98, "\(report)")
        #expect(Double(jdnOK) / Double(max(jdnN, 1)) >= 0.97, "\(report)")
        #expect(Double(subj) / n >= 0.95, "\(report)")
        #expect(Double(rel) / n >= 0.95, "\(report)")
        #expect(Double(obj) / n >= 0.95, "\(report)")
    }
}

@Suite("reading passages", .enabled(if: reader != nil, "the catalogues are not built (Catalogs/*.fits)"))
struct PassageTests {
    func read(_ s: String) -> [RecordReading] { reader?.read(s) ?? [] }

    @Test func theIssueExampleGivesItsDayAndClaim() {
        let r = read("至德二載二月壬午太白犯昴")
        #expect(r.count == 1)
        // 至德二載二月壬午 = 757-03-14 Julian = JDN 1997609 (calendar tests; Zhang Peiyu's tables).
        #expect(r.first?.date.jdn == 1_997_609)
        #expect(r.first?.date.dynasty == "唐")
        #expect(r.first?.subject == "Venus")
        #expect(r.first?.relation == "犯")
        #expect(r.first?.claims.first?.objectIDs == ["昴"])
    }

    @Test func datesInheritEraYearAndMonth() {
        let r = read("武徳元年五月庚午太白晝見占曰兵起臣彊六月丙子熒惑犯右執法己卯犯左執法")
        #expect(r.count == 3)
        #expect(r.map { $0.date.era } == ["武德", "武德", "武德"])
        #expect(r[1].date.inherited.contains("era") && r[1].date.inherited.contains("year"))
        #expect(r[2].date.month == 6 && r[2].date.inherited.contains("month"))
        #expect(r[2].subject == "Mars" && r[2].subjectInherited)
        // Consecutive sexagenary days of one month are three days apart.
        if let a = r[1].date.jdn, let b = r[2].date.jdn { #expect(b - a == 3) } else { Issue.record("no JDN") }
        #expect(r[0].context?.hasPrefix("占曰") == true)
        #expect(r[0].relation == "晝見")
    }

    @Test func sameNightRecordsAndChains() {
        let r = read("貞觀十九年七月壬午太白入太微是夜月掩南斗太白遂犯左執法")
        #expect(r.count == 3)
        #expect(r[1].subject == "Moon" && r[1].date.jdn == r[0].date.jdn)
        #expect(r[1].date.inherited.contains("day"))
        #expect(r[2].subject == "Venus" && r[2].relation == "犯" && r[2].object == "左執法")
        let chain = read("貞觀十六年十月丙戌熒惑入太微犯左執法")
        #expect(chain.first?.claims.map(\.relation) == ["入", "犯"])
        #expect(chain.first?.object == "太微|左執法")
    }

    @Test func severalSubjectsInTheOrderWritten() {
        let r = read("乾元元年四月熒惑鎮星太白聚于營室")
        #expect(r.first?.subject == "Mars+Saturn+Venus")
        #expect(r.first?.relation == "聚")
        #expect(r.first?.date.status == .month)
    }

    @Test func eclipsePositionAndSlips() {
        let r = read("貞觀十一年三月丙戍朔日有食之在婁二度")
        #expect(r.first?.subject == "Sun" && r.first?.relation == "食")
        #expect(r.first?.position == MansionDu(mansion: "婁", du: 2))
        #expect(r.first?.date.dayGanzhi == "丙戌")
        #expect(r.first?.normalisations.contains { $0.written == "戍" && $0.read == "戌" } == true)
        let day = read("武徳九年七月辛亥太白書見")
        #expect(day.first?.relation == "晝見")
        #expect(day.first?.normalisations.contains { $0.written == "書" } == true)
    }

    @Test func distancesInChi() {
        let r = read("開元二年七月己丑太白犯輿鬼相去七寸")
        #expect(r.first?.claims.first?.distanceChi == 0.7)
    }

    @Test func untestableRecordsAreKeptWithTheReason() {
        let r = read("開元二年七月己丑月暈")
        // 暈 without an object is still a claim of the Moon; its reason names the halo.
        #expect(r.first.map { !$0.testable } == true)
        #expect(r.first?.untestableReason?.contains("halo") == true)
    }

    @Test func badInputComesBackAsARowWithAReason() {
        let none = reader?.readPassage("天下大赦") ?? []
        #expect(none.count == 1 && none[0].claims.isEmpty)
        #expect(none.first?.problems.first?.contains("no dated record") == true)
        let unknown = read("開元二年七月己丑太白犯龍宮")
        #expect(unknown.first?.problems.contains { $0.contains("unknown star name") } == true)
        let garbled = read("開元九十年七月己丑太白犯昴")
        #expect(garbled.first?.date.status == .invalid)
        #expect(garbled.first?.date.note?.isEmpty == false)
    }

    @Test func reusedEraNamesFollowTheRecordsAround() {
        // 太和 after 寶曆 is 唐 (printed 太和 for 大和), not 成漢, 東晉 or 北魏.
        let r = read("寳歴二年五月甲午熒惑犯昴太和元年正月庚午月掩畢")
        #expect(r.count == 2)
        #expect(r[1].date.dynasty == "唐")
        if let a = r[0].date.jdn, let b = r[1].date.jdn { #expect(b > a && b - a < 400) } else { Issue.record("no JDN") }
    }

    @Test func aDynastyWrittenBeforeAnEraChoosesIt() {
        // 至德 is 陳's (583-586) and 唐's (756-758): alone it stays ambiguous, with 唐 or 陳 before it it is theirs.
        let bare = read("至德元年十一月二十六日太白犯昴")
        #expect(bare.first?.date.status == .ambiguous)
        let tang = read("唐至德元年十一月二十六日太白犯昴")
        #expect(tang.first?.date.status == .day)
        #expect(tang.first?.date.dynasty == "唐")
        #expect(tang.first?.date.jdn == 1_997_543)  // 0756-12-22 (Julian), the 丙子 day
        let chen = read("陳至德元年十一月庚申太白犯昴")
        #expect(chen.first?.date.dynasty == "陳")
        #expect(chen.first?.date.jdn == 1_934_347)
        // A dynasty name before an era it never used is text, not a date prefix: the era is read as usual.
        let notTheirs = read("寳歴二年五月甲午熒惑犯昴唐太和元年正月庚午月掩畢")
        #expect(notTheirs.last?.date.dynasty == "唐")
    }

    @Test func headingsSupplyTheSubject() {
        // 宋史 天文志: a title (月犯五緯) and a planet's name before its dates (歲星建隆…).
        let moon = read("月犯五緯建隆二年十一月癸未月犯嵗星三年二月乙巳又犯")
        #expect(moon.count == 2)
        #expect(moon.last?.subject == "Moon" && moon.last?.object == "歲星")
        let jupiter = read("五緯犯列舍嵗星建隆二年四月乙巳犯左執法五月己丑犯東井")
        #expect(jupiter.map(\.subject) == ["Jupiter", "Jupiter"])
        #expect(jupiter.first?.subjectInherited == true)
    }

    @Test func datesListedBeforeAnEventShareIt() {
        let r = read("月掩犯五緯洪武二十三年十一月癸夘及永樂四年正月戊午俱犯熒惑")
        #expect(r.count == 2)
        #expect(r.allSatisfy { $0.subject == "Moon" && $0.relation == "犯" && $0.object == "熒惑" })
        #expect(r.map(\.date.era) == ["洪武", "永樂"])
    }

    @Test func cometsAreKeptButNotTestable() {
        let r = read("貞觀八年八月甲子有星孛于虛危")
        #expect(r.first?.subject == "comet")
        #expect(r.first?.object == "虛危")
        #expect(r.first?.testable == false)
        #expect(r.first?.untestableReason?.contains("comet") == true)
    }

    @Test func jsonLineCarriesTheTopLevelFields() throws {
        let r = read("至德二載二月壬午太白犯昴")
        struct Verdict: Encodable { let verdict = "confirmed" }
        let data = try JSONEncoder().encode(RecordLine(r[0], extra: Verdict()))
        let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        for key in ["file", "char_start", "char_end", "text", "date", "subject", "relation", "object", "object_ids",
                    "position", "testable", "claims", "normalisations", "verdict"] {
            #expect(obj?[key] != nil, "missing \(key)")
        }
        let date = obj?["date"] as? [String: Any]
        for key in ["era", "year", "month", "leap", "day_ganzhi", "jdn", "inherited"] { #expect(date?[key] != nil, "date.\(key)") }
    }
}
