import FITS
import Foundation

/// One binary-table extension of a catalogue FITS file, read whole columns at a time through the FITS module,
/// with FITS errors turned into `SkyCatalogError.unreadableCatalog` naming the file.
struct FITSTable {
    let path: String
    let extensionName: String
    private let file: FITSFile

    private init(path: String, extensionName: String, file: FITSFile) {
        self.path = path
        self.extensionName = extensionName
        self.file = file
    }

    /// Opens the binary-table extension `extname` of the file at `path`.
    static func open(_ path: String, extension extname: String) throws -> FITSTable {
        do {
            let file = try FITSFile.open(URL(fileURLWithPath: path))
            try file.moveToHDU(named: extname)
            return FITSTable(path: path, extensionName: extname, file: file)
        } catch let error as FITSError {
            throw SkyCatalogError.unreadableCatalog(path: path, reason: "table \(extname): \(error.localizedDescription)")
        }
    }

    /// Closes the file (also closed when the last reference goes).
    func close() { try? file.close() }

    private func mapped<T>(_ column: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FITSError {
            throw SkyCatalogError.unreadableCatalog(
                path: path, reason: "column \(column) of \(extensionName): \(error.localizedDescription)")
        }
    }

    /// The number of rows.
    func rowCount() throws -> Int {
        do { return try file.rowCount() } catch let error as FITSError {
            throw SkyCatalogError.unreadableCatalog(path: path, reason: "table \(extensionName): \(error.localizedDescription)")
        }
    }

    /// A numeric column as doubles.
    func doubles(_ name: String) throws -> [Double] { try mapped(name) { try file.read(name, as: Double.self) } }

    /// Numeric columns as doubles, read in one pass over the table's rows.
    func doubles(_ names: [String]) throws -> [[Double]] {
        try mapped(names.joined(separator: ", ")) { try file.read(columns: names, as: Double.self) }
    }

    /// Single-precision columns as stored, read in one pass over the table's rows.
    /// - Throws: `SkyCatalogError.unreadableCatalog` when a column is not single precision (it would be rounded).
    func floats(_ names: [String]) throws -> [[Float]] {
        try mapped(names.joined(separator: ", ")) {
            for name in names where try file.columnInfo(name).type != .float {
                throw SkyCatalogError.unreadableCatalog(
                    path: path, reason: "column \(name) of \(extensionName) is not single precision (TFORM E) as the catalogue writes it")
            }
            return try file.read(columns: names, as: Float.self)
        }
    }

    /// Integer columns as Int32, read in one pass over the table's rows.
    func integers(_ names: [String]) throws -> [[Int32]] {
        try mapped(names.joined(separator: ", ")) { try file.read(columns: names, as: Int32.self) }
    }

    /// An integer column's values at some rows (0-based) as Int32.
    func integers(_ name: String, rows: [Int]) throws -> [Int32] {
        try mapped(name) { try file.read(name, rows: rows, as: Int32.self) }
    }

    /// A numeric column's values at some rows (0-based) as doubles.
    func doubles(_ name: String, rows: [Int]) throws -> [Double] {
        try mapped(name) { try file.read(name, rows: rows, as: Double.self) }
    }

    /// A single-precision column's values at some rows (0-based) as stored.
    /// - Throws: `SkyCatalogError.unreadableCatalog` when the column is not single precision, as `floats(_:)`.
    func floats(_ name: String, rows: [Int]) throws -> [Float] {
        try mapped(name) {
            guard try file.columnInfo(name).type == .float else {
                throw SkyCatalogError.unreadableCatalog(
                    path: path, reason: "column \(name) of \(extensionName) is not single precision (TFORM E) as the catalogue writes it")
            }
            return try file.read(name, rows: rows, as: Float.self)
        }
    }

    /// An integer column as Int32.
    func integers(_ name: String) throws -> [Int32] { try mapped(name) { try file.read(name, as: Int32.self) } }

    /// A character column as strings without trailing blanks.
    func strings(_ name: String) throws -> [String] {
        try mapped(name) {
            try file.readStrings(name).map { s in
                // Foundation's trimming is slow for thousands of values; most have no blank to trim.
                func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b >= 0x80 }
                guard let first = s.utf8.first, let last = s.utf8.last, blank(first) || blank(last) else { return s }
                return s.trimmingCharacters(in: .whitespaces)
            }
        }
    }
}
