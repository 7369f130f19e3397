import Foundation

/// The output formats every command offers (`--format`).
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Human-readable text (the default).
    case text
    /// One JSON array of objects.
    case json
    /// JSON Lines: one object per line.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
}

/// One cell of an output table: text stays text in every format, numbers stay numbers.
public enum TableValue: Sendable, Equatable, Encodable {
    /// Text, written as a JSON string (also when it looks like a number: an input's `007` or `nan` echoes as text).
    case text(String)
    /// A number printed with a fixed number of decimals; in JSON a number with those digits, or `null` when not
    /// finite.
    case number(Double, decimals: Int)
    /// An integer.
    case integer(Int)
    /// No value: empty in CSV, `null` in JSON.
    case empty

    /// The value as CSV and text print it.
    public var text: String {
        switch self {
        case .text(let s): s
        case .number(let x, let d): FixedDecimal.string(x, decimals: d)
        case .integer(let i): String(i)
        case .empty: ""
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .number(let x, let d):
            // The printed digits, so that JSON and CSV agree to the last digit.
            if x.isFinite, let v = Double(FixedDecimal.string(x, decimals: d)) { try c.encode(v) } else { try c.encodeNil() }
        case .integer(let i): try c.encode(i)
        case .empty: try c.encodeNil()
        }
    }
}

/// A row as a JSON object (`JSONEncoder` writes it with sorted keys: Foundation on Linux does not keep insertion
/// order, and sorted keys make the output stable).
struct OrderedRow: Encodable {
    let columns: [String]
    let values: [TableValue]

    struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (i, name) in columns.enumerated() {
            try c.encode(i < values.count ? values[i] : .empty, forKey: Key(stringValue: name))
        }
        if !columns.contains("version") { try c.encode(outputFormatVersion, forKey: Key(stringValue: "version")) }
    }
}

/// Writes a table in one of the output formats, row by row, so a batch of any length streams.
///
/// Given the columns; `header()`, `row(_:first:)` and `footer()` return the bytes to write, so rows can be
/// rendered in parallel and written in order. JSON values come from `JSONEncoder` (a JSON array is streamed as
/// `[`, the encoder's objects separated by commas, `]`).
public struct TableWriter: Sendable {
    /// The format written.
    public let format: OutputFormat
    /// The column names.
    public let columns: [String]

    /// A writer for these columns.
    public init(format: OutputFormat, columns: [String]) {
        self.format = format
        self.columns = columns
    }

    /// What comes before the first row: the CSV header line, or the JSON array's `[`.
    public func header() -> [UInt8] {
        switch format {
        case .csv: Array((CSV.line(columns) + "\n").utf8)
        case .json: Array("[\n".utf8)
        case .jsonl, .text: []
        }
    }

    /// One row's bytes (with its line end); `first` says whether it is the first row (JSON separators).
    public func row(_ values: [TableValue], first: Bool) throws -> [UInt8] {
        var out: [UInt8] = []
        try append(values, first: first, to: &out)
        return out
    }

    /// Appends one row's bytes to a buffer.
    public func append(_ values: [TableValue], first: Bool, to out: inout [UInt8]) throws {
        switch format {
        case .csv:
            for i in columns.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                let v = i < values.count ? values[i] : .empty
                switch v {
                case .text(let s): CSV.appendField(s, to: &out)
                case .number(let x, let d): FixedDecimal.append(x, decimals: d, to: &out)
                case .integer(let n): out.append(contentsOf: String(n).utf8)
                case .empty: break
                }
            }
            out.append(0x0A)
        case .json, .jsonl:
            if format == .json, !first { out.append(contentsOf: ",\n".utf8) }
            out.append(contentsOf: try Self.encoder.encode(OrderedRow(columns: columns, values: values)))
            if format == .jsonl { out.append(0x0A) }
        case .text:
            let parts = columns.indices.map { i in "\(columns[i])=\((i < values.count ? values[i] : .empty).text)" }
            out.append(contentsOf: (parts.joined(separator: " ") + "\n").utf8)
        }
    }

    /// What comes after the last row: the JSON array's `]`.
    public func footer() -> [UInt8] { format == .json ? Array("\n]\n".utf8) : [] }

    /// Encodes any `Encodable` value as one JSON document (the project's JSON settings: sorted keys, `/` unescaped).
    public static func json(_ value: some Encodable, pretty: Bool = false) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    private static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}

/// Standard output as bytes: written straight to file descriptor 1 after flushing the C library's buffers (where
/// `print` keeps its text), so that the two stay in order.
public enum StandardOutput {
    /// Writes bytes (callers batch them: one call per block of rows).
    public static func write(_ bytes: [UInt8]) {
        fflush(nil)
        bytes.withUnsafeBufferPointer { p in
            var offset = 0
            while offset < p.count {
                let n = Foundation.write(1, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// Flushes what `print` buffered.
    public static func flush() { fflush(nil) }
}

/// The version of skyrecon's output formats — the fields of every JSON object and the columns of every CSV the CLI
/// writes, described by the JSON Schemas in `Schemas/`. It changes when a field is renamed or removed (CHANGELOG.md).
public let outputFormatVersion = "0.4"

/// A value written as a JSON object with the output format's `version` beside its own fields.
///
/// The value must encode as a keyed container (a struct or dictionary, not an array or a single value).
public struct Versioned<Value: Encodable>: Encodable {
    /// The object to write.
    public let value: Value

    /// Wraps a value.
    public init(_ value: Value) { self.value = value }

    enum Keys: String, CodingKey { case version }

    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(outputFormatVersion, forKey: .version)
    }
}
