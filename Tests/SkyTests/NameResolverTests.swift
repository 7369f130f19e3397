import Ephemeris
import Foundation
import Testing
import TestSupport
@testable import Sky

@Suite("Name resolver")
struct NameResolverTests {
    /// Spellings of the same stars. HIP numbers: SIMBAD cross-identifications (Regulus = α Leo = 32 Leo = HR 3982 =
    /// HD 87901 = HIP 49669; Alcyone = η Tau = 25 Tau = HR 1165 = HIP 17702; Antares = α Sco = HIP 80763;
    /// Zubenelgenubi = α² Lib = HIP 72622); Chinese names: Stellarium's chinese sky culture (軒轅十四, 昴宿六, 心宿二).
    @Test("Star spellings resolve to the right Hipparcos star", arguments: [
        ("alpha Leo", 49669), ("α Leo", 49669), ("alf Leo", 49669), ("Alpha Leonis", 49669), ("ALPHA LEO", 49669),
        ("32 Leo", 49669), ("32 Leonis", 49669), ("HIP 49669", 49669), ("HD 87901", 49669), ("HR 3982", 49669),
        ("Regulus", 49669), ("regulus", 49669), ("軒轅十四", 49669), ("轩辕十四", 49669), ("Xuanyuan XIV", 49669),
        ("Xuānyuán XIV", 49669), ("軒轅大星", 49669), ("女主", 49669),
        ("HIP 17702", 17702), ("HIP17702", 17702), ("hip 17702", 17702), ("ＨＩＰ１７７０２", 17702), ("HR 1165", 17702),
        ("Alcyone", 17702), ("η Tau", 17702), ("eta Tauri", 17702), ("25 Tau", 17702), ("昴宿六", 17702),
        ("心宿二", 80763), ("心大星", 80763), ("大火", 80763), ("Antares", 80763), ("α Sco", 80763),
        ("α² Lib", 72622), ("alpha2 Lib", 72622), ("alf2 Librae", 72622), ("Zubenelgenubi II", 72622), ("γ² Sgr", 88635), ("gamma Sgr", 88635),
        ("角宿一", 65474), ("Spica", 65474), ("右執法", 57757), ("左執法", 60129), ("北落師門", 113368),
        ("大角", 69673), ("天狼", 32349), ("Sirius", 32349), ("老人星", 30438), ("織女", 91262),
    ])
    func stars(query: String, hip: Int) throws {
        let r = try Fixtures.catalog().resolve(query)
        guard case .star(let s) = r.object else {
            Issue.record("\(query) resolved to \(r.object.label), not a star")
            return
        }
        #expect(s.hip == hip, "\(query) → HIP \(s.hip) via \(r.via)")
    }

    /// Body names: English, Latin, Chinese with the classical aliases (史記 天官書) and the Siku variant 嵗.
    @Test("Body names and classical aliases", arguments: [
        ("Venus", Body.venus), ("金星", .venus), ("太白", .venus), ("長庚", .venus), ("啟明", .venus), ("啓明", .venus),
        ("Moon", .moon), ("月", .moon), ("太陰", .moon), ("太阴", .moon), ("Sun", .sun), ("日", .sun),
        ("歲星", .jupiter), ("嵗星", .jupiter), ("岁星", .jupiter), ("Jupiter", .jupiter), ("熒惑", .mars),
        ("荧惑", .mars), ("填星", .saturn), ("鎮星", .saturn), ("镇星", .saturn), ("辰星", .mercury),
        ("Mercurius", .mercury), ("土星", .saturn), ("啓明", .venus),
    ])
    func bodies(query: String, body: Body) throws {
        let r = try Fixtures.catalog().resolve(query)
        #expect(r.object == .body(body), "\(query) → \(r.object.label)")
    }

