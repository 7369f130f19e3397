import Foundation
import Tables
import SkyTime

/// A named place on the Earth: geodetic WGS84 latitude and longitude (east positive) and height.
public struct Site: Sendable, Hashable, Codable {
    /// Gazetteer key (`changan`), or `"custom"` for coordinates typed by the user.
    public var key: String
    /// Display name.
    public var name: String
    /// Chinese name, where there is one.
    public var nameZH: String
    /// Geodetic latitude (WGS84), north positive.
    public var latitude: Angle
    /// Geodetic longitude (WGS84), east positive.
    public var longitude: Angle
    /// Height in metres.
    public var heightMeters: Double
    /// Where the coordinates come from.
    public var source: String

    /// Creates a site; `key` defaults to `"custom"`.
    public init(key: String = "custom", name: String? = nil, nameZH: String = "", latitude: Angle, longitude: Angle,
                heightMeters: Double = 0, source: String = "given by the user") {
        self.key = key
        self.name = name ?? String(format: "%.4f°%@ %.4f°%@", abs(latitude.degrees), latitude.degrees >= 0 ? "N" : "S",
                                   abs(longitude.degrees), longitude.degrees >= 0 ? "E" : "W")
        self.nameZH = nameZH
        self.latitude = latitude
        self.longitude = longitude
        self.heightMeters = heightMeters
        self.source = source
    }
}

/// Errors naming a site.
public enum SiteError: Error, LocalizedError, Sendable, Equatable {
    case unknown(String, candidates: [String])
    case malformedCoordinates(String)
    case outOfRange(String)
    case unreadableGazetteer(String)

    public var errorDescription: String? {
        switch self {
        case .unknown(let name, let candidates):
            let hint = candidates.isEmpty ? "" : " Did you mean \(candidates.joined(separator: ", "))?"
            return "unknown site '\(name)'.\(hint) Give a gazetteer name (skyrecon sites lists them) or LAT,LON[,HEIGHT_M] in degrees, east positive, e.g. --site 34.27,108.93,400"
        case .malformedCoordinates(let text):
            return "cannot read site coordinates '\(text)': write LAT,LON[,HEIGHT_M] in decimal degrees (north and east positive), e.g. 34.27,108.93,400"
        case .outOfRange(let text):
            return "site coordinates '\(text)' are out of range: latitude must be within ±90°, longitude within ±180° (east positive)"
        case .unreadableGazetteer(let reason):
            return "cannot read the gazetteer Catalogs/sites.tsv: \(reason). Restore it with git checkout -- Catalogs/sites.tsv"
        }
    }
}

/// The gazetteer of historical observing sites (`Catalogs/sites.tsv`), loaded once.
public struct Gazetteer: Sendable {
    /// All sites, in file order.
    public let sites: [Site]
    private let index: [String: Int]

    /// Parses gazetteer TSV text (see `Catalogs/sites.tsv` for the columns).
    public init(tsv text: String) throws {
        var sites: [Site] = []
        var index: [String: Int] = [:]
        var reader = TableReader(string: text, name: "sites.tsv", dialect: .tsv)
        let table: HeaderedTable
        do {
            table = try HeaderedTable.read(&reader, requiredFields: 0)
        } catch {
            throw SiteError.unreadableGazetteer(error.localizedDescription)
        }
        for record in table.records {
            func value(_ name: String) -> String? {
                guard let i = table.column(name), i < record.count else { return nil }
                return record.fields[i]
            }
            guard let key = value("key"), let lat = value("lat_deg").flatMap(Double.init),
                  let lon = value("lon_deg").flatMap(Double.init), let h = value("height_m").flatMap(Double.init) else {
                throw SiteError.unreadableGazetteer("line \(record.line): needs key, lat_deg, lon_deg and height_m (numbers in degrees and metres)")
            }
            let site = Site(key: key, name: value("name") ?? key, nameZH: value("name_zh") ?? "",
                            latitude: .degrees(lat), longitude: .degrees(lon), heightMeters: h,
                            source: value("source") ?? "")
            let position = sites.count
            sites.append(site)
            let aliases = (value("aliases") ?? "").split(separator: ",").map { String($0) }
            for name in [key, site.nameZH] + aliases where !name.isEmpty {
                index[Self.normalize(name)] = index[Self.normalize(name)] ?? position
            }
        }
        self.sites = sites
        self.index = index
    }

    /// The gazetteer shipped in `Catalogs/sites.tsv`, read once.
    public static func standard() throws -> Gazetteer { try standardResult.get() }

    private static let standardResult: Result<Gazetteer, Error> = Result {
        let url = try CatalogLocation.file("sites.tsv")
        do {
            return try Gazetteer(tsv: String(contentsOf: url, encoding: .utf8))
        } catch let error as SiteError {
            throw error
        } catch {
            throw SiteError.unreadableGazetteer(error.localizedDescription)
        }
    }

    private static func normalize(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: " ", with: "")
    }

    /// A site by gazetteer name or alias (case-insensitive), or by `LAT,LON[,HEIGHT_M]`.
    public func site(named text: String) throws -> Site {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let first = trimmed.first, first.isNumber || first == "-" || first == "+" || first == "." {
            return try Self.coordinates(trimmed)
        }
        if let i = index[Self.normalize(trimmed)] { return sites[i] }
        let key = Self.normalize(trimmed)
        let candidates = sites.map(\.key).filter { $0.hasPrefix(key.prefix(2)) || Self.editDistance($0, key) <= 2 }
        throw SiteError.unknown(text, candidates: Array(candidates.prefix(5)))
    }

    /// Parses `LAT,LON[,HEIGHT_M]` in decimal degrees, north and east positive.
    public static func coordinates(_ text: String) throws -> Site {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 || parts.count == 3, let lat = Double(parts[0]), let lon = Double(parts[1]),
              lat.isFinite, lon.isFinite else {
            throw SiteError.malformedCoordinates(text)
        }
        var height = 0.0
        if parts.count == 3 {
            guard let h = Double(parts[2]), h.isFinite else { throw SiteError.malformedCoordinates(text) }
            height = h
        }
        guard abs(lat) <= 90, abs(lon) <= 180, height > -500, height < 10_000 else {
            throw SiteError.outOfRange(text)
        }
        return Site(latitude: .degrees(lat), longitude: .degrees(lon), heightMeters: height)
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
