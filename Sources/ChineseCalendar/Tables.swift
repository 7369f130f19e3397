import FITS
import Foundation
import Tables

/// A calendar stream: one sequence of issued months, shared by the polities that used it.
///
/// Streams follow the PyPI package sanmiao 0.2.12 (D. P. Morgan, after 張培瑜 1997 and DILA): 1 Qin, Han,
/// Wei, Jin, the Southern dynasties (to 589), Liao and Jin; 2 Wu, Northern Wei, Eastern Wei, Northern Qi;
/// 3 Shu, Western Wei, Northern Zhou, Sui, Tang … Qing; 4 Japan; 5 Goguryeo, Balhae, Joseon; 6 Baekje;
/// 7 Silla; 8 Goryeo.
public struct CalendarStream: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// sanmiao's stream number.
    public let id: Int

    /// Creates a stream value from its number.
    public init(_ id: Int) { self.id = id }

    /// The main line: stream 1 to the fall of Chen (589), stream 3 from Sui on.
    public static func mainLine(jdn: Int) -> CalendarStream { CalendarStream(jdn <= mainLineSwitchJDN ? 1 : 3) }
    /// Last day of stream 1 on the main line (the end of 589, after the Sui conquest of Chen).
    public static let mainLineSwitchJDN = 1_936_744

    /// A short English name of the polities using the stream.
    public var name: String {
        switch id {
        case 1: "Qin–Han–Wei–Jin–Southern dynasties; Liao–Jin"
        case 2: "Wu; Northern Wei–Eastern Wei–Northern Qi"
        case 3: "Shu; Western Wei–Northern Zhou–Sui–Tang–Song–Yuan–Ming–Qing"
        case 4: "Japan"
        case 5: "Goguryeo–Balhae–Joseon"
        case 6: "Baekje"
        case 7: "Silla"
        case 8: "Goryeo"
        default: "stream \(id)"
        }
    }

    public var description: String { name }
    public static func < (a: CalendarStream, b: CalendarStream) -> Bool { a.id < b.id }
}

/// A lunar month as issued: its label, number, leap flag, first day and length.
public struct ChineseMonth: Sendable, Hashable, CustomStringConvertible {
    /// The calendar stream the month belongs to.
    public let stream: CalendarStream
    /// The Chinese year: the astronomical number of the Western year holding most of it (Han years
    /// before 104 BCE begin with 十月 in the previous Western year; Wu Zhou years with 正月 = 建子 in the
    /// previous December).
    public let year: Int
    /// The month as written at the time: 正月, 閏三月, 後九月, 臘月, 一月, 建子月 ….
    public let label: String
    /// The month's number (正月 and 一月 = 1, 臘月 = 12, 建子月 of 762 = 1).
    public let number: Int
    /// True for an intercalary (閏/後) month.
    public let isLeap: Bool
    /// Julian Day Number of day 1 (朔).
    public let firstJDN: Int
    /// Number of days, 29 or 30 (a few months of the tables are shorter where the sources break off).
    public let length: Int
    /// Other labels texts use for the same month (762's 建卯月 is also 四月).
    public let otherLabels: [String]
    /// Position of the month in its civil year, from 1.
    public let indexInYear: Int

    /// Julian Day Number of the last day (晦).
    public var lastJDN: Int { firstJDN + length - 1 }
    /// The sexagenary term of day 1.
    public var firstDayGanzhi: Sexagenary { Sexagenary(dayJDN: firstJDN) }
    /// True when the day falls in this month.
    public func contains(jdn: Int) -> Bool { jdn >= firstJDN && jdn <= lastJDN }
    /// The day of this month with the given sexagenary term, or nil when the month lacks it.
    public func jdn(of ganzhi: Sexagenary) -> Int? {
        let d = firstDayGanzhi.distance(to: ganzhi)
        return d < length ? firstJDN + d : nil
    }
    /// `year年label`, e.g. `757年三月`.
    public var description: String { "\(year)年\(label)" }
    /// True when a text's label names this month.
    func answers(to text: String) -> Bool { label == text || otherLabels.contains(text) }
}

/// A dynasty or state, with the names texts give it.
public struct Dynasty: Sendable, Hashable {
    /// sanmiao's dynasty id.
    public let id: Int
    /// Canonical name (traditional characters).
    public let name: String
    /// Id of the dynasty this one is part of (東漢 → 漢), if any.
    public let parentID: Int?
    /// `c` China, `j` Japan, `k` Korea.
    public let country: Character
    /// Names and short names, traditional and simplified.
    public let names: [String]
}

/// A ruler with the names texts give him or her.
public struct Ruler: Sendable, Hashable {
    /// sanmiao's person id.
    public let id: Int
    /// Dynasty id.
    public let dynastyID: Int
    /// Full name (temple name, posthumous name, personal name).
    public let fullName: String
    /// Names a text may use (肅宗, 孝文, 劉恆 …).
    public let names: [String]
}

