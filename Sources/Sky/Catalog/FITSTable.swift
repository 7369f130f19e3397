import Foundation
import CFITSIO

/// A read-only binary table of a FITS file, read whole columns at a time through CFITSIO.
///
/// Internal to the Sky module: it reads the catalogue tables that `Catalogs/build/` writes. (The FITS module's
/// general reader can replace it once it lands; this type keeps the catalogue code independent of that.)
struct FITSTable {
    let path: String
    let extension_: String
    let rowCount: Int
    private let file: UnsafeMutablePointer<fitsfile>

    /// Opens the binary-table extension `extname` of the file at `path`.
    static func open(_ path: String, extension extname: String) throws -> FITSTable {
        var fptr: UnsafeMutablePointer<fitsfile>? = nil
        var status: Int32 = 0
        ffopen(&fptr, path, READONLY, &status)
        guard status == 0, let file = fptr else {
            throw SkyCatalogError.unreadableCatalog(path: path, reason: FITSTable.message(status))
        }
        var name = Array(extname.utf8CString)
        ffmnhd(file, BINARY_TBL, &name, 0, &status)
        var rows: LONGLONG = 0
        ffgnrwll(file, &rows, &status)
        if status != 0 {
            var closeStatus: Int32 = 0
            ffclos(file, &closeStatus)
            throw SkyCatalogError.unreadableCatalog(
                path: path, reason: "table \(extname): \(FITSTable.message(status))")
        }
        return FITSTable(path: path, extension_: extname, rowCount: Int(rows), file: file)
    }

    /// Closes the file. The table must not be used afterwards.
    func close() {
        var status: Int32 = 0
        ffclos(file, &status)
    }

    private func column(_ name: String) throws -> Int32 {
        var template = Array(name.utf8CString)
        var number: Int32 = 0
        var status: Int32 = 0
        ffgcno(file, CASEINSEN, &template, &number, &status)
        guard status == 0 else {
            throw SkyCatalogError.unreadableCatalog(
                path: path, reason: "table \(extension_) has no column \(name)")
        }
        return number
    }

    private func fail(_ status: Int32, _ name: String) -> SkyCatalogError {
        .unreadableCatalog(path: path, reason: "column \(name) of \(extension_): \(FITSTable.message(status))")
    }

    /// A numeric column as doubles (NaN for undefined values).
    func doubles(_ name: String) throws -> [Double] {
        let number = try column(name)
        guard rowCount > 0 else { return [] }
        var values = [Double](repeating: 0, count: rowCount)
        var status: Int32 = 0
        var anyNull: Int32 = 0
        ffgcvd(file, number, 1, 1, LONGLONG(rowCount), .nan, &values, &anyNull, &status)
        guard status == 0 else { throw fail(status, name) }
        return values
    }

    /// An integer column as Int32 (0 for undefined values).
    func integers(_ name: String) throws -> [Int32] {
        let number = try column(name)
        guard rowCount > 0 else { return [] }
        var values = [Int32](repeating: 0, count: rowCount)
        var status: Int32 = 0
        var anyNull: Int32 = 0
        ffgcvk(file, number, 1, 1, LONGLONG(rowCount), 0, &values, &anyNull, &status)
        guard status == 0 else { throw fail(status, name) }
        return values
    }

    /// A character column as trimmed Swift strings.
    func strings(_ name: String, width: Int = 80) throws -> [String] {
        let number = try column(name)
        guard rowCount > 0 else { return [] }
        let stride = width + 1
        var storage = [CChar](repeating: 0, count: rowCount * stride)
        var status: Int32 = 0
        var anyNull: Int32 = 0
        var empty = Array("".utf8CString)
        storage.withUnsafeMutableBufferPointer { buffer in
            var pointers: [UnsafeMutablePointer<CChar>?] = (0..<rowCount).map { buffer.baseAddress! + $0 * stride }
            ffgcvs(file, number, 1, 1, LONGLONG(rowCount), &empty, &pointers, &anyNull, &status)
        }
        guard status == 0 else { throw fail(status, name) }
        return (0..<rowCount).map { row in
            let slice = storage[(row * stride)..<(row * stride + stride)]
            let bytes = slice.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
    }

    static func message(_ status: Int32) -> String {
        var text = [CChar](repeating: 0, count: 81)
        ffgerr(status, &text)
        let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self) + " (CFITSIO status \(status))"
    }
}
