import Foundation
import Tables

/// The one locator of the tests' reference data: `../shared` (read-only reference sets beside the repository),
/// the DE421 SPK file of the PyPI package skyfield-data, and the committed fixtures in `Tests/Fixtures`.
///
/// `SKYRECON_SHARED` names the shared folder instead of `../shared` (only that folder is then looked in, so
/// `SKYRECON_SHARED=/nonexistent` hides it); `SKYRECON_TEST_DE421` names de421.bsp.
///
/// Under `SKYRECON_REQUIRE_REFERENCES=1` or `CI=true` (set by `.ci/run`) a test that needs a missing reference
/// fails with a message saying what is missing and how to provide it; otherwise it is skipped with that message.
public enum References {
    /// True when missing references fail the tests instead of skipping them.
    public static let required: Bool = {
        let env = ProcessInfo.processInfo.environment
        return env["SKYRECON_REQUIRE_REFERENCES"] == "1" || env["CI"]?.lowercased() == "true"
    }()

    /// The repository root (this file is Tests/Support/References.swift).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Where the shared folder was looked for.
    public static let sharedCandidates: [URL] = {
        if let env = ProcessInfo.processInfo.environment["SKYRECON_SHARED"], !env.isEmpty {
            return [URL(fileURLWithPath: env)]
        }
        // A git worktree one level deeper (…/wt-NAME beside main) finds ../shared too; ../../shared for wt/NAME.
        let parent = repositoryRoot.deletingLastPathComponent()
        return [parent.appendingPathComponent("shared"), parent.deletingLastPathComponent().appendingPathComponent("shared")]
    }()

    /// The shared folder, or nil.
    public static let sharedRoot: URL? = sharedCandidates.first { url in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A file of the shared folder (`reference/ephemeris-dev.csv`), or nil when absent.
    public static func shared(_ relative: String) -> URL? {
        guard let url = sharedRoot?.appendingPathComponent(relative),
              FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }

    /// For `.enabled(if:)`: true when the shared file exists, and also when references are required, so that
    /// the test runs and fails in `require`.
    public static func runs(needing relative: String) -> Bool { shared(relative) != nil || required }

    /// The shared file, or an error saying what is missing and how to provide it.
    public static func require(_ relative: String) throws -> URL {
        guard let url = shared(relative) else {
            throw MissingReference(what: "../shared/\(relative)",
                                   looked: sharedCandidates.map { $0.appendingPathComponent(relative).path },
                                   fix: "place the project's shared/ folder beside the repository or set SKYRECON_SHARED=/path/to/shared")
        }
        return url
    }

    /// de421.bsp from skyfield-data 7.0.0 (`SKYRECON_TEST_DE421`), or nil.
    public static let de421: URL? = {
        guard let path = ProcessInfo.processInfo.environment["SKYRECON_TEST_DE421"], !path.isEmpty,
              FileManager.default.fileExists(atPath: path) else { return nil }
        return URL(fileURLWithPath: path)
    }()

    /// For `.enabled(if:)`: DE421 is present, or required.
    public static var runsNeedingDE421: Bool { de421 != nil || required }

    /// de421.bsp, or an error saying how to get it.
    public static func requireDE421() throws -> URL {
        guard let url = de421 else {
            throw MissingReference(what: "de421.bsp", looked: ["SKYRECON_TEST_DE421"],
                                   fix: "bash scripts/test.sh installs skyfield-data==7.0.0 and sets SKYRECON_TEST_DE421")
        }
        return url
    }

    /// A committed fixture under Tests/Fixtures.
    public static func fixture(_ relative: String) throws -> URL {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingReference(what: "Tests/Fixtures/\(relative)", looked: [url.path],
                                   fix: "restore it with git, or regenerate it with python3 scripts/make_fixtures.py")
        }
        return url
    }

    /// What the reference checks need and lack (empty when all is there).
    public static func missing(_ relatives: [String], de421: Bool = false) -> [String] {
        relatives.filter { shared($0) == nil }.map { "../shared/\($0)" } + (de421 && self.de421 == nil ? ["de421.bsp (SKYRECON_TEST_DE421)"] : [])
    }

    /// What a test target's reference check says: nil when every reference is there, else one message naming what
    /// is missing, where the shared folder was looked for, and how to supply it.
    public static func absence(of relatives: [String], de421: Bool, target: String) -> String? {
        let missing = missing(relatives, de421: de421)
        guard !missing.isEmpty else { return nil }
        return "\(target): missing \(missing.joined(separator: ", ")) (shared folder looked for in "
            + sharedCandidates.map(\.path).joined(separator: ", ")
            + "): place the project's shared/ folder beside the repository or set SKYRECON_SHARED; "
            + "bash scripts/test.sh sets SKYRECON_TEST_DE421"
    }

    /// A reference CSV or TSV with a header row, read through the product's `TableReader` (`#` comments allowed).
    public static func table(_ url: URL, dialect: TableDialect? = nil) throws -> HeaderedTable {
        try HeaderedTable.read(path: url.path, dialect: dialect ?? (url.pathExtension == "tsv" ? .tsv : .csv), requiredFields: 0)
    }

    /// The rows of a reference table as dictionaries by column (missing trailing fields read as empty).
    public static func rows(_ url: URL, dialect: TableDialect? = nil) throws -> [[String: String]] {
        let t = try table(url, dialect: dialect)
        return t.records.map { r in
            var row: [String: String] = [:]
            for (i, name) in t.header.enumerated() where row[name] == nil { row[name] = r[i] }
            return row
        }
    }
}

/// A reference the tests need is missing; the message says what, where it was looked for, and how to fix it.
public struct MissingReference: Error, CustomStringConvertible, LocalizedError {
    public let what: String
    public let looked: [String]
    public let fix: String

    public var description: String {
        "missing test reference \(what) (looked in: \(looked.joined(separator: ", "))); "
            + (References.required ? "SKYRECON_REQUIRE_REFERENCES=1 or CI=true makes this a failure: " : "") + fix
    }

    public var errorDescription: String? { description }
}
