import Foundation

/// Errors of a batch row or header.
public enum BatchError: Error, LocalizedError, Sendable, Equatable {
    case unreadable(String)
    case empty(String)
    case missingColumns(String)
    case badValue(column: String, value: String, expected: String)
    case missing(String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path): "cannot read \(path): check the path (a UTF-8 CSV file with a header row)"
        case .empty(let path): "\(path) is empty: it needs a header row (body,jd_tt or body,jd_ut,…) and data rows"
        case .missingColumns(let what): "the input lacks \(what): the header needs `body` and `jd_tt`, `jd_ut` or `date`"
        case .badValue(let column, let value, let expected): "\(column) '\(value)' is not \(expected)"
        case .missing(let what): "\(what) is empty: fill it in or drop the row"
        }
    }
}

/// A batch of positions: rows with `body` and `jd_tt`, `jd_ut` or `date` (a date as `skyrecon date` or `--date`
/// reads it: 0757-03-14T19:30, 至德二載二月壬午) (optionally `delta_t_s`, `rv_km_s`, `site` or
/// `lat`,`lon`,`height_m`) in, the same rows with the computed columns added out.
///
/// The computed columns are defined as in the reference ephemeris of the project's tests: `ra_astr_deg`,
/// `dec_astr_deg` (astrometric geocentric ICRF), `dist_au` (light-time corrected), `ra_app_deg`, `dec_app_deg`
/// (apparent, true equator and equinox of date; topocentric when the row has a site), `lon_app_deg`,
/// `lat_app_deg` (apparent geocentric ecliptic of date), and with a site `az_deg`, `alt_deg` (airless),
/// `alt_refr_deg`; then `constellation`, `mansion`, `mansion_du` (入宿度), and `error` for a row that failed.
///
/// Input columns are echoed as text (an input `007` or `nan` stays text in JSON); computed columns are numbers.
public struct PositionBatch: Sendable {
    /// The input columns.
    public let header: [String]
    /// The output columns: the input's, then the computed ones it lacks.
    public let outputHeader: [String]
    /// The columns this batch computes.
    public static let computed = ["delta_t_s", "ra_astr_deg", "dec_astr_deg", "dist_au", "ra_app_deg", "dec_app_deg",
                           "lon_app_deg", "lat_app_deg", "az_deg", "alt_deg", "alt_refr_deg", "constellation",
                           "mansion", "mansion_du", "error"]

    /// Where each column the batch reads sits in a row (looked up once, not per row).
    private let columns: Columns

    private struct Columns: Sendable {
        let body, site, lat, lon, height, deltaT, jdTT, jdUT, date, radialVelocity: Int?
        init(_ index: [String: Int]) {
            (body, site, lat, lon, height) = (index["body"], index["site"], index["lat"], index["lon"], index["height_m"])
            (deltaT, jdTT, jdUT, date) = (index["delta_t_s"], index["jd_tt"], index["jd_ut"], index["date"])
            radialVelocity = index["rv_km_s"]
        }
    }
    /// For each output column: the input column echoed, or the computed column.
    private let sources: [Source]

    private enum Source: Sendable {
        case input(Int)
        case computed(Int)
    }

    /// Reads the header row; throws when `body` or both Julian-date columns are missing.
    public init(header: [String]) throws {
        let header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.contains("body") else { throw BatchError.missingColumns("a `body` column") }
        guard header.contains("jd_tt") || header.contains("jd_ut") || header.contains("date") else {
            throw BatchError.missingColumns("a `jd_tt`, `jd_ut` or `date` column")
        }
        self.header = header
        outputHeader = header + Self.computed.filter { !header.contains($0) }
        var column: [String: Int] = [:]
        for (i, name) in header.enumerated() where column[name] == nil { column[name] = i }
        columns = Columns(column)
        sources = outputHeader.enumerated().map { i, name in
            if let c = Self.computed.firstIndex(of: name) { return .computed(c) }
            return .input(i)
        }
    }

    /// The input row as a dictionary by column.
    public func inputValues(_ fields: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for (i, name) in header.enumerated() { values[name] = i < fields.count ? fields[i] : "" }
        return values
    }

    /// What a batch shares across rows and threads: the view, the gazetteer and the mansion locator.
    public struct Context: Sendable {
        /// The models and catalogue.
        public let view: SkyView
        /// Sites by name.
        public let gazetteer: Gazetteer
        /// 入宿度 without reducing all 28 determinatives per row.
        public let mansions: MansionLocator

