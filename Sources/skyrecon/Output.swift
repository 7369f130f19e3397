import ArgumentParser
import Foundation
import SkyRecon

// The output formats (`--format text|json|jsonl|csv`), the CSV writer (`CSV.line`, `CSV.field`) and the JSON and
// CSV table writer (`TableWriter`) live in the Tables module, re-exported by SkyRecon: every command shares them.
extension OutputFormat: ExpressibleByArgument {}

extension CSV {
    /// Rows of CSV text, for callers that hold the whole text; a malformed record ends the rows (use
    /// `TableReader` for streaming and line-numbered errors).
    static func parse(_ text: String) -> [[String]] {
        var reader = TableReader(string: text, dialect: .csv)
        var rows: [[String]] = []
        while let record = try? reader.next() { rows.append(record.fields) }
        return rows
    }
}

/// Encodes a value as JSON with the project's settings (sorted keys optional, `/` unescaped).
func jsonText(_ value: some Encodable, pretty: Bool = false, sortedKeys: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    var formatting: JSONEncoder.OutputFormatting = [.withoutEscapingSlashes]
    if pretty { formatting.insert(.prettyPrinted) }
    if sortedKeys { formatting.insert(.sortedKeys) }
    encoder.outputFormatting = formatting
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    StandardOutput.flush()
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
