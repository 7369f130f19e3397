import CSupport
import FITS
import SkyTime
import Foundation
import Tables

/// The built-in ephemeris: a compact Chebyshev refit of JPL DE422 covering −3000 to +3000.
///
/// Gives barycentric ICRF positions (km) and velocities (km/day) of the Sun, Moon, Earth, the
/// Earth–Moon barycentre, Mercury–Neptune (system barycentres for Jupiter–Neptune, as in DE) and the
/// Pluto system barycentre, at TDB instants.
///
/// The file `Catalogs/ephemeris-de422-compact.fits` is made by `Catalogs/build/build_ephemeris.py`
/// from the PyPI package `de422` (2009.1): per body, Chebyshev series interpolated at Chebyshev–Lobatto
/// nodes over equal records, every coefficient quantised to an integer multiple of one step per body
/// and bit-packed with the fewest bits each coefficient index needs. Loading maps the file into memory and
/// checks its checksums; a record is decoded to integer mantissas on the stack when it is evaluated (a few
/// hundred bit fields, about as long as copying the decoded record was), so start-up does not decode 25 MB
/// that a run mostly never reads. Evaluation is a Clenshaw sum for position and derivative, without
/// allocation or locks.
///
/// Notes: the Moon is stored geocentric, as in DE; Earth = EMB − Moon/(1+EMRAT) and
/// Moon = EMB + Moon·EMRAT/(1+EMRAT) with DE422's EMRAT from the file header. Velocities come from the
/// derivative of the series (relative error below 1e-5).
///
/// References: W. M. Folkner, "Planetary ephemeris DE422 for the Messenger mission", JPL IOM 343R-11-002
/// (2011); X X Newhall, "Numerical representation of planetary ephemerides", Celest. Mech. 45 (1989) 305
/// (Chebyshev records); C. W. Clenshaw, Math. Tables Aids Comput. 9 (1955) 118 (summation).
///
/// Valid range: TDB Julian dates 625648.5 (−3000-12-07 Julian, i.e. 3001 BCE) to 2816816.5
/// (3000-01-30 Gregorian), the span of DE422.
public struct CompactEphemeris: EphemerisSource {
    /// The citable model name.
    public static let modelName = "JPL DE422, skyrecon compact refit"
    /// The catalogue file name inside the Catalogs directory.
    public static let fileName = "ephemeris-de422-compact.fits"
    /// Largest geocentric angular error against DE422 measured by the generator (version 1.1) at
    /// 100,000 random epochs over the whole span and on both sides of every record boundary, where
    /// quantisation errors peak (see Catalogs/README.md), rounded up. The Moon's figure is its
    /// geocentric direction; the others include the Earth's error. The largest position errors are
    /// 0.048 km (Moon, geocentric), 0.39 km (EMB), 2.2 km (Mercury) and 38 km (Pluto); velocities are
    /// good to 1.7e-4 relative (Sun's barycentric motion; 1.5e-5 for the Moon, less for the others).
    public static let measuredMaximumError: [Body: Angle] = [
        .sun: .arcseconds(0.000_55), .moon: .arcseconds(0.025_4), .mercury: .arcseconds(0.004_9),
        .venus: .arcseconds(0.003_3), .mars: .arcseconds(0.003_2), .jupiter: .arcseconds(0.002_0),
        .saturn: .arcseconds(0.002_1), .uranus: .arcseconds(0.001_7), .neptune: .arcseconds(0.001_4),
        .pluto: .arcseconds(0.001_6),
    ]
    /// The accuracy the file is built to: at most this geocentric angular error for the Sun and planets…
    public static let errorBudgetPlanets = Angle.arcseconds(0.05)
    /// …and for the Moon.
    public static let errorBudgetMoon = Angle.arcseconds(0.1)

    /// "JPL DE422, skyrecon compact refit".
    public let name: String
    /// The TDB Julian dates covered.
    public let coverage: ClosedRange<Double>
    /// Earth/Moon mass ratio of DE422.
    public let earthMoonMassRatio: Double
    /// Kilometres per astronomical unit used by DE422 (149597870.7).
    public let kilometresPerAU: Double
    /// The file the ephemeris was read from.
    public let url: URL

    let sun, moon, mercury, venus, emb, mars, jupiter, saturn, uranus, neptune: ChebyshevSeries
    let pluto: ChebyshevSeries?
    let earthShare: Double
    let moonShare: Double

