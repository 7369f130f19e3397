#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SkyTime

/// Errors met while opening or reading a JPL SPK (`.bsp`) file.
public enum SPKError: Error, Sendable, Equatable, LocalizedError {
    /// The file does not exist or cannot be opened.
    case missingFile(path: String)
    /// The file is not a NAIF DAF/SPK file.
    case notDAF(path: String, reason: String)
    /// A segment needed for a body uses an SPK type this reader does not evaluate.
    case unsupportedSegmentType(type: Int, target: Int, center: Int, path: String)
    /// The file is truncated or internally inconsistent.
    case corrupt(path: String, reason: String)

    /// What went wrong and what to type instead.
    public var errorDescription: String? {
        switch self {
        case .missingFile(let path):
            "Cannot open the ephemeris file '\(path)'. Give the path of an existing JPL SPK file, e.g. --ephemeris /data/de441.bsp."
        case .notDAF(let path, let reason):
            "'\(path)' is not a JPL SPK (DAF) file (\(reason)). Give a binary .bsp file such as de421.bsp or de441.bsp, not a text or transfer file."
        case .unsupportedSegmentType(let type, let target, let center, let path):
            "'\(path)' stores body \(target) relative to \(center) as SPK segment type \(type); only types 2 and 3 (the JPL DE planetary ephemerides DE200–DE441) are read. Use a DE planetary file."
        case .corrupt(let path, let reason):
            "'\(path)' is damaged or truncated (\(reason)). Download the file again."
        }
    }
}

/// A JPL planetary ephemeris read from a binary SPK (`.bsp`) file: DE421, DE430, DE440, DE441 and the like.
///
/// Given the path of a DAF/SPK file (little- or big-endian), the reader memory-maps it once, indexes its
/// segments and evaluates the Chebyshev records of segment types 2 (position; velocity by
/// differentiation) and 3 (position and velocity). States of bodies are chained through their centres to
/// the solar-system barycentre (e.g. Moon = 301 rel. 3 + 3 rel. 0; Earth = 399 rel. 3 + 3 rel. 0).
///
/// Notes: when several segments cover an epoch, the one written last in the file wins, as in SPICE.
/// Reading a state allocates nothing.
///
/// References: NAIF "DAF Required Reading" and "SPK Required Reading" (SPICE Toolkit documentation),
/// sections on the file record, summary records and segment types 2 and 3.
///
/// Valid range: `coverage`, the TDB Julian dates covered for every body the file holds.
public struct SPKEphemeris: EphemerisSource {
    /// The file name, e.g. "de441.bsp", used to cite the ephemeris.
    public let name: String
    /// TDB Julian dates covered by the segments of every body in the file.
    public let coverage: ClosedRange<Double>
    /// The path the file was opened from.
    public let path: String
    /// NAIF ids of the targets the file holds, each with its centre.
    public let targets: [Int: Int]

    private let file: MappedFile
    private let segmentsByTarget: [Int: [Segment]]

