import ArgumentParser
import SkyRecon
import Foundation

/// `skyrecon date`: Chinese dates to days and Western dates, and days to every Chinese calendar in use.
struct DateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "date",
        abstract: "Convert dates between historical Chinese calendars and Western calendars.",
        discussion: """
        Examples:
          skyrecon date 至德二載二月壬午
          skyrecon date 0757-03-14 --to chinese
          skyrecon date --date=-0140-03-09            (a bare -0140 would be read as a flag; 141BCE-03-09 works too)
          skyrecon date --input dates.csv --format csv (columns id,text in; one row out per row in)

        Chinese dates: dynasty and ruler prefixes, eras, 元年/N年/N載, 正月…十二月, 閏, 臘月, 一月, 建子月,
        sexagenary days, N日, 朔, 晦, 望; traditional, simplified and Siku variant characters.
        Western dates are Julian before 1582-10-15 and Gregorian from then on unless --calendar says otherwise;
        years are astronomical (0 = 1 BCE). Output gives the Julian and Gregorian dates.
        """
    )

    /// Which way to convert.
    enum Direction: String, ExpressibleByArgument, CaseIterable {
        case chinese, western
    }

    /// The calendar of a Western input date.
    enum InputCalendar: String, ExpressibleByArgument, CaseIterable {
        case historical, julian, gregorian
    }

    @Argument(help: "A Chinese date (至德二載二月壬午) or a Western date (0757-03-14, 757BCE-03-14) or JDN 1997609.")
    var text: String?

    @Option(name: .long, help: "The date, for values starting with '-' (--date=-0140-03-09).")
    var date: String?

    @Option(name: .long, help: "A CSV file with columns id,text: one output row per input row, in order.")
    var input: String?

    @Option(name: .long, help: "Convert to this side (default: guessed from the input).")
    var to: Direction?

    @Option(name: .long, help: "Output format: text, json, jsonl or csv.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Dynasty or state the text belongs to (唐, 北魏), used when an era name is shared.")
    var dynasty: String?

    @Option(name: .long, help: "Calendar of a Western input date: historical (Julian before 1582-10-15), julian or gregorian.")
    var calendar: InputCalendar = .historical

    @Flag(name: .long, help: "List every reading of a shared era name instead of preferring the main-line dynasties.")
    var all = false

    func validate() throws {
        let given = [text, date, input].compactMap { $0 }.count
        if given == 0 { throw ValidationError("give a date (skyrecon date 至德二載二月壬午) or --input FILE.csv") }
        if given > 1 { throw ValidationError("give only one of: a date argument, --date, --input") }
    }

    func run() throws {
        try reportingErrors {
            let cal = try ChineseCalendar.standard()
            let context = DateContext(dynasty: dynasty, preference: all ? .none : .mainLine)
            if let input {
                try batch(path: input, cal: cal, context: context)
                return
            }
            let value = text ?? date ?? ""
            let row = convert(id: "", text: value, cal: cal, context: context)
            if row.status == "error" {
                // A single unreadable date: one line on standard error, exit code 1.
                printError("skyrecon: " + (row.message ?? "cannot read \(value)").replacingOccurrences(of: "\n", with: " "))
                throw ExitCode.failure
            }
            try emit([row])
        }
    }

    // MARK: Conversion

    /// One converted input: Chinese → days, or a day → Chinese dates.
    struct Row: Encodable {
        var id: String
        var text: String
        var status: String
        var message: String?
        var dates: [DateFields] = []
        var nearest: [DateFields] = []
        /// For an invalid date: the era and month the text names, when they exist.
        var stated: DateFields? = nil
    }

    /// A Chinese date with its day in both Western calendars.
    struct DateFields: Encodable {
        var jdn: Int
        var julian: String
        var gregorian: String
        var dynasty: String
        var ruler: String
        var era: String
        var year: Int?
        var chinese_year: Int
        var year_ganzhi: String
        var month: String
        var leap: Bool
        var day: Int
        var day_ganzhi: String
        var precision: String
        var stream: Int
        var chinese: String

        init(_ d: ChineseDate) {
            jdn = d.jdn
            julian = d.julian.isoDay
            gregorian = d.gregorian.isoDay
            dynasty = d.era?.dynasty ?? ""
            ruler = d.era.map { $0.rulerShortName.isEmpty ? $0.ruler : $0.rulerShortName } ?? ""
            era = d.era?.name ?? ""
            year = d.yearInEra
            chinese_year = d.year
            year_ganzhi = d.yearGanzhi.name
            month = d.month.label
            leap = d.month.isLeap
            day = d.day
            day_ganzhi = d.dayGanzhi.name
            precision = d.precision.rawValue
            stream = d.stream.id
            chinese = d.text + (d.precision == .day ? "（\(d.dayNumberText)）" : "")
        }
    }

    func convert(id: String, text: String, cal: ChineseCalendar, context: DateContext) -> Row {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let toChinese = to.map { $0 == .chinese } ?? !trimmed.unicodeScalars.contains { $0.value >= 0x2E80 }
        do {
            if toChinese {
                let jdn = try WesternDate.jdn(trimmed, calendar: calendar)
                let ds = cal.dates(jdn: jdn)
                guard !ds.isEmpty else { throw ChineseCalendarError.outsideTables(jdn: jdn) }
                return Row(id: id, text: text, status: "ok", dates: ds.map(DateFields.init))
            }
            switch try cal.resolve(trimmed, context: context) {
            case .ok(let d):
                return Row(id: id, text: text, status: "ok", dates: [DateFields(d)])
            case .ambiguous(let ds):
                return Row(id: id, text: text, status: "ambiguous",
                           message: "several dates fit: prefix the dynasty or ruler, or give --dynasty",
                           dates: ds.map(DateFields.init))
            case .invalid(let inv):
                var message = inv.reason.localizedDescription
                if let off = inv.offset { message += " (the text's day is \(off > 0 ? "+" : "")\(off) from the table's)" }
                var row = Row(id: id, text: text, status: "invalid", message: message, nearest: inv.nearest.map(DateFields.init))
                if let era = inv.era, let m = inv.month {
                    row.stated = DateFields(ChineseDate(era: era, yearInEra: m.year - era.firstYear + 1, month: m, day: 1, precision: .month))
                }
                return row
            }
        } catch {
            return Row(id: id, text: text, status: "error", message: error.localizedDescription)
        }
    }

    // MARK: Output

    static let csvColumns = ["id", "text", "status", "jdn", "julian", "gregorian", "dynasty", "era", "year", "month",
                             "leap", "day_ganzhi", "nearest_jdn"]

    /// One CSV row: several readings are joined with `|` in each field, so that one row in gives one row out.
    /// An invalid row keeps the era and month it names (dynasty, era, year, month, leap) with empty day fields.
    static func csvFields(_ r: Row) -> [String] {
        func join(_ f: (DateFields) -> String) -> String { r.dates.map(f).joined(separator: "|") }
        let named = r.dates.isEmpty ? r.stated.map { [$0] } ?? [] : r.dates
        func part(_ f: (DateFields) -> String) -> String { named.map(f).joined(separator: "|") }
        return [r.id, r.text, r.status, join { String($0.jdn) }, join(\.julian), join(\.gregorian), part(\.dynasty),
                part(\.era), part { $0.year.map(String.init) ?? "" }, part(\.month), part { $0.leap ? "1" : "0" },
                join(\.day_ganzhi), r.nearest.map { String($0.jdn) }.joined(separator: "|")]
    }

    func emit(_ rows: [Row]) throws {
        switch format {
        case .text:
            for r in rows { print(Self.textBlock(r)) }
        case .json:
            print(rows.count == 1 && input == nil ? try jsonText(Versioned(rows[0]), pretty: true, sortedKeys: true)
                                                  : try jsonText(rows.map(Versioned.init), pretty: true, sortedKeys: true))
        case .jsonl:
            for r in rows { print(try jsonText(Versioned(r), sortedKeys: true)) }
        case .csv:
            print(CSV.line(Self.csvColumns))
            for r in rows { print(CSV.line(Self.csvFields(r))) }
        }
    }

    static func textBlock(_ r: Row) -> String {
        var lines = ["\(r.id.isEmpty ? "" : r.id + "  ")\(r.text)  [\(r.status)]"]
        if let m = r.message { lines.append("  " + m) }
        for d in r.dates {
            lines.append("  \(d.chinese)  JDN \(d.jdn)  Julian \(d.julian)  Gregorian \(d.gregorian)")
        }
        if !r.nearest.isEmpty { lines.append("  nearest:") }
        for d in r.nearest {
            lines.append("    \(d.chinese)  JDN \(d.jdn)  Julian \(d.julian)")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Batch

    /// Streams the file: blocks of rows converted on every core, written in input order; bad rows are reported
    /// with their line and the run goes on.
    func batch(path: String, cal: ChineseCalendar, context: DateContext) throws {
        var reader: TableReader
        do { reader = try TableReader(path: path, dialect: .csv) } catch {
            printError("skyrecon: cannot read \(path): give an existing CSV file with columns id,text")
            throw ExitCode.failure
        }
        var idColumn = 0, textColumn = 1
        var pending: [Result<TableRecord, TableError>] = []
        do {
            if let first = try reader.next() {
                let names = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if let i = names.firstIndex(of: "id"), let t = names.firstIndex(of: "text") {
                    idColumn = i; textColumn = t
                } else {
                    pending.append(.success(first))
                }
            }
        } catch let e as TableError { pending.append(.failure(e)) }
        let command = self
        let (idC, textC) = (idColumn, textColumn)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch format {
        case .csv: print(CSV.line(Self.csvColumns))
        case .json: print("[")
        default: break
        }
        var count = 0, errors = 0
        var done = false
        while !done {
            var block = pending
            pending = []
            while block.count < 8192 {
                do {
                    guard let r = try reader.next() else { done = true; break }
                    block.append(.success(r))
                } catch let e as TableError { block.append(.failure(e)) }
            }
            if block.isEmpty { break }
            let frozen = block
            let rows = ConcurrentRows(count: frozen.count)
            let workers = min(ProcessInfo.processInfo.activeProcessorCount, frozen.count)
            let per = (frozen.count + workers - 1) / workers
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for k in (w * per)..<min(frozen.count, (w + 1) * per) {
                    switch frozen[k] {
                    case .success(let fields):
                        let id = fields[idC]
                        if textC >= fields.count {
                            rows.set(k, (fields.line, Row(id: id, text: "", status: "error", message: "row has no text column: give it as id,text")))
                        } else {
                            rows.set(k, (fields.line, command.convert(id: id, text: fields[textC], cal: cal, context: context)))
                        }
                    case .failure(let e):
                        rows.set(k, (e.line ?? 0, Row(id: "", text: "", status: "error", message: e.localizedDescription)))
                    }
                }
            }
            for k in 0..<frozen.count {
                let (line, r) = rows.get(k)
                if r.status == "error" {
                    errors += 1
                    printError("skyrecon: \(path) line \(line): \(r.message ?? "error")")
                }
                switch format {
                case .text: print(Self.textBlock(r))
                case .csv: print(CSV.line(Self.csvFields(r)))
                case .jsonl: print(String(decoding: try encoder.encode(Versioned(r)), as: UTF8.self))
                case .json: print((count > 0 ? "," : "") + String(decoding: try encoder.encode(Versioned(r)), as: UTF8.self))
                }
                count += 1
            }
        }
        if format == .json { print("]") }
        StandardOutput.flush()
        if errors > 0 {
            printError("skyrecon: \(errors) of \(count) rows could not be read (status error); the other rows were written")
            throw ExitCode.failure
        }
    }
}

