import CFITSIO
import Foundation

/// A number type that FITS binary-table columns can hold.
///
/// Conforming types: `Int8`, `UInt8`, `Int16`, `Int32`, `Int64`, `Float`, `Double`. `Int8` is stored
/// the FITS way, as unsigned bytes with `TZEROn = -128`.
public protocol FITSNumeric: Sendable, BitwiseCopyable {
    /// The CFITSIO datatype code used to read and write values of this type.
    static var cfitsioDataType: Int32 { get }
    /// The column type that stores this type without loss.
    static var columnType: FITSColumnType { get }
}

extension Int8: FITSNumeric {
    public static var cfitsioDataType: Int32 { TSBYTE }
    public static var columnType: FITSColumnType { .int8 }
}
extension UInt8: FITSNumeric {
    public static var cfitsioDataType: Int32 { TBYTE }
    public static var columnType: FITSColumnType { .uint8 }
}
extension Int16: FITSNumeric {
    public static var cfitsioDataType: Int32 { TSHORT }
    public static var columnType: FITSColumnType { .int16 }
}
extension Int32: FITSNumeric {
    public static var cfitsioDataType: Int32 { TINT }
    public static var columnType: FITSColumnType { .int32 }
}
extension Int64: FITSNumeric {
    public static var cfitsioDataType: Int32 { TLONGLONG }
    public static var columnType: FITSColumnType { .int64 }
}
extension Float: FITSNumeric {
    public static var cfitsioDataType: Int32 { TFLOAT }
    public static var columnType: FITSColumnType { .float }
}
extension Double: FITSNumeric {
    public static var cfitsioDataType: Int32 { TDOUBLE }
    public static var columnType: FITSColumnType { .double }
}

/// The type of a binary-table column.
public enum FITSColumnType: Sendable, Hashable, CustomStringConvertible {
    case int8, uint8, int16, int32, int64, float, double
    /// Fixed-width ASCII text, `width` characters per row (shorter values are blank-padded).
    case string(width: Int)

    /// The FITS TFORM letter (Int8 is written as `B` plus `TZEROn = -128`).
    var tformLetter: String {
        switch self {
        case .int8, .uint8: "B"
        case .int16: "I"
        case .int32: "J"
        case .int64: "K"
        case .float: "E"
        case .double: "D"
        case .string: "A"
        }
    }

    /// The Swift type the column reads as, e.g. "Int16" or "String(width: 12)".
    public var description: String {
        switch self {
        case .int8: "Int8"
        case .uint8: "UInt8"
        case .int16: "Int16"
        case .int32: "Int32"
        case .int64: "Int64"
        case .float: "Float"
        case .double: "Double"
        case .string(let width): "String(width: \(width))"
        }
    }
}

/// A column to create in a binary table.
public struct FITSColumn: Sendable, Hashable {
    /// The column name (TTYPEn).
    public var name: String
    /// The stored type.
    public var type: FITSColumnType
    /// Elements per row for numeric columns (a vector column when > 1); ignored for strings.
    public var count: Int
    /// The physical unit (TUNITn), if any.
    public var unit: String?

    /// A column named `name` of `type`, `count` elements per row (numeric types), with an optional unit.
    public init(_ name: String, _ type: FITSColumnType, count: Int = 1, unit: String? = nil) {
        self.name = name
        self.type = type
        self.count = count
        self.unit = unit
    }

    var tform: String {
        if case .string(let width) = type { return "\(max(width, 1))A" }
        return "\(max(count, 1))\(type.tformLetter)"
    }
}

/// Whether a file is opened for reading only or for reading and writing.
public enum FITSAccess: Sendable {
    case readOnly, readWrite
}

/// An open FITS file: a thin, throwing Swift face of a CFITSIO `fitsfile*`.
///
/// Not `Sendable` and meant to be short-lived: open, read (or write), close, and keep what was read in
/// plain Sendable values. The file is closed by `close()` or, failing that, when the object goes away.
///
/// It covers what skyrecon's catalogues and charts need: header keywords (string, integer, double; long
/// strings), HDU navigation by number or EXTNAME, binary tables with typed scalar or vector columns
/// (`FITSNumeric` types, fixed-width ASCII strings), images of any `FITSNumeric` pixel type, and
/// CHECKSUM/DATASUM. Every CFITSIO failure is thrown as `FITSError`, naming the file.
///
/// HDU numbers are 1-based as in CFITSIO (1 is the primary HDU). Table rows are 1-based where a row
/// number is asked for. Column reads return every element of every row in row order, so a vector
/// column of `count` elements gives `rowCount * count` values.
///
/// References: W. D. Pence, "CFITSIO, v2.0: a new full-featured data interface", ASP Conf. Ser. 172
/// (1999) 487; the FITS Standard 4.0 (IAU FITS Working Group, 2018), ch. 7.3 (binary tables).
public final class FITSFile {
    /// The path given when opening or creating the file.
    public let path: String
    private var pointer: UnsafeMutablePointer<fitsfile>?