    /// Opens and indexes an SPK file.
    ///
    /// - Parameter path: the file system path of a binary `.bsp` file.
    /// - Throws: `SPKError.missingFile`, `.notDAF`, `.corrupt`.
    public init(path: String) throws {
        let file = try MappedFile(path: path)
        let fileName = (path as NSString).lastPathComponent
        self.path = path
        self.name = fileName
        self.file = file
        guard file.count >= 1024 else { throw SPKError.notDAF(path: path, reason: "shorter than one 1024-byte record") }
        let idWord = file.ascii(at: 0, count: 8)
        guard idWord.hasPrefix("DAF/") || idWord.hasPrefix("NAIF/DAF") else {
            throw SPKError.notDAF(path: path, reason: "it starts with '\(idWord.trimmingCharacters(in: .whitespaces))' instead of 'DAF/SPK'")
        }
        if idWord.hasPrefix("DAF/"), !idWord.hasPrefix("DAF/SPK") {
            throw SPKError.notDAF(path: path, reason: "it is a '\(idWord)' file, not an SPK")
        }
        let format = file.ascii(at: 88, count: 8)
        let bigEndian: Bool
        if format == "BIG-IEEE" {
            bigEndian = true
        } else if format == "LTL-IEEE" {
            bigEndian = false
        } else {
            // Pre-1995 files carry no format word; ND = 2 tells the byte order.
            bigEndian = file.int32(at: 8, bigEndian: true) == 2
        }
        let nd = Int(file.int32(at: 8, bigEndian: bigEndian))
        let ni = Int(file.int32(at: 12, bigEndian: bigEndian))
        guard nd == 2, ni == 6 else {
            throw SPKError.notDAF(path: path, reason: "summary format ND=\(nd), NI=\(ni) is not that of an SPK (2, 6)")
        }
        let summaryDoubles = nd + (ni + 1) / 2
        var record = Int(file.int32(at: 76, bigEndian: bigEndian))
        var segments: [Int: [Segment]] = [:]
        var centres: [Int: Int] = [:]
        var visited = Set<Int>()
        while record > 0 {
            guard visited.insert(record).inserted else { throw SPKError.corrupt(path: path, reason: "summary records form a loop") }
            let base = (record - 1) * 1024
            guard base + 1024 <= file.count else { throw SPKError.corrupt(path: path, reason: "summary record \(record) lies beyond the end of the file") }
            let nextWord = file.double(at: base, bigEndian: bigEndian)
            let countWord = file.double(at: base + 16, bigEndian: bigEndian)
            guard nextWord.isFinite, countWord.isFinite, abs(nextWord) < 1e12, abs(countWord) < 1e6 else {
                throw SPKError.corrupt(path: path, reason: "summary record \(record) is unreadable")
            }
            let next = Int(nextWord)
            let count = Int(countWord)
            guard count >= 0, 24 + count * summaryDoubles * 8 <= 1024 else {
                throw SPKError.corrupt(path: path, reason: "summary record \(record) claims \(count) summaries")
            }
            for i in 0..<count {
                let s = base + 24 + i * summaryDoubles * 8
                let start = file.double(at: s, bigEndian: bigEndian)
                let end = file.double(at: s + 8, bigEndian: bigEndian)
                let ints = (0..<6).map { Int(file.int32(at: s + 16 + 4 * $0, bigEndian: bigEndian)) }
                let (target, center, type, first, last) = (ints[0], ints[1], ints[3], ints[4], ints[5])
                let segment = try Segment(file: file, bigEndian: bigEndian, path: path, target: target, center: center, type: type,
                                          startSeconds: start, endSeconds: end, firstWord: first, lastWord: last)
                segments[target, default: []].append(segment)
                centres[target] = center
            }
            record = next
        }
        guard !segments.isEmpty else { throw SPKError.notDAF(path: path, reason: "it holds no segments") }
        self.segmentsByTarget = segments
        self.targets = centres
        // Coverage: the span every target's segments cover, as TDB Julian dates.
        var low = -Double.infinity, high = Double.infinity
        for list in segments.values {
            let a = list.map(\.startSeconds).min() ?? 0, b = list.map(\.endSeconds).max() ?? 0
            low = max(low, a)
            high = min(high, b)
        }
        if low > high { (low, high) = (high, low) }
        coverage = (j2000 + low / secondsPerDay)...(j2000 + high / secondsPerDay)
    }

    /// Barycentric ICRF state of `body` (km, km/day) at a TDB Julian date.
    ///
    /// - Throws: `EphemerisError.bodyNotCovered` when the file has no chain from the body to the
    ///   barycentre, `EphemerisError.outOfRange` outside the segments, `SPKError.unsupportedSegmentType`.
    public func state(of body: Body, tdb: (whole: Double, fraction: Double)) throws -> StateVector {
        try state(naifID: body.naifID, body: body, tdb: tdb)
    }

    /// Barycentric state of any NAIF target the file chains to the barycentre (km, km/day).
    public func state(naifID: Int, tdb: (whole: Double, fraction: Double)) throws -> StateVector {
        try state(naifID: naifID, body: nil, tdb: tdb)
    }

    private func state(naifID: Int, body: Body?, tdb: (whole: Double, fraction: Double)) throws -> StateVector {
        let seconds = ((tdb.whole - j2000) + tdb.fraction) * secondsPerDay
        var position = SIMD3<Double>(repeating: 0), velocity = SIMD3<Double>(repeating: 0)
        var target = naifID
        var steps = 0
        while target != 0 {
            guard let list = segmentsByTarget[target], steps < 16 else {
                if let body { throw EphemerisError.bodyNotCovered(body, ephemeris: name) }
                throw EphemerisError.unreadableFile(path: path, reason: "no segment chains NAIF body \(naifID) to the barycentre")
            }
            guard let segment = list.last(where: { $0.startSeconds <= seconds && seconds <= $0.endSeconds }) else {
                throw EphemerisError.outOfRange(jdTDB: tdb.whole + tdb.fraction, coverage: coverage, ephemeris: name)
            }
            guard segment.type == 2 || segment.type == 3 else {
                throw SPKError.unsupportedSegmentType(type: segment.type, target: segment.target, center: segment.center, path: path)
            }
            let (p, v) = segment.evaluate(file: file, seconds: seconds)
            position += p
            velocity += v
            target = segment.center
            steps += 1
        }
        return StateVector(position: position, velocity: velocity * secondsPerDay)
    }
}

/// One SPK segment of type 2 or 3 (Chebyshev records of fixed length).
struct Segment: Sendable {
    let target: Int
    let center: Int
    let type: Int
    let startSeconds: Double
    let endSeconds: Double
    let initialSeconds: Double
    let intervalSeconds: Double
    let recordDoubles: Int
    let recordCount: Int
    let coefficientCount: Int
    let firstByte: Int
    let bigEndian: Bool

