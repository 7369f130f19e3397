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
    /// Hipparcos-2 with identifiers (`stars.fits`).
    public let stars: StarCatalog
    /// The 88 IAU constellations with figures and boundaries (`constellations.fits`).
    public let constellations: IAUConstellations
    /// Stellarium's Chinese sky culture (`asterisms-chinese.*`, `chinese-star-names.tsv`).
    public let chinese: ChineseSkyCulture
    /// The 28 lunar mansions (`lunar-mansions.tsv`).
    public let mansions: LunarMansions
    /// The clusters known by name.
    public let clusters: [StarCluster]
    /// The name resolver over all of the above (with `chinese-star-aliases.tsv`).
    public let resolver: NameResolver

    /// The files a catalogue directory must hold.
    public static let requiredFiles = ["stars.fits", "constellations.fits", "asterisms-chinese.fits",
                                       "asterisms-chinese.tsv", "chinese-star-names.tsv", "lunar-mansions.tsv",
                                       "chinese-star-aliases.tsv"]

    /// Loads the catalogue from a directory holding `requiredFiles`.
    public init(directory: URL) throws {
        func path(_ name: String) throws -> String {
            let p = directory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: p) else {
                throw SkyCatalogError.missingCatalog(file: name, searched: directory.path)
            }
            return p
        }
        let radialVelocities = directory.appendingPathComponent("radial-velocities.tsv").path
        let starCatalog = try StarCatalog(fitsPath: try path("stars.fits"),
                                          radialVelocityPath: FileManager.default.fileExists(atPath: radialVelocities) ? radialVelocities : nil)
        stars = starCatalog
        let constellations = try IAUConstellations(fitsPath: try path("constellations.fits"))
        let chinese = try ChineseSkyCulture(fitsPath: try path("asterisms-chinese.fits"),
                                            asterismTSV: try path("asterisms-chinese.tsv"),
                                            starNameTSV: try path("chinese-star-names.tsv"))
        let mansions = try LunarMansions(tsvPath: try path("lunar-mansions.tsv"))
        let clusters = StarCluster.known
        (self.constellations, self.chinese, self.mansions, self.clusters) = (constellations, chinese, mansions, clusters)
        var asterismOfMansion: [Int: Int] = [:]
        let asterisms = chinese.asterisms
        for m in mansions.all {
            if let a = asterisms.first(where: { $0.traditional == m.name + "宿" }) { asterismOfMansion[m.number] = a.id }
        }
        let mansionAsterism = asterismOfMansion
        let aliasPath = try path("chinese-star-aliases.tsv")
        let aliasRows = try readTSV(aliasPath, columns: 2)
        // Indexing every star, asterism and alias name takes longer than the rest of the load; a batch of planets
        // never needs it, so it is built when names need it (the first such name gets an index of its own key).
        let parts = NameIndex.SkyCatalogParts(
            stars: starCatalog, constellations: constellations, chinese: chinese, mansions: mansions,
            clusters: clusters, clusterMembers: clusters.map { c in Once { c.members(in: starCatalog) } },
            mansionAsterism: mansionAsterism)
        resolver = NameResolver { keys in
            do {
                return try NameIndex(parts: parts, aliases: aliasRows.map { ($0[0], $0[1], $0.count > 2 ? $0[2] : "") },
                                     keys: keys)
            } catch {
                throw SkyCatalogError.unreadableCatalog(
                    path: aliasPath, reason: "a traditional name's target does not resolve: \(error.localizedDescription)")
            }
        }
    }

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