    /// Reads the compact ephemeris from the Catalogs directory (see `CatalogLocation`).
    /// - Throws: `CatalogLocationError` when the file cannot be found, `EphemerisError.unreadableFile`
    ///   when it is not a valid compact ephemeris.
    public init() throws {
        try self.init(url: CatalogLocation.file(Self.fileName))
    }

    /// Reads a compact ephemeris file written by `Catalogs/build/build_ephemeris.py`.
    /// - Throws: `EphemerisError.unreadableFile` naming the path and what is wrong.
    public init(url: URL) throws {
        let path = url.path
        func fail(_ reason: String) -> EphemerisError {
            .unreadableFile(path: path, reason: reason
                + "; restore Catalogs/\(Self.fileName) with git or rebuild it as Catalogs/README.md says")
        }
        do {
            let file = try FITSFile.open(url)
            defer { try? file.close() }
            guard let mapping = try? MappedFile(path: path) else { throw fail("the file cannot be memory-mapped") }
            try file.moveToHDU(1)
            guard try file.hasKeyword("JDSTART"), try file.hasKeyword("EMRAT") else {
                throw fail("not a compact ephemeris (no JDSTART/EMRAT in the primary header)")
            }
            let start = try file.double("JDSTART")
            let end = try file.double("JDEND")
            let emrat = try file.double("EMRAT")
            guard start.isFinite, end.isFinite, start < end, emrat > 0, emrat.isFinite else {
                throw fail("inconsistent header (JDSTART \(start), JDEND \(end), EMRAT \(emrat))")
            }
            self.url = url
            self.name = (try? file.string("MODEL")) ?? Self.modelName
            self.coverage = start...end
            self.earthMoonMassRatio = emrat
            self.kilometresPerAU = (try? file.double("AU")) ?? 149_597_870.7
            self.earthShare = 1 / (1 + emrat)
            self.moonShare = emrat / (1 + emrat)
            func series(_ extname: String) throws -> ChebyshevSeries {
                try ChebyshevSeries(file: file, mapping: mapping, extname: extname, coverage: start...end, fail: fail)
            }
            sun = try series("SUN")
            moon = try series("MOON")
            mercury = try series("MERCURY")
            venus = try series("VENUS")
            emb = try series("EMB")
            mars = try series("MARS")
            jupiter = try series("JUPITER")
            saturn = try series("SATURN")
            uranus = try series("URANUS")
            neptune = try series("NEPTUNE")
            pluto = try file.extensionNames().contains("PLUTO") ? series("PLUTO") : nil
        } catch let error as EphemerisError {
            throw error
        } catch {
            throw fail(error.localizedDescription)
        }
    }

    /// The ephemeris from the Catalogs directory, read once per process and shared.
    /// - Throws: the error of that first read, every time it is asked for.
    public static func shared() throws -> CompactEphemeris {
        try sharedResult.get()
    }
    private static let sharedResult = Result { try CompactEphemeris() }

    /// Barycentric ICRF state (km, km/day) of `body` at the TDB Julian date `tdb.whole + tdb.fraction`.
    /// - Throws: `EphemerisError.outOfRange` outside `coverage`.
    public func state(of body: Body, tdb: (whole: Double, fraction: Double)) throws -> StateVector {
        switch body {
        case .earth:
            let b = try emb.state(tdb, name)
            let m = try moon.state(tdb, name)
            return StateVector(position: b.position - earthShare * m.position,
                               velocity: b.velocity - earthShare * m.velocity)
        case .moon:
            let b = try emb.state(tdb, name)
            let m = try moon.state(tdb, name)
            return StateVector(position: b.position + moonShare * m.position,
                               velocity: b.velocity + moonShare * m.velocity)
        default:
            return try series(of: body).state(tdb, name)
        }
    }

    /// Barycentric ICRF position (km) of `body`, without the work of the velocity.
    /// - Throws: `EphemerisError.outOfRange` outside `coverage`.
    public func position(of body: Body, tdb: (whole: Double, fraction: Double)) throws -> SIMD3<Double> {
        switch body {
        case .earth: try emb.position(tdb, name) - earthShare * moon.position(tdb, name)
        case .moon: try emb.position(tdb, name) + moonShare * moon.position(tdb, name)
        default: try series(of: body).position(tdb, name)
        }
    }

