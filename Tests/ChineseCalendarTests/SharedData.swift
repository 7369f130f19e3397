import Foundation
import TestSupport

/// The test-only reference data in `../shared/calendar`, through the tests' one locator (`References`).
/// Nothing from there is used by the product.
enum SharedData {
    static var directory: URL? { References.shared("calendar/conversions-dev.csv")?.deletingLastPathComponent() }

    /// True when the data exist, or when references are required (the tests then fail saying why).
    static var available: Bool { References.runs(needing: "calendar/conversions-dev.csv") }

    /// Rows of a CSV with quoted fields, as dictionaries keyed by the header (read by the product's TableReader).
    static func csv(_ name: String) -> [[String: String]] {
        guard let url = References.shared("calendar/" + name) else { return [] }
        return (try? References.rows(url, dialect: .csv)) ?? []
    }

    /// Rows of a TSV as arrays of fields (header dropped).
    static func tsv(_ name: String) -> [[Substring]] {
        guard let url = References.shared("calendar/" + name),
              let table = try? References.table(url, dialect: .tsv) else { return [] }
        return table.records.map { $0.fields.map { Substring($0) } }
    }
}
