import Foundation
import Testing
@testable import FITS

/// Round trips and failure modes of the CFITSIO wrapper. Reference: the FITS Standard 4.0 (2018), ch. 7.3.
@Suite struct FITSTests {
    private func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("skyrecon-fits-\(UUID().uuidString)-\(name)")
    }

    private func roundTrip<T: FITSNumeric & Equatable>(_ values: [T], count: Int = 1) throws -> [T] {
        let url = temporaryURL("\(T.self).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "DATA", columns: [FITSColumn("V", T.columnType, count: count)])
        try file.write("V", values)
        try file.close()
        let reader = try FITSFile.open(url)
        try reader.moveToHDU(named: "DATA")
        #expect(try reader.rowCount() == values.count / count)
        #expect(try reader.columnInfo("V").type == T.columnType)
        #expect(try reader.columnInfo("V").count == count)
        return try reader.read("V", as: T.self)
    }

    @Test("Rows read one by one are the whole column's values at those rows")
    func rowsRead() throws {
        let url = temporaryURL("rows.fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "DATA", columns: [FITSColumn("PAIR", .int32, count: 2), FITSColumn("X", .float),
                                                            FITSColumn("NAME", .string(width: 3))])
        let pairs = (0..<20).map { Int32($0 * 1_000_003 % 65_537) - 30_000 }
        let xs: [Float] = (0..<10).map { Float($0) * 0.1 - 0.35 }
        try file.write("PAIR", pairs)
        try file.write("X", xs)
        try file.writeStrings("NAME", (0..<10).map { "n\($0)" })
        try file.close()
        let reader = try FITSFile.open(url)
        defer { try? reader.close() }
        try reader.moveToHDU(named: "DATA")
        let rows = [3, 0, 9, 3, 7]
        #expect(try reader.read("PAIR", rows: rows, as: Int32.self) == rows.flatMap { [pairs[2 * $0], pairs[2 * $0 + 1]] })
        #expect(try reader.read("X", rows: rows, as: Float.self) == rows.map { xs[$0] })
        // Converted as a whole-column read converts them.
        #expect(try reader.read("X", rows: rows, as: Double.self) == rows.map { try! reader.read("X", as: Double.self)[$0] })
        #expect(try reader.read("X", rows: [], as: Float.self) == [])
        for bad in [-1, 10] {
            #expect { _ = try reader.read("X", rows: [0, bad], as: Float.self) } throws: { e in
                if case .invalidValue? = e as? FITSError { return true } else { return false }
            }
        }
        #expect { _ = try reader.read("NAME", rows: [0], as: Float.self) } throws: { e in
            if case .columnTypeMismatch? = e as? FITSError { return true } else { return false }
        }
    }

    @Test func int8RoundTrip() throws {
        let values: [Int8] = [.min, -1, 0, 1, 77, .max]
        #expect(try roundTrip(values) == values)
    }

    @Test func uint8VectorRoundTrip() throws {
        let values: [UInt8] = (0..<30).map { UInt8(($0 * 37) % 256) } + [0, 255]
        #expect(try roundTrip(values, count: 4) == values)
    }

    @Test func int16RoundTrip() throws {
        let values: [Int16] = [.min, -300, 0, 12_345, .max]
        #expect(try roundTrip(values) == values)
    }

    @Test func int32RoundTrip() throws {
        let values: [Int32] = [.min, -70_000, 0, 1_234_567_890, .max]
        #expect(try roundTrip(values) == values)
    }

    @Test func int64RoundTrip() throws {
        let values: [Int64] = [.min, -5_000_000_000, 0, 9_007_199_254_740_993, .max]
        #expect(try roundTrip(values) == values)
    }

    @Test func floatRoundTrip() throws {
        let values: [Float] = [-.greatestFiniteMagnitude, -1.5, 0, .leastNonzeroMagnitude, 3.1415927, .infinity]
        #expect(try roundTrip(values) == values)
    }

    @Test func doubleRoundTrip() throws {
        let values: [Double] = [-1e300, -0.1, 0, 2_451_545.000_000_1, .pi, 1e-300]
        #expect(try roundTrip(values, count: 2) == values)
    }

    @Test("several columns read in one pass equal the columns read one by one, across blocks of rows")
    func columnsInOnePass() throws {
        let url = temporaryURL("columns.fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = 10_007  // rows of 31 bytes: 1,858 to a block, so six blocks, the last one short
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "T", columns: [FITSColumn("A", .int16), FITSColumn("B", .double),
                                                         FITSColumn("C", .int32, count: 3), FITSColumn("S", .string(width: 5)),
                                                         FITSColumn("D", .uint8)])
        try file.write("A", (0..<rows).map { Int16(truncatingIfNeeded: $0 * 7 - 20_000) })
        try file.write("B", (0..<rows).map { Double($0) * 0.125 - 3 })
        try file.write("C", (0..<(3 * rows)).map { Int32($0 * 977) })
        try file.writeStrings("S", (0..<rows).map { "s\($0 % 1000)" })
        try file.write("D", (0..<rows).map { UInt8($0 % 256) })
        try file.close()
        let reader = try FITSFile.open(url)
        try reader.moveToHDU(named: "T")
        let names = ["C", "A", "D", "B"]
        let together = try reader.read(columns: names, as: Double.self)
        for (k, name) in names.enumerated() {
            let single = try reader.read(name, as: Double.self)
            #expect(together[k] == single, "\(name)")
        }
        #expect(together[0].count == 3 * rows && together[1].count == rows)
        let ints = try reader.read(columns: ["A", "D"], as: Int32.self)
        let (a, d) = (try reader.read("A", as: Int32.self), try reader.read("D", as: Int32.self))
        #expect(ints[0] == a && ints[1] == d)
        #expect(throws: FITSError.self) { _ = try reader.read(columns: ["A", "S"], as: Int32.self) }
        #expect(throws: FITSError.self) { _ = try reader.read(columns: ["A", "NOPE"], as: Int32.self) }
        #expect(try reader.read(columns: [], as: Int32.self).isEmpty)
    }

    @Test func stringsAndKeywordsRoundTrip() throws {
        let url = temporaryURL("strings.fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let long = String(repeating: "0123456789,", count: 20)
        let file = try FITSFile.create(url)
        try file.write("ORIGIN", "skyrecon test", comment: "who wrote it")
        try file.write("LONGVAL", long)
        try file.write("ANSWER", 42)
        try file.write("JD", 2_451_545.123_456_789_012)
        try file.createBinaryTable(named: "NAMES", columns: [
            FITSColumn("NAME", .string(width: 12)), FITSColumn("MAG", .float, unit: "mag"),
        ])
        try file.writeStrings("NAME", ["Sirius", "", "alpha Cen A"])
        try file.write("MAG", [Float(-1.46), 0, -0.01])
        try file.close()

        let reader = try FITSFile.open(url)
        #expect(try reader.hduCount() == 2)
        #expect(try reader.extensionNames() == ["", "NAMES"])
        #expect(try reader.string("ORIGIN") == "skyrecon test")
        #expect(try reader.string("LONGVAL") == long)
        #expect(try reader.integer("ANSWER") == 42)
        #expect(try reader.double("JD") == 2_451_545.123_456_789_012)
        #expect(try reader.hasKeyword("ABSENT") == false)
        #expect(throws: FITSError.self) { try reader.integer("ABSENT") }
        try reader.moveToHDU(named: "names")
        #expect(try reader.currentHDU() == 2)
        #expect(try reader.columnNames() == ["NAME", "MAG"])
        #expect(try reader.readStrings("NAME") == ["Sirius", "", "alpha Cen A"])
        #expect(try reader.read("MAG", as: Float.self) == [-1.46, 0, -0.01])
        #expect(throws: FITSError.self) { try reader.read("NAME", as: Double.self) }
        #expect(throws: FITSError.self) { try reader.readStrings("MAG") }
        #expect(throws: FITSError.self) { try reader.read("NOPE", as: Double.self) }
        #expect(throws: FITSError.self) { try reader.moveToHDU(named: "MISSING") }
        #expect(throws: FITSError.self) { try reader.moveToHDU(7) }
        try reader.close()
        #expect(throws: FITSError.self) { try reader.rowCount() }
    }

    @Test func badStringValuesAreRejected() throws {
        let url = temporaryURL("badstrings.fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "T", columns: [FITSColumn("S", .string(width: 3))])
        #expect(throws: FITSError.self) { try file.writeStrings("S", ["toolong"]) }
        #expect(throws: FITSError.self) { try file.writeStrings("S", ["北"]) }
        #expect(throws: FITSError.self) { try file.write("K", "é") }
        #expect(throws: FITSError.self) { try FITSFile.create(url) }
    }

    @Test func checksumsDetectDamage() throws {
        let url = temporaryURL("sums.fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "DATA", columns: [FITSColumn("X", .int32)])
        try file.write("X", (0..<1_000).map(Int32.init))
        try file.writeChecksums()
        try file.close()
        let reader = try FITSFile.open(url)
        try reader.moveToHDU(named: "DATA")
        #expect(try reader.checksumsMatch())
        try reader.close()
        var data = try Data(contentsOf: url)
        data[data.count - 3000] ^= 0x10  // one bit inside the table data
        try data.write(to: url)
        let damaged = try FITSFile.open(url)
        try damaged.moveToHDU(named: "DATA")
        #expect(try damaged.checksumsMatch() == false)
    }

    @Test func imagesRoundTrip() throws {
        let url = temporaryURL("image.fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createImage(of: Float.self, axes: [3, 2])
        try file.write("CTYPE1", "RA---TAN")
        try file.write("CRVAL1", 83.82)
        try file.writeImage([Float(1), 2, 3, 4, 5, -6.5])
        #expect(throws: FITSError.self) { try file.writeImage([Float(1)]) }
        try file.createImage(of: Int16.self, axes: [2, 2, 2], name: "CUBE")
        try file.writeImage((0..<8).map { Int16($0 * -1000) })
        try file.createImage(of: Int8.self, axes: [4], name: "SIGNED")
        try file.writeImage([Int8.min, -1, 0, .max])
        try file.close()

        let reader = try FITSFile.open(url)
        #expect(try reader.hduCount() == 3)
        #expect(try reader.imageAxes() == [3, 2])
        #expect(try reader.string("CTYPE1") == "RA---TAN")
        #expect(try reader.readImage(as: Float.self) == [1, 2, 3, 4, 5, -6.5])
        try reader.moveToHDU(named: "CUBE")
        #expect(try reader.imageAxes() == [2, 2, 2])
        #expect(try reader.readImage(as: Double.self) == (0..<8).map { Double($0 * -1000) })
        try reader.moveToHDU(named: "SIGNED")
        #expect(try reader.readImage(as: Int8.self) == [Int8.min, -1, 0, .max])
        #expect(throws: FITSError.self) { try reader.createImage(of: Float.self, axes: [0]) }
    }

    @Test func missingFileThrows() {
        let url = temporaryURL("absent.fits")
        #expect(throws: FITSError.self) { try FITSFile.open(url) }
        do {
            _ = try FITSFile.open(url)
        } catch {
            #expect(error.localizedDescription.contains(url.path))
        }
    }

    @Test func randomBytesThrow() throws {
        let url = temporaryURL("random.fits")
        defer { try? FileManager.default.removeItem(at: url) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: url)
        #expect(throws: FITSError.self) { try FITSFile.open(url) }
    }

    @Test func truncatedFileThrows() throws {
        let url = temporaryURL("full.fits")
        let cut = temporaryURL("cut.fits")
        defer {
            try? FileManager.default.removeItem(at: url)
            try? FileManager.default.removeItem(at: cut)
        }
        let file = try FITSFile.create(url)
        try file.createBinaryTable(named: "DATA", columns: [FITSColumn("X", .double)])
        try file.write("X", (0..<10_000).map(Double.init))
        try file.close()
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: cut)
        #expect(throws: FITSError.self) {
            let reader = try FITSFile.open(cut)
            try reader.moveToHDU(named: "DATA")
            _ = try reader.read("X", as: Double.self)
        }
    }
}
