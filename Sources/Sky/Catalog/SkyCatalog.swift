import Ephemeris
import FITS
import Foundation
import Tables
import SkyTime

/// Everything skyrecon knows about the named sky: stars, IAU constellations, the Chinese sky culture, the lunar
/// mansions, clusters, and the name resolver over all of them.
///
/// Load it once (`SkyCatalog.standard()` caches the catalogue found by `CatalogLocation`), then share it: it is
/// immutable and `Sendable`.
public final class SkyCatalog: Sendable {
    /// Hipparcos-2 with identifiers (`stars.fits`), read on first use: a batch of planets never needs it.
    /// - Throws: `SkyCatalogError.unreadableCatalog` when `stars.fits` or `radial-velocities.tsv` is damaged (every
    ///   time it is asked for).
    public var stars: StarCatalog { get throws { try starCatalog.get() } }
    /// The 88 IAU constellations with figures and boundaries (`constellations.fits`).
    public let constellations: IAUConstellations
    /// Stellarium's Chinese sky culture (`asterisms-chinese.*`, `chinese-star-names.tsv`), read on first use.
    /// - Throws: `SkyCatalogError.unreadableCatalog` when one of its files is damaged (every time it is asked for).
    public var chinese: ChineseSkyCulture { get throws { try chineseCulture.get() } }
    /// The 28 lunar mansions (`lunar-mansions.tsv`).
    public let mansions: LunarMansions
    /// The clusters known by name.
    public let clusters: [StarCluster]
    /// The name resolver over all of the above (with `chinese-star-aliases.tsv`).
    public let resolver: NameResolver

    private let starCatalog: Once<StarCatalog>
    private let chineseCulture: Once<ChineseSkyCulture>
    private let determinativeStars: Once<[Int: CatalogStar]>

    /// The files a catalogue directory must hold.
    public static let requiredFiles = ["stars.fits", "constellations.fits", "asterisms-chinese.fits",
                                       "asterisms-chinese.tsv", "chinese-star-names.tsv", "lunar-mansions.tsv",
                                       "chinese-star-aliases.tsv"]