    private init(path: String, pointer: UnsafeMutablePointer<fitsfile>?) {
        self.path = path
        self.pointer = pointer
    }

    deinit {
        if pointer != nil {
            var status: Int32 = 0
            ffclos(pointer, &status)
        }
    }

    /// Opens an existing FITS file.
    /// - Throws: `FITSError.cfitsio` when the file is missing, unreadable or not FITS; `FITSError.corrupt` when
    ///   a header holds bytes FITS forbids (see `HeaderCheck`).
    public static func open(_ url: URL, access: FITSAccess = .readOnly) throws -> FITSFile {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw FITSError.cfitsio(status: 104, message: "could not open the named file: no such file",
                                    operation: "opening", path: path)
        }
        try HeaderCheck.validate(path: path)
        var status: Int32 = 0
        var fptr: UnsafeMutablePointer<fitsfile>?
        // A leading "file://" keeps CFITSIO from parsing brackets or "!" in the name as its extended syntax.
        ffopen(&fptr, "file://" + path, access == .readOnly ? READONLY : READWRITE, &status)
        if status != 0 {
            if fptr != nil { var ignored: Int32 = 0; ffclos(fptr, &ignored) }
            throw FITSError.from(status: status, operation: "opening", path: path)
        }
        return FITSFile(path: path, pointer: fptr)
    }

    /// Creates a new FITS file with an empty primary HDU (for header keywords), ready for tables.
    /// - Parameters:
    ///   - url: where to write the file.
    ///   - overwrite: replace an existing file; otherwise an existing file is an error.
    public static func create(_ url: URL, overwrite: Bool = false) throws -> FITSFile {
        let path = url.path
        if FileManager.default.fileExists(atPath: path) {
            guard overwrite else {
                throw FITSError.invalidValue("the file already exists: pass overwrite: true or remove it", path: path)
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        var status: Int32 = 0
        var fptr: UnsafeMutablePointer<fitsfile>?
        ffinit(&fptr, "file://" + path, &status)
        if status != 0 { throw FITSError.from(status: status, operation: "creating", path: path) }
        let file = FITSFile(path: path, pointer: fptr)
        ffcrim(fptr, 8, 0, nil, &status)
        try file.check(status, "creating the primary HDU")
        return file
    }

    /// Closes the file, flushing any writes. Further calls throw.
    public func close() throws {
        let fptr = try handle()
        var status: Int32 = 0
        ffclos(fptr, &status)
        pointer = nil
        try check(status, "closing")
    }

    // MARK: HDUs

    /// The number of HDUs in the file.
    public func hduCount() throws -> Int {
        var status: Int32 = 0
        var n: Int32 = 0
        ffthdu(try handle(), &n, &status)
        try check(status, "counting HDUs")
        return Int(n)
    }

    /// The 1-based number of the current HDU.
    public func currentHDU() throws -> Int {
        var n: Int32 = 0
        ffghdn(try handle(), &n)
        return Int(n)
    }

    /// Moves to the HDU with the given 1-based number.
    public func moveToHDU(_ number: Int) throws {
        var status: Int32 = 0
        var type: Int32 = 0
        guard let n = Int32(exactly: number), n >= 1 else {
            throw FITSError.invalidValue("HDU number \(number) is not a positive number", path: path)
        }
        ffmahd(try handle(), n, &type, &status)
        try check(status, "moving to HDU \(number)")
    }

    /// Moves to the first HDU whose EXTNAME (or HDUNAME) is `name` (case-insensitive).
    public func moveToHDU(named name: String) throws {
        var status: Int32 = 0
        var cname = Array(name.utf8CString)
        ffmnhd(try handle(), ANY_HDU, &cname, 0, &status)
        try check(status, "looking for the HDU named \(name)")
    }

    /// The EXTNAME of every HDU (an empty string where it has none), in file order.
    public func extensionNames() throws -> [String] {
        let here = try currentHDU()
        defer { try? moveToHDU(here) }
        var names: [String] = []
        for n in 1...max(try hduCount(), 1) {
            try moveToHDU(n)
            names.append(try hasKeyword("EXTNAME") ? try string("EXTNAME") : "")
        }
        return names
    }

    // MARK: Header keywords

    /// Whether the current header has the keyword.
    public func hasKeyword(_ key: String) throws -> Bool {
        var status: Int32 = 0
        var value = [CChar](repeating: 0, count: 96)
        var ckey = Array(key.utf8CString)
        ffgkey(try handle(), &ckey, &value, nil, &status)
        if status == KEY_NO_EXIST { ffcmsg(); return false }
        try check(status, "reading keyword \(key)")
        return true
    }

    /// A string keyword of the current header (long strings continued with CONTINUE are joined).
    public func string(_ key: String) throws -> String {
        var status: Int32 = 0
        var value: UnsafeMutablePointer<CChar>?
        var ckey = Array(key.utf8CString)
        ffgkls(try handle(), &ckey, &value, nil, &status)
        defer { if value != nil { var s: Int32 = 0; fffree(value, &s) } }
        try check(status, "reading keyword \(key)")
        guard let value else { return "" }
        let text = String(cString: value)
        // Writers that end a continued string with an empty CONTINUE card leave CFITSIO's result with the
        // continuation marker still attached.
        return text.utf8.count > 68 && text.hasSuffix("&") ? String(text.dropLast()) : text
    }

    /// An integer keyword of the current header (an integral real value such as `3.0` is accepted).
    public func integer(_ key: String) throws -> Int {
        let text = try numericValue(key)
        if let v = Int(text) { return v }
        if let d = Double(text), d.rounded() == d, abs(d) < 9.2e18 { return Int(d) }
        throw FITSError.corrupt("keyword \(key) is \(text), not an integer", path: path)
    }

    /// A floating-point keyword of the current header (FITS allows a `D` exponent: `1.5D+03`).
    public func double(_ key: String) throws -> Double {
        let text = try numericValue(key)
        guard let v = Double(text.replacingOccurrences(of: "D", with: "E")), v.isFinite else {
            throw FITSError.corrupt("keyword \(key) is \(text), not a number", path: path)
        }
        return v
    }

    /// The value field of a keyword as written, for parsing here: CFITSIO's own conversions (ffgkyjj/ffgkyd →
    /// ffc2j/ffc2d) abort the process on some malformed values ("buffer overflow detected" in its error message,
    /// found by scripts/fuzz.sh, CFITSIO 4.2), so a corrupt header must not reach them.
    private func numericValue(_ key: String) throws -> String {
        var status: Int32 = 0
        var value = [CChar](repeating: 0, count: 96)
        var ckey = Array(key.utf8CString)
        ffgkey(try handle(), &ckey, &value, nil, &status)
        try check(status, "reading keyword \(key)")
        var text = String(decoding: value.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Foundation's trimming is slow and most values have no blank to trim.
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b >= 0x80 }
        if let head = text.utf8.first, let tail = text.utf8.last, blank(head) || blank(tail) {
            text = text.trimmingCharacters(in: .whitespaces)
        }
        if let first = text.first, first == "+" { return String(text.dropFirst()) }
        return text
    }

    /// Writes (or replaces) a string keyword; strings longer than 68 characters use the CONTINUE convention.
    public func write(_ key: String, _ value: String, comment: String? = nil) throws {
        guard value.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) else {
            throw FITSError.invalidValue("keyword \(key) must be printable ASCII", path: path)
        }
        var status: Int32 = 0
        ffukls(try handle(), key, value, comment, &status)
        try check(status, "writing keyword \(key)")
    }

    /// Writes (or replaces) an integer keyword.
    public func write(_ key: String, _ value: Int, comment: String? = nil) throws {
        var status: Int32 = 0
        ffukyj(try handle(), key, Int64(value), comment, &status)
        try check(status, "writing keyword \(key)")
    }

    /// Writes (or replaces) a floating-point keyword with full (17-digit) precision.
    public func write(_ key: String, _ value: Double, comment: String? = nil) throws {
        var status: Int32 = 0
        ffukyd(try handle(), key, value, -17, comment, &status)
        try check(status, "writing keyword \(key)")
    }

    /// Appends a COMMENT card to the current header; CFITSIO splits text longer than 72 characters over
    /// several cards.
    public func writeComment(_ text: String) throws {
        guard text.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) else {
            throw FITSError.invalidValue("a COMMENT must be printable ASCII", path: path)
        }
        var status: Int32 = 0
        ffpcom(try handle(), text, &status)
        try check(status, "writing a COMMENT")
    }

    /// Whether the current HDU's CHECKSUM and DATASUM keywords match its content.
    /// - Returns: `true` when both match or the HDU has none (nothing to check); `false` when either
    ///   differs, i.e. the HDU was altered or corrupted after it was written.
    public func checksumsMatch() throws -> Bool {
        var status: Int32 = 0
        var dataStatus: Int32 = 0
        var hduStatus: Int32 = 0
        ffvcks(try handle(), &dataStatus, &hduStatus, &status)
        try check(status, "verifying checksums")
        return dataStatus >= 0 && hduStatus >= 0
    }

    /// Where the current HDU lies in the file: byte offsets of its header, its data, and the end of its data
    /// (including the fill to the next 2880-byte block).
    public func hduLocation() throws -> (headerStart: Int, dataStart: Int, dataEnd: Int) {
        var status: Int32 = 0
        var headStart: Int64 = 0, dataStart: Int64 = 0, dataEnd: Int64 = 0
        ffghadll(try handle(), &headStart, &dataStart, &dataEnd, &status)
        try check(status, "locating the current HDU")
        return (Int(headStart), Int(dataStart), Int(dataEnd))
    }

    /// Computes and writes the CHECKSUM and DATASUM keywords of the current HDU (FITS Standard 4.0,
    /// appendix J); call it after the HDU's data are complete.
    public func writeChecksums() throws {
        var status: Int32 = 0
        ffpcks(try handle(), &status)
        try check(status, "writing checksums")
    }

    // MARK: Images

    /// Makes an image of `T` pixels with the given axis lengths (first axis fastest, FITS order) the
    /// current HDU: the empty primary HDU of a new file becomes the image, otherwise an IMAGE extension
    /// is appended. World coordinates (WCS: CTYPEn, CRPIXn, CRVALn, CDELTn, …) are ordinary keywords
    /// written afterwards with `write(_:_:comment:)` (Greisen & Calabretta 2002, A&A 395, 1061).
    /// - Parameters:
    ///   - type: the pixel type.
    ///   - axes: the axis lengths, first axis fastest.
    ///   - name: the EXTNAME to give the HDU, if any.
    public func createImage<T: FITSNumeric>(of type: T.Type, axes: [Int], name: String? = nil) throws {
        guard !axes.isEmpty, axes.count <= 999, axes.allSatisfy({ $0 >= 1 }) else {
            throw FITSError.invalidValue("image axes \(axes) must be 1 to 999 positive lengths", path: path)
        }
        let fptr = try handle()
        var status: Int32 = 0
        var naxes = axes.map(Int64.init)
        let bitpix: Int32 = switch T.columnType {
        case .int8: SBYTE_IMG
        case .uint8: BYTE_IMG
        case .int16: SHORT_IMG
        case .int32: LONG_IMG
        case .int64: LONGLONG_IMG
        case .float: FLOAT_IMG
        default: DOUBLE_IMG
        }
        var dimensions: Int32 = 0
        ffgidm(fptr, &dimensions, &status)
        try check(status, "reading the current HDU's dimensions")
        if try hduCount() == 1, try currentHDU() == 1, dimensions == 0 {
            ffrsimll(fptr, bitpix, Int32(axes.count), &naxes, &status)
        } else {
            ffcrimll(fptr, bitpix, Int32(axes.count), &naxes, &status)
        }
        try check(status, "creating an image")
        if let name { try write("EXTNAME", name) }
    }

    /// The axis lengths of the current image HDU (empty for a header-only HDU).
    public func imageAxes() throws -> [Int] {
        let fptr = try handle()
        var status: Int32 = 0
        var dimensions: Int32 = 0
        ffgidm(fptr, &dimensions, &status)
        try check(status, "reading image dimensions")
        guard dimensions > 0 else { return [] }
        var naxes = [Int64](repeating: 0, count: Int(dimensions))
        ffgiszll(fptr, dimensions, &naxes, &status)
        try check(status, "reading image axes")
        return naxes.map { Int($0) }
    }

    /// Writes every pixel of the current image, first axis fastest; `pixels.count` must equal the
    /// product of the axis lengths. CFITSIO converts to the image's stored type.
    public func writeImage<T: FITSNumeric>(_ pixels: [T]) throws {
        let axes = try imageAxes()
        let total = axes.reduce(1, *)
        guard !axes.isEmpty, pixels.count == total else {
            throw FITSError.invalidValue("the image holds \(axes.isEmpty ? 0 : total) pixels (axes \(axes)), "
                                         + "not \(pixels.count)", path: path)
        }
        let fptr = try handle()
        var status: Int32 = 0
        var first = [Int64](repeating: 1, count: axes.count)
        var copy = pixels
        copy.withUnsafeMutableBufferPointer { buffer in
            _ = ffppxll(fptr, T.cfitsioDataType, &first, Int64(buffer.count), buffer.baseAddress, &status)
        }
        try check(status, "writing image pixels")
    }

    /// Reads every pixel of the current image as `T`, first axis fastest (see `imageAxes()`).
    public func readImage<T: FITSNumeric>(as type: T.Type = T.self) throws -> [T] {
        let axes = try imageAxes()
        guard !axes.isEmpty else { return [] }
        var total = 1
        for n in axes {
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            guard !overflow, n >= 0 else {
                throw FITSError.corrupt("image axes \(axes) do not give a pixel count", path: path)
            }
            total = product
        }
        try checkPresent(elements: total, rowBytes: (try? integer("BITPIX")).map { abs($0) / 8 }, rows: total,
                         what: "image of \(axes) pixels")
        let fptr = try handle()
        var status: Int32 = 0
        var first = [Int64](repeating: 1, count: axes.count)
        let pixels = [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            if let base = buffer.baseAddress {
                UnsafeMutableRawPointer(base).initializeMemory(as: UInt8.self, repeating: 0,
                                                               count: total * MemoryLayout<T>.stride)
                var anyNull: Int32 = 0
                _ = ffgpxvll(fptr, T.cfitsioDataType, &first, Int64(total), nil, base, &anyNull, &status)
            }
            initialized = total
        }
        try check(status, "reading image pixels")
        return pixels
    }

    // MARK: Binary tables

    /// Appends a binary-table HDU named `name` with the given columns and makes it current.
    /// - Parameters:
    ///   - name: the EXTNAME of the table.
    ///   - columns: the columns, in order.
    ///   - rows: initial row count (writing past the end extends the table).
    public func createBinaryTable(named name: String, columns: [FITSColumn], rows: Int = 0) throws {
        let fptr = try handle()
        var cstrings: [UnsafeMutablePointer<CChar>?] = []
        defer { cstrings.forEach { free($0) } }
        func c(_ s: String) -> UnsafeMutablePointer<CChar>? {
            let p = strdup(s)
            cstrings.append(p)
            return p
        }
        var ttype = columns.map { c($0.name) }
        var tform = columns.map { c($0.tform) }
        var tunit = columns.map { c($0.unit ?? "") }
        var status: Int32 = 0
        ffcrtb(fptr, BINARY_TBL, Int64(max(rows, 0)), Int32(columns.count), &ttype, &tform, &tunit, name, &status)
        try check(status, "creating table \(name)")
        for (i, column) in columns.enumerated() where column.type == .int8 {
            ffukyj(fptr, "TZERO\(i + 1)", -128, "Int8 stored as offset bytes", &status)
            ffukyj(fptr, "TSCAL\(i + 1)", 1, nil, &status)
        }
        ffrdef(fptr, &status)
        try check(status, "defining table \(name)")
    }

    /// The number of rows of the current table.
    public func rowCount() throws -> Int {
        var status: Int32 = 0
        var rows: Int64 = 0
        ffgnrwll(try handle(), &rows, &status)
        try check(status, "counting rows")
        return Int(rows)
    }

    /// The names of the columns of the current table.
    public func columnNames() throws -> [String] {
        let fptr = try handle()
        var status: Int32 = 0
        var count: Int32 = 0
        ffgncl(fptr, &count, &status)
        try check(status, "counting columns")
        return try (0..<Int(count)).map { i in
            var value = [CChar](repeating: 0, count: 96)
            var key = Array("TTYPE\(i + 1)".utf8CString)
            ffgkys(fptr, &key, &value, nil, &status)
            try check(status, "reading the name of column \(i + 1)")
            return String(decoding: value.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The stored type and elements per row of a column of the current table.
    public func columnInfo(_ name: String) throws -> (type: FITSColumnType, count: Int) {
        let (_, type, count) = try column(name)
        return (type, count)
    }

    /// Reads every element of a numeric column, rows in order (`rowCount * count` values).
    /// CFITSIO converts between numeric types and throws when a value does not fit the requested one.
    public func read<T: FITSNumeric>(_ name: String, as type: T.Type = T.self) throws -> [T] {
        let (number, count) = try numericColumn(name, as: T.self)
        let total = try checkedElements(rows: try rowCount(), perRow: count, column: name)
        let fptr = try handle()
        var status: Int32 = 0
        let values = Self.zeroFilled(total) { (base: UnsafeMutablePointer<T>) in
            var anyNull: Int32 = 0
            _ = ffgcv(fptr, T.cfitsioDataType, number, 1, 1, Int64(total), nil, base, &anyNull, &status)
        }
        try check(status, "reading column \(name)")
        return values
    }

    /// Reads the elements of a numeric column at some rows (0-based, in any order): `rows.count * count` values,
    /// converted as `read(_:as:)` converts them.
    ///
    /// Notes: for taking a few rows of a large table (a search of a sorted column) without reading it whole; the
    /// table must fit the file as for `read(_:as:)`, so a truncated file is an error here too.
    /// - Throws: as `read(_:as:)`; `FITSError.invalidValue` for a row outside the table.
    public func read<T: FITSNumeric>(_ name: String, rows: [Int], as type: T.Type = T.self) throws -> [T] {
        let (number, count) = try numericColumn(name, as: T.self)
        let tableRows = try rowCount()
        _ = try checkedElements(rows: tableRows, perRow: count, column: name)
        if let bad = rows.first(where: { !(0..<tableRows).contains($0) }) {
            throw FITSError.invalidValue("row \(bad) is outside the \(tableRows) rows of column \(name) (rows count from 0)",
                                         path: path)
        }
        let fptr = try handle()
        var status: Int32 = 0
        let values = Self.zeroFilled(rows.count * count) { (base: UnsafeMutablePointer<T>) in
            for (i, row) in rows.enumerated() where status == 0 {
                var anyNull: Int32 = 0
                _ = ffgcv(fptr, T.cfitsioDataType, number, Int64(row + 1), 1, Int64(count), nil, base + i * count,
                          &anyNull, &status)
            }
        }
        try check(status, "reading column \(name)")
        return values
    }

    /// Reads several numeric columns of the current table in one pass over its rows, each as `read(_:as:)` reads it.
    ///
    /// Notes: a table is stored row by row, so reading N columns one after the other makes CFITSIO read the whole
    /// table N times once it outgrows CFITSIO's buffers (40 × 2,880 bytes); here the rows are taken in blocks that fit
    /// those buffers and every column is read from a block before the next, so the file is read once (stars.fits:
    /// 7.6 MB instead of 112 MB for its 15 columns).
    public func read<T: FITSNumeric>(columns names: [String], as type: T.Type = T.self) throws -> [[T]] {
        let rows = try rowCount()
        let layout = try names.map { name -> (number: Int32, count: Int, total: Int) in
            let (number, count) = try numericColumn(name, as: T.self)
            return (number, count, try checkedElements(rows: rows, perRow: count, column: name))
        }
        let rowBytes = max(1, try integer("NAXIS1"))
        let block = max(1, 57_600 / rowBytes)
        let fptr = try handle()
        var columns = layout.map { column in Self.zeroFilled(column.total) { (_: UnsafeMutablePointer<T>) in } }
        var status: Int32 = 0
        for first in stride(from: 0, to: rows, by: block) {
            let n = min(block, rows - first)
            for k in layout.indices {
                let (number, count, _) = layout[k]
                guard count > 0 else { continue }
                columns[k].withUnsafeMutableBufferPointer { buffer in
                    var anyNull: Int32 = 0
                    _ = ffgcv(fptr, T.cfitsioDataType, number, Int64(first + 1), 1, Int64(n * count), nil,
                              buffer.baseAddress! + first * count, &anyNull, &status)
                }
                try check(status, "reading column \(names[k])")
            }
        }
        return columns
    }

    /// The number and elements per row of a numeric column of the current table, to be read as `T`.
    /// - Throws: `FITSError.columnTypeMismatch` for a character column.
    private func numericColumn<T: FITSNumeric>(_ name: String, as type: T.Type) throws -> (number: Int32, count: Int) {
        let (number, stored, count) = try column(name)
        if case .string = stored {
            throw FITSError.columnTypeMismatch(name: name, stored: stored.description, requested: "\(T.self)", path: path)
        }
        return (Int32(number), count)
    }

    /// `total` values set to zero, then filled by `fill` (given the first when there are any): zero-filled raw memory
    /// rather than Array(repeating:), which is slow for a generic element.
    private static func zeroFilled<T: FITSNumeric>(_ total: Int, _ fill: (UnsafeMutablePointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            if let base = buffer.baseAddress, total > 0 {
                UnsafeMutableRawPointer(base).initializeMemory(as: UInt8.self, repeating: 0, count: total * MemoryLayout<T>.stride)
                fill(base)
            }
            initialized = total
        }
    }

    /// Writes numeric values into a column from `firstRow` on (1-based), filling rows in order; the
    /// table grows as needed. `values.count` should be a multiple of the column's element count.
    public func write<T: FITSNumeric>(_ name: String, _ values: [T], firstRow: Int = 1) throws {
        let (number, stored, _) = try column(name)
        if case .string = stored {
            throw FITSError.columnTypeMismatch(name: name, stored: stored.description,
                                               requested: "\(T.self)", path: path)
        }
        guard firstRow >= 1 else {
            throw FITSError.invalidValue("row numbers start at 1, not \(firstRow)", path: path)
        }
        guard !values.isEmpty else { return }
        let fptr = try handle()
        var status: Int32 = 0
        var copy = values
        copy.withUnsafeMutableBufferPointer { buffer in
            _ = ffpcl(fptr, T.cfitsioDataType, Int32(number), Int64(firstRow), 1, Int64(buffer.count),
                      buffer.baseAddress, &status)
        }
        try check(status, "writing column \(name)")
    }

    /// Reads a fixed-width ASCII string column, one value per row, trailing blanks removed.
    public func readStrings(_ name: String) throws -> [String] {
        let (number, stored, _) = try column(name)
        guard case .string(let width) = stored else {
            throw FITSError.columnTypeMismatch(name: name, stored: stored.description, requested: "String",
                                               path: path)
        }
        let rows = try rowCount()
        guard rows > 0 else { return [] }
        _ = try checkedElements(rows: rows, perRow: max(1, width), column: name)
        let fptr = try handle()
        let stride = width + 1
        var storage = [CChar](repeating: 0, count: rows * stride)
        var status: Int32 = 0
        storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var pointers: [UnsafeMutablePointer<CChar>?] = (0..<rows).map { base + $0 * stride }
            var anyNull: Int32 = 0
            var empty: CChar = 0
            // For TSTRING, CFITSIO reads `nulval` as the null string itself (a char*), not a pointer to one.
            withUnsafeMutablePointer(to: &empty) { nullString in
                _ = ffgcv(fptr, TSTRING, Int32(number), 1, 1, Int64(rows), nullString, &pointers, &anyNull, &status)
            }
        }
        try check(status, "reading column \(name)")
        // Each value up to its NUL, without trailing blanks; bytes, not characters (a blank is one byte in UTF-8).
        return storage.withUnsafeBytes { raw in
            (0..<rows).map { row in
                let value = UnsafeRawBufferPointer(rebasing: raw[(row * stride)..<(row * stride + stride)])
                var end = value.firstIndex(of: 0) ?? value.count
                while end > 0 && value[end - 1] == 0x20 { end -= 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: value[..<end]), as: UTF8.self)
            }
        }
    }

    /// Writes ASCII strings into a string column from `firstRow` on, one per row.
    /// - Throws: `FITSError.invalidValue` for a value longer than the column or not ASCII.
    public func writeStrings(_ name: String, _ values: [String], firstRow: Int = 1) throws {
        let (number, stored, _) = try column(name)
        guard case .string(let width) = stored else {
            throw FITSError.columnTypeMismatch(name: name, stored: stored.description, requested: "String",
                                               path: path)
        }
        guard firstRow >= 1 else {
            throw FITSError.invalidValue("row numbers start at 1, not \(firstRow)", path: path)
        }
        for value in values {
            guard value.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) else {
                throw FITSError.invalidValue("column \(name) holds ASCII only; \"\(value)\" is not", path: path)
            }
            guard value.utf8.count <= width else {
                throw FITSError.invalidValue("\"\(value)\" is longer than column \(name)'s \(width) characters",
                                             path: path)
            }
        }
        guard !values.isEmpty else { return }
        let fptr = try handle()
        var pointers: [UnsafeMutablePointer<CChar>?] = values.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        var status: Int32 = 0
        ffpcl(fptr, TSTRING, Int32(number), Int64(firstRow), 1, Int64(values.count), &pointers, &status)
        try check(status, "writing column \(name)")
    }

    // MARK: Internals

    /// The number of elements of a column (rows × elements per row), checked against the bytes the current HDU's
    /// data occupy and the bytes the file holds after the data's start: a corrupt header (a row count of 10¹⁸) is an
    /// error here, not an overflow or an allocation the machine cannot make, and so is a table whose rows
    /// (NAXIS2 × NAXIS1 bytes) run past the end of a truncated file.
    private func checkedElements(rows: Int, perRow: Int, column name: String) throws -> Int {
        let (total, overflow) = rows.multipliedReportingOverflow(by: perRow)
        guard !overflow, total >= 0 else {
            throw FITSError.corrupt("column \(name) declares \(rows) rows of \(perRow) elements, which overflows",
                                    path: path)
        }
        try checkPresent(elements: total, rowBytes: try? integer("NAXIS1"), rows: rows, what: "column \(name)")
        return total
    }

    /// Throws unless `elements` (each at least one byte) fit the current HDU's data and the bytes the file holds
    /// after the data's start, and `rows` rows of `rowBytes` bytes end within the file.
    private func checkPresent(elements: Int, rowBytes: Int?, rows: Int, what: String) throws {
        var status: Int32 = 0
        var headStart: Int64 = 0, dataStart: Int64 = 0, dataEnd: Int64 = 0
        ffghadll(try handle(), &headStart, &dataStart, &dataEnd, &status)
        try check(status, "locating the data of \(what)")
        var present: Int64? = nil
        // stat(2) follows symbolic links; FileManager's attributes and path resolution cost more than the read of a
        // small column.
        var info = stat()
        if ![".gz", ".fz", ".Z", ".zip"].contains(where: { path.hasSuffix($0) }), stat(path, &info) == 0 {
            present = Int64(info.st_size) - dataStart
        }
        let limit = min(dataEnd - dataStart, present ?? .max)
        guard Int64(elements) <= max(0, limit) else {
            throw FITSError.corrupt("\(what) declares \(elements) elements, more than the file's \(max(0, limit)) data "
                                    + "bytes hold (truncated or corrupt)", path: path)
        }
        if let present, let width = rowBytes {
            let (bytes, o) = rows.multipliedReportingOverflow(by: width)
            guard !o, width >= 0, Int64(bytes) <= present else {
                throw FITSError.corrupt("the \(what)'s \(rows) rows of \(width) bytes run past the file's end, which holds "
                                        + "\(max(0, present)) bytes of data (truncated)", path: path)
            }
        }
    }

    private func handle() throws -> UnsafeMutablePointer<fitsfile> {
        guard let pointer else {
            throw FITSError.cfitsio(status: 115, message: "the file is already closed", operation: "using",
                                    path: path)
        }
        return pointer
    }

    private func check(_ status: Int32, _ operation: @autoclosure () -> String) throws {
        if status != 0 { throw FITSError.from(status: status, operation: operation(), path: path) }
    }

    private func column(_ name: String) throws -> (number: Int, type: FITSColumnType, count: Int) {
        let fptr = try handle()
        let names = try columnNames()
        guard let index = names.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
            throw FITSError.noSuchColumn(name: name, path: path, available: names)
        }
        var status: Int32 = 0
        var typecode: Int32 = 0
        var repeatCount: Int64 = 0
        var width: Int64 = 0
        ffeqtyll(fptr, Int32(index + 1), &typecode, &repeatCount, &width, &status)
        try check(status, "reading the type of column \(name)")
        let type: FITSColumnType
        switch typecode {
        case TSBYTE: type = .int8
        case TBYTE: type = .uint8
        case TSHORT: type = .int16
        case TLONG, TINT32BIT, TINT: type = .int32
        case TLONGLONG: type = .int64
        case TFLOAT: type = .float
        case TDOUBLE: type = .double
        case TSTRING: type = .string(width: Int(repeatCount))
        default:
            throw FITSError.columnTypeMismatch(name: name, stored: "FITS type code \(typecode)",
                                               requested: "a supported type", path: path)
        }
        if case .string = type { return (index + 1, type, 1) }
        return (index + 1, type, Int(repeatCount))
    }
}
