import Foundation
import Testing
@testable import FITS

/// Corrupt files are errors, never crashes. The fuzzer's (scripts/fuzz.sh fits) crash inputs: ea6fce76, a catalogue
/// file whose mutated header asked CFITSIO for a 22-petabyte buffer; 04f1b219, a header whose keyword value made
/// CFITSIO's integer conversion abort the process ("buffer overflow detected" in ffc2j); 7a7eb33f, a TTYPE value of
/// 70 bytes 0xFF on which CFITSIO's table parser (ffgtbp) aborted (now refused by HeaderCheck). And a row count of 10¹⁵
/// in a small table: reading a column must throw, not overflow or allocate.
@Suite struct CorruptFileTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Reads a file the way the fuzz target does: every HDU, its keywords and its columns; errors are fine.
    func readEverything(_ url: URL) {
        guard let file = try? FITSFile.open(url) else { return }
        readEverything(file)
    }

    func readEverything(_ file: FITSFile) {
        defer { try? file.close() }
        let count = (try? file.hduCount()) ?? 0
        for hdu in 1...max(1, min(count, 8)) {
            guard (try? file.moveToHDU(hdu)) != nil else { continue }
            _ = try? file.extensionNames()
            for key in ["EXTNAME", "NAXIS", "NAXIS1", "NAXIS2", "TFIELDS", "BITPIX"] {
                _ = try? file.string(key); _ = try? file.integer(key); _ = try? file.double(key)
            }
            _ = try? file.imageAxes()
            guard let names = try? file.columnNames() else { continue }
            for name in names {
                guard let info = try? file.columnInfo(name) else { continue }
                if case .string = info.type { _ = try? file.readStrings(name) } else { _ = try? file.read(name, as: Double.self) }
            }
        }
    }

    @Test(arguments: ["fits-crash-ea6fce76.fits", "fits-crash-04f1b219.fits", "fits-crash-7a7eb33f.fits"])
    func fuzzerCrashInputIsAnError(name: String) throws {
        let url = Self.repository.appendingPathComponent("Tests/Fixtures/fuzz/\(name)")
        #expect(FileManager.default.fileExists(atPath: url.path))
        readEverything(url)
    }

    @Test("a file opened from memory passes the same header check as from disk",
          arguments: ["fits-crash-ea6fce76.fits", "fits-crash-04f1b219.fits", "fits-crash-7a7eb33f.fits"])
    func memoryOpenOfCrashInput(name: String) throws {
        let url = Self.repository.appendingPathComponent("Tests/Fixtures/fuzz/\(name)")
        let bytes = try Data(contentsOf: url)
        let fromDisk = Result { try FITSFile.open(url) }
        let fromMemory = Result { try FITSFile.open(bytes: bytes, name: url.path) }
        switch (fromDisk, fromMemory) {
        case (.failure(let a), .failure(let b)):
            #expect(a.localizedDescription == b.localizedDescription)
        case (.success(let a), .success(let b)):
            #expect(try a.hduCount() == b.hduCount())
            try a.close(); try b.close()
        default:
            Issue.record("\(name): disk \(fromDisk), memory \(fromMemory)")
        }
        if name == "fits-crash-7a7eb33f.fits" {
            #expect { _ = try FITSFile.open(bytes: bytes) } throws: { e in
                if case .corrupt? = e as? FITSError { return true } else { return false }
            }
        }
        if let file = try? FITSFile.open(bytes: bytes) {
            readEverything(file)
        }
    }

    @Test("a table read from memory equals the file read from disk; a header claiming more rows than the bytes is an error")
    func memoryOpenReadsTables() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-mem-\(UUID().uuidString).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "T", columns: [FITSColumn("X", .double), FITSColumn("S", .string(width: 4))], rows: 3)
        try file.write("X", [1.5, -2.0, 3.25])
        try file.writeStrings("S", ["a", "bb", "ccc"])
        try file.writeChecksums()
        try file.close()
        let bytes = try Data(contentsOf: url)
        let memory = try FITSFile.open(bytes: bytes, name: "t.fits")
        try memory.moveToHDU(named: "T")
        #expect(try memory.read("X", as: Double.self) == [1.5, -2.0, 3.25])
        #expect(try memory.readStrings("S") == ["a", "bb", "ccc"])
        #expect(try memory.checksumsMatch())
        try memory.close()
        #expect(throws: FITSError.self) { try memory.hduCount() }
        // The same bytes cut short inside the table's data read as the truncated file on disk reads.
        let cut = bytes.prefix(2880 * 2 + 8)
        try cut.write(to: url)
        func readX(_ file: FITSFile) -> Result<[Double], FITSError> {
            Result { try file.moveToHDU(named: "T"); return try file.read("X", as: Double.self) }
                .mapError { $0 as? FITSError ?? .corrupt("\($0)", path: "") }
        }
        let shortDisk = readX(try FITSFile.open(url)), shortMemory = readX(try FITSFile.open(bytes: cut, name: url.path))
        #expect("\(shortDisk)" == "\(shortMemory)")
        #expect(throws: FITSError.self) { try FITSFile.open(bytes: [UInt8](), name: "empty") }
        #expect(throws: FITSError.self) { try FITSFile.open(bytes: [UInt8](repeating: 0x41, count: 5000), name: "text") }
    }

    @Test("an image whose axes overflow or whose pixels run past the end of the bytes is an error")
    func corruptImages() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-img-\(UUID().uuidString).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createImage(of: Float.self, axes: [40, 30], name: "IMG")
        try file.writeImage((0..<1200).map(Float.init))
        try file.close()
        let bytes = try Data(contentsOf: url)
        let whole = try FITSFile.open(bytes: bytes)
        try whole.moveToHDU(named: "IMG")
        #expect(try whole.readImage(as: Float.self).last == 1199)
        let cut = bytes.prefix(bytes.count - 2880)
        let short = try FITSFile.open(bytes: cut)
        try short.moveToHDU(named: "IMG")
        #expect(throws: FITSError.self) { _ = try short.readImage(as: Float.self) }
        // NAXIS1 = NAXIS2 = 2^32: the pixel count, 2^64, overflows an Int.
        var header = String(decoding: bytes, as: UTF8.self)
        for (key, value) in [("NAXIS1  =", "4294967296"), ("NAXIS2  =", "4294967296")] {
            let range = try #require(header.range(of: key))
            let card = key + String(repeating: " ", count: 20 - value.count) + " " + value
            header.replaceSubrange(range.lowerBound..<header.index(range.lowerBound, offsetBy: card.count), with: card)
        }
        #expect(throws: FITSError.self) {
            let huge = try FITSFile.open(bytes: Data(header.utf8))
            try huge.moveToHDU(named: "IMG")
            _ = try huge.readImage(as: Float.self)
        }
    }

    @Test func numericKeywordsAreParsedAsFITSWritesThem() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-keys-\(UUID().uuidString).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "T", columns: [FITSColumn("X", .double)], rows: 1)
        try file.write("N", 42)
        try file.write("E", 2_451_545.0625)
        try file.write("S", "text")
        #expect(try file.integer("N") == 42 && file.integer("NAXIS2") == 1)
        #expect(try file.double("E") == 2_451_545.0625 && file.double("N") == 42)
        #expect(throws: FITSError.self) { _ = try file.integer("S") }
        #expect(throws: FITSError.self) { _ = try file.double("S") }
        try file.close()
    }

    @Test func hugeRowCountIsAnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-corrupt-\(UUID().uuidString).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "T", columns: [FITSColumn("X", .double), FITSColumn("S", .string(width: 4))], rows: 3)
        try file.write("X", [1.0, 2.0, 3.0])
        try file.writeStrings("S", ["a", "b", "c"])
        try file.close()
        var bytes = try Data(contentsOf: url)
        let header = String(decoding: bytes.prefix(8640), as: UTF8.self)
        let range = try #require(header.range(of: "NAXIS2  ="))
        let offset = header.utf8.distance(from: header.startIndex, to: range.lowerBound)
        let card = "NAXIS2  = " + String(repeating: " ", count: 4) + "1000000000000000"
        bytes.replaceSubrange(offset..<(offset + card.utf8.count), with: Data(card.utf8))
        try bytes.write(to: url)
        let corrupt = try FITSFile.open(url)
        defer { try? corrupt.close() }
        try corrupt.moveToHDU(named: "T")
        #expect(throws: FITSError.self) { _ = try corrupt.read("X", as: Double.self) }
        #expect(throws: FITSError.self) { _ = try corrupt.readStrings("S") }
    }
}
