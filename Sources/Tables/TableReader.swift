import Foundation

/// The two text-table dialects skyrecon reads and writes.
public enum TableDialect: Sendable, Equatable {
    /// RFC 4180 comma-separated values: a field may be quoted (`"…"`), and a quoted field may hold commas,
    /// doubled quotes (`""`) and line breaks.
    case csv
    /// Tab-separated values as `Catalogs/` keeps them: no quoting (a field holds neither tab nor line break).
    case tsv

    var separator: UInt8 { self == .csv ? UInt8(ascii: ",") : UInt8(ascii: "\t") }
}

/// One record of a table and the 1-based physical line it starts on.
public struct TableRecord: Sendable, Equatable {
    /// The fields, unquoted.
    public var fields: [String]
    /// The physical line (1-based, counting every line of the file: comments, blank lines and the lines inside
    /// earlier quoted fields) where the record starts.
    public var line: Int

    /// Creates a record.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    /// The field at `index`, or the empty string past the end (a missing trailing field reads as empty).
    public subscript(index: Int) -> String { index < fields.count ? fields[index] : "" }

    /// The number of fields.
    public var count: Int { fields.count }
}

/// A streaming reader of CSV or TSV text: one record at a time, with bounded memory for any file size.
///
/// Given a file or in-memory bytes; returns records (`next()`), each with the physical line it starts on.
///
/// Notes:
/// - A UTF-8 byte-order mark is dropped; lines may end in LF, CRLF or CR; invalid UTF-8 is replaced by U+FFFD.
/// - A line whose first byte is `#` (outside a quoted field) is a comment; empty lines are skipped.
/// - **Strictness rule** (the same for every table the project reads): a record is either read exactly or
///   reported as an error naming its line, never guessed at. In CSV a quote may open a field only at its start,
///   the closing quote must be followed by the separator or the line end, and an unterminated quote is an error
///   naming the line where it opened (the rest of the file is then part of that field, so reading ends).
///   A stray quote inside an unquoted field is an error. Field counts are the caller's rule: a record with
///   fewer fields than `requiredFields` is an error naming its line; missing optional trailing fields read as
///   empty (`TableRecord[i]`). After a record error the reader goes on with the next record, so a batch can
///   report a bad row and continue.
///
/// Why not yaslab/CSV.swift 2.5.2 or SwiftCSV 0.10.0: neither reports the line a record starts on (needed for
/// every error the project prints), neither skips `#` comment lines, and SwiftCSV reads the whole file into memory;
/// CSV.swift decodes scalar by scalar and took 2.6 times this reader's time on the batch input (`skyrecon-bench batch` reads
/// the 100,000-row file with both and prints the two times).
public struct TableReader: Sendable {
    /// The dialect read.
    public let dialect: TableDialect
    /// A name for the source (the path), used in errors.
    public let sourceName: String
    /// Records with fewer fields are errors (see the strictness rule).
    public let requiredFields: Int

    private let file: FileSource?
    private var buffer: [UInt8]
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false
    private var finished = false
    /// Fields of the record read last: the next one's array is made that large at once.
    private var fieldsInLastRecord = 4

