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
            let catalog = try SkyCatalog(directory: dir)
            // The star catalogue and the Chinese sky culture are read on first use: their errors surface there.
            _ = try catalog.stars
            _ = try catalog.chinese
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
        let dir = try Self.scratch { try Self.damageStars(in: $0, kind) }
        let error = try #require(Self.loadError(dir))
        guard case .unreadableCatalog(let path, _) = error else { Issue.record("\(error)"); return }
        #expect(path.hasSuffix("stars.fits"))
        #expect(error.localizedDescription.contains("stars.fits"))
    }

    /// A batch of planets reads only the determinatives' rows of stars.fits: where the file is damaged it must fail
    /// with the very error the whole catalogue gives, never take a wrong row.
    @Test("A damaged stars.fits fails the lunar mansions' stars with the star catalogue's own error",
          arguments: ["truncated", "garbage", "empty", "wrong layout", "determinative HIP zeroed", "table truncated"])
    func determinativesOfDamagedStars(kind: String) throws {
        let dir = try Self.scratch { try Self.damageStars(in: $0, kind) }
        defer { try? FileManager.default.removeItem(at: dir) }
        let byRows = try SkyCatalog(directory: dir), whole = try SkyCatalog(directory: dir)
        let rowsError = #expect(throws: SkyCatalogError.self) { try byRows.determinatives() }
        let wholeError = #expect(throws: SkyCatalogError.self) { try whole.stars }
        #expect(rowsError == wholeError)
        let error = try #require(rowsError)
        if case .unreadableCatalog(let path, _) = error { #expect(path.hasSuffix("stars.fits")) } else {
            Issue.record("\(error)")
        }
        // Every later use says the same.
        #expect(throws: error) { try byRows.determinatives() }
        #expect(throws: error) { try byRows.stars }
    }

    /// Replaces stars.fits in a scratch directory by a damaged copy.
    static func damageStars(in dir: URL, _ kind: String) throws {
        let real = try Data(contentsOf: Fixtures.catalogs.appendingPathComponent("stars.fits"))
        let damaged: Data
        switch kind {
        case "truncated": damaged = real.prefix(20_000)
        case "garbage": damaged = Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        case "empty": damaged = Data()
        case "wrong layout":  // a valid FITS file without the expected tables
            damaged = try Data(contentsOf: Fixtures.catalogs.appendingPathComponent("constellations.fits"))
        case "table truncated": damaged = real.prefix(real.count / 2)
        case "determinative HIP zeroed":
            // Spica's row (HIP 65474, 角宿一) keeps its data but loses its HIP number: the search cannot find it.
            let row = try #require(Self.starsRow(of: 65474, in: real))
            var copy = real
            copy.replaceSubrange(row..<(row + 4), with: [0, 0, 0, 0])
            damaged = copy
        default: Issue.record("no such damage: \(kind)"); return
        }
        try Self.replace(dir, "stars.fits", with: damaged)
    }

    /// The byte offset of a star's row in the STARS table of stars.fits (its first column is HIP, a big-endian Int32).
    static func starsRow(of hip: Int32, in data: Data) -> Int? {
        let bytes = [UInt8](data)
        let block = 2880
        // The STARS table's header follows the primary HDU (one block); its data start after the block holding END.
        var offset = block
        while offset + block <= bytes.count {
            let cards = (0..<36).map { String(decoding: bytes[(offset + $0 * 80)..<(offset + $0 * 80 + 8)], as: UTF8.self) }
            offset += block
            if cards.contains("END     ") { break }
        }
        let rowBytes = 63
        var row = offset
        while row + rowBytes <= bytes.count {
            let value = Int32(bigEndian: bytes[row..<(row + 4)].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) })
            if value == hip { return row }
            row += rowBytes
        }
        return nil
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
