import Foundation

/// Where `../shared` (the project's read-only reference data) is, if present.
enum Shared {
    static let root: URL? = {
        if let env = ProcessInfo.processInfo.environment["SKYRECON_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()

    static func file(_ path: String) -> URL? {
        guard let url = root?.appendingPathComponent(path), FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }

    static var hasReference: Bool { file("reference/ephemeris-dev.csv") != nil }
}

/// A plain CSV reader for the reference files (no quoted fields there), skipping `#` comment lines.
func readReferenceCSV(_ url: URL) throws -> (header: [String], rows: [[String]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    var header: [String] = []
    var rows: [[String]] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if header.isEmpty { header = fields } else { rows.append(fields) }
    }
    return (header, rows)
}
