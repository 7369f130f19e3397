import Foundation
import Ephemeris
import SkyTime
import Testing
@testable import Sky

@Suite("IAU constellations and the Chinese sky culture")
struct ConstellationTests {
    @Test("88 constellations with figures; 357 boundary rows of Roman (1987)")
    func counts() throws {
        let c = try Fixtures.catalog().constellations
        #expect(c.all.count == 88)
        #expect(c.all.filter { !$0.figure.isEmpty }.count == 88)
        #expect(c.constellation(abbreviation: "CVn")?.genitive == "Canum Venaticorum")
        #expect(c.constellation(abbreviation: "umi")?.latinName == "Ursa Minor")
    }

    /// Bright stars whose constellation is not in doubt.
    @Test("Constellations of named stars", arguments: [(49669, "Leo"), (11767, "UMi"), (32349, "CMa"), (65474, "Vir"),
                                                       (17702, "Tau"), (91262, "Lyr"), (71683, "Cen"), (113368, "PsA"),
                                                       (80763, "Sco"), (27989, "Ori"), (677, "And")])
    func namedStars(hip: Int, abbreviation: String) throws {
        let cat = try Fixtures.catalog()
        let s = try #require(cat.stars.star(hip: hip))
        #expect(cat.constellations.constellation(ra: s.ra, dec: s.dec).abbreviation == abbreviation)
    }

    /// A star's mean place of date at any epoch lies in the same constellation as its catalogue place, as long as
    /// its proper motion has not carried it across a boundary (Regulus, Spica, Antares: ≤ 2.5′ in 5000 years, far
    /// from any boundary); precession alone moves them by up to 70°.
    @Test("Constellation of a place of date", arguments: [-2500, -500, 725, 1280, 2000, 2500])
    func ofDate(year: Int) throws {
        let cat = try Fixtures.catalog()
        let t = LunarMansionTests.midYear(year)
        for (hip, abbr) in [(49669, "Leo"), (65474, "Vir"), (80763, "Sco")] {
            let place = try #require(cat.stars.star(hip: hip)?.meanPlaceOfDate(t))
            #expect(cat.constellations.constellation(rightAscensionOfDate: place.ra, declinationOfDate: place.dec, at: t)
                .abbreviation == abbr, "HIP \(hip) in \(year)")
        }
    }

    /// Bayer and Flamsteed letters were assigned within the constellations; apart from a handful of stars moved
    /// across the 1930 boundaries (α And = δ Peg, …), a designated star lies in its designation's constellation.
    /// An independent check of the boundary table, its B1875 precession and the lookup rule.
    @Test("Designated stars lie in their designation's constellation (≥ 99 %)")
    func designatedStars() throws {
        let cat = try Fixtures.catalog()
        var inside = 0, total = 0
        var outside: [String] = []
        for hip in try cat.stars.designatedHIPs {
            // Greek-letter Bayer stars only: Flamsteed numbered by his own, older figures (10 UMa is in Lyn)
            guard let s = try cat.stars.star(hip: hip), let con = s.constellation, let letter = s.bayer,
                  GreekLetters.table.contains(where: { letter.hasPrefix($0.code) }) else { continue }
            total += 1
            let found = cat.constellations.constellation(ra: s.ra, dec: s.dec).abbreviation
            if found == con { inside += 1 } else { outside.append("\(s.label) in \(found)") }
        }
        #expect(total > 1300)
        #expect(Double(inside) / Double(total) >= 0.99, "\(outside)")
    }

    @Test("A right ascension a hair below 0 h (normalised to 24 h) lies in the constellation just east of 0 h")
    func hairBelowZeroHours() throws {
        let c = try Fixtures.catalog().constellations
        for dec in [-60.0, -20, 0, 23, 45, 80] {
            let east = c.constellation(raB1875: .hours(1e-6), decB1875: .degrees(dec)).abbreviation
            #expect(c.constellation(raB1875: .radians(-1e-17), decB1875: .degrees(dec)).abbreviation == east, "\(dec)")
            #expect(c.constellation(ofICRSDirection: IAUConstellations.icrsToB1875.transposeTimes(
                SIMD3(cos(dec * .pi / 180), -1e-17, sin(dec * .pi / 180)))).abbreviation == east, "\(dec)")
        }
        #expect(c.constellation(raB1875: .radians(-1e-17), decB1875: .degrees(23)).abbreviation == "Peg")
    }

    @Test("B1875 lookup: the poles and the first rows of the table")
    func b1875() throws {
        let c = try Fixtures.catalog().constellations
        #expect(c.constellation(raB1875: .hours(3), decB1875: .degrees(89)).abbreviation == "UMi")
        #expect(c.constellation(raB1875: .hours(3), decB1875: .degrees(-89)).abbreviation == "Oct")
        #expect(c.constellation(raB1875: .hours(9.5), decB1875: .degrees(83)).abbreviation == "Cam")
        #expect(c.constellation(raB1875: .hours(-2), decB1875: .degrees(87)).abbreviation == "UMi")
    }

    /// Stellarium's culture (checked copy in ../shared/catalogs/stellarium-chinese): 318 asterisms, and every
    /// simplified name equals the copy's, every traditional name differs from it only in mapped characters.
    @Test("Chinese culture: 318 asterisms named as in the Stellarium files", .enabled(if: Fixtures.hasShared, "needs ../shared (reference data beside the repository) or SKYRECON_SHARED"))
    func chineseCulture() throws {
        let chinese = try Fixtures.catalog().chinese
        #expect(chinese.asterisms.count == 318)
        let url = try #require(Fixtures.sharedFile("catalogs/stellarium-chinese/constellation_names.zh_CN.fab"))
        var zh: [Int: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count >= 3, let id = Int(parts[0]), let open = parts[2].range(of: "_(\""),
                  let close = parts[2].range(of: "\")") else { continue }
            zh[id] = String(parts[2][open.upperBound..<close.lowerBound])
        }
        #expect(zh.count == 318)
        for a in chinese.asterisms {
            #expect(a.simplified == zh[a.id], "asterism \(a.id)")
            #expect(a.traditional.count == a.simplified.count)
            let memberHIPs = Set(a.members.map(\.hip))
            #expect(a.lines.allSatisfy { memberHIPs.contains($0.hip1) && memberHIPs.contains($0.hip2) }, "asterism \(a.id)")
        }
        // Stellarium leaves a few asterisms unidentified (天廟, 軍門, …): no stars, no lines
        #expect(chinese.asterisms.filter { $0.members.isEmpty }.count <= 10)
        let xuanyuan = try #require(chinese.asterisms.first { $0.traditional == "軒轅" })
        #expect(xuanyuan.members.contains { $0.hip == 49669 && $0.number == 14 })
        #expect(chinese.asterisms.contains { $0.traditional == "畢宿" && $0.simplified == "毕宿" })
        #expect(chinese.asterisms.contains { $0.traditional == "靈臺" })
    }
}
