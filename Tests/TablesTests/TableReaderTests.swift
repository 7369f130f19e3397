import Foundation
import Testing
@testable import Tables
import TestSupport

/// The reader against RFC 4180 (quotes, embedded commas and line breaks) and the file quirks the issue lists:
/// BOM, CRLF, comment and blank rows, and a broken last row reported with its true physical line.
@Suite("TableReader")
struct TableReaderTests {
    func records(_ text: String, _ dialect: TableDialect = .csv) throws -> [TableRecord] {
        var r = TableReader(string: text, dialect: dialect)
        return try r.readAll()
    }

    @Test("the messy file: BOM, CRLF, quoted commas and line breaks, comments, a broken last row")
    func messyFile() throws {
        let text = "\u{FEFF}id,text\r\n"              // line 1, with a BOM
            + "# a comment row\r\n"                    // 2
            + "\r\n"                                    // 3 blank
            + "1,\"至德二載, 二月\"\r\n"               // 4
            + "2,\"two\r\nlines \"\"quoted\"\"\"\r\n"  // 5–6
            + "# another comment\r\n"                  // 7
            + "3,plain\r\n"                            // 8
            + "4,\"never closed\r\n"                   // 9: unterminated
            + "5,swallowed\r\n"                        // 10
        var reader = TableReader(string: text, name: "messy.csv", dialect: .csv)
        var got: [TableRecord] = []
        var failure: TableError? = nil
        do { while let r = try reader.next() { got.append(r) } } catch let e as TableError { failure = e }
        #expect(got.map(\.fields) == [["id", "text"], ["1", "至德二載, 二月"], ["2", "two\r\nlines \"quoted\""], ["3", "plain"]])
        #expect(got.map(\.line) == [1, 4, 5, 8])
        #expect(failure == .unterminatedQuote(source: "messy.csv", line: 9))
        #expect(failure?.localizedDescription.contains("messy.csv line 9") == true)
        #expect(try reader.next() == nil)
    }

    @Test("a bad row is reported with its line and reading goes on")
    func goesOnAfterBadRow() throws {
        var reader = TableReader(string: "a,b\n1,x\"y\n\n2,\"z\"w\n3,ok\n", name: "f", dialect: .csv, requiredFields: 2)
        var lines: [Int] = [], errors: [Int?] = []
        while true {
            do { guard let r = try reader.next() else { break }; lines.append(r.line) } catch let e as TableError { errors.append(e.line) }
        }
        #expect(lines == [1, 5])
        #expect(errors == [2, 4])
    }

    @Test("too few fields names the line; missing trailing fields read as empty")
    func fieldCounts() throws {
        var reader = TableReader(string: "a\tb\tc\n1\t2\n", name: "t.tsv", dialect: .tsv, requiredFields: 3)
        _ = try reader.next()
        #expect(throws: TableError.tooFewFields(source: "t.tsv", line: 2, found: 2, required: 3)) { try reader.next() }
        let r = try records("1\t2\n", .tsv)[0]
        #expect(r[2] == "" && r.count == 2)
    }

    @Test("TSV: no quoting, # comments, CR-only and LF line ends, empty fields kept")
    func tsv() throws {
        let r = try records("# c\rh1\th2\r\"q\"\t\n\n\tx", .tsv)
        #expect(r.map(\.fields) == [["h1", "h2"], ["\"q\"", ""], ["", "x"]])
        #expect(r.map(\.line) == [2, 3, 5])
    }

    /// The records of `text` written to a temporary file and read from there (in the reader's 64 KiB reads).
    func fileRecords(_ text: String) throws -> [TableRecord] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tables-\(UUID()).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var file = try TableReader(path: url.path, dialect: .csv)
        return try file.readAll()
    }

    @Test("a file is read in chunks with the same records as in memory")
    func fileMatchesMemory() throws {
        var text = "row,body,jd_tt\n"
        for i in 0..<30_000 { text += "\(i),\"ve,nus\",\(2_451_545 + i)\n# c\n" }
        let a = try fileRecords(text)
        #expect(a == (try records(text)))
        #expect(a.last?.line == 60_000)
    }

    @Test("CRLF and CR line ends across the 64 KiB reads of a file: the same records as in memory")
    func lineEndsAcrossReads() throws {
        // Lines of varying length, so that line ends, CR–LF pairs and fields fall on every side of a read's end.
        var text = "id,name,value\r\n"
        for i in 0..<12_000 {
            let end = i % 7 == 0 ? "\r" : "\r\n"
            text += "\(i),\(String(repeating: "x", count: i % 13)),\(i % 5 == 0 ? "\"a,\r\nb\"" : "\(Double(i) / 7)")\(end)"
        }
        let a = try fileRecords(text)
        #expect(a == (try records(text)))
        #expect(a.count == 12_001 && a.allSatisfy { $0.count == 3 })
        #expect(a[6].fields == ["5", "xxxxx", "a,\r\nb"])
    }

    @Test("header tables: columns by name, required fields")
    func headered() throws {
        var reader = TableReader(string: "# x\n a , b \n1,2\n", dialect: .csv)
        let t = try HeaderedTable.read(&reader)
        #expect(t.header == ["a", "b"] && t.headerLine == 2 && t.column("b") == 1 && t.records[0].line == 3)
    }
}