        /// The constellations' abbreviations and the mansions' names (in `LunarMansions.all` order) as UTF-8, for the CSV rows.
        let constellationBytes: [[UInt8]]
        let mansionBytes: [[UInt8]]

        /// A context over a view and a gazetteer.
        public init(view: SkyView, gazetteer: Gazetteer) throws {
            self.view = view
            self.gazetteer = gazetteer
            self.mansions = try MansionLocator(view: view)
            constellationBytes = view.catalog.constellations.all.map { Array($0.abbreviation.utf8) }
            mansionBytes = view.catalog.mansions.all.map { Array($0.name.utf8) }
        }
    }

    /// A row's `body` and `jd_tt` fields as `prefetch` read them, so that computing the row does not read them again.
    struct ReadAhead: Sendable {
        let bodyText, jdText: String
        let body: Body
        let jd: Double
    }

    /// Names already resolved, kept by one worker (names are resolved once per distinct name).
    public struct NameCache: Sendable {
        var objects: [String: SkyObject] = [:]
        var sites: [String: Site] = [:]
        /// The names among `objects` that are bodies (a body, unlike an object, is copied without retains).
        var bodies: [String: Body] = [:]
        /// The first few bodies met, tried before `bodies` (comparing a short name costs less than hashing it).
        var recentBodies: [(name: String, body: Body)] = []
        /// Where a row is assembled before it is appended to the output at once.
        var row: [UInt8] = []
        /// The body and `jd_tt` that `prefetch` read of the row being computed and of the next one.
        var lookahead: (current: ReadAhead?, next: ReadAhead?) = (nil, nil)
        /// An empty cache.
        public init() {}

        /// The body resolved earlier under this name, if any.
        mutating func knownBody(_ name: String) -> Body? {
            for entry in recentBodies where entry.name == name { return entry.body }
            guard let body = bodies[name] else { return nil }
            if recentBodies.count < 8 { recentBodies.append((name, body)) }
            return body
        }
    }

    /// Computes one row: the output cells in `outputHeader` order.
    ///
    /// - Throws: `BatchError` or the model's error for a bad row (one line says what is wrong).
    public func compute(_ fields: [String], context: Context, names: inout NameCache) throws -> [TableValue] {
        let view = context.view
        let c = columns
        func text(_ column: Int?) -> String? {
            guard let i = column, i < fields.count else { return nil }
            let t = Self.trimmed(fields[i])
            return t.isEmpty ? nil : t
        }
        func number(_ column: Int?) throws -> Double? {
            guard let t = text(column) else { return nil }
            guard let v = Double(t), v.isFinite else {
                throw BatchError.badValue(column: column.map { header[$0] } ?? "", value: t, expected: "a number")
            }
            return v
        }
        guard let body = text(c.body) else { throw BatchError.missing("body") }
        var site: Site? = nil
        if let name = text(c.site) {
            if let known = names.sites[name] { site = known } else {
                let s = try context.gazetteer.site(named: name)
                names.sites[name] = s
                site = s
            }
        } else if let lat = try number(c.lat), let lon = try number(c.lon) {
            site = try Gazetteer.coordinates("\(lat),\(lon),\(try number(c.height) ?? 0)")
        }
        let givenDeltaT = try number(c.deltaT)
        let jdTT = try number(c.jdTT), jdUT = try number(c.jdUT)
        let instant: Instant
        var deltaT: DeltaTEstimate
        if let jdUT, site != nil || jdTT == nil {
            if let givenDeltaT {
                deltaT = DeltaTEstimate(seconds: givenDeltaT, sigma: 0, model: "given in the input")
                instant = Instant(jdUT1: jdUT.rounded(.down), jdUT - jdUT.rounded(.down), deltaTSeconds: givenDeltaT)
            } else {
                let r = Instant.fromUT1(jdUT.rounded(.down), jdUT - jdUT.rounded(.down), deltaT: view.models.deltaT)
                instant = r.instant
                deltaT = r.deltaT
            }
        } else if let jdTT {
            instant = Instant(jdTT: jdTT.rounded(.down), jdTT - jdTT.rounded(.down))
            deltaT = givenDeltaT.map { DeltaTEstimate(seconds: $0, sigma: 0, model: "given in the input") }
                ?? view.deltaT(at: instant)
        } else if let written = text(c.date) {
            // The one date language (0757-03-14T19:30, 至德二載二月壬午, JD…): a date alone is 0h UT of that day.
            let moment = try SkyRecon.readDate(written, chineseForWestern: false).moment
            let r = try moment.resolve(deltaT: view.models.deltaT, longitude: site?.longitude)
            instant = r.instant
            deltaT = givenDeltaT.map { DeltaTEstimate(seconds: $0, sigma: 0, model: "given in the input") }
                ?? r.deltaT ?? view.deltaT(at: instant)
        } else {
            throw BatchError.missing("jd_tt, jd_ut and date")
        }
        let object: SkyObject
        if let known = names.objects[body] { object = known } else {
            object = try view.resolve(body).object
            names.objects[body] = object
        }
        let (observations, epoch) = try view.observeAtEpoch(object, at: instant, site: site, deltaT: deltaT,
                                                            radialVelocity: try number(c.radialVelocity))
        // One row in, one row out: a cluster or asterism is given by its principal (brightest) star.
        let o = observations[0]
        let mansion = try? context.mansions.position(rightAscension: o.apparent.rightAscension, at: epoch)
        let computed = PositionRow.cells(view: view, observation: o, mansion: mansion)
        return sources.map { source in
            switch source {
            case .input(let i): .text(i < fields.count ? fields[i] : "")
            case .computed(let c): computed[c]
            }
        }
    }

