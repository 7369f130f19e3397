import Foundation
import Tables
import TestSupport
import Testing
@testable import ChineseCalendar

/// `chinese-months.fits` (what skyrecon reads) against `chinese-months.tsv` (its readable source), and the errors
/// a missing or damaged month file gives.
@Suite("chinese-months.fits")
struct MonthFileTests {
    static let catalogs: URL? = try? CatalogLocation.file(CalendarTables.erasFile).deletingLastPathComponent()

    @Test("every month of the FITS tables equals its row of the TSV, in the same order")
    func fitsEqualsTSV() throws {
        let dir = try #require(Self.catalogs)
        let months = try CalendarTables.readMonths(dir.appendingPathComponent(CalendarTables.monthsFile))
        let table = try HeaderedTable.read(path: dir.appendingPathComponent("chinese-months.tsv").path, dialect: .tsv,
                                           requiredFields: 7)
        var next: [Int: Int] = [:]
        var lastKey = (stream: Int.min, year: Int.min)
        var seq = 0
        for record in table.records {
            let f = record.fields
            let s = try #require(Int(f[0])), y = try #require(Int(f[1]))
            seq = (s, y) == lastKey ? seq + 1 : 1
            lastKey = (s, y)
            let i = next[s, default: 0]
            next[s] = i + 1
            let m = try #require(months[s]?[i], "stream \(s) has no month \(i) in the FITS file")
            let also = f.count > 7 && !f[7].isEmpty ? f[7].split(separator: "|").map(String.init) : []
            let expected = ChineseMonth(stream: CalendarStream(s), year: y, label: f[2], number: try #require(Int(f[3])),
                                        isLeap: f[4] == "1", firstJDN: try #require(Int(f[5])),
                                        length: try #require(Int(f[6])), otherLabels: also, indexInYear: seq)
            #expect(m == expected, "line \(record.line)")
            if m != expected { return }
        }
        #expect(table.records.count == 94_791)
        #expect(next == months.mapValues(\.count))
    }

    /// A scratch copy of the calendar's files with the month file changed by `change`.
    static func loadError(_ change: (URL) throws -> Void) throws -> String? {
        let source = try #require(Self.catalogs)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in [CalendarTables.monthsFile, CalendarTables.erasFile, CalendarTables.dynastiesFile, CalendarTables.rulersFile] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try change(dir.appendingPathComponent(CalendarTables.monthsFile))
        do {
            _ = try ChineseCalendar(directory: dir)
            return nil
        } catch let error as ChineseCalendarError {
            return error.localizedDescription
        }
    }

    @Test("a missing month file is named, with how to restore it")
    func missing() throws {
        let message = try #require(try Self.loadError { try FileManager.default.removeItem(at: $0) })
        #expect(message.contains("chinese-months.fits") && message.contains("is missing"))
        #expect(!message.contains("\n"))
    }

    @Test("a damaged month file is an error naming it, never a crash or a wrong month",
          arguments: ["truncated", "flipped data byte", "garbage", "empty"])
    func damaged(kind: String) throws {
        let message = try #require(try Self.loadError { url in
            var data = try Data(contentsOf: url)
            switch kind {
            case "truncated": data = data.prefix(data.count / 2)
            // A byte in the middle of MONTHS' data: only the checksum notices (the value may stay in range).
            case "flipped data byte": data[data.count / 2] ^= 0x01
            case "garbage": data = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
            default: data = Data()
            }
            try data.write(to: url)
        }, "\(kind): loaded without an error")
        #expect(message.contains("chinese-months.fits") && message.contains("is damaged"), "\(kind): \(message)")
        #expect(!message.contains("\n"))
    }
}

/// `Normalizer`'s scalar path against its character path.
@Suite("Normalizer scalar path")
struct NormalizerPathTests {
    @Test("every replacement and punctuation mark is one scalar, so the scalar path can use them")
    func singleScalars() {
        for (key, value) in Normalizer.map {
            #expect(key.unicodeScalars.count == 1 && value.unicodeScalars.count == 1, "\(key) → \(value)")
        }
        for p in Normalizer.punctuation { #expect(p.unicodeScalars.count == 1, "\(p)") }
    }

    @Test("the scalar path gives the character path's result on every name of the tables and on random mixtures")
    func samePaths() throws {
        let cal = try ChineseCalendar.standard()
        var names = cal.eras.flatMap { [$0.name, $0.simplifiedName, $0.ruler, $0.rulerShortName, $0.dynasty, $0.description] }
        names += ["至德二載二月壬午", "唐 肅宗, 至德二載（757）「二月」", "貞觀三年\n閏十二月 丙子朔", "ＡＢ１２　年", "𠦃一年"]
        let named = fastPathCheck(names, fast: Normalizer.normalizeScalars, general: Normalizer.normalizeCharacters)
        #expect(named.answered > 5_000)
        #expect(named.disagreements.isEmpty, "\(named.disagreements)")
        var pool = Array(Set(names.joined().unicodeScalars))
        pool += Array(" \t\r\n,.()[]　，。、（）「」『』【】〇〪〭ｱﾞ゙\u{301}\u{FE0F}𠦃嵗岁亖".unicodeScalars)
        pool += Normalizer.map.keys.flatMap(\.unicodeScalars)
        let mixed = fastPathCheck(randomStrings(from: pool, count: 20_000, maxLength: 10, seed: 762),
                                  fast: Normalizer.normalizeScalars, general: Normalizer.normalizeCharacters)
        #expect(mixed.disagreements.isEmpty, "\(mixed.disagreements.map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
        #expect(Normalizer.normalizeScalars("a\u{301}") == nil && Normalizer.normalizeScalars("〇〪") == nil)
    }
}