    /// Loads the catalogue from a directory holding `requiredFiles`.
    ///
    /// Notes: the constellations, the mansions and the alias table are read here; the star catalogue and the
    /// Chinese sky culture on first use (`stars`, `chinese`, a name that needs them), so a damaged `stars.fits`,
    /// `asterisms-chinese.*` or `chinese-star-names.tsv` is reported by the first use that needs it.
    /// - Throws: `SkyCatalogError.missingCatalog` naming a missing file, `.unreadableCatalog` naming a damaged one.
    public init(directory: URL) throws {
        func path(_ name: String) throws -> String {
            let p = directory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: p) else {
                throw SkyCatalogError.missingCatalog(file: name, searched: directory.path)
            }
            return p
        }
        let rv = directory.appendingPathComponent("radial-velocities.tsv").path
        let radialVelocities = FileManager.default.fileExists(atPath: rv) ? rv : nil
        let starsPath = try path("stars.fits")
        let (asterismFITS, asterismTSV, starNameTSV) = (try path("asterisms-chinese.fits"), try path("asterisms-chinese.tsv"),
                                                        try path("chinese-star-names.tsv"))
        let constellations = try IAUConstellations(fitsPath: try path("constellations.fits"))
        let mansions = try LunarMansions(tsvPath: try path("lunar-mansions.tsv"))
        let clusters = StarCluster.known
        let aliasPath = try path("chinese-star-aliases.tsv")
        let aliasRows = try readTSV(aliasPath, columns: 2)
        let starCatalog = Once { try StarCatalog(fitsPath: starsPath, radialVelocityPath: radialVelocities) }
        let chineseCulture = Once {
            try ChineseSkyCulture(fitsPath: asterismFITS, asterismTSV: asterismTSV, starNameTSV: starNameTSV)
        }
        (self.constellations, self.mansions, self.clusters) = (constellations, mansions, clusters)
        (self.starCatalog, self.chineseCulture) = (starCatalog, chineseCulture)
        determinativeStars = Once {
            let hips = mansions.all.flatMap { [$0.determinative(.hanToMing), $0.determinative(.qing)] }
            // From the catalogue when something has loaded it, else from the determinatives' rows alone; a star
            // not found so, or any error there, is left to the whole catalogue, which answers or throws its own error.
            var found: [Int: CatalogStar] = [:]
            if let loaded = starCatalog.built() {
                for hip in hips { found[hip] = loaded.star(hip: hip)?.catalogStar }
            } else {
                found = (try? StarCatalog.catalogStars(hips: hips, fitsPath: starsPath,
                                                       radialVelocityPath: radialVelocities)) ?? [:]
            }
            for hip in hips where found[hip] == nil {
                guard let star = try starCatalog.get().star(hip: hip) else {
                    throw SkyCatalogError.unreadableCatalog(path: "stars.fits", reason: "no entry for determinative HIP \(hip)")
                }
                found[hip] = star.catalogStar
            }
            return found
        }
        // Indexing every star, asterism and alias name takes longer than the rest of the load; a batch of planets
        // never needs it, so it is built when names need it (the first such name gets an index of its own key).
        let parts = Once {
            let (stars, chinese) = (try starCatalog.get(), try chineseCulture.get())
            var mansionAsterism: [Int: Int] = [:]
            for m in mansions.all {
                if let a = chinese.asterisms.first(where: { $0.traditional == m.name + "宿" }) { mansionAsterism[m.number] = a.id }
            }
            return NameIndex.SkyCatalogParts(
                stars: stars, constellations: constellations, chinese: chinese, mansions: mansions,
                clusters: clusters, clusterMembers: clusters.map { c in Once { c.members(in: stars) } },
                mansionAsterism: mansionAsterism)
        }
        resolver = NameResolver { keys in
            let parts = try parts.get()
            do {
                return try NameIndex(parts: parts, aliases: aliasRows.map { ($0[0], $0[1], $0.count > 2 ? $0[2] : "") },
                                     keys: keys)
            } catch {
                throw SkyCatalogError.unreadableCatalog(
                    path: aliasPath, reason: "a traditional name's target does not resolve: \(error.localizedDescription)")
            }
        }
    }

    /// The determinative stars of the lunar mansions under both conventions, by HIP, as `Star.catalogStar` gives
    /// them: read from their rows of `stars.fits` alone unless the star catalogue is loaded already.
    /// - Throws: the star catalogue's `SkyCatalogError` when `stars.fits` is damaged, `.unreadableCatalog` when it
    ///   lacks a determinative.
    func determinatives() throws -> [Int: CatalogStar] { try determinativeStars.get() }

    /// Whether the star catalogue and the Chinese sky culture have been read (what a command's start-up reads).
    var loaded: (stars: Bool, chinese: Bool) { (starCatalog.built() != nil, chineseCulture.built() != nil) }

    /// Resolves a name (see `NameResolver`).
    public func resolve(_ name: String) throws -> NameResolution { try resolver.resolve(name) }

    /// The IAU constellation of an ICRS direction.
    public func constellation(ofICRSDirection v: SIMD3<Double>) -> Constellation {
        constellations.constellation(ofICRSDirection: v)
    }

    private static let cached: Result<SkyCatalog, SkyCatalogError> = {
        guard let dir = CatalogLocation.directory() else {
            return .failure(.missingCatalog(file: "stars.fits", searched: "SKYRECON_CATALOGS, next to the executable, the source tree"))
        }
        do { return .success(try SkyCatalog(directory: dir)) } catch let e as SkyCatalogError {
            return .failure(e)
        } catch {
            return .failure(.unreadableCatalog(path: dir.path, reason: "\(error)"))
        }
    }()

    /// The catalogue in the standard location (`SKYRECON_CATALOGS`, next to the executable, or the source tree),
    /// loaded on first use and shared afterwards.
    public static func standard() throws -> SkyCatalog { try cached.get() }
}
