import Foundation
import TestSupport

/// `../shared` through the tests' one locator (`References`, Tests/Support).
enum Shared {
    static var root: URL? { References.sharedRoot }

    static func file(_ path: String) -> URL? { References.shared(path) }

    /// True when the reference exists, or when references are required (the test then fails saying why).
    static var hasReference: Bool { References.runs(needing: "reference/ephemeris-dev.csv") }
}

/// A reference CSV (`#` comment lines skipped) read through the product's `TableReader`.
func readReferenceCSV(_ url: URL) throws -> (header: [String], rows: [[String]]) {
    let table = try References.table(url, dialect: .csv)
    return (table.header, table.records.map(\.fields))
}
