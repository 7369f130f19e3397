import Foundation
import TestSupport
import Testing
@testable import SkyRecon

/// The solar eclipses of 新唐書 卷32 that carry a position (「在翼四度」): the Sun's 入宿度 computed at the new moon of
/// the recorded day, beside the recorded one. Dates come from the product's own Chinese calendar (the record's
/// dynasty, era, year, month and sexagenary day); the records and their labels are
/// ../shared/corpus/records-dev.tsv (records-README.md). The issue asks that at least 85% agree on the mansion
/// (an independent computation gets 91% on all such Tang records).
@Suite(.enabled(if: References.runs(needing: "corpus/records-dev.tsv"), "../shared/corpus/records-dev.tsv is absent: skipped"))
struct EclipseMansionTests {
    struct Outcome { var id: String; var recorded: String; var recordedMansion: Int; var computed: MansionPosition; var differenceDu: Double; var jdn: Int; var referenceJD: String }

    @Test func sunsMansionAtRecordedEclipses() throws {
        let url = try References.require("corpus/records-dev.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines[0]
        func col(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let view = try SkyRecon.view()
        let calendar = try ChineseCalendar.standard()
        let mansions = view.catalog.mansions
        var outcomes: [Outcome] = []
        var undated: [String] = []
        for row in lines.dropFirst() where row.count == header.count {
            guard row[try col("subject_norm")] == "Sun", !row[try col("position_mansion")].isEmpty,
                  let recordedDu = Double(row[try col("position_deg")]) else { continue }
            let text = row[try col("era")] + row[try col("year_text")] + row[try col("month_text")]
                + row[try col("day_ganzhi_norm")] + row[try col("day_marker")]
            let resolution = try? calendar.resolve(text, context: DateContext(dynasty: row[try col("dynasty")]))
            guard case .ok(let date)? = resolution else { undated.append("\(row[0]) \(text)"); continue }
            // The eclipse: the new moon (conjunction in ecliptic longitude) nearest the recorded day's noon.
            let noon = Instant(jdTT: Double(date.jdn), 0)
            let sun = view.targets(of: .body(.sun)), moon = view.targets(of: .body(.moon))
            let elongation: (Double) throws -> Double = { d in
                let i = noon.adding(days: d)
                let s = try view.observe(sun, at: i)[0].apparent.eclipticLongitude
                let m = try view.observe(moon, at: i)[0].apparent.eclipticLongitude
                return (m - s).signedNormalized.degrees
            }
            let conjunction = try Search.crossings(in: -2, 2, step: 0.25, tolerance: 1e-5, elongation)
                .filter(\.rising).min { abs($0.time) < abs($1.time) }
            let instant = noon.adding(days: conjunction?.time ?? 0)
            let place = try view.observe(.body(.sun), at: instant)[0]
            let computed = try view.mansionPosition(of: place)
            let recordedName = row[try col("position_mansion")]
            let recorded = try #require(mansions.mansion(recordedName), "mansion \(recordedName)")
            // Signed difference along the circle, in 度: computed − (start of the recorded mansion + recorded 度).
            let frame = try view.mansionFrame(at: instant)
            let recordedPlace = frame.starts[recorded.number - 1] + ChineseDegree.angle(du: recordedDu)
            let difference = ChineseDegree.du((place.apparent.rightAscension - recordedPlace).signedNormalized)
            outcomes.append(Outcome(id: row[0], recorded: "\(recordedName)\(Int(recordedDu))", recordedMansion: recorded.number, computed: computed,
                                    differenceDu: difference, jdn: date.jdn, referenceJD: row[try col("ref_jd")]))
        }
        let agree = outcomes.filter { $0.recordedMansion == $0.computed.mansion.number }
        let differences = outcomes.map(\.differenceDu).sorted()
        func quantile(_ q: Double) -> Double { differences.isEmpty ? .nan : differences[Int((Double(differences.count - 1) * q).rounded())] }
        print(String(format: "Eclipse 入宿度: %d of %d dated records agree on the mansion (%.0f%%); computed − recorded 度: "
                     + "min %.2f, quartiles %.2f / %.2f / %.2f, max %.2f; undated: %d",
                     agree.count, outcomes.count, 100 * Double(agree.count) / Double(max(outcomes.count, 1)),
                     quantile(0), quantile(0.25), quantile(0.5), quantile(0.75), quantile(1), undated.count))
        for o in outcomes {
            print(String(format: "  %@ JDN %d (sxtwl reference %@): recorded %@ 度, computed %@ %.2f 度 (difference %+.2f)", o.id, o.jdn,
                         o.referenceJD, o.recorded, o.computed.mansion.name, o.computed.du, o.differenceDu))
        }
        for u in undated { print("  not dated by the calendar: \(u)") }
        #expect(outcomes.count >= 20, "most records are dated by the product's calendar; undated: \(undated)")
        #expect(Double(agree.count) >= 0.85 * Double(outcomes.count))
    }
}
