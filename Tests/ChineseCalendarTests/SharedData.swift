import Foundation

/// Locates the test-only reference data in `../shared/calendar` (relative to the repository root; a git
/// worktree one level deeper also looks in `../../shared`). Nothing from there is used by the product.
enum SharedData {
    static let directory: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SKYRECON_SHARED"] { candidates.append(URL(fileURLWithPath: env)) }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared"))
        candidates.append(root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared"))
        return candidates.map { $0.appendingPathComponent("calendar") }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("conversions-dev.csv").path) }
    }()

    static var available: Bool { directory != nil }

    static func text(_ name: String) -> String? {
        guard let dir = directory else { return nil }
        return try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// Rows of a CSV with quoted fields, as dictionaries keyed by the header.
    static func csv(_ name: String) -> [[String: String]] {
        guard let text = text(name) else { return [] }
        var rows: [[String]] = []
        var row: [String] = [], field = "", quoted = false
        var it = Array(text)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" { field.append("\""); it = it.dropFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { row.append(field); field = ""; rows.append(row); row = [] }
            else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { r in
            Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset < r.count ? r[$0.offset] : "") })
        }
    }

    /// Rows of a TSV as arrays of fields (header dropped).
    static func tsv(_ name: String) -> [[Substring]] {
        guard let text = text(name) else { return [] }
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }
}