    /// The Earth's barycentric state, the Sun's barycentric position and, if asked for, a target's
    /// barycentric state (km, km/day).
    ///
    /// The records (Earth–Moon barycentre, geocentric Moon, Sun, target) are decoded to the stack before
    /// any is evaluated: at random dates each is a cache miss, and reading them together lets the
    /// memory reads overlap instead of waiting for one after the other.
    /// - Throws: `EphemerisError.outOfRange` outside `coverage`, `.bodyNotCovered` for Pluto when the
    ///   file has no Pluto.
    public func geocentricStates(tdb: (whole: Double, fraction: Double), target: Body?) throws
        -> (earth: StateVector, sun: SIMD3<Double>, target: StateVector?) {
        let e = try emb.locate(tdb, name), m = try moon.locate(tdb, name), s = try sun.locate(tdb, name)
        // The Sun, the Earth, the Moon and the barycentre come from the records read anyway.
        var other: (series: ChebyshevSeries, record: Int, x: Double)?
        switch target {
        case nil, .sun?, .earth?, .moon?, .earthMoonBarycenter?: other = nil
        case let body?:
            let series = try series(of: body)
            let place = try series.locate(tdb, name)
            other = (series, place.record, place.x)
        }
        // Buffers of a fixed size up to 1 kB each stay on the stack (larger or variable ones go to the heap);
        // the file's records fit them (225, and at most 93 for a planet); a rebuilt one with longer records is
        // read one record after the other.
        guard emb.recordLength + moon.recordLength + sun.recordLength <= 256,
              other?.series.recordLength ?? 0 <= 128 else {
            return (try state(of: .earth, tdb: tdb), try sun.position(tdb, name),
                    try target.map { try state(of: $0, tdb: tdb) })
        }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { buffer in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { targetBuffer in
                emb.prefetch(record: e.record, to: buffer, at: 0)
                moon.prefetch(record: m.record, to: buffer, at: emb.recordLength)
                sun.prefetch(record: s.record, to: buffer, at: emb.recordLength + moon.recordLength)
                if let other { other.series.prefetch(record: other.record, to: targetBuffer, at: 0) }
                let embRecord = emb.decode(record: e.record, to: buffer, at: 0)
                let moonRecord = moon.decode(record: m.record, to: buffer, at: emb.recordLength)
                let sunRecord = sun.decode(record: s.record, to: buffer, at: emb.recordLength + moon.recordLength)
                var otherRecord: UnsafeBufferPointer<Int32>?
                if let other { otherRecord = other.series.decode(record: other.record, to: targetBuffer, at: 0) }
                let b = emb.state(embRecord, x: e.x)
                let g = moon.state(moonRecord, x: m.x)
                let earth = StateVector(position: b.position - earthShare * g.position,
                                        velocity: b.velocity - earthShare * g.velocity)
                let sunState = target == .sun ? sun.state(sunRecord, x: s.x) : nil
                var targetState: StateVector?
                switch target {
                case .sun?: targetState = sunState
                case .earth?: targetState = earth
                case .moon?: targetState = StateVector(position: b.position + moonShare * g.position,
                                                       velocity: b.velocity + moonShare * g.velocity)
                case .earthMoonBarycenter?: targetState = b
                default:
                    if let other, let otherRecord { targetState = other.series.state(otherRecord, x: other.x) }
                }
                let sunPosition = sunState?.position ?? sun.position(sunRecord, x: s.x)
                return (earth, sunPosition, targetState)
            }
        }
    }

    /// The series of a body stored as such (not the Earth or the barycentric Moon).
    func series(of body: Body) throws -> ChebyshevSeries {
        switch body {
        case .sun: return sun
        case .mercury: return mercury
        case .venus: return venus
        case .earthMoonBarycenter: return emb
        case .mars: return mars
        case .jupiter: return jupiter
        case .saturn: return saturn
        case .uranus: return uranus
        case .neptune: return neptune
        case .pluto:
            guard let pluto else { throw EphemerisError.bodyNotCovered(.pluto, ephemeris: name) }
            return pluto
        case .earth, .moon: return emb
        }
    }

    /// The geocentric ICRF state of the Moon (km, km/day), as DE stores it.
    /// - Throws: `EphemerisError.outOfRange` outside `coverage`.
    public func geocentricMoon(tdb: (whole: Double, fraction: Double)) throws -> StateVector {
        try moon.state(tdb, name)
    }
}