    /// Reads a file as it goes (64 KiB at a time).
    ///
    /// - Throws: `TableError.unreadable` when the file cannot be opened.
    public init(path: String, dialect: TableDialect, requiredFields: Int = 0) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw TableError.unreadable(path: path) }
        self.dialect = dialect
        self.sourceName = path
        self.requiredFields = requiredFields
        self.file = FileSource(handle: handle)
        self.buffer = []
    }

    /// Reads bytes held in memory (a string, a test's text).
    public init(bytes: some Sequence<UInt8>, name: String, dialect: TableDialect, requiredFields: Int = 0) {
        self.dialect = dialect
        self.sourceName = name
        self.requiredFields = requiredFields
        self.file = nil
        self.buffer = Array(bytes)
        self.atEnd = true
    }

    /// Reads a string.
    public init(string: String, name: String = "input", dialect: TableDialect, requiredFields: Int = 0) {
        self.init(bytes: string.utf8, name: name, dialect: dialect, requiredFields: requiredFields)
    }

    /// The line the next record will be looked for on.
    public var currentLine: Int { line }

    // MARK: Bytes

    /// Ensures at least one unread byte, or reports the end.
    private mutating func fill() -> Bool {
        if position < buffer.count { return true }
        guard !atEnd, let file else { return false }
        let chunk = file.read(65_536)
        if chunk.isEmpty { atEnd = true; return false }
        buffer = chunk
        position = 0
        return true
    }

    private mutating func peek() -> UInt8? { fill() ? buffer[position] : nil }

    private mutating func take() -> UInt8? {
        guard fill() else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// Consumes a line end (LF, CRLF or CR) after `byte` was taken; true when `byte` was one.
    private mutating func consumeLineEnd(after byte: UInt8) -> Bool {
        if byte == 0x0A { line += 1; return true }
        if byte == 0x0D {
            if peek() == 0x0A { position += 1 }
            line += 1
            return true
        }
        return false
    }

    private mutating func skipRestOfLine() {
        while let b = take() { if consumeLineEnd(after: b) { return } }
    }

    // MARK: Records

    /// The next record, nil at the end.
    ///
    /// - Throws: `TableError` for a malformed record (the reader has moved past it: call `next()` again to go on).
    public mutating func next() throws -> TableRecord? {
        if finished { return nil }
        if !started {
            started = true
            if peek() == 0xEF, position + 2 < buffer.count || fillThree() {
                if buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF { position += 3 }
            }
        }
        // Comments and blank lines.
        while let b = peek() {
            if b == UInt8(ascii: "#") { skipRestOfLine(); continue }
            if b == 0x0A || b == 0x0D { position += 1; _ = consumeLineEnd(after: b); continue }
            break
        }
        guard peek() != nil else { finished = true; return nil }
        let startLine = line
        var fields: [String] = []
        fields.reserveCapacity(fieldsInLastRecord)
        var field: [UInt8] = []
        var problem: TableError? = nil
        let separator = dialect.separator
        let quote = UInt8(ascii: "\"")
        fieldLoop: while true {
            if dialect == .csv, peek() == quote {
                position += 1
                let quoteLine = line
                quoted: while true {
                    guard let b = take() else {
                        finished = true
                        throw TableError.unterminatedQuote(source: sourceName, line: quoteLine)
                    }
                    if b == quote {
                        if peek() == quote { position += 1; field.append(quote); continue quoted }
                        break quoted
                    }
                    if b == 0x0D || b == 0x0A {
                        // Keep the break as written inside the field, count the physical line.
                        field.append(b)
                        if b == 0x0D, peek() == 0x0A { position += 1; field.append(0x0A) }
                        line += 1
                        continue quoted
                    }
                    field.append(b)
                }
                // After the closing quote: separator, line end or end of input.
                guard let b = take() else { fields.append(Self.string(field)); break fieldLoop }
                if b == separator { fields.append(Self.string(field)); field.removeAll(keepingCapacity: true); continue fieldLoop }
                if consumeLineEnd(after: b) { fields.append(Self.string(field)); break fieldLoop }
                if problem == nil { problem = TableError.textAfterQuote(source: sourceName, line: line) }
                field.append(b)
            } else if let plain = plainField(separator: separator) {
                fields.append(plain.text)
                if plain.endsRecord { break fieldLoop }
                continue fieldLoop
            }
            while true {
                skipOrdinaryBytes(into: &field, separator: separator)
                guard let b = take() else { fields.append(Self.string(field)); break fieldLoop }
                if b == separator { fields.append(Self.string(field)); field.removeAll(keepingCapacity: true); continue fieldLoop }
                if consumeLineEnd(after: b) { fields.append(Self.string(field)); break fieldLoop }
                if b == quote, dialect == .csv, problem == nil {
                    problem = TableError.strayQuote(source: sourceName, line: line)
                }
                field.append(b)
            }
        }
        fieldsInLastRecord = fields.count
        if let problem { throw problem }
        if fields.count < requiredFields {
            throw TableError.tooFewFields(source: sourceName, line: startLine, found: fields.count, required: requiredFields)
        }
        return TableRecord(fields: fields, line: startLine)
    }

    /// Moves the run of bytes up to the next separator, line end or quote in the buffer into `field` at once.
    /// A field without quotes that ends, at a separator or a line end, within the bytes already read: its text made
    /// straight from the buffer, and the reader past its end (the common field, without copying it into a byte array
    /// first). Nil, with nothing consumed, for any other field.
    private mutating func plainField(separator: UInt8) -> (text: String, endsRecord: Bool)? {
        guard fill() else { return nil }
        let start = position
        let found = buffer.withUnsafeBufferPointer { p -> (text: String, end: Int)? in
            var j = start
            while j < p.count {
                let b = p[j]
                if b == separator || b == 0x0A || b == 0x0D { break }
                if b == 0x22 { return nil }
                j += 1
            }
            // At the buffer's end, or a CR whose LF may come with the next read: the general path reads it.
            guard j + 1 < p.count || (j < p.count && p[j] != 0x0D) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: p[start..<j]), as: UTF8.self), j)
        }
        guard let found else { return nil }
        let end = buffer[found.end]
        position = found.end + 1
        if end == separator { return (found.text, false) }
        _ = consumeLineEnd(after: end)
        return (found.text, true)
    }

    private mutating func skipOrdinaryBytes(into field: inout [UInt8], separator: UInt8) {
        guard position < buffer.count else { return }
        let start = position
        let end = buffer.withUnsafeBufferPointer { p -> Int in
            var j = start
            while j < p.count {
                let b = p[j]
                if b == separator || b == 0x0A || b == 0x0D || b == 0x22 { break }
                j += 1
            }
            return j
        }
        if end > start {
            field.append(contentsOf: buffer[start..<end])
            position = end
        }
    }

    private mutating func fillThree() -> Bool {
        guard let file, !atEnd else { return position + 2 < buffer.count }
        while buffer.count - position < 3 {
            let chunk = file.read(65_536)
            if chunk.isEmpty { atEnd = true; break }
            buffer.append(contentsOf: chunk)
        }
        return position + 2 < buffer.count
    }

    private static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Every remaining record; throws at the first malformed one.
    public mutating func readAll() throws -> [TableRecord] {
        var out: [TableRecord] = []
        while let r = try next() { out.append(r) }
        return out
    }
}

