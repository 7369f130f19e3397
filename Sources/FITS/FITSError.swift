import CFITSIO
import Foundation

/// Errors reading or writing FITS files.
///
/// Every CFITSIO failure becomes `.cfitsio`, carrying CFITSIO's status code, its error text and the
/// file path, so that a message like "could not open the named file" says which file.
public enum FITSError: Error, LocalizedError, Sendable, Equatable {
    /// CFITSIO returned a nonzero status while doing `operation` on the file at `path`.
    case cfitsio(status: Int32, message: String, operation: String, path: String)
    /// The current HDU has no column of that name.
    case noSuchColumn(name: String, path: String, available: [String])
    /// A column holds another type than the one asked for.
    case columnTypeMismatch(name: String, stored: String, requested: String, path: String)
    /// A value cannot be stored in FITS (e.g. a string wider than its column, a non-ASCII character).
    case invalidValue(String, path: String)
    /// The file is damaged: what is wrong with it.
    case corrupt(String, path: String)

    /// One line naming the file, what failed and what to do.
    public var errorDescription: String? {
        switch self {
        case let .cfitsio(status, message, operation, path):
            "FITS error \(status) (\(message)) while \(operation) in \(path): check that the file exists and is an intact FITS file, or rebuild it"
        case let .noSuchColumn(name, path, available):
            "\(path) has no column \(name) in this table: use one of \(available.joined(separator: ", "))"
        case let .columnTypeMismatch(name, stored, requested, path):
            "column \(name) in \(path) holds \(stored), not \(requested): read it as \(stored)"
        case let .invalidValue(reason, path):
            "cannot write to \(path): \(reason)"
        case let .corrupt(reason, path):
            "\(path) is damaged: \(reason): restore or rebuild the file"
        }
    }

    /// Builds the error for a CFITSIO status code, with CFITSIO's own text for it.
    static func from(status: Int32, operation: String, path: String) -> FITSError {
        var text = [CChar](repeating: 0, count: 96)
        ffgerr(status, &text)
        var message = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var detail = [CChar](repeating: 0, count: 96)
        if ffgmsg(&detail) > 0 {
            let extra = String(decoding: detail.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !extra.isEmpty, extra != message { message += "; " + extra }
        }
        ffcmsg()
        return .cfitsio(status: status, message: message, operation: operation, path: path)
    }
}