    /// Computes one row and appends it to `out` as `writer` writes it.
    ///
    /// A geocentric row of a solar-system body timed by `jd_tt` (the common batch) is written as CSV straight
    /// from the reduction's numbers, with the same digits as `compute` gives; other rows and formats go through
    /// `compute` and the writer.
    /// - Throws: as `compute`; nothing is appended then.
    public func append(_ fields: [String], context: Context, names: inout NameCache, writer: TableWriter, first: Bool,
                       to out: inout [UInt8]) throws {
        if writer.format == .csv, try appendGeocentricBody(fields, context: context, names: &names, to: &out) { return }
        try writer.append(try compute(fields, context: context, names: &names), first: first, to: &out)
    }

    /// Starts the memory reads of a row that `append` will compute next (see `SkyView.prefetchGeocentricPlace`): a
    /// geocentric row of a body already met, timed by a plain `jd_tt`. Any other row is left alone. Changes no result.
    public func prefetch(_ fields: [String], context: Context, names: inout NameCache) {
        names.lookahead = (names.lookahead.next, nil)
        guard let b = columns.body, b < fields.count, let j = columns.jdTT, j < fields.count,
              let body = names.knownBody(fields[b]), let jd = Self.plainDecimal(fields[j]), jd.isFinite else { return }
        names.lookahead.next = ReadAhead(bodyText: fields[b], jdText: fields[j], body: body, jd: jd)
        context.view.prefetchGeocentricPlace(of: body, at: Instant(jdTT: jd.rounded(.down), jd - jd.rounded(.down)))
    }