    init(file: MappedFile, bigEndian: Bool, path: String, target: Int, center: Int, type: Int, startSeconds: Double,
         endSeconds: Double, firstWord: Int, lastWord: Int) throws {
        self.target = target
        self.center = center
        self.type = type
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.bigEndian = bigEndian
        firstByte = (firstWord - 1) * 8
        guard startSeconds.isFinite, endSeconds.isFinite, startSeconds <= endSeconds else {
            throw SPKError.corrupt(path: path, reason: "segment of body \(target) has an impossible time span")
        }
        guard firstWord >= 1, lastWord >= firstWord + 3, lastWord * 8 <= file.count else {
            throw SPKError.corrupt(path: path, reason: "segment of body \(target) addresses words \(firstWord)…\(lastWord) outside the file")
        }
        guard type == 2 || type == 3 else {
            initialSeconds = 0; intervalSeconds = 1; recordDoubles = 0; recordCount = 0; coefficientCount = 0
            return
        }
        let tail = (lastWord - 4) * 8
        initialSeconds = file.double(at: tail, bigEndian: bigEndian)
        intervalSeconds = file.double(at: tail + 8, bigEndian: bigEndian)
        let rsize = file.double(at: tail + 16, bigEndian: bigEndian), n = file.double(at: tail + 24, bigEndian: bigEndian)
        let components = type == 2 ? 3 : 6
        guard rsize.isFinite, n.isFinite, rsize >= Double(2 + components), n >= 1, intervalSeconds > 0, initialSeconds.isFinite,
              rsize < 1e6, n < 1e9,
              Int(rsize) * Int(n) + 4 <= lastWord - firstWord + 1
        else {
            throw SPKError.corrupt(path: path, reason: "segment of body \(target) has an impossible directory (RSIZE \(rsize), N \(n))")
        }
        recordDoubles = Int(rsize)
        recordCount = Int(n)
        coefficientCount = (recordDoubles - 2) / components
    }

    /// Position (km) and velocity (km/s) relative to the centre at `seconds` TDB past J2000.
    @inline(__always)
    func evaluate(file: MappedFile, seconds: Double) -> (SIMD3<Double>, SIMD3<Double>) {
        // Clamped as a Double first, so that a damaged directory cannot overflow the conversion.
        let position = ((seconds - initialSeconds) / intervalSeconds).rounded(.down)
        let index = Int(min(max(position.isNaN ? 0 : position, 0), Double(recordCount - 1)))
        let record = firstByte + index * recordDoubles * 8
        let mid = file.double(at: record, bigEndian: bigEndian)
        let radius = file.double(at: record + 8, bigEndian: bigEndian)
        let x = (seconds - mid) / radius
        let n = coefficientCount
        var p = SIMD3<Double>(repeating: 0), v = SIMD3<Double>(repeating: 0)
        for axis in 0..<3 {
            let c = record + 16 + axis * n * 8
            // Clenshaw recurrence for the value and its derivative in x.
            var b1 = 0.0, b2 = 0.0, d1 = 0.0, d2 = 0.0
            var k = n - 1
            while k >= 1 {
                let ck = file.double(at: c + k * 8, bigEndian: bigEndian)
                let b0 = 2 * x * b1 - b2 + ck
                let d0 = 2 * x * d1 - d2 + 2 * b1
                b2 = b1; b1 = b0
                d2 = d1; d1 = d0
                k -= 1
            }
            let c0 = file.double(at: c, bigEndian: bigEndian)
            p[axis] = x * b1 - b2 + c0
            v[axis] = (x * d1 - d2 + b1) / radius
        }
        if type == 3 {
            for axis in 0..<3 {
                let c = record + 16 + (3 + axis) * n * 8
                var b1 = 0.0, b2 = 0.0
                var k = n - 1
                while k >= 1 {
                    let b0 = 2 * x * b1 - b2 + file.double(at: c + k * 8, bigEndian: bigEndian)
                    b2 = b1; b1 = b0
                    k -= 1
                }
                v[axis] = x * b1 - b2 + file.double(at: c, bigEndian: bigEndian)
            }
        }
        return (p, v)
    }
}

/// A read-only memory mapping of a whole file.
///
/// `@unchecked Sendable`: the mapping is created once, never written, and unmapped only in `deinit`.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SPKError.missingFile(path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SPKError.missingFile(path: path) }
        let size = Int(info.st_size)
        guard size > 0 else { throw SPKError.notDAF(path: path, reason: "the file is empty") }
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else {
            throw SPKError.corrupt(path: path, reason: "it cannot be memory-mapped")
        }
        base = UnsafeRawPointer(pointer)
        count = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }

    @inline(__always)
    func double(at offset: Int, bigEndian: Bool) -> Double {
        let bits = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        return Double(bitPattern: bigEndian ? UInt64(bigEndian: bits) : UInt64(littleEndian: bits))
    }

    func int32(at offset: Int, bigEndian: Bool) -> Int32 {
        let bits = base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return Int32(bitPattern: bigEndian ? UInt32(bigEndian: bits) : UInt32(littleEndian: bits))
    }

    func ascii(at offset: Int, count: Int) -> String {
        let bytes = UnsafeRawBufferPointer(start: base + offset, count: count)
        return String(decoding: bytes.map { $0 >= 32 && $0 < 127 ? $0 : 32 }, as: UTF8.self)
    }
}
