import Ephemeris
import Foundation
import TestSupport
import Testing
@testable import Sky

/// The lunar mansions' stars of a batch of planets come from their rows of stars.fits alone; they must be the
/// whole catalogue's values bit for bit.
@Suite("Stars read by their rows")
struct DeterminativeRowsTests {
    static func same(_ a: CatalogStar, _ b: CatalogStar) -> Bool {
        a.name == b.name && a.rightAscension.radians.bitPattern == b.rightAscension.radians.bitPattern
            && a.declination.radians.bitPattern == b.declination.radians.bitPattern
            && a.properMotionRA.bitPattern == b.properMotionRA.bitPattern
            && a.properMotionDec.bitPattern == b.properMotionDec.bitPattern
            && a.parallax.bitPattern == b.parallax.bitPattern && a.radialVelocity.bitPattern == b.radialVelocity.bitPattern
            && a.epoch == b.epoch
    }

    static let radialVelocities = Fixtures.catalogs.appendingPathComponent("radial-velocities.tsv").path

    @Test("The determinatives read by their rows are the catalogue's, with their radial velocities")
    func determinatives() throws {
        let catalog = try SkyCatalog(directory: Fixtures.catalogs)
        let byRows = try catalog.determinatives()
        let stars = try catalog.stars
        let hips = Set(catalog.mansions.all.flatMap { [$0.determinativeHIP, $0.earlyDeterminativeHIP] })
        #expect(Set(byRows.keys) == hips)
        for hip in hips {
            let star = try #require(stars.star(hip: hip)).catalogStar
            #expect(Self.same(try #require(byRows[hip]), star), "HIP \(hip)")
        }
        // Some determinatives have a published radial velocity (α Vir, 角宿一): it must come along.
        #expect(byRows.values.contains { $0.radialVelocity != 0 })
        // Once the catalogue is loaded a new catalogue object takes them from it: the same values again.
        let loaded = try SkyCatalog(directory: Fixtures.catalogs)
        _ = try loaded.stars
        for (hip, star) in try loaded.determinatives() { #expect(Self.same(star, try #require(byRows[hip]))) }
    }

    /// What makes a batch of planets start fast: it reads neither the star catalogue nor the Chinese sky culture.
    @Test("The mansions' stars, body names and constellations read neither the star catalogue nor the Chinese culture")
    func planetsReadNoStarCatalogue() throws {
        let catalog = try SkyCatalog(directory: Fixtures.catalogs)
        _ = try catalog.determinatives()
        #expect(try catalog.resolve("venus").object.label == "Venus")
        _ = catalog.constellation(ofICRSDirection: SIMD3(1, 0, 0))
        #expect(catalog.loaded == (false, false))
        // A star's name needs both (its Chinese names are names too).
        #expect(try catalog.resolve("Regulus").object.label == "Regulus")
        #expect(catalog.loaded == (true, true))
    }

    @Test("Random HIP numbers, present or not, are found exactly where the catalogue has them")
    func randomStars() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("DeterminativeRowsTests.randomStars seed \(seed)")
        var rng = SplitMix64(seed: seed)
        let stars = try Fixtures.catalog().stars
        var hips = (0..<400).map { _ in Int.random(in: -5...121_000, using: &rng) }
        hips += [1, 120_404, 0, 120_405, 1_000_000, 49669, 49669]
        let found = try StarCatalog.catalogStars(hips: hips, fitsPath: Fixtures.catalogs.appendingPathComponent("stars.fits").path,
                                                 radialVelocityPath: Self.radialVelocities)
        for hip in Set(hips) {
            let expected = stars.star(hip: hip)?.catalogStar
            #expect((found[hip] == nil) == (expected == nil), "HIP \(hip), seed \(seed)")
            if let a = found[hip], let b = expected { #expect(Self.same(a, b), "HIP \(hip), seed \(seed)") }
        }
        #expect(found.count > 300)
    }
}