/// What `withGeocentricStates` reads — the Earth–Moon barycentre, Moon and Sun series and each body's — in one
/// object that a caller keeps (the reducer of the compact ephemeris).
///
/// Why a class: a method called on the ephemeris (a struct of a dozen series) from where a caller keeps it copies
/// the struct first, a retain and release of each series per row; a class is used by one reference.
final class GeocentricReader: Sendable {
    private let ephemeris: CompactEphemeris
    private let emb, moon, sun: ChebyshevSeries
    private let bySlot: [ChebyshevSeries?]
    private let earthShare, moonShare: Double
    private let name: String

    init(_ ephemeris: CompactEphemeris) {
        self.ephemeris = ephemeris
        (emb, moon, sun) = (ephemeris.emb, ephemeris.moon, ephemeris.sun)
        bySlot = Body.allCases.sorted { Self.slot($0) < Self.slot($1) }.map { try? ephemeris.series(of: $0) }
        (earthShare, moonShare, name) = (ephemeris.earthShare, ephemeris.moonShare, ephemeris.name)
    }

    private static func slot(_ body: Body) -> Int {
        switch body {
        case .sun: 0
        case .moon: 1
        case .mercury: 2
        case .venus: 3
        case .earth: 4
        case .mars: 5
        case .jupiter: 6
        case .saturn: 7
        case .uranus: 8
        case .neptune: 9
        case .pluto: 10
        case .earthMoonBarycenter: 11
        }
    }

        /// Asks the processor to start bringing into the cache the records `withGeocentricStates` will read for
        /// `target` at `tdb`, and returns at once: called for a batch's next row before the current one is computed,
        /// the memory reads of the one overlap the computing of the other. No effect on any result; a date outside
        /// the ephemeris or a body it lacks is simply not prefetched.
        func prefetch(tdb: (whole: Double, fraction: Double), target: Body) {
            emb.prefetchLines(tdb)
            moon.prefetchLines(tdb)
            sun.prefetchLines(tdb)
            switch target {
            case .sun, .earth, .earthMoonBarycenter, .moon: break
            default: bySlot[Self.slot(target)]?.prefetchLines(tdb)
            }
        }

        /// As `geocentricStates(tdb:target:)` for a Moon or planet target, then `body` runs with the states and a
        /// function giving the target's barycentric position (km) at a TDB offset (days) from `tdb` — the light-time
        /// iteration's reads. Those come from the records already decoded when the offset date lies in them (the same
        /// numbers as `position(of:tdb:)`, which reads them anew otherwise).
        /// - Throws: as `geocentricStates(tdb:target:)`, and what `body` throws.
        func withGeocentricStates<R>(tdb: (whole: Double, fraction: Double), target: Body,
                                     _ body: (_ earth: StateVector, _ sun: SIMD3<Double>, _ target: StateVector,
                                              _ positionAt: (Double) throws -> SIMD3<Double>) throws -> R) throws -> R {
            let series: ChebyshevSeries?
            switch target {
            case .sun, .earth, .earthMoonBarycenter: series = nil
            case .moon: series = moon
            default:
                guard let stored = bySlot[Self.slot(target)] else {
                    throw EphemerisError.bodyNotCovered(target, ephemeris: name)
                }
                series = stored
            }
            guard let series, emb.recordLength + moon.recordLength + sun.recordLength <= 256,
                  series.recordLength <= 128 else {
                let ephemeris = self.ephemeris
                let states = try ephemeris.geocentricStates(tdb: tdb, target: target)
                return try body(states.earth, states.sun, states.target!) { delay in
                    try ephemeris.position(of: target, tdb: (tdb.whole, tdb.fraction + delay))
                }
            }
            let e = try emb.locate(tdb, name), m = try moon.locate(tdb, name), s = try sun.locate(tdb, name)
            let t = target == .moon ? m : try series.locate(tdb, name)
            return try withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { buffer in
                try withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { targetBuffer in
                    emb.prefetch(record: e.record, to: buffer, at: 0)
                    moon.prefetch(record: m.record, to: buffer, at: emb.recordLength)
                    sun.prefetch(record: s.record, to: buffer, at: emb.recordLength + moon.recordLength)
                    if target != .moon { series.prefetch(record: t.record, to: targetBuffer, at: 0) }
                    let embRecord = emb.decode(record: e.record, to: buffer, at: 0)
                    let moonRecord = moon.decode(record: m.record, to: buffer, at: emb.recordLength)
                    let sunRecord = sun.decode(record: s.record, to: buffer, at: emb.recordLength + moon.recordLength)
                    let targetRecord = target == .moon ? moonRecord : series.decode(record: t.record, to: targetBuffer, at: 0)
                    let b = emb.state(embRecord, x: e.x)
                    let g = moon.state(moonRecord, x: m.x)
                    let earth = StateVector(position: b.position - earthShare * g.position,
                                            velocity: b.velocity - earthShare * g.velocity)
                    let targetState = target == .moon
                        ? StateVector(position: b.position + moonShare * g.position, velocity: b.velocity + moonShare * g.velocity)
                        : series.state(targetRecord, x: t.x)
                    let sunPosition = sun.position(sunRecord, x: s.x)
                    // A record already decoded, or the series read anew: the same numbers either way.
                    func position(_ series: ChebyshevSeries, _ record: Int, _ mantissas: UnsafeBufferPointer<Int32>,
                                  _ date: (whole: Double, fraction: Double)) throws -> SIMD3<Double> {
                        let (index, x) = try series.locate(date, name)
                        return index == record ? series.position(mantissas, x: x) : try series.position(date, name)
                    }
                    return try body(earth, sunPosition, targetState) { delay in
                        let date = (tdb.whole, tdb.fraction + delay)
                        if target == .moon {
                            return try position(emb, e.record, embRecord, date) + moonShare * position(moon, m.record, moonRecord, date)
                        }
                        return try position(series, t.record, targetRecord, date)
                    }
                }
            }
        }
}

