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
        case .missingColumns(let what): "the input lacks \(what): the header needs `body` and `jd_tt` or `jd_ut`"
        case .badValue(let column, let value, let expected): "\(column) '\(value)' is not \(expected)"
        case .missing(let what): "\(what) is empty: fill it in or drop the row"
        }
    }
}

/// A batch of positions: rows with `body` and `jd_tt` or `jd_ut` (optionally `delta_t_s`, `rv_km_s`, `site` or
/// `lat`,`lon`,`height_m`) in, the same rows with the computed columns added out.
///
/// The computed columns are defined as in the reference ephemeris of the project's tests: `ra_astr_deg`,
/// `dec_astr_deg` (astrometric geocentric ICRF), `dist_au` (light-time corrected), `ra_app_deg`, `dec_app_deg`
/// (apparent, true equator and equinox of date; topocentric when the row has a site), `lon_app_deg`,
/// `lat_app_deg` (apparent geocentric ecliptic of date), and with a site `az_deg`, `alt_deg` (airless),
/// `alt_refr_deg`; then `constellation`, `mansion`, `mansion_du` (入宿度), and `error` for a row that failed.
public struct PositionBatch: Sendable {
    /// The input columns.
    public let header: [String]
    /// The output columns: the input's, then the computed ones it lacks.
    public let outputHeader: [String]
    /// The columns this batch computes.
    public static let computed = ["delta_t_s", "ra_astr_deg", "dec_astr_deg", "dist_au", "ra_app_deg", "dec_app_deg",
                           "lon_app_deg", "lat_app_deg", "az_deg", "alt_deg", "alt_refr_deg", "constellation",
                           "mansion", "mansion_du", "error"]

    /// Reads the header row; throws when `body` or both Julian-date columns are missing.
    public init(header: [String]) throws {
        let header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.contains("body") else { throw BatchError.missingColumns("a `body` column") }
        guard header.contains("jd_tt") || header.contains("jd_ut") else { throw BatchError.missingColumns("a `jd_tt` or `jd_ut` column") }
        self.header = header
        outputHeader = header + Self.computed.filter { !header.contains($0) }
    }

    /// The input row as a dictionary by column.
    public func inputValues(_ fields: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for (i, name) in header.enumerated() { values[name] = i < fields.count ? fields[i] : "" }
        return values
    }

    /// Computes one row; throws a one-line-describable error for a bad row.
    public func compute(_ fields: [String], view: SkyView, gazetteer: Gazetteer) throws -> [String: String] {
        var values = inputValues(fields)
        func number(_ column: String) throws -> Double? {
            guard let text = values[column]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let v = Double(text), v.isFinite else { throw BatchError.badValue(column: column, value: text, expected: "a number") }
            return v
        }
        guard let body = values["body"]?.trimmingCharacters(in: .whitespaces), !body.isEmpty else { throw BatchError.missing("body") }
        var site: Site? = nil
        if let name = values["site"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            site = try gazetteer.site(named: name)
        } else if let lat = try number("lat"), let lon = try number("lon") {
            site = try Gazetteer.coordinates("\(lat),\(lon),\(try number("height_m") ?? 0)")
        }
        let givenDeltaT = try number("delta_t_s")
        let jdTT = try number("jd_tt"), jdUT = try number("jd_ut")
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
        } else {
            throw BatchError.missing("jd_tt and jd_ut")
        }
        let resolution = try view.resolve(body)
        let observations = try view.observe(resolution.object, at: instant, site: site, deltaT: deltaT,
                                            radialVelocity: try number("rv_km_s"))
        // One row in, one row out: a cluster or asterism is given by its principal (brightest) star.
        let row = PositionRow(view: view, observation: observations[0], query: body)
        for (k, v) in row.values where PositionBatch.computed.contains(k) { values[k] = v }
        return values
    }
}

/// One observation as the flat, stably named fields of the CSV/JSON outputs.
public struct PositionRow: Sendable {
    /// Values by column name.
    public var values: [String: String]

    /// The columns of a single-date table.
    public static let singleHeader = ["object", "query", "jd_tt", "jd_ut", "delta_t_s", "delta_t_sigma_s", "delta_t_model",
                               "ra_astr_deg", "dec_astr_deg", "dist_au", "ra_app_deg", "dec_app_deg", "lon_app_deg",
                               "lat_app_deg", "az_deg", "alt_deg", "alt_refr_deg", "constellation", "mansion", "mansion_du",
                                      "ephemeris"]

    /// The fields of an observation (angles in degrees to 1e-9, distance in au).
    public init(view: SkyView, observation o: Observation, query: String) {
        func deg(_ a: Angle) -> String { String(format: "%.9f", a.degrees) }
        var v: [String: String] = [
            "object": o.label, "query": query,
            "jd_tt": String(format: "%.8f", o.instant.jdTT), "jd_ut": String(format: "%.8f", o.jdUT1),
            "delta_t_s": String(format: "%.4f", o.deltaT.seconds), "delta_t_sigma_s": String(format: "%.1f", o.deltaT.sigma),
            "delta_t_model": o.deltaT.model,
            "ra_astr_deg": deg(o.astrometric.rightAscension.normalized), "dec_astr_deg": deg(o.astrometric.declination),
            "dist_au": o.astrometric.distance.map { String(format: "%.12f", $0) } ?? "",
            "lon_app_deg": deg(o.apparent.eclipticLongitude.normalized), "lat_app_deg": deg(o.apparent.eclipticLatitude),
            "constellation": view.constellation(of: o).abbreviation,
            "ephemeris": o.models["ephemeris"] ?? "",
        ]
        if let t = o.topocentric {
            v["ra_app_deg"] = deg(t.rightAscension.normalized)
            v["dec_app_deg"] = deg(t.declination)
            v["az_deg"] = deg(t.azimuth.normalized)
            v["alt_deg"] = deg(t.altitude)
            v["alt_refr_deg"] = deg(t.refractedAltitude)
        } else {
            v["ra_app_deg"] = deg(o.apparent.rightAscension.normalized)
            v["dec_app_deg"] = deg(o.apparent.declination)
        }
        if let m = try? view.mansionPosition(of: o) {
            v["mansion"] = m.mansion.name
            v["mansion_du"] = String(format: "%.2f", m.du)
        }
        values = v
    }

}