    /// The bodies' names are resolved without building the full index: the answer (object, matched name, how)
    /// is the full index's, for every spelling and for its variants of case, spacing and width.
    @Test("Body names resolve as the full index resolves them")
    func bodyShortcutAgrees() throws {
        let resolver = try Fixtures.catalog().resolver
        for (_, spellings) in NameResolver.bodyNames {
            for name in spellings.flatMap({ [$0, $0.uppercased(), " \($0) ", $0.lowercased()] }) {
                #expect(try resolver.resolve(name) == resolver.resolveByIndex(name), "\(name)")
                #expect(resolver.lookupAll(name) == [try resolver.resolveByIndex(name)], "\(name)")
            }
        }
    }

    /// The first name a command resolves gets an index of its own key only; its answer must be the full index's. Every
    /// name and alias of the asterism, alias and mansion tables and a fifth of the star names, every IAU proper name,
    /// Bayer and Flamsteed designation and constellation name, catalogue numbers, ambiguous and unknown names, each
    /// resolved by one index restricted to all their keys (the restriction is per key, so one build tests them all)
    /// and, for a sample, by an index of its key alone.
    @Test("An index of some names' keys resolves those names as the full index does")
    func partialIndexAgrees() throws {
        let catalog = try Fixtures.catalog()
        let resolver = catalog.resolver
        var queries: [String] = ["五諸侯", "Regulus", "regulus", "REGULUS", "alpha Leo", "α Leo", "alf2 Lib", "α² Lib",
                                 "32 Leo", "HIP 49669", "HR 3982", "HD 87901", "HIP 999999", "Regulsu", "M45", "Pleiades",
                                 "積尸", "昴", "東井", "心大星", "Orion", "Leonis", "Bi", "Zubenelgenubi", "no such star", ""]
        for name in ["chinese-star-names.tsv", "asterisms-chinese.tsv", "chinese-star-aliases.tsv", "lunar-mansions.tsv"] {
            let text = try String(contentsOf: Fixtures.catalogs.appendingPathComponent(name), encoding: .utf8)
            // Every line of the short tables; every fifth of the 3,231 star names (a debug build resolves ~1,000 a second).
            for (i, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#")
                && (name != "chinese-star-names.tsv" || i % 5 == 0) {
                queries += line.split(separator: "\t").map(String.init).filter { !$0.isEmpty && $0.count < 40 }
            }
        }
        for hip in try catalog.stars.designatedHIPs {
            guard let d = try catalog.stars.designation(hip: hip) else { continue }
            if let name = d.properName { queries.append(name) }
            if let bayer = d.bayer, let con = d.constellation { queries.append("\(bayer) \(con)") }
            if let fl = d.flamsteed, let con = d.constellation { queries.append("\(fl) \(con)") }
        }
        for c in catalog.constellations.all { queries += [c.abbreviation, c.latinName, c.genitive, c.englishName] }
        var seen = Set<String>()
        queries = queries.filter { seen.insert($0).inserted }
        enum Outcome: Equatable { case found(NameResolution), unknown, failed(String) }
        func outcome(_ resolve: () throws -> NameResolution) -> Outcome {
            do { return .found(try resolve()) } catch let error as SkyCatalogError {
                // An unknown name's suggestions come from the full index by design (the resolver falls back to it).
                if case .unknownName = error { return .unknown }
                return .failed(error.localizedDescription)
            } catch { return .failed("\(error)") }
        }
        let partial = try resolver.partialIndex(for: queries)
        var found = 0
        for q in queries {
            let full = outcome { try resolver.resolveByIndex(q) }
            #expect(outcome { try partial.resolve(q) } == full, "\(q)")
            if case .found = full { found += 1 }
        }
        #expect(found > 4_000)
        for q in queries.enumerated().filter({ $0.offset % 4_000 == 0 }).map(\.element) + ["Regulus", "五諸侯", "積尸", "Regulsu"] {
            #expect(outcome { try resolver.resolveByPartialIndex(q) } == outcome { try resolver.resolveByIndex(q) }, "\(q)")
        }
    }

    /// The Pleiades members of the reference ephemeris (Electra, Taygeta, Maia, Merope, Alcyone, Atlas, Pleione).
    static let pleiades = [17499, 17531, 17573, 17608, 17702, 17847, 17851]

    @Test("Clusters resolve to their members", arguments: ["M45", "m 45", "Pleiades", "NGC 1432", "昴星團"])
    func pleiadesCluster(query: String) throws {
        let r = try Fixtures.catalog().resolve(query)
        guard case .group(let g) = r.object else { Issue.record("not a group"); return }
        #expect(g.kind == .cluster)
        let hips = Set(g.members.map(\.hip))
        #expect(Self.pleiades.allSatisfy(hips.contains), "\(hips.sorted())")
        #expect(g.members.count < 80)
    }

    @Test("Praesepe by any name, including 積尸 (not Stellarium's 積尸 in 胃)", arguments: ["M44", "Praesepe", "積尸", "質星"])
    func praesepe(query: String) throws {
        let r = try Fixtures.catalog().resolve(query)
        guard case .group(let g) = r.object else { Issue.record("not a group"); return }
        #expect(g.name.hasPrefix("M44"))
        #expect(g.members.count >= 10)
    }

    @Test("Mansion names and aliases", arguments: [("昴", 18), ("东井", 22), ("桞", 24), ("舆鬼", 23), ("Mao", 18), ("翼", 27), ("東井", 22), ("井", 22),
                                                ("輿鬼", 23), ("南斗", 8), ("斗", 8), ("營室", 13), ("須女", 10),
                                                ("觜觿", 20), ("七星", 25), ("牽牛", 9)])
    func mansions(query: String, number: Int) throws {
        let r = try Fixtures.catalog().resolve(query)
        guard case .group(let g) = r.object, let m = g.mansion else { Issue.record("\(query): not a mansion"); return }
        #expect(m.number == number)
        #expect(g.members.contains { $0.hip == m.determinativeHIP })
    }

    @Test("Asterisms and enclosures resolve to their members")
    func asterisms() throws {
        let c = try Fixtures.catalog()
        for (query, member) in [("太㣲", 57757), ("軒轅", 49669), ("Xuanyuan", 49669), ("轩辕", 49669), ("太微", 57757), ("昴宿", 17702)] {
            let r = try c.resolve(query)
            guard case .group(let g) = r.object else { Issue.record("\(query): not a group"); continue }
            #expect(g.members.contains { $0.hip == member }, "\(query)")
        }
        let orion = try c.resolve("Orion")
        guard case .group(let g) = orion.object else { Issue.record("Orion: not a group"); return }
        #expect(g.kind == .constellation)
        #expect(g.members.contains { $0.hip == 27989 })  // Betelgeuse
    }

    @Test("Ambiguous names list their candidates", arguments: [("Bi", ["畢", "壁"]), ("五諸侯", ["井宿", "太微垣"]),
                                                              ("執法", ["57757", "60129"])])
    func ambiguous(query: String, expected: [String]) throws {
        #expect {
            _ = try Fixtures.catalog().resolve(query)
        } throws: { error in
            guard case SkyCatalogError.ambiguousName(_, let candidates) = error else { return false }
            return expected.allSatisfy { word in candidates.contains { $0.contains(word) } }
        }
    }

