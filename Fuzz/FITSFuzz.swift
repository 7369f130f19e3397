// libFuzzer target: the FITS reader on corrupt files. Each input is opened from memory (`FITSFile.open(bytes:)`, which
// makes the header check a file open makes) and read the way the catalogue loader reads: every HDU, its keywords,
// its columns. FITS_FUZZ_FILE=1 writes each input to a scratch file and opens that instead, for the file path.
import Foundation

private let scratch: URL? = ProcessInfo.processInfo.environment["FITS_FUZZ_FILE"] == "1"
    ? FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-fuzz-\(ProcessInfo.processInfo.processIdentifier).fits")
    : nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFITS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let opened: FITSFile?
    if let scratch {
        guard FileManager.default.createFile(atPath: scratch.path, contents: Data(bytes)) else { return 0 }
        opened = try? FITSFile.open(scratch)
    } else {
        opened = try? FITSFile.open(bytes: bytes)
    }
    guard let file = opened else { return 0 }
    defer { try? file.close() }
    let count = (try? file.hduCount()) ?? 0
    for hdu in 1...max(1, min(count, 8)) {
        guard (try? file.moveToHDU(hdu)) != nil else { continue }
        _ = try? file.extensionNames()
        for key in ["EXTNAME", "NAXIS", "NAXIS1", "NAXIS2", "TFIELDS", "BITPIX"] {
            _ = try? file.string(key); _ = try? file.integer(key); _ = try? file.double(key)
        }
        if let axes = try? file.imageAxes(), !axes.isEmpty { _ = try? file.readImage(as: Double.self) }
        _ = try? file.checksumsMatch()
        guard let names = try? file.columnNames() else { continue }
        for name in names.prefix(16) {
            guard let info = try? file.columnInfo(name) else { continue }
            switch info.type {
            case .double: _ = try? file.read(name, as: Double.self)
            case .float: _ = try? file.read(name, as: Float.self)
            case .int32: _ = try? file.read(name, as: Int32.self)
            case .int64: _ = try? file.read(name, as: Int64.self)
            case .int16: _ = try? file.read(name, as: Int16.self)
            default: _ = try? file.readStrings(name)
            }
        }
    }
    return 0
}