/// One body's Chebyshev records, bit-packed in the mapped file and decoded record by record.
///
/// A decoded record is laid out coefficient index k = 0…N, then axis x, y, z; a coefficient in km is
/// `mantissa * step`.
final class ChebyshevSeries: Sendable {
    let start: Double
    let recordDays: Double
    let records: Int
    let degree: Int
    let step: Double
    /// The mapped file, kept alive while its records are read.
    private let mapping: MappedFile
    /// Byte offset of the first record in the mapping, and bytes per record.
    private let dataStart: Int
    private let bytesPerRecord: Int
    /// Each field of a record in file order (axis-major): where it lies and where its value goes when decoded.
    private let fields: [Field]
    /// The last record whose fields can each be read with one 64-bit load without passing the mapping's end.
    private let lastSafeRecord: Int
    /// Fields at most 48 bytes apart from the first to the last: decoding them touches every cache line of a
    /// record (see `prefetch`).
    private let probes: [Int]

    private struct Field {
        /// Byte offset in the record of the 8 bytes read.
        let byte: Int32
        /// Left shift that puts the field at the top of the big-endian word, and the right shift that then
        /// sign-extends it (64 − width).
        let shift: UInt8
        let drop: UInt8
        /// Slot in the decoded (k-major) record.
        let slot: UInt16
    }
    /// Days from `start` to the end of the ephemeris (records may run a hair past it).
    private let span: Double
    private let coverage: ClosedRange<Double>

