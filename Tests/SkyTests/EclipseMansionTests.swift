import Foundation
import SkyTime
import Testing
@testable import Sky

/// The solar eclipses of 新唐書 卷32 that carry a position (「在翼四度」) in ../shared/corpus/records-dev.tsv: the Sun's
/// 入宿度 on the recorded day (ref_jd) from the mansion API. The Sun comes from the low-precision solar theory of
/// Meeus (Astronomical Algorithms, 2nd ed. 1998, ch. 25, eqs. 25.2–25.8; ≈ 0.01° — 0.01 度 — near J2000, a few
/// hundredths of a degree in the Tang), which keeps this test independent of the ephemeris modules; the lead's
/// integration test repeats it with DE422. Issue 4: at least 85 % must agree on the mansion (an independent
/// computation gets 91 % on all Tang records).
@Suite("Solar-eclipse positions of the Tang records")
struct EclipseMansionTests {
    /// Apparent right ascension of the Sun (Meeus 1998, ch. 25, low accuracy) at a TT Julian date.
    static func sunRightAscension(jd: Double) -> Angle {
        let t = (jd - 2_451_545.0) / 36_525.0
        let l0 = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t
        let m = (357.52911 + 35_999.05029 * t - 0.0001537 * t * t) * .pi / 180
        let c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) + (0.019993 - 0.000101 * t) * sin(2 * m)
            + 0.000289 * sin(3 * m)
        let omega = (125.04 - 1934.136 * t) * .pi / 180
        let lambda = (l0 + c - 0.00569 - 0.00478 * sin(omega)) * .pi / 180
        let eps0 = 23.0 + 26.0 / 60 + (21.448 - 46.8150 * t - 0.00059 * t * t + 0.001813 * t * t * t) / 3600
        let eps = (eps0 + 0.00256 * cos(omega)) * .pi / 180
        return Angle(radians: atan2(cos(eps) * sin(lambda), cos(lambda))).normalized
    }

    @Test("Sun's 入宿度 on the recorded eclipse days agrees on the mansion (≥ 85 %)", .enabled(if: Fixtures.hasShared, "needs ../shared (reference data beside the repository) or SKYRECON_SHARED"))
    func eclipses() throws {
        let catalog = try Fixtures.catalog()
        let rows = try Fixtures.tsv(try #require(Fixtures.sharedFile("corpus/records-dev.tsv")))
        var agree = 0, total = 0
        var differences: [Double] = []
        var report: [String] = []
        for row in rows where row["relation"]?.contains("食") == true && row["subject_norm"] == "Sun" {
            guard let name = row["position_mansion"], !name.isEmpty, let recordedDu = Double(row["position_deg"] ?? ""),
                  let jd = Double(row["ref_jd"] ?? ""), let recorded = catalog.mansions.mansion(name) else { continue }
            // records-README: compare dates only where date_check is ok and the date is not flagged ambiguous
            guard row["date_check"] == "ok", row["flags"]?.contains("ambiguous_date") != true else { continue }
            let instant = Instant(jdTT: jd)  // noon UT of the recorded day, ≈ 19–20 h at Chang'an
            let p = try catalog.mansionPosition(rightAscensionOfDate: Self.sunRightAscension(jd: jd), at: instant)
            total += 1
            if p.mansion.number == recorded.number {
                agree += 1
                differences.append(p.du - recordedDu)
            }
            report.append("\(row["id"] ?? "") \(row["position"] ?? ""): computed \(p.mansion.name) \(String(format: "%.1f", p.du))")
        }
        #expect(total >= 20)
        let share = Double(agree) / Double(max(total, 1))
        #expect(share >= 0.85, "\(agree)/\(total) agree: \(report.joined(separator: "; "))")
        let sorted = differences.sorted()
        let histogram = Dictionary(grouping: sorted) { Int(($0 + 0.5).rounded(.down)) }.sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value.count)" }.joined(separator: ", ")
        print("eclipse 入宿度 difference histogram (whole 度, rounded): \(histogram)")
        print("eclipse 入宿度: \(agree)/\(total) agree on the mansion; computed − recorded 度 (same mansion): "
              + "median \(String(format: "%.2f", sorted.isEmpty ? 0 : sorted[sorted.count / 2])), "
              + "range \(String(format: "%.2f…%.2f", sorted.first ?? 0, sorted.last ?? 0))")
    }
}