    /// `Double(s)` of a plain decimal (optional sign, digits, at most one point, at most 15 digits), or nil for
    /// any other text (then parse it with `Double(_:)`).
    ///
    /// Why: `Double(_:)` (strtod) is a tenth of a row's time. For such text the digits as an integer and the power of
    /// ten are both exact doubles, so their one correctly rounded quotient is the correctly rounded value of the text,
    /// as strtod's is: the same bits (Clinger 1990, "How to read floating point numbers accurately", the fast path).
    static func plainDecimal(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { bytes -> Double? in
            var i = 0
            var negative = false
            if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                negative = first == UInt8(ascii: "-")
                i = 1
            }
            var mantissa: UInt64 = 0
            var digits = 0, decimals = 0
            var point = false
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "."), !point {
                    point = true
                } else {
                    let d = c &- UInt8(ascii: "0")
                    guard d < 10 else { return nil }
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                    if point { decimals += 1 }
                }
                i += 1
            }
            // 15 digits stay below 2^53; 10^15 is exact.
            guard digits > 0, digits <= 15 else { return nil }
            let value = Double(mantissa) / exactPowersOfTen[decimals]
            return negative ? -value : value
        }
    }

    /// 10⁰ … 10¹⁵, each exact.
    private static let exactPowersOfTen: [Double] = (0...15).map { n in (0..<n).reduce(1.0) { r, _ in r * 10 } }

    /// A number column's value: `plainDecimal`, or `Double(_:)` for other text.
    static func number(_ s: String) -> Double? { plainDecimal(s) ?? Double(s) }

    /// The CSV row of a geocentric body timed by `jd_tt`, or false (nothing appended) for any other row.
    private func appendGeocentricBody(_ fields: [String], context: Context, names: inout NameCache,
                                      to out: inout [UInt8]) throws -> Bool {
        let c = columns
        func empty(_ column: Int?) -> Bool {
            guard let i = column, i < fields.count else { return true }
            return Self.trimmed(fields[i]).isEmpty
        }
        guard empty(c.site), empty(c.lat), empty(c.lon), empty(c.jdUT), empty(c.date), empty(c.radialVelocity),
              let b = c.body, b < fields.count, let j = c.jdTT, j < fields.count else { return false }
        var givenDeltaT: Double? = nil
        if !empty(c.deltaT) {
            guard let v = Self.number(Self.trimmed(fields[c.deltaT!])), v.isFinite else { return false }
            givenDeltaT = v
        }
        let body: Body
        let jdTT: Double
        // `prefetch` read these fields exactly so (plain text, a body already met): the same values as below.
        if let ahead = names.lookahead.current, ahead.jdText == fields[j], ahead.bodyText == fields[b] {
            (body, jdTT) = (ahead.body, ahead.jd)
        } else {
            guard let jd = Self.number(Self.trimmed(fields[j])), jd.isFinite else { return false }
            jdTT = jd
            let name = Self.trimmed(fields[b])
            if let known = names.knownBody(name) { body = known } else {
                let object: SkyObject
                if let known = names.objects[name] { object = known } else {
                    guard let resolved = try? context.view.resolve(name).object else { return false }
                    names.objects[name] = resolved
                    object = resolved
                }
                guard case .body(let resolvedBody) = object else { return false }
                names.bodies[name] = resolvedBody
                body = resolvedBody
            }
        }
        guard body != .earth else { return false }
        // `context.view` each time, not a local copy (copying a view retains every model and catalogue in it).
        let instant = Instant(jdTT: jdTT.rounded(.down), jdTT - jdTT.rounded(.down))
        let deltaT = givenDeltaT ?? context.view.models.deltaT.seconds(at: instant)
        let place = try context.view.geocentricPlace(of: body, at: instant)
        let apparentRA = Angle(radians: place.apparentRA)
        let mansion = try? context.mansions.locate(rightAscension: apparentRA, at: place.epoch, printedTo: 2)
        let (ra, dec) = (place.astrometricRA, place.astrometricDec)
        let constellation = context.view.catalog.constellations.constellationIndex(
            ofICRSDirection: place.astrometricDirection)
        // The row is assembled in the worker's buffer and appended at once (one copy instead of one a cell).
        var bound = 64 + Self.computed.count * (FixedDecimal.maximumLength + 1)
        for field in fields { bound += 2 * field.utf8.count + 3 }
        if names.row.count < bound { names.row = [UInt8](repeating: 0, count: max(bound, 8192)) }
        let sources = self.sources
        let count = names.row.withUnsafeMutableBufferPointer { buffer -> Int in
            let text = buffer.baseAddress!
            var at = 0
            func degrees(_ radians: Double) {
                at += FixedDecimal.write(Angle(radians: radians).degrees, decimals: 9, to: text + at)
            }
            func normalizedDegrees(_ radians: Double) {
                // `Angle.normalized` leaves 0…2π as it is; only other values need its remainder.
                let angle = radians >= 0 && radians < 2 * .pi ? Angle(radians: radians) : Angle(radians: radians).normalized
                at += FixedDecimal.write(angle.degrees, decimals: 9, to: text + at)
            }
            func bytes(_ b: [UInt8]) {
                for byte in b { text[at] = byte; at += 1 }
            }
            for (k, source) in sources.enumerated() {
                if k > 0 { text[at] = UInt8(ascii: ","); at += 1 }
                switch source {
                case .input(let i): if i < fields.count { at += CSV.write(field: fields[i], to: text + at) }
                case .computed(let column):
                    switch column {  // indices into `PositionBatch.computed`
                    case 0: at += FixedDecimal.write(deltaT, decimals: 4, to: text + at)
                    case 1: normalizedDegrees(ra)
                    case 2: degrees(dec)
                    case 3: at += FixedDecimal.write(place.distance, decimals: 12, to: text + at)
                    case 4: normalizedDegrees(place.apparentRA)
                    case 5: degrees(place.apparentDec)
                    case 6: normalizedDegrees(place.eclipticLongitude)
                    case 7: degrees(place.eclipticLatitude)
                    case 11: bytes(context.constellationBytes[constellation])
                    case 12: if let mansion { bytes(context.mansionBytes[mansion.index]) }
                    case 13: if let mansion { at += FixedDecimal.write(mansion.du, decimals: 2, to: text + at) }
                    default: break  // topocentric columns and `error`: empty
                    }
                }
            }
            text[at] = 0x0A
            return at + 1
        }
        out.append(contentsOf: names.row[0..<count])
        return true
    }

    /// The field without leading and trailing spaces and tabs (Foundation's trimming is slow per row; a field
    /// without them is returned as it is).
    static func trimmed(_ s: String) -> String {
        // A native string's bytes are contiguous: its ends are read there (the view's `last` walks an index back).
        let plain = s.utf8.withContiguousStorageIfAvailable { b in
            b.isEmpty || (b[0] != 0x20 && b[0] != 0x09 && b[b.count - 1] != 0x20 && b[b.count - 1] != 0x09)
        }
        if plain == true { return s }
        let u = s.utf8
        guard let f = u.first, let l = u.last else { return s }
        if f != 0x20 && f != 0x09 && l != 0x20 && l != 0x09 { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// The output cells of a row that failed: its input, and the error.
    public func failed(_ fields: [String], error: String) -> [TableValue] {
        sources.map { source in
            switch source {
            case .input(let i): .text(i < fields.count ? fields[i] : "")
            case .computed(let c): PositionBatch.computed[c] == "error" ? .text(error) : .empty
            }
        }
    }
}

/// One observation as the flat, stably named fields of the CSV/JSON outputs.
public struct PositionRow: Sendable {
    /// Cells by column name: numbers as numbers (with their printed decimals), names as text.
    public var cells: [String: TableValue]
    /// Values by column name, as CSV prints them.
    public var values: [String: String] { cells.mapValues(\.text) }

    /// The columns of a single-date table.
    public static let singleHeader = ["object", "query", "jd_tt", "jd_ut", "delta_t_s", "delta_t_sigma_s", "delta_t_model",
                               "ra_astr_deg", "dec_astr_deg", "dist_au", "ra_app_deg", "dec_app_deg", "lon_app_deg",
                               "lat_app_deg", "az_deg", "alt_deg", "alt_refr_deg", "constellation", "mansion", "mansion_du",
                                      "ephemeris"]

    /// The fields of an observation (angles in degrees to 1e-9, distance in au to 1e-12).
    public init(view: SkyView, observation o: Observation, query: String) {
        let mansion = try? view.mansionPosition(of: o)
        let computed = Self.cells(view: view, observation: o, mansion: mansion)
        var v: [String: TableValue] = [
            "object": .text(o.label), "query": .text(query),
            "jd_tt": .number(o.instant.jdTT, decimals: 8), "jd_ut": .number(o.jdUT1, decimals: 8),
            "delta_t_sigma_s": .number(o.deltaT.sigma, decimals: 1), "delta_t_model": .text(o.deltaT.model),
            "ephemeris": .text(o.models["ephemeris"] ?? ""),
        ]
        for (i, name) in PositionBatch.computed.enumerated() where name != "error" { v[name] = computed[i] }
        cells = v
    }

    /// The computed columns of `PositionBatch.computed`, in that order.
    static func cells(view: SkyView, observation o: Observation, mansion: MansionPosition?) -> [TableValue] {
        func deg(_ a: Angle) -> TableValue { .number(a.degrees, decimals: 9) }
        let t = o.topocentric
        return [
            .number(o.deltaT.seconds, decimals: 4),
            deg(o.astrometric.rightAscension.normalized), deg(o.astrometric.declination),
            o.astrometric.distance.map { .number($0, decimals: 12) } ?? .empty,
            deg(t?.rightAscension.normalized ?? o.apparent.rightAscension.normalized),
            deg(t?.declination ?? o.apparent.declination),
            deg(o.apparent.eclipticLongitude.normalized), deg(o.apparent.eclipticLatitude),
            t.map { deg($0.azimuth.normalized) } ?? .empty,
            t.map { deg($0.altitude) } ?? .empty,
            t.map { deg($0.refractedAltitude) } ?? .empty,
            .text(view.constellation(of: o).abbreviation),
            mansion.map { .text($0.mansion.name) } ?? .empty,
            mansion.map { .number($0.du, decimals: 2) } ?? .empty,
            .empty,
        ]
    }
}