    @Test("Unknown names are errors with close candidates")
    func unknown() throws {
        let c = try Fixtures.catalog()
        #expect {
            _ = try c.resolve("Regulsu")
        } throws: { error in
            guard case SkyCatalogError.unknownName(_, let candidates) = error else { return false }
            return candidates.contains("Regulus")
        }
        #expect {
            _ = try c.resolve("軒轅大")
        } throws: { error in
            guard case SkyCatalogError.unknownName(_, let candidates) = error else { return false }
            return candidates.contains("軒轅大星")
        }
        for bad in ["xyzzy", "HIP 999999", "HIP 0", "HR 99999", "alpha Xyz", "99 Leo", "omega Cru", "  "] {
            #expect(throws: SkyCatalogError.self, "\(bad)") { _ = try c.resolve(bad) }
        }
        #expect(throws: SkyCatalogError.emptyName) { _ = try c.resolve("") }
        let message = (try? c.resolve("Regulsu")).map { _ in "" } ?? {
            do { _ = try c.resolve("Regulsu"); return "" } catch { return error.localizedDescription }
        }()
        #expect(message.contains("did you mean") && message.contains("Regulus"))
    }

    /// ../shared/corpus/star-names.tsv: the names used in the labelled records with their modern identification.
    /// Every mansion, star, cluster and body row with a single, certain identification must resolve to it
    /// (a mansion through either convention's determinative star).
    @Test("Identifications of the corpus names (star-names.tsv)", .enabled(if: Fixtures.hasShared, "needs ../shared (reference data beside the repository) or SKYRECON_SHARED"))
    func corpusNames() throws {
        let c = try Fixtures.catalog()
        let rows = try Fixtures.tsv(try #require(Fixtures.sharedFile("corpus/star-names.tsv")))
        var checked = 0
        for row in rows {
            let name = row["name"] ?? "", type = row["type"] ?? ""
            let ident = row["determinative_or_named_star"] ?? ""
            let uncertain = ["uncertain", " or ", "/", "?", "context", "…"].contains { ident.contains($0) }
            switch type {
            case "body":
                guard let modern = row["modern_identification"], !modern.isEmpty,
                      let body = Body.allCases.first(where: { $0.displayName == modern }) else { continue }
                #expect(try c.resolve(name).object == .body(body), "\(name)")
                checked += 1
            case "mansion", "star", "cluster":
                guard !uncertain, !ident.isEmpty else { continue }
                let designation = String(ident.split(separator: "(").first ?? "").trimmingCharacters(in: .whitespaces)
                let expected = try c.resolve(designation)
                let got = try c.resolve(name)
                switch (type, got.object, expected.object) {
                case ("mansion", .group(let g), .star(let s)):
                    #expect(g.mansion?.determinativeHIP == s.hip || g.mansion?.earlyDeterminativeHIP == s.hip,
                            "\(name): \(g.name) vs \(s.label)")
                case ("star", .star(let a), .star(let b)):
                    #expect(a.hip == b.hip, "\(name): \(a.label) vs \(b.label)")
                case ("cluster", .group(let a), .group(let b)):
                    #expect(a.name == b.name, "\(name)")
                default:
                    Issue.record("\(name) (\(type)) resolved to \(got.object.label), expected \(expected.object.label)")
                }
                checked += 1
            default: continue
            }
        }
        #expect(checked >= 65)
    }
}