/// A reign era segment: one era under one ruler, with its first and last day.
///
/// An era kept by a new ruler appears again as a second segment (洪武 under 建文's predecessor, 天福
/// under 後漢), exactly as in sanmiao. Year n of the era is the Chinese year `firstYear + n − 1`.
public struct Era: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// Row number in `chinese-eras.tsv`, unique.
    public let id: Int
    /// sanmiao's era id (repeated for variant spellings).
    public let sourceID: Int
    /// The dynasty or state.
    public let dynasty: String
    /// Dynasty id.
    public let dynastyID: Int
    /// Ruler id, if known.
    public let rulerID: Int?
    /// Ruler's full name.
    public let ruler: String
    /// Ruler's short (temple) name, if any: 肅宗.
    public let rulerShortName: String
    /// Era name, traditional characters.
    public let name: String
    /// Era name, simplified characters.
    public let simplifiedName: String
    /// Chinese year of 元年.
    public let firstYear: Int
    /// The last year number used (元年 = 1).
    public let maxYear: Int
    /// First day of the segment (accession or proclamation), JDN.
    public let firstJDN: Int
    /// Last day of the segment, JDN.
    public let lastJDN: Int
    /// The calendar stream the polity followed.
    public let stream: CalendarStream
    /// Correction applied to the source, if any.
    public let note: String

    /// Chinese year of the last year number.
    public var lastYear: Int { firstYear + maxYear - 1 }
    /// `唐 肅宗 至德 (756–758)`.
    public var description: String {
        "\(dynasty) \(rulerShortName.isEmpty ? ruler : rulerShortName) \(name) (\(firstYear)–\(lastYear))"
    }
}

/// The tables read from `Catalogs/`.
struct CalendarTables: Sendable {
    var months: [Int: [ChineseMonth]] = [:]
    /// Indices of each year's months per stream (sanmiao's Korean streams interleave years, so not a range).
    var yearIndex: [Int: [Int: [Int]]] = [:]
    var eras: [Era] = []
    var dynasties: [Int: Dynasty] = [:]
    var rulers: [Int: Ruler] = [:]

    /// The months as binary tables (built from `chinese-months.tsv`, the readable source, by the build script): read
    /// in one pass instead of parsing 95,000 text rows at every start.
    static let monthsFile = "chinese-months.fits"
    static let erasFile = "chinese-eras.tsv"
    static let dynastiesFile = "chinese-dynasties.tsv"
    static let rulersFile = "chinese-rulers.tsv"

    init(directory: URL) throws {
        // One strictness rule (TableReader's): a row with fewer fields than its table needs is an error naming its line.
        let required = [CalendarTables.erasFile: 14, CalendarTables.dynastiesFile: 8,
                        CalendarTables.rulersFile: 4]
        func rows(_ name: String) throws -> [[Substring]] {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.isReadableFile(atPath: url.path) else { throw ChineseCalendarError.missingTable(url.path) }
            do {
                return try HeaderedTable.read(path: url.path, dialect: .tsv, requiredFields: required[name] ?? 1)
                    .records.map { $0.fields.map { Substring($0) } }
            } catch let error as TableError {
                throw ChineseCalendarError.corruptTable(name, error.localizedDescription)
            }
        }
        func int(_ s: Substring?, _ file: String) throws -> Int {
            guard let s, let v = Int(s) else { throw ChineseCalendarError.corruptTable(file, String(s ?? "")) }
            return v
        }

        months = try CalendarTables.readMonths(directory.appendingPathComponent(CalendarTables.monthsFile))
        for (s, list) in months {
            // The file lists each stream's months in order; sorting copies 95,000 months for nothing.
            let inOrder = zip(list, list.dropFirst()).allSatisfy { $0.firstJDN < $1.firstJDN }
            let sorted = inOrder ? list : list.sorted { $0.firstJDN < $1.firstJDN }
            months[s] = sorted
            // Runs of months of one year are added whole (a year recurs apart only where sanmiao's Korean streams
            // interleave years): a dictionary access a run, not a month.
            var index: [Int: [Int]] = [:]
            var runStart = 0
            for i in 1..<(sorted.count + 1) where i == sorted.count || sorted[i].year != sorted[runStart].year {
                index[sorted[runStart].year, default: []].append(contentsOf: runStart..<i)
                runStart = i
            }
            yearIndex[s] = index
        }

        for f in try rows(CalendarTables.dynastiesFile) {
            let id = try int(f[0], CalendarTables.dynastiesFile)
            dynasties[id] = Dynasty(id: id, name: String(f[1]), parentID: Int(f[2]), country: f[6].first ?? "c",
                                    names: f[7].split(separator: "|").map(String.init))
        }
        for f in try rows(CalendarTables.rulersFile) {
            let id = try int(f[0], CalendarTables.rulersFile)
            rulers[id] = Ruler(id: id, dynastyID: Int(f[1]) ?? 0, fullName: String(f[2]),
                               names: f[3].split(separator: "|").map(String.init))
        }
        for (row, f) in try rows(CalendarTables.erasFile).enumerated() {
            guard f.count >= 14 else { throw ChineseCalendarError.corruptTable(CalendarTables.erasFile, f.joined(separator: "\t")) }
            eras.append(Era(
                id: row, sourceID: try int(f[0], CalendarTables.erasFile), dynasty: String(f[2]),
                dynastyID: try int(f[1], CalendarTables.erasFile), rulerID: Int(f[3]), ruler: String(f[4]),
                rulerShortName: String(f[5]), name: String(f[6]), simplifiedName: String(f[7]),
                firstYear: try int(f[8], CalendarTables.erasFile), maxYear: try int(f[9], CalendarTables.erasFile),
                firstJDN: try int(f[10], CalendarTables.erasFile), lastJDN: try int(f[11], CalendarTables.erasFile),
                stream: CalendarStream(try int(f[12], CalendarTables.erasFile)), note: String(f[13])))
        }
    }

