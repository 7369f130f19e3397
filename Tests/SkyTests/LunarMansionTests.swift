import Foundation
import SkyTime
import Testing
@testable import Sky

@Suite("Lunar mansions")
struct LunarMansionTests {
    /// Julian-calendar 1 July of a year (astronomical numbering), as an instant (TT; ΔT is irrelevant here).
    static func midYear(_ year: Int) -> Instant {
        // JD of 1 January of a Julian-calendar year: 1721423.5 + floor(365.25 (year − 1)) + ...; use the standard formula
        let y = Double(year - 1)
        return Instant(jdTT: 1_721_423.5 + (365.25 * y).rounded(.down) + 181)
    }

    /// ../shared/catalogs/lunar-mansions.tsv (checked reference): names, pinyin, both determinative conventions.
    @Test("The mansion table agrees with the checked reference", .enabled(if: Fixtures.hasShared, "needs ../shared (reference data beside the repository) or SKYRECON_SHARED"))
    func tableMatchesReference() throws {
        let mansions = try Fixtures.catalog().mansions.all
        let rows = try Fixtures.tsv(try #require(Fixtures.sharedFile("catalogs/lunar-mansions.tsv")))
        #expect(rows.count == 28)
        for row in rows {
            let n = try #require(Int(row["n"] ?? ""))
            let m = mansions[n - 1]
            #expect(m.name == row["mansion"])
            #expect(m.simplified == row["mansion_simplified"])
            #expect(m.pinyin == row["pinyin"])
            #expect(m.quarter == row["quarter"])
            #expect(m.determinativeHIP == Int(row["det_hip"] ?? ""))
            #expect(m.determinativeName == row["det_name"])
            let early = Int(row["det_pre_qing_hip"] ?? "") ?? m.determinativeHIP
            #expect(m.earlyDeterminativeHIP == early, "mansion \(m.name)")
        }
    }

    /// Stellarium's chinese sky culture numbers each mansion's determinative as star 一 (Qing convention).
    @Test("Qing determinatives are star 一 of each mansion asterism in the Stellarium culture")
    func qingDeterminativesAreStarOne() throws {
        let catalog = try Fixtures.catalog()
        for m in catalog.mansions.all {
            let names = try catalog.chinese.starNames.filter { $0.hip == m.determinativeHIP && !$0.traditional.isEmpty }
            #expect(names.contains { $0.traditional == m.determinativeName }, "\(m.name): \(names.map(\.traditional))")
        }
    }

    /// 授時曆 (1280) widths, ../shared/catalogs/lunar-mansions.tsv column width_shoushi_du, in Shoushi 度
    /// (365.2575 to the circle). Issue 4: computed widths for 1280 within 0.2 度 rms.
    @Test("Widths computed for 1280 match the 授時曆 widths to 0.2 度 rms", .enabled(if: Fixtures.hasShared, "needs ../shared (reference data beside the repository) or SKYRECON_SHARED"))
    func shoushiWidths() throws {
        let catalog = try Fixtures.catalog()
        let rows = try Fixtures.tsv(try #require(Fixtures.sharedFile("catalogs/lunar-mansions.tsv")))
        let widths = try catalog.mansionWidths(at: Self.midYear(1280), convention: .hanToMing)
        var sumSquares = 0.0
        for row in rows {
            let n = try #require(Int(row["n"] ?? ""))
            let recorded = try #require(Double(row["width_shoushi_du"] ?? ""))
            let computed = widths[n - 1].du / ChineseDegree.perDegree * 365.2575 / 360
            sumSquares += (computed - recorded) * (computed - recorded)
        }
        let rms = (sumSquares / Double(rows.count)).squareRoot()
        #expect(rms <= 0.2, "rms \(rms) 度")
    }

    /// 一行's widths around 725 (新唐書 天文志): 畢 17½ 度 and 觜 ½ 度; issue 4 tolerance 0.3 度.
    @Test("Tang widths of 畢 and 觜 around 725 come out within 0.3 度", arguments: [("畢", 17.5), ("觜", 0.5)])
    func tangWidths(mansion: String, recorded: Double) throws {
        let catalog = try Fixtures.catalog()
        let widths = try catalog.mansionWidths(at: Self.midYear(725))  // automatic convention = Han–Ming in 725
        let w = try #require(widths.first { $0.mansion.name == mansion })
        #expect(abs(w.du - recorded) <= 0.3, "\(mansion): \(w.du) 度")
    }

    /// The widths of a frame always add up to one full circle (365.25 度), whatever the epoch or convention.
    @Test("Widths close the circle", arguments: [-1000, 0, 725, 1280, 1900, 2000])
    func widthsClose(year: Int) throws {
        let catalog = try Fixtures.catalog()
        for convention in [MansionConvention.hanToMing, .qing] {
            let total = try catalog.mansionWidths(at: Self.midYear(year), convention: convention).map(\.du).reduce(0, +)
            #expect(abs(total - 365.25) < 1e-9, "\(year) \(convention): \(total)")
        }
    }

    @Test("The automatic convention switches to Qing in 1752")
    func conventionSwitch() {
        #expect(MansionConvention.automatic.resolved(at: Self.midYear(1751)) == .hanToMing)
        #expect(MansionConvention.automatic.resolved(at: Self.midYear(1753)) == .qing)
        #expect(MansionConvention.qing.resolved(at: Self.midYear(725)) == .qing)
    }

    /// A synthetic frame: determinatives every 10° from 5°; positions and the record-style text follow.
    @Test("Positions in a frame: nearest determinative to the west, 度 east of it")
    func synthetic() throws {
        let mansions = try Fixtures.catalog().mansions.all
        let starts = (0..<28).map { Angle(degrees: 5 + Double($0) * 10) }
        let frame = MansionFrame(convention: .hanToMing, coordinate: .equatorial, starts: starts, mansions: mansions)
        let p = frame.position(of: .degrees(9.5))
        #expect(p.mansion.name == "角")
        #expect(abs(p.du - 4.5 * 365.25 / 360) < 1e-9)
        #expect(p.recordStyle == "在角四度")
        let wrap = frame.position(of: .degrees(2))  // west of 角's determinative: in 軫, which runs to 365°
        #expect(wrap.mansion.name == "軫")
        #expect(abs(wrap.du - ChineseDegree.du(.degrees(2 + 360 - 275))) < 1e-9)
        let w = frame.widths
        #expect(abs(w[0].du - ChineseDegree.du(.degrees(10))) < 1e-9)
        #expect(abs(w[27].du - ChineseDegree.du(.degrees(90))) < 1e-9)
    }

    @Test("Polar distance 去極度 and the ecliptic frame")
    func polarDistanceAndEcliptic() throws {
        #expect(abs(LunarMansions.polarDistanceDu(declination: .degrees(0)) - 91.3125) < 1e-9)
        #expect(abs(LunarMansions.polarDistanceDu(declination: .degrees(90))) < 1e-9)
        let mansions = try Fixtures.catalog().mansions.all
        let starts = (0..<28).map { Angle(degrees: Double($0) * 360 / 28) }
        let frame = MansionFrame(convention: .qing, coordinate: .equatorial, starts: starts, mansions: mansions)
        let ecl = frame.ecliptic(obliquity: .degrees(23.5))
        // hour circle α = 90° meets the ecliptic at λ = 90°; α = 0 at λ = 0; in between tan λ = tan α / cos ε
        #expect(abs(ecl.starts[7].degrees - 90) < 1e-9)
        #expect(abs(ecl.starts[0].degrees) < 1e-9)
        let expected = atan(tan(360.0 / 28 * .pi / 180) / cos(23.5 * .pi / 180)) * 180 / .pi
        #expect(abs(ecl.starts[1].degrees - expected) < 1e-9)
        #expect(ecl.coordinate == .ecliptic)
    }
}
