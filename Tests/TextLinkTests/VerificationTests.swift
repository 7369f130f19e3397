import Foundation
import Testing
@testable import TextLink

@Suite struct VerificationTests {
    /// Independent check: min_sep_deg against records-evidence-dev.csv (JPL DE422 reduced with ERFA, ΔT SMH2016, the
    /// night 18:00–06:00 LMT at Chang'an), where both name the same nearest star, within 0.05°; and the clear cases
    /// (a planet within 0.5° of the star → confirmed or plausible, beyond 5° → contradicted; a solar eclipse within a
    /// day → confirmed or plausible, none → contradicted), as ../shared/tools/score-records.py scores them.
    @Test func devRecordsAgreeWithTheIndependentEvidence() throws {
        guard VerificationData.available, let evURL = VerificationData.file("corpus/records-evidence-dev.csv"),
              let labURL = VerificationData.file("corpus/records-dev.tsv") else {
            print("skipped: ../shared/corpus/records-evidence-dev.csv is absent (set SKYRECON_SHARED)")
            return
        }
        let labels = Dictionary(uniqueKeysWithValues: try VerificationData.rows(labURL, separator: "\t").map { ($0["id"] ?? "", $0) })
        let evidence = try VerificationData.rows(evURL, separator: ",")
        let verifier = try VerificationData.verifier()
        var sameStar = 0, agree = 0, clear = 0, clearOK = 0
        var misses: [String] = []
        for e in evidence where e["date_basis"] == "day" {
            guard let id = e["id"], let label = labels[id], let (claim, date) = VerificationData.claim(from: label) else { continue }
            let v = verifier.verify(claim, date: date)
            let want = Double(e["night_min_sep_geo_deg"] ?? "")
            if let hip = e["night_min_sep_geo_hip"], !hip.isEmpty, let want, v.evidence?.star == "HIP" + hip {
                sameStar += 1
                let got = v.evidence?.minSepDeg ?? .nan
                if abs(got - want) <= 0.05 { agree += 1 } else { misses.append("\(id) min_sep \(got) want \(want) HIP\(hip)") }
            }
            var expected: Bool? = nil
            if ["FAN", "HE", "RU"].contains(e["claim"] ?? ""), !["moon", ""].contains(e["subject_body"] ?? ""), let want {
                expected = want < 0.5 ? true : want > 5 ? false : nil
            }
            if e["claim"] == "SOLAR" { expected = e["ecl_found"] == "1" }
            if let expected {
                clear += 1
                let ok = expected ? (v.verdict == .confirmed || v.verdict == .plausible) : v.verdict == .contradicted
                if ok { clearOK += 1 } else { misses.append("\(id) verdict \(v.verdict.rawValue) on a clear case: \(v.reason)") }
            }
        }
        print("same-star min_sep within 0.05°: \(agree)/\(sameStar); clear-case verdicts \(clearOK)/\(clear)")
        for m in misses { print("  " + m) }
        #expect(sameStar >= 40, "too few records with the same nearest star: \(sameStar)")
        #expect(Double(agree) >= 0.95 * Double(sameStar))
        #expect(clear >= 25)
        #expect(Double(clearOK) >= 0.95 * Double(clear))
    }
}