/// Converted rows of a block, each written by one worker and read after all finished.
private final class ConcurrentRows: @unchecked Sendable {
    // Unchecked: index k is written by exactly one worker, and read only after concurrentPerform returns.
    private var rows: [(Int, DateCommand.Row)?]
    init(count: Int) { rows = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: (Int, DateCommand.Row)) { rows.withUnsafeMutableBufferPointer { $0[k] = value } }
    func get(_ k: Int) -> (Int, DateCommand.Row) { rows[k]! }
}

/// Western dates for `--to chinese`, read by SkyTime's parser (`0757-03-14`, `-0140-03-09`, `141BCE-03-09`,
/// `JD2397500.5`), plus `JDN 1997609` for a civil day number.
enum WesternDate {
    static func jdn(_ text: String, calendar: DateCommand.InputCalendar) throws -> Int {
        let s = text.replacingOccurrences(of: " ", with: "").uppercased()
        if s.hasPrefix("JDN"), let v = Int(s.dropFirst(3)) { return v }
        let policy: CalendarPolicy = switch calendar {
        case .historical: .historians
        case .julian: .julian
        case .gregorian: .gregorian
        }
        let moment = try Moment(parsing: text, policy: policy)
        switch moment.value {
        case .date(let date): return date.julianDayNumber
        case .julianDate(let whole, let fraction): return Int((whole + fraction + 0.5).rounded(.down))
        }
    }
}