/// A file read in chunks; a class so that a `TableReader` copy shares the position (the reader is single-pass).
final class FileSource: @unchecked Sendable {
    // Unchecked: a reader is used from one task at a time; the handle is never shared between readers.
    private let handle: FileHandle

    init(handle: FileHandle) { self.handle = handle }

    /// Up to `count` bytes, read straight into an array (no `Data` in between); empty at the end or on an error.
    func read(_ count: Int) -> [UInt8] {
        let fd = handle.fileDescriptor
        return [UInt8](unsafeUninitializedCapacity: count) { p, n in
            n = 0
            while n < count {
                let got = Foundation.read(fd, p.baseAddress! + n, count - n)
                if got < 0, errno == EINTR { continue }
                if got <= 0 { break }
                n += got
            }
        }
    }

    deinit { try? handle.close() }
}

/// A table with a header row: the header's names, and the records after it.
public struct HeaderedTable: Sendable {
    /// The header's fields (trimmed of spaces).
    public let header: [String]
    /// The header's line.
    public let headerLine: Int
    /// The data records.
    public let records: [TableRecord]

    /// The index of a column, or nil.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Reads a whole file whose first record is a header; every data record must have `requiredFields` fields
    /// (default: as many as the header).
    ///
    /// - Throws: `TableError` at the first malformed record, `.empty` when there is no header.
    public static func read(path: String, dialect: TableDialect, requiredFields: Int? = nil) throws -> HeaderedTable {
        var reader = try TableReader(path: path, dialect: dialect)
        return try read(&reader, requiredFields: requiredFields)
    }

    /// Reads a header and the records after it from a reader.
    public static func read(_ reader: inout TableReader, requiredFields: Int? = nil) throws -> HeaderedTable {
        guard let head = try reader.next() else { throw TableError.empty(source: reader.sourceName) }
        let header = head.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var records: [TableRecord] = []
        let required = requiredFields ?? header.count
        while let r = try reader.next() {
            if r.count < required {
                throw TableError.tooFewFields(source: reader.sourceName, line: r.line, found: r.count, required: required)
            }
            records.append(r)
        }
        return HeaderedTable(header: header, headerLine: head.line, records: records)
    }
}
