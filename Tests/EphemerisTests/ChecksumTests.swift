import FITS
import Foundation
import TestSupport
import Testing
@testable import Ephemeris

private let compactFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Catalogs/\(CompactEphemeris.fileName)")
private let haveCompactFile = FileManager.default.fileExists(atPath: compactFile.path)

/// The FITS checksum that guards the compact ephemeris, computed eight words at a time.
@Suite("FITS checksum of the mapped ephemeris")
struct ChecksumTests {
    /// The definition, independently: FITS Standard 4.0 appendix J, a 32-bit ones'-complement sum of big-endian
    /// words, the carry added back after every word.
    static func definition(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        var sum: UInt32 = 0
        for i in stride(from: range.lowerBound, to: range.upperBound, by: 4) {
            let word = UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
            let (s, carry) = sum.addingReportingOverflow(word)
            sum = s &+ (carry ? 1 : 0)
        }
        return sum
    }

    static func mapped(_ bytes: [UInt8]) throws -> (MappedFile, URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-sum-\(UUID()).bin")
        try Data(bytes).write(to: url)
        return (try MappedFile(path: url.path), url)
    }

    @Test("Equals the word-by-word sum on random data, at every offset and length")
    func randomData() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("ChecksumTests.randomData seed \(seed)")
        var rng = SplitMix64(seed: seed)
        let bytes = (0..<70_001).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let (file, url) = try Self.mapped(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        // Every length from 0 to 100 words (none, part of one 32-byte step, several and a remainder) at every start
        // modulo 32 bytes, then long random ranges.
        for start in 0..<36 {
            for words in 0...100 {
                let range = start..<(start + 4 * words)
                #expect(file.checksum(from: range.lowerBound, to: range.upperBound) == Self.definition(bytes, range),
                        "seed \(seed), \(range)")
            }
        }
        for _ in 0..<50 {
            let start = Int.random(in: 0..<20_000, using: &rng)
            let range = start..<(start + 4 * Int.random(in: 0...((bytes.count - start) / 4), using: &rng))
            let expected = Self.definition(bytes, range)
            #expect(file.checksum(from: range.lowerBound, to: range.upperBound) == expected, "seed \(seed), \(range)")
            #expect(file.scalarChecksum(from: range.lowerBound, to: range.upperBound) == expected, "seed \(seed), \(range)")
        }
    }

    /// All-ones words carry on every addition; a sum of all ones and zeros is "negative zero".
    @Test("Carries fold as in the definition", arguments: [UInt8(0xFF), 0x80, 0x7F, 0x01, 0x00])
    func carries(byte: UInt8) throws {
        // 100,001 words: several blocks of 256 steps of eight words, the largest lane sums the method keeps.
        var bytes = [UInt8](repeating: byte, count: 4 * 100_001)
        bytes[17] = 0xFE
        let (file, url) = try Self.mapped(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        for words in [0, 1, 7, 8, 9, 63, 64, 65, 1000, 2047, 2048, 2049, 100_000, 100_001] {
            #expect(file.checksum(from: 0, to: 4 * words) == Self.definition(bytes, 0..<(4 * words)), "\(words) words")
        }
    }

    @Test("The ephemeris file's HDUs sum as CFITSIO checks them", .enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"))
    func ephemerisFile() throws {
        let mapping = try MappedFile(path: compactFile.path)
        let file = try FITSFile.open(compactFile)
        defer { try? file.close() }
        for number in 1...(try file.hduCount()) {
            try file.moveToHDU(number)
            let name = "HDU \(number)"
            let hdu = try file.hduLocation()
            #expect(try file.checksumsMatch(), "\(name)")
            let data = mapping.checksum(from: hdu.dataStart, to: hdu.dataEnd)
            #expect(data == mapping.scalarChecksum(from: hdu.dataStart, to: hdu.dataEnd), "\(name)")
            #expect(UInt32(try file.string("DATASUM").trimmingCharacters(in: .whitespaces)) == data, "\(name)")
            // The whole HDU sums to negative zero.
            #expect(mapping.checksum(from: hdu.headerStart, to: hdu.dataEnd) == 0xFFFF_FFFF, "\(name)")
        }
    }

    @Test("One changed bit in a series' data is refused, naming the damage",
          .enabled(if: haveCompactFile, "needs Catalogs/\(CompactEphemeris.fileName)"))
    func damagedData() throws {
        var bytes = try Data(contentsOf: compactFile)
        let file = try FITSFile.open(compactFile)
        try file.moveToHDU(named: "MARS")
        let hdu = try file.hduLocation()
        try file.close()
        bytes[(hdu.dataStart + hdu.dataEnd) / 2] ^= 0x10
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-eph-\(UUID()).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        try bytes.write(to: url)
        do {
            _ = try CompactEphemeris(url: url)
            Issue.record("a damaged ephemeris was accepted")
        } catch let error as EphemerisError {
            #expect(error.localizedDescription.contains("HDU MARS fails its CHECKSUM/DATASUM test"), "\(error.localizedDescription)")
            #expect(error.localizedDescription.contains(url.path))
        }
    }
}
