// libFuzzer target: the FITS reader on corrupt files. Each input is written to a scratch file (in $TMPDIR, which
// scripts/fuzz.sh points at /dev/shm) and read the way the catalogue loader reads: every HDU, its keywords, its
// columns, its image. (CFITSIO 4.2's memory driver, tried instead of the file, read past the end of a buffer on
// corrupt headers, so files are fuzzed through the path users take.)
import Foundation

private let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("skyrecon-fuzz-\(ProcessInfo.processInfo.processIdentifier).fits")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFITS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: scratch.path, contents: Data(bytes: data, count: size)) else { return 0 }
    let opened = try? FITSFile.open(scratch)
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