@Suite("Separation from a group")
struct GroupSeparationTests {
    /// Two members 2° apart on the equator; a point 1° north of the first: the nearest member is the first (1°),
    /// the centroid lies midway (separation √2° to first order, exactly acos(cos 1° · cos 1°)).
    @Test("Nearest member and centroid")
    func nearestAndCentroid() throws {
        func unit(_ ra: Double, _ dec: Double) -> SIMD3<Double> {
            SIMD3(cos(dec * .pi / 180) * cos(ra * .pi / 180), cos(dec * .pi / 180) * sin(ra * .pi / 180), sin(dec * .pi / 180))
        }
        let a = Star(hip: 1, ra: .degrees(0), dec: .degrees(0), parallaxMas: 1, pmRAcosDecMasPerYear: 0, pmDecMasPerYear: 0)
        let b = Star(hip: 2, ra: .degrees(2), dec: .degrees(0), parallaxMas: 1, pmRAcosDecMasPerYear: 0, pmDecMasPerYear: 0)
        let s = try #require(GroupSeparation.compute(point: unit(0, 1), members: [(a, unit(0, 0)), (b, unit(2, 0) * 3)]))
        #expect(s.nearest.hip == 1)
        #expect(abs(s.nearestSeparation.degrees - 1) < 1e-12)
        let expected = acos(cos(1 * Double.pi / 180) * cos(1 * Double.pi / 180)) * 180 / .pi
        #expect(abs(s.centroidSeparation.degrees - expected) < 1e-9)
        #expect(GroupSeparation.compute(point: unit(0, 0), members: []) == nil)
    }