    init(file: FITSFile, mapping: MappedFile, extname: String, coverage: ClosedRange<Double>,
         fail: (String) -> EphemerisError) throws {
        try file.moveToHDU(named: extname)
        start = try file.double("JDSTART")
        recordDays = try file.double("RECDAYS")
        records = try file.integer("NRECORDS")
        degree = try file.integer("DEGREE")
        step = try file.double("QSTEP")
        let widths = try file.string("WIDTHS").split(separator: ",").compactMap { Int($0) }
        let coefficients = degree + 1
        guard recordDays > 0, recordDays.isFinite, step > 0, step.isFinite, records > 0, degree >= 1,
              degree <= 64, widths.count == 3 * coefficients, widths.allSatisfy({ (1...32).contains($0) })
        else {
            throw fail("HDU \(extname) has an inconsistent layout (RECDAYS, NRECORDS, DEGREE, QSTEP, WIDTHS)")
        }
        guard try file.rowCount() == records else { throw fail("HDU \(extname) does not have NRECORDS rows") }
        self.coverage = coverage
        span = coverage.upperBound - start
        guard start == coverage.lowerBound, Double(records) * recordDays >= span - 1e-6 else {
            throw fail("HDU \(extname) does not cover the ephemeris span")
        }
        // The table's one column is the record's packed bytes: row r is record r, read where it lies.
        let (type, count) = try file.columnInfo("PACKED")
        let rowBytes = try file.integer("NAXIS1")
        guard case .uint8 = type, count == rowBytes, try file.integer("TFIELDS") == 1,
              count * 8 >= widths.reduce(0, +) else {
            throw fail("HDU \(extname) has a PACKED column of \(count) bytes a row, too few for its WIDTHS")
        }
        let location = try file.hduLocation()
        guard location.headerStart >= 0, location.dataStart + records * count <= location.dataEnd,
              location.dataEnd <= mapping.count, (location.dataEnd - location.headerStart) % 4 == 0 else {
            throw fail("HDU \(extname) ends beyond the file (truncated)")
        }
        guard try Self.checksumsMatch(file, mapping, location) else {
            throw fail("HDU \(extname) fails its CHECKSUM/DATASUM test (the file is damaged)")
        }
        self.mapping = mapping
        dataStart = location.dataStart
        bytesPerRecord = count
        // Field f of the file (axis f / coefficients, index f % coefficients) goes to slot k*3 + axis.
        var fields: [Field] = []
        var bit = 0
        for (f, width) in widths.enumerated() {
            fields.append(Field(byte: Int32(bit >> 3), shift: UInt8(bit & 7), drop: UInt8(64 - width),
                                slot: UInt16((f % coefficients) * 3 + f / coefficients)))
            bit += width
        }
        self.fields = fields
        var probes = [0]
        for f in fields.indices.dropFirst() where fields[f].byte - fields[probes[probes.count - 1]].byte > 48 {
            probes.append(f - 1)
        }
        if probes.last != fields.count - 1 { probes.append(fields.count - 1) }
        self.probes = probes
        let lastByte = Int(fields.last?.byte ?? 0)
        lastSafeRecord = (mapping.count - 8 - lastByte - location.dataStart) / count
    }

    /// DATASUM against the data's sum and CHECKSUM against the whole HDU's (FITS Standard 4.0, appendix J), as
    /// CFITSIO's `ffvcks` checks them, on the mapped bytes; an HDU without them passes (nothing to check).
    private static func checksumsMatch(_ file: FITSFile, _ mapping: MappedFile,
                                       _ location: (headerStart: Int, dataStart: Int, dataEnd: Int)) throws -> Bool {
        let data = mapping.checksum(from: location.dataStart, to: location.dataEnd)
        if try file.hasKeyword("DATASUM") {
            let written = try file.string("DATASUM").trimmingCharacters(in: .whitespaces)
            guard let value = UInt32(written), value == data else { return false }
        }
        if try file.hasKeyword("CHECKSUM") {
            let header = mapping.checksum(from: location.headerStart, to: location.dataStart)
            var sum = UInt64(header) + UInt64(data)
            while sum >> 32 != 0 { sum = (sum & 0xFFFF_FFFF) + (sum >> 32) }
            // A correct CHECKSUM makes the HDU's ones'-complement sum negative zero (all ones).
            guard sum == 0xFFFF_FFFF else { return false }
        }
        return true
    }

    /// Decodes one record's two's-complement, MSB-first bit fields (axis-major in the file) into `buffer` from
    /// `offset` on, k-major, and returns that part of it.
    @inline(__always)
    func decode(record: Int, to buffer: UnsafeMutableBufferPointer<Int32>, at offset: Int) -> UnsafeBufferPointer<Int32> {
        let out = buffer.baseAddress! + offset
        fields.withUnsafeBufferPointer { fields in
            if record <= lastSafeRecord {
                // The common case in a loop of its own: the record's address and the bounds test out of it.
                let base = mapping.base + (dataStart &+ record &* bytesPerRecord)
                for field in fields { Self.decode(field, word: base.loadUnaligned(fromByteOffset: Int(field.byte),
                                                                                   as: UInt64.self), to: out) }
            } else {
                for field in fields { decode(field, record: record, to: out) }
            }
        }
        return UnsafeBufferPointer(start: out, count: recordLength)
    }

    /// A cache prefetch of every line of the record holding `tdb` (nothing outside the ephemeris).
    @inline(__always)
    func prefetchLines(_ tdb: (whole: Double, fraction: Double)) {
        let offset = (tdb.whole - start) + tdb.fraction
        guard offset >= 0, offset <= span else { return }
        let record = min(Int(offset / recordDays), records - 1)
        let first = mapping.base + (dataStart &+ record &* bytesPerRecord)
        var line = 0
        while line < bytesPerRecord {
            skyrecon_prefetch(first + line)
            line &+= 64
        }
        skyrecon_prefetch(first + (bytesPerRecord - 1))
    }

