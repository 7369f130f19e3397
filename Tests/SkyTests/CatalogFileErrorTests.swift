import Foundation
import Testing
@testable import Sky

/// A missing or damaged catalogue file gives a clear error (issue 4, bad input), never a crash.
@Suite("Missing and corrupt catalogue files")
struct CatalogFileErrorTests {
    /// A scratch catalogue directory: symbolic links to the real files, with `change` applied.
    static func scratch(_ change: (URL) throws -> Void) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-sky-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in SkyCatalog.requiredFiles {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent(name),
                                                       withDestinationURL: Fixtures.catalogs.appendingPathComponent(name))
        }
        try change(dir)
        return dir
    }

    static func replace(_ dir: URL, _ name: String, with data: Data) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.removeItem(at: url)
        try data.write(to: url)
    }

    static func loadError(_ dir: URL) -> SkyCatalogError? {
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try SkyCatalog(directory: dir)
            return nil
        } catch let e as SkyCatalogError {
            return e
        } catch {
            return nil
        }
    }

    @Test("A missing file is named, with how to restore it", arguments: SkyCatalog.requiredFiles)
    func missing(file: String) throws {
        let dir = try Self.scratch { try FileManager.default.removeItem(at: $0.appendingPathComponent(file)) }
        let error = try #require(Self.loadError(dir))
        guard case .missingCatalog(let name, _) = error else { Issue.record("\(error)"); return }
        #expect(name == file)
        #expect(error.localizedDescription.contains("build_sky.sh"))
    }

    @Test("Truncated, garbage or wrong-layout FITS files are reported as unreadable",
          arguments: ["truncated", "garbage", "empty", "wrong layout"])
    func corruptFITS(kind: String) throws {
        let real = try Data(contentsOf: Fixtures.catalogs.appendingPathComponent("stars.fits"))
        let dir = try Self.scratch { dir in
            switch kind {
            case "truncated": try Self.replace(dir, "stars.fits", with: real.prefix(20_000))
            case "garbage": try Self.replace(dir, "stars.fits", with: Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
            case "empty": try Self.replace(dir, "stars.fits", with: Data())
            default:  // a valid FITS file without the expected tables
                let other = try Data(contentsOf: Fixtures.catalogs.appendingPathComponent("constellations.fits"))
                try Self.replace(dir, "stars.fits", with: other)
            }
        }
        let error = try #require(Self.loadError(dir))
        guard case .unreadableCatalog(let path, _) = error else { Issue.record("\(error)"); return }
        #expect(path.hasSuffix("stars.fits"))
        #expect(error.localizedDescription.contains("stars.fits"))
    }

    @Test("Damaged TSV files are reported as unreadable", arguments: ["lunar-mansions.tsv", "asterisms-chinese.tsv",
                                                                      "chinese-star-names.tsv", "chinese-star-aliases.tsv"])
    func corruptTSV(file: String) throws {
        let dir = try Self.scratch { dir in
            let text = try String(contentsOf: Fixtures.catalogs.appendingPathComponent(file), encoding: .utf8)
            // keep the header and drop every tab of the data: each row loses its columns
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let header = lines.firstIndex(where: { !$0.hasPrefix("#") }) {
                for i in (header + 1)..<lines.count { lines[i] = lines[i].replacingOccurrences(of: "\t", with: " ") }
            }
            try Self.replace(dir, file, with: Data(lines.joined(separator: "\n").utf8))
        }
        let error = try #require(Self.loadError(dir))
        guard case .unreadableCatalog = error else { Issue.record("\(error)"); return }
    }

    @Test("A TSV that is not UTF-8 is reported as unreadable")
    func notUTF8() throws {
        let dir = try Self.scratch { try Self.replace($0, "chinese-star-names.tsv", with: Data([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0a])) }
        let error = try #require(Self.loadError(dir))
        guard case .unreadableCatalog = error else { Issue.record("\(error)"); return }
    }

    @Test("An alias whose target does not resolve fails loudly on the first name that needs the name index")
    func badAlias() throws {
        let dir = try Self.scratch { dir in
            try Self.replace(dir, "chinese-star-aliases.tsv", with: Data("name\ttarget\tnote\n某星\tomega Cru\t\n".utf8))
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try SkyCatalog(directory: dir)
        // The bodies' names need no index (a batch of planets never builds it)…
        #expect(try catalog.resolve("venus").object.label == "Venus")
        // …every other name does, and says which file is wrong, every time.
        for _ in 0..<2 {
            do {
                _ = try catalog.resolve("Regulus")
                Issue.record("a bad alias table was accepted")
            } catch let error as SkyCatalogError {
                guard case .unreadableCatalog(let path, let reason) = error else { Issue.record("\(error)"); continue }
                #expect(path.hasSuffix("chinese-star-aliases.tsv"))
                #expect(reason.contains("omega Cru"))
            }
        }
    }
}
