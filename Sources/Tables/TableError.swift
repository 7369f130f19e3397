import Foundation

/// Errors reading a CSV or TSV table; each names the source and the 1-based physical line.
public enum TableError: Error, LocalizedError, Sendable, Equatable {
    case unreadable(path: String)
    case empty(source: String)
    case unterminatedQuote(source: String, line: Int)
    case textAfterQuote(source: String, line: Int)
    case strayQuote(source: String, line: Int)
    case tooFewFields(source: String, line: Int, found: Int, required: Int)
    case badValue(source: String, line: Int, column: String, value: String, expected: String)

    /// The line the error is on, when it has one.
    public var line: Int? {
        switch self {
        case .unreadable, .empty: nil
        case .unterminatedQuote(_, let l), .textAfterQuote(_, let l), .strayQuote(_, let l),
             .tooFewFields(_, let l, _, _), .badValue(_, let l, _, _, _): l
        }
    }

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path):
            "cannot read \(path): check the path and that it is a UTF-8 text file"
        case .empty(let source):
            "\(source) is empty: it needs a header row and data rows"
        case .unterminatedQuote(let source, let line):
            "\(source) line \(line): a quoted field opened here is never closed: add the closing \" (a quote inside a quoted field is written \"\")"
        case .textAfterQuote(let source, let line):
            "\(source) line \(line): text after a closing quote: quote the whole field, and write a quote inside it as \"\""
        case .strayQuote(let source, let line):
            "\(source) line \(line): a quote inside an unquoted field: quote the whole field (\"…\") and double the inner quote (\"\")"
        case .tooFewFields(let source, let line, let found, let required):
            "\(source) line \(line): \(found) field\(found == 1 ? "" : "s"), at least \(required) needed: fill in the missing columns"
        case .badValue(let source, let line, let column, let value, let expected):
            "\(source) line \(line): \(column) '\(value)' is not \(expected)"
        }
    }
}