@Suite("Writers")
struct WriterTests {
    @Test("CSV fields are quoted only when needed, inner quotes doubled")
    func csvFields() {
        #expect(CSV.line(["a", "b,c", "d\"e", "f\ng", ""]) == "a,\"b,c\",\"d\"\"e\",\"f\ng\",")
        var out: [UInt8] = []
        CSV.appendField("x,\"y\"", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == CSV.field("x,\"y\""))
        for value in ["plain", "", "x,\"y\"", "line\nbreak", "cr\rend", "至德二載", "q\"\"", String(repeating: "長", count: 40)] {
            let written = [UInt8](unsafeUninitializedCapacity: 2 * value.utf8.count + 2) { buffer, count in
                count = CSV.write(field: value, to: buffer.baseAddress!)
            }
            #expect(String(decoding: written, as: UTF8.self) == CSV.field(value), "\(value)")
        }
    }

    @Test("FixedDecimal equals String(format:) on random and tie values (seeded)")
    func fixedDecimal() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("FixedDecimal test seed: \(seed)")
        var rng = SplitMix64(seed: seed)
        var mismatches: [String] = []
        func check(_ x: Double, _ d: Int) {
            let want = String(format: "%.\(d)f", x)
            let got = FixedDecimal.string(x, decimals: d)
            if want != got, mismatches.count < 5 { mismatches.append("\(x) %.\(d)f: \(want) vs \(got)") }
        }
        for _ in 0..<200_000 {
            let d = Int(rng.next() % 13)
            let magnitude = pow(10, Double(Int(rng.next() % 12)) - 4)
            let x = (Double(rng.next() >> 11) / Double(1 << 53) - 0.5) * 2 * magnitude
            check(x, d)
        }
        // Exact ties and near-ties at the printed precision.
        for k in -20_000...20_000 {
            check(Double(k) / 8, 2); check(Double(k) / 1000 + 0.0005, 3); check(Double(k) * 0.005, 2)
            check(Double(k) + 0.5, 0)
        }
        for x in [0.0, -0.0, -1e-12, 359.9999999996, 2.5, 0.125, 1e15, -7e-10, 123456.000000000499] { for d in 0...12 { check(x, d) } }
        #expect(mismatches.isEmpty, "seed \(seed): \(mismatches)")
        #expect(FixedDecimal.string(.nan, decimals: 3) == "nan" && FixedDecimal.string(-.infinity, decimals: 1) == "-inf")
    }

    @Test("JSON rows: numbers as numbers, non-finite as null, echoed text as strings, sorted keys, the format version")
    func json() throws {
        let writer = TableWriter(format: .jsonl, columns: ["id", "text", "x", "bad", "none"])
        let bytes = try writer.row([.text("007"), .text("nan \"q\" 至德"), .number(1.23456, decimals: 3),
                                    .number(.infinity, decimals: 2), .empty], first: true)
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(line == "{\"bad\":null,\"id\":\"007\",\"none\":null,\"text\":\"nan \\\"q\\\" 至德\",\"version\":\"\(outputFormatVersion)\",\"x\":1.235}\n")
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect(object?["x"] as? Double == 1.235)
        let array = TableWriter(format: .json, columns: ["a"])
        let doc = array.header() + (try array.row([.integer(1)], first: true)) + (try array.row([.text("b")], first: false)) + array.footer()
        #expect((try JSONSerialization.jsonObject(with: Data(doc)) as? [Any])?.count == 2)
    }
}