    /// Decodes a few fields spread over the record (into the slots `decode` fills anyway): called for every record
    /// a computation needs before any is decoded in full, so that their cache misses overlap instead of coming
    /// one record after the other.
    @inline(__always)
    func prefetch(record: Int, to buffer: UnsafeMutableBufferPointer<Int32>, at offset: Int) {
        let out = buffer.baseAddress! + offset
        fields.withUnsafeBufferPointer { fields in
            probes.withUnsafeBufferPointer { probes in
                for f in probes { decode(fields[f], record: record, to: out) }
            }
        }
    }

    @inline(__always)
    private func decode(_ field: Field, record: Int, to out: UnsafeMutablePointer<Int32>) {
        let at = dataStart &+ record &* bytesPerRecord &+ Int(field.byte)
        var word: UInt64
        if record <= lastSafeRecord {
            word = UInt64(bigEndian: mapping.base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        } else {
            // The file's last bytes: read the word byte by byte, zeros past the end.
            word = 0
            for i in 0..<8 {
                word = word << 8 | UInt64(at + i < mapping.count ? mapping.base.load(fromByteOffset: at + i, as: UInt8.self) : 0)
            }
        }
        Self.decode(field, word: word.bigEndian, to: out)
    }

    /// The field from the 8 bytes at its offset, as loaded (big-endian in memory).
    @inline(__always)
    private static func decode(_ field: Field, word: UInt64, to out: UnsafeMutablePointer<Int32>) {
        // Shift the field to the top, then an arithmetic shift sign-extends it.
        let value = Int64(bitPattern: UInt64(bigEndian: word) &<< UInt64(field.shift)) &>> Int64(field.drop)
        out[Int(field.slot)] = Int32(truncatingIfNeeded: value)
    }

    /// Mantissas per record: 3 × (degree + 1).
    var recordLength: Int { (degree + 1) * 3 }

    /// The record holding a two-part TDB Julian date, and the date's place in it (−1…1).
    @inline(__always)
    func locate(_ tdb: (whole: Double, fraction: Double), _ name: String) throws -> (record: Int, x: Double) {
        let offset = (tdb.whole - start) + tdb.fraction
        guard offset >= 0, offset <= span else {
            throw EphemerisError.outOfRange(jdTDB: tdb.whole + tdb.fraction, coverage: coverage, ephemeris: name)
        }
        let index = min(Int(offset / recordDays), records - 1)
        return (index, 2 * (offset - Double(index) * recordDays) / recordDays - 1)
    }

    /// Position (km) and velocity (km/day) at a two-part TDB Julian date.
    @inline(__always)
    func state(_ tdb: (whole: Double, fraction: Double), _ name: String) throws -> StateVector {
        let (record, x) = try locate(tdb, name)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: recordLength) {
            state(decode(record: record, to: $0, at: 0), x: x)
        }
    }

    /// Position (km) at a two-part TDB Julian date.
    @inline(__always)
    func position(_ tdb: (whole: Double, fraction: Double), _ name: String) throws -> SIMD3<Double> {
        let (record, x) = try locate(tdb, name)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: recordLength) {
            position(decode(record: record, to: $0, at: 0), x: x)
        }
    }

    /// Position (km) and velocity (km/day) from one record's mantissas at x in −1…1: Clenshaw for the
    /// series and its derivative (Clenshaw 1955).
    @inline(__always)
    func state(_ c: UnsafeBufferPointer<Int32>, x: Double) -> StateVector {
        var b1 = SIMD3<Double>(), b2 = SIMD3<Double>()
        var d1 = SIMD3<Double>(), d2 = SIMD3<Double>()
        let twoX = 2 * x
        // Indices run within the record (0 ≤ base < recordLength), so wrapping arithmetic is exact.
        var base = degree &* 3
        while base > 0 {
            let ck = SIMD3<Double>(Double(c[base]), Double(c[base &+ 1]), Double(c[base &+ 2]))
            // Bracketed so that only one multiply-add sits on each recurrence's critical path.
            let b0 = (ck - b2) + twoX * b1
            let d0 = (2 * b1 - d2) + twoX * d1
            b2 = b1; b1 = b0
            d2 = d1; d1 = d0
            base &-= 3
        }
        let c0 = SIMD3<Double>(Double(c[0]), Double(c[1]), Double(c[2]))
        let position = (c0 + x * b1 - b2) * step
        let velocity = (b1 + x * d1 - d2) * (step * 2 / recordDays)
        return StateVector(position: position, velocity: velocity)
    }

    /// Position (km) from one record's mantissas at x in −1…1 (the series part of `state`).
    @inline(__always)
    func position(_ c: UnsafeBufferPointer<Int32>, x: Double) -> SIMD3<Double> {
        var b1 = SIMD3<Double>(), b2 = SIMD3<Double>()
        let twoX = 2 * x
        var base = degree &* 3
        while base > 0 {
            let ck = SIMD3<Double>(Double(c[base]), Double(c[base &+ 1]), Double(c[base &+ 2]))
            let b0 = (ck - b2) + twoX * b1
            b2 = b1; b1 = b0
            base &-= 3
        }
        let c0 = SIMD3<Double>(Double(c[0]), Double(c[1]), Double(c[2]))
        return (c0 + x * b1 - b2) * step
    }
}

