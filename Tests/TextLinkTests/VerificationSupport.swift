import ChineseCalendar
import Ephemeris
import Foundation
import Sky
import SkyTime
@testable import TextLink

/// The dev records and their independent evidence from `../shared/corpus`, and a verifier with the reference's
/// models (compact DE422, ΔT SMH2016).
enum VerificationData {
    static let shared: URL? = {
        if let env = ProcessInfo.processInfo.environment["SKYRECON_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()

    static func file(_ path: String) -> URL? {
        guard let url = shared?.appendingPathComponent(path), FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }

    static var available: Bool { file("corpus/records-evidence-dev.csv") != nil && file("corpus/records-dev.tsv") != nil }

    /// Rows of a TSV (no quoting) or CSV (RFC 4180 quoting) file as dictionaries keyed by the header.
    static func rows(_ url: URL, separator: Character) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [[String]] = []
        var row: [String] = [], field = "", quoted = false
        var chars = Array(text)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && separator == "," && field.isEmpty {
                quoted = true
            } else if c == separator {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field); field = ""
                records.append(row); row = []
            } else if c != "\r" {
                field.append(c)
            }
            i += 1
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().filter { $0.count > 1 }.map { r in
            Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset < r.count ? r[$0.offset] : "") })
        }
    }

    /// A claim and date built from a labelled record (its first relation and object), as the reader would give them.
    static func claim(from label: [String: String]) -> (Claim, RecordDate)? {
        guard let jd = Double(label["ref_jd"] ?? "") else { return nil }
        let subjects = (label["subject_norm"] ?? "").split(separator: "+").map(String.init)
        let relation = String((label["relation"] ?? "").split(separator: "|").first ?? "")
        let object = String((label["object"] ?? "").split(separator: "|", omittingEmptySubsequences: false).first ?? "")
        var position: MansionDu? = nil
        if let m = label["position_mansion"], !m.isEmpty { position = MansionDu(mansion: m, du: Double(label["position_deg"] ?? "")) }
        let daytime = relation.contains("晝")
        let claim = Claim(subjects: subjects, relation: relation, object: object, position: position, daytime: daytime)
        let date = RecordDate(dynasty: label["dynasty"], era: label["era"], jdn: Int(jd.rounded()), status: .day)
        return (claim, date)
    }

    static func verifier() throws -> Verifier {
        let models = SkyModels(ephemeris: try CompactEphemeris.shared(), deltaT: try DeltaTModels.named("smh2016"))
        return Verifier(view: SkyView(models: models, catalog: try SkyCatalog.standard()), calendar: try ChineseCalendar.standard(),
                        gazetteer: try Gazetteer.standard(), chanceTrials: 0, searchBestDate: false)
    }
}