    @Test func theASCIIShortcutFoldsAsTheFullFolding() {
        // Every printable ASCII character alone and in seeded random names: the byte path gives the Unicode path's
        // result.
        for b in UInt8(0x09)...UInt8(0x7E) {
            let s = String(decoding: [b, UInt8(ascii: "A"), b], as: UTF8.self)
            #expect(NameResolver.normalizeASCII(s) == NameResolver.normalizeUnicode(s), "byte \(b)")
        }
        var rng = SplitMix64(seed: 757)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 1...12, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
            let s = String(decoding: bytes, as: UTF8.self)
            #expect(NameResolver.normalizeASCII(s) == NameResolver.normalizeUnicode(s), "\(s)")
        }
        #expect(NameResolver.normalize("Alpha Leonis (Regulus)") == "alphaleonisregulus")
    }

    @Test func theIndexReadsTheDesignationsStarValuesGive() throws {
        // The name index reads designations without building `Star` values: the same values, for every HIP number.
        let stars = try Fixtures.catalog().stars
        var present = 0
        for hip in -1...130_000 {
            let star = stars.star(hip: hip)
            #expect(stars.contains(hip: hip) == (star != nil), "HIP \(hip)")
            guard let star else { continue }
            present += 1
            let d = try #require(stars.designation(hip: hip))
            #expect(d.bayer == star.bayer && d.flamsteed == star.flamsteed && d.constellation == star.constellation
                    && d.properName == star.properName, "HIP \(hip)")
        }
        #expect(present == stars.count)
    }

    @Test func theHanShortcutFoldsAsTheFullFolding() throws {
        // Every field of the catalogue's text tables (the names the index folds), and seeded random mixtures of their
        // characters, ASCII and the folded variants: where the Han path answers, it gives the Unicode path's result.
        var fields: [String] = []
        for name in ["chinese-star-names.tsv", "asterisms-chinese.tsv", "chinese-star-aliases.tsv", "lunar-mansions.tsv"] {
            let text = try String(contentsOf: Fixtures.catalogs.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                fields += line.split(separator: "\t").map(String.init)
            }
        }
        let named = fastPathCheck(fields, fast: NameResolver.normalizeHan, general: NameResolver.normalizeUnicode)
        #expect(named.answered > 10_000)
        #expect(named.disagreements.isEmpty, "\(named.disagreements)")
        let pool = Array(Set(fields.joined().unicodeScalars)) + Array("AZaz09 -_.'()\t嵗㣲隂桞栁啓髙闗乗徳东辕āÁǚÜßĳǆÆøŁ\u{300}\u{301}·’".unicodeScalars)
        let mixed = fastPathCheck(randomStrings(from: pool, count: 5_000, maxLength: 8, seed: 725),
                                  fast: NameResolver.normalizeHan, general: NameResolver.normalizeUnicode)
        #expect(mixed.disagreements.isEmpty, "\(mixed.disagreements)")
        #expect(NameResolver.normalizeHan("軒轅十四") == "軒轅十四" && NameResolver.normalizeHan("轩辕 XIV") == "軒轅xiv")
        #expect(NameResolver.normalizeHan("Xuānyuán") == "xuanyuan" && NameResolver.normalizeHan("Xua\u{304}n") == nil)
        for v in 0xC0...0x24F {
            let letter = String(Character(Unicode.Scalar(UInt32(v))!))
            #expect(NameResolver.normalizeHan("x" + letter + "軒") == NameResolver.normalizeUnicode("x" + letter + "軒"), "\(letter)")
        }
    }
}