extension MappedFile {
    /// The FITS checksum of a byte range: the 32-bit ones'-complement sum of its big-endian 32-bit words (FITS
    /// Standard 4.0, appendix J; every FITS block is a multiple of 4 bytes long).
    ///
    /// Computed here because the data are already mapped: CFITSIO's `ffvcks` would read the whole HDU again.
    ///
    /// Notes: the words are loaded as they lie in memory (little-endian on the machines Swift runs on, checked
    /// below), eight at a time, without byte swapping: modulo 2³² − 1, where the ones'-complement sum lives,
    /// 2³² ≡ 1 and so the byte swap of a word `x` equals 2²⁴·(x & 0x00FF00FF) + 2¹⁶·((x >> 8) & 0x00FF00FF). The two
    /// masked sums are kept in 32-bit lanes for 256 steps (they cannot overflow there) and then added to 64-bit
    /// ones. Equal to the word-by-word sum (`scalarChecksum`, tested on random data of every length and offset);
    /// it reads 25 MB in about a third of the time.
    func checksum(from start: Int, to end: Int) -> UInt32 {
        precondition(start >= 0 && end <= count && start <= end && (end - start) % 4 == 0)
        guard 1.littleEndian == 1 else { return scalarChecksum(from: start, to: end) }
        func fold(_ value: UInt64) -> UInt64 {
            var sum = value
            while sum >> 32 != 0 { sum = (sum & 0xFFFF_FFFF) + (sum >> 32) }
            return sum
        }
        let mask = SIMD8<UInt32>(repeating: 0x00FF_00FF)
        // 64-bit lanes of sums below 2³² each: no overflow below 2³² blocks.
        var even = SIMD8<UInt64>(), odd = SIMD8<UInt64>()
        var offset = start
        let chunked = start + (end - start) / 32 * 32
        while offset < chunked {
            let blockEnd = min(chunked, offset + 256 * 32)
            var e = SIMD8<UInt32>(), o = SIMD8<UInt32>()
            while offset < blockEnd {
                let w = base.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt32>.self)
                e &+= w & mask
                o &+= (w &>> 8) & mask
                offset += 32
            }
            even &+= SIMD8<UInt64>(truncatingIfNeeded: e)
            odd &+= SIMD8<UInt64>(truncatingIfNeeded: o)
        }
        // Folding keeps a nonzero sum nonzero, so all-zero data alone sum to 0 (not to the "negative zero" 2³² − 1).
        var sum = fold(fold(even.wrappedSum()) << 24) + fold(fold(odd.wrappedSum()) << 16)
        while offset < end {
            sum += UInt64(UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            offset += 4
        }
        return UInt32(fold(sum))
    }

    /// The same sum one word at a time (the definition, for tests of `checksum`).
    func scalarChecksum(from start: Int, to end: Int) -> UInt32 {
        precondition(start >= 0 && end <= count && start <= end && (end - start) % 4 == 0)
        var sum: UInt64 = 0
        var offset = start
        while offset < end {
            sum &+= UInt64(UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            offset += 4
        }
        while sum >> 32 != 0 { sum = (sum & 0xFFFF_FFFF) + (sum >> 32) }
        return UInt32(sum)
    }
}
