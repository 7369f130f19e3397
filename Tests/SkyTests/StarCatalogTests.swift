import Foundation
import Testing
@testable import Sky

@Suite("Star catalogue (Catalogs/stars.fits)")
struct StarCatalogTests {
    @Test("All 117,955 Hipparcos-2 stars load (van Leeuwen 2007, CDS I/311)")
    func count() throws {
        #expect(try Fixtures.catalog().stars.count == 117_955)
    }

    /// Published Hipparcos-2 values (CDS I/311) for Regulus and Alcyone; HR/HD from the Bright Star Catalogue.
    @Test("Known stars carry their Hipparcos-2 astrometry and identifiers")
    func knownStars() throws {
        let stars = try Fixtures.catalog().stars
        let regulus = try #require(stars.star(hip: 49669))
        #expect(regulus.properName == "Regulus")
        #expect(regulus.bayerDesignation == "α Leo")
        #expect(regulus.flamsteedDesignation == "32 Leo")
        #expect(regulus.hr == 3982)
        #expect(regulus.hd == 87901)
        #expect(abs(regulus.parallaxMas - 41.13) < 0.01)
        #expect(abs(regulus.pmRAcosDecMasPerYear - -248.73) < 0.01)
        #expect(abs(regulus.v - 1.35) < 0.01)
        #expect(regulus.vSource == .brightStarCatalogue)
        let alcyone = try #require(stars.star(hr: 1165))
        #expect(alcyone.hip == 17702)
        #expect(alcyone.properName == "Alcyone")
        #expect(stars.star(hip: 0) == nil)
        #expect(stars.star(hip: 999_999) == nil)
        #expect(stars.star(hip: -5) == nil)
    }

    /// Cross-check of the build against the copies of the inputs in ../shared/catalogs/sources (tests only).
    @Test("HR numbers agree with stellarium's cross-id.dat for every star", .enabled(if: Fixtures.hasShared, "needs ../shared (reference data beside the repository) or SKYRECON_SHARED"))
    func hrCrossCheck() throws {
        let stars = try Fixtures.catalog().stars
        let url = try #require(Fixtures.sharedFile("catalogs/sources/stellarium-stars/cross-id.dat"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var hipsOfHR: [Int: Set<Int>] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 5, let hip = Int(f[0]), let hr = Int(f[4].trimmingCharacters(in: .whitespaces)) else { continue }
            guard let star = stars.star(hip: hip) else { continue }  // 263 Hipparcos-1 entries are not in Hipparcos-2
            hipsOfHR[hr, default: []].insert(hip)
            #expect(star.hr != nil, "HIP \(hip)")
        }
        for (hr, hips) in hipsOfHR {
            let found = try #require(stars.star(hr: hr), "HR \(hr)")
            #expect(hips.contains(found.hip), "HR \(hr)")
        }
        #expect(hipsOfHR.count > 9000)
    }

    /// V from the BSC must equal the BSC's V (xplanet copy in ../shared) for every HR star.
    @Test("V magnitudes equal the Yale BSC's where the star is in it", .enabled(if: Fixtures.hasShared, "needs ../shared (reference data beside the repository) or SKYRECON_SHARED"))
    func bscMagnitudes() throws {
        let stars = try Fixtures.catalog().stars
        let url = try #require(Fixtures.sharedFile("catalogs/sources/xplanet/BSC"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let q1 = line.firstIndex(of: "\""), let q2 = line[line.index(after: q1)...].firstIndex(of: "\"") else { continue }
            let head = line[..<q1].split(separator: " ")
            let tail = line[line.index(after: q2)...].split(separator: " ")
            guard head.count >= 3, let v = Double(head[2]), let hr = tail.first.flatMap({ Int($0) }),
                  let s = stars.star(hr: hr), s.hr == hr else { continue }
            #expect(abs(s.v - v) < 0.001, "HR \(hr)")
            checked += 1
        }
        #expect(checked > 8900)
    }

    /// The fitted V of stars outside the BSC must be close to Hp (|V − Hp| < 0.5 for all but very red stars).
    @Test("Fitted V stays close to Hp")
    func fittedV() throws {
        let stars = try Fixtures.catalog().stars
        var large = 0, total = 0
        for hip in stride(from: 1, through: 120_000, by: 7) {
            guard let s = stars.star(hip: hip), s.vSource == .fittedFromHp else { continue }
            total += 1
            if abs(s.v - s.hp) > 0.5 { large += 1 }
        }
        #expect(total > 10_000)
        #expect(Double(large) / Double(total) < 0.01)
    }
}