    /// Reads `chinese-months.fits` (table `MONTHS`, labels in `LABELS`; see `Catalogs/README.md`), checking its
    /// checksums and every value, so that a damaged file is an error naming it rather than a wrong month.
    static func readMonths(_ url: URL) throws -> [Int: [ChineseMonth]] {
        let name = url.lastPathComponent
        guard FileManager.default.isReadableFile(atPath: url.path) else { throw ChineseCalendarError.missingTable(url.path) }
        func bad(_ what: String) -> ChineseCalendarError { .damagedTable(name, what) }
        let stream: [Int32], year: [Int32], number: [Int32], leap: [Int32], first: [Int32], days: [Int32]
        let label: [Int32], also: [Int32], texts: [String]
        do {
            let file = try FITSFile.open(url)
            try file.moveToHDU(named: "MONTHS")
            guard try file.checksumsMatch() else { throw bad("table MONTHS fails its CHECKSUM/DATASUM test (the file is damaged)") }
            // One pass over the rows (a column at a time would read the table eight times).
            let c = try file.read(columns: ["STREAM", "YEAR", "NUMBER", "LEAP", "FIRST_JDN", "DAYS", "LABEL", "ALSO"],
                                  as: Int32.self)
            (stream, year, number, leap, first, days, label, also) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])
            try file.moveToHDU(named: "LABELS")
            guard try file.checksumsMatch() else { throw bad("table LABELS fails its CHECKSUM/DATASUM test (the file is damaged)") }
            let width = try file.columnInfo("UTF8").count
            let bytes: [UInt8] = try file.read("UTF8")
            guard width > 0 else { throw bad("table LABELS has an empty UTF8 column") }
            texts = stride(from: 0, to: bytes.count, by: width).map { start in
                let row = bytes[start..<(start + width)]
                return String(decoding: row.prefix { $0 != 0 }, as: UTF8.self)
            }
        } catch let error as FITSError {
            throw bad(error.localizedDescription)
        }
        let rows = stream.count
        guard rows > 0, [year.count, number.count, leap.count, first.count, days.count, label.count, also.count]
            .allSatisfy({ $0 == rows }) else { throw bad("table MONTHS has columns of different lengths or no rows") }
        let otherLabels = texts.map { $0.isEmpty ? [] : $0.split(separator: "|").map(String.init) }
        var months: [Int: [ChineseMonth]] = [:]
        var rowsOfStream: [Int32: Int] = [:]
        for s in stream { rowsOfStream[s, default: 0] += 1 }
        for (s, n) in rowsOfStream { months[Int(s), default: []].reserveCapacity(n) }
        var lastKey = (stream: Int.min, year: Int.min)
        var seq = 0
        for i in 0..<rows {
            let s = Int(stream[i]), y = Int(year[i]), l = Int(label[i]), a = Int(also[i])
            guard (1...99).contains(s), (0...30).contains(number[i]), (0...1).contains(leap[i]), (1...60).contains(days[i]),
                  texts.indices.contains(l), a == -1 || texts.indices.contains(a) else {
                throw bad("row \(i + 1) of table MONTHS holds an impossible value (stream \(s), year \(y), number \(number[i]), "
                          + "leap \(leap[i]), days \(days[i]), label \(l), also \(a))")
            }
            seq = (s, y) == lastKey ? seq + 1 : 1
            lastKey = (s, y)
            months[s, default: []].append(ChineseMonth(
                stream: CalendarStream(s), year: y, label: texts[l], number: Int(number[i]), isLeap: leap[i] == 1,
                firstJDN: Int(first[i]), length: Int(days[i]), otherLabels: a < 0 ? [] : otherLabels[a], indexInYear: seq))
        }
        return months
    }
}
