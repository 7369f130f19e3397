import Foundation
import TestSupport
import Testing
@testable import SkyRecon

/// The batch command's library core against the independent DE422 reference
/// (../shared/reference/ephemeris-dev.csv: JPL DE422 + ERFA, header comments define every column), given only the
/// file's `body`, `jd_tt`, `jd_ut`, `delta_t_s` and `site` columns — everything else comes from the product's own
/// ephemeris, catalogue, gazetteer and reductions. Tolerances are the issue's.
@Suite(.enabled(if: Shared.hasReference, "../shared/reference/ephemeris-dev.csv is absent: reference comparison skipped"))
struct BatchReferenceTests {
    static let planets: Set<String> = ["sun", "mercury", "venus", "mars", "jupiter", "saturn", "uranus", "neptune"]

    func angularDifference(_ a: Double, _ b: Double, cosFactor: Double = 1) -> Double {
        var d = (a - b).truncatingRemainder(dividingBy: 360)
        if d > 180 { d -= 360 }
        if d < -180 { d += 360 }
        return abs(d) * cosFactor * 3600
    }

    @Test func batchReproducesTheReferenceColumns() throws {
        let url = try References.require("reference/ephemeris-dev.csv")
        let (header, rows) = try readReferenceCSV(url)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "column \(name)") }
        let inputColumns = ["body", "jd_tt", "jd_ut", "delta_t_s", "site"]
        let inputIndex = try inputColumns.map(column)
        let batch = try PositionBatch(header: inputColumns)
        let view = try SkyRecon.view()
        let context = try PositionBatch.Context(view: view, gazetteer: try Gazetteer.standard())
        var names = PositionBatch.NameCache()
        var worst: [String: (value: Double, line: String)] = [:]
        var failures: [String] = []
        func check(_ key: String, _ value: Double, _ tolerance: Double, _ where: String) {
            if value > (worst[key]?.value ?? -1) { worst[key] = (value, `where`) }
            if !(value <= tolerance), failures.count < 40 {
                failures.append(String(format: "%@ %.4f\" > %.3f\" at %@", key, value, tolerance, `where`))
            }
        }
        for row in rows {
            let body = row[try column("body")]
            let site = row[try column("site")]
            let cells = try batch.compute(inputIndex.map { row[$0] }, context: context, names: &names)
            let out = Dictionary(zip(batch.outputHeader, cells.map(\.text)), uniquingKeysWith: { a, _ in a })
            func ref(_ name: String) throws -> Double? { Double(row[try column(name)]) }
            func got(_ name: String) -> Double? { out[name].flatMap(Double.init) }
            let rowName = "\(body) \(site) jd_tt \(row[try column("jd_tt")])"
            let isMoon = body == "moon", isStar = body.hasPrefix("HIP")
            let kind = isStar ? "star" : isMoon ? "moon" : "planet"
            if site.isEmpty {
                if let ra = try ref("ra_astr_deg"), let dec = try ref("dec_astr_deg") {
                    let g = (got("ra_astr_deg") ?? .nan, got("dec_astr_deg") ?? .nan)
                    let tol = isStar ? 0.01 : isMoon ? 0.1 : 0.05
                    check("astrometric \(kind)", max(angularDifference(g.0, ra, cosFactor: cos(dec * .pi / 180)),
                                                     angularDifference(g.1, dec)), tol, rowName)
                }
                if let ra = try ref("ra_app_ltp_deg"), let dec = try ref("dec_app_ltp_deg"),
                   let lon = try ref("lon_app_ltp_deg"), let lat = try ref("lat_app_ltp_deg") {
                    let tol = isStar ? 0.01 : isMoon ? 0.15 : 0.1
                    check("apparent RA/Dec \(kind)", max(
                        angularDifference(got("ra_app_deg") ?? .nan, ra, cosFactor: cos(dec * .pi / 180)),
                        angularDifference(got("dec_app_deg") ?? .nan, dec)), tol, rowName)
                    check("apparent lon/lat \(kind)", max(
                        angularDifference(got("lon_app_deg") ?? .nan, lon, cosFactor: cos(lat * .pi / 180)),
                        angularDifference(got("lat_app_deg") ?? .nan, lat)), tol, rowName)
                }
                if let dist = try ref("dist_au") {
                    check("distance \(kind) (relative, in ″)", abs((got("dist_au") ?? .nan) / dist - 1) * 206_265, 0.1, rowName)
                }
            } else if let alt = try ref("alt_deg"), alt > 5, let az = try ref("az_deg"), let refr = try ref("alt_refr_deg") {
                check("altitude", angularDifference(got("alt_deg") ?? .nan, alt), 1, rowName)
                check("azimuth (on the sky)", angularDifference(got("az_deg") ?? .nan, az, cosFactor: cos(alt * .pi / 180)), 1, rowName)
                check("refracted altitude", angularDifference(got("alt_refr_deg") ?? .nan, refr), 1, rowName)
            }
        }
        let summary = worst.keys.sorted().map { String(format: "%@: max %.4f\" (%@)", $0, worst[$0]!.value, worst[$0]!.line) }
        print("Batch vs DE422 reference (\(rows.count) rows):\n" + summary.joined(separator: "\n"))
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(worst.count >= 9, "every quantity was compared")
    }
}
