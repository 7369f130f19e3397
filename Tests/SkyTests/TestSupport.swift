import Foundation
import TestSupport
import Testing
@testable import Sky

/// Paths and shared fixtures of the Sky tests.
enum Fixtures {
    /// The repository root (this file is Tests/SkyTests/TestSupport.swift).
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let catalogs = repoRoot.appendingPathComponent("Catalogs")

    /// The read-only reference data, through the tests' one locator (`References`, Tests/Support).
    static var shared: URL? { References.sharedRoot }
    /// True when ../shared exists, or when references are required (the tests then fail saying why).
    static var hasShared: Bool { References.sharedRoot != nil || References.required }

    static func sharedFile(_ relative: String) -> URL? { References.shared(relative) }

    /// The catalogue, loaded once for all tests.
    static let catalogResult: Result<SkyCatalog, Error> = Result { try SkyCatalog(directory: catalogs) }
    static func catalog() throws -> SkyCatalog { try catalogResult.get() }

    /// Rows of a TSV with a header (comment lines starting with '#' skipped), as dictionaries (TableReader).
    static func tsv(_ url: URL) throws -> [[String: String]] { try References.rows(url, dialect: .tsv) }

    /// Greek letters of the reference files → the catalogue's 3-letter codes.
    static func bayerCode(_ greek: String) -> String? { GreekLetters.codeForSpelling[greek] }
}
