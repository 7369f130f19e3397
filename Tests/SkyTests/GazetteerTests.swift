import Testing
@testable import Sky

/// The gazetteer: the three reference sites must carry exactly the coordinates the DE422 reference file states in
/// its header ("changan 108.93E 34.27N 400m; babylon 44.42E 32.54N 35m; athens 23.72E 37.97N 100m").
struct GazetteerTests {
    @Test(arguments: [("changan", 34.27, 108.93, 400.0), ("babylon", 32.54, 44.42, 35.0), ("athens", 37.97, 23.72, 100.0)])
    func referenceSites(key: String, lat: Double, lon: Double, height: Double) throws {
        let site = try Gazetteer.standard().site(named: key)
        #expect(abs(site.latitude.degrees - lat) < 1e-9 && abs(site.longitude.degrees - lon) < 1e-9)
        #expect(site.heightMeters == height)
    }

    @Test func aliasesAndChineseNames() throws {
        let g = try Gazetteer.standard()
        #expect(try g.site(named: "長安").key == "changan")
        #expect(try g.site(named: "Xi'an").key == "changan")
        #expect(try g.site(named: "汴京").key == "kaifeng")
        #expect(try g.site(named: "Maragha").key == "maragha")
        #expect(g.sites.count >= 19)
        #expect(g.sites.allSatisfy { !$0.source.isEmpty && abs($0.latitude.degrees) <= 90 && abs($0.longitude.degrees) <= 180 })
    }

    @Test func coordinatesAreParsed() throws {
        let s = try Gazetteer.coordinates("34.27,108.93,400")
        #expect(abs(s.latitude.degrees - 34.27) < 1e-12 && abs(s.longitude.degrees - 108.93) < 1e-12 && s.heightMeters == 400)
        #expect(try Gazetteer.coordinates("-33.9, 18.4").heightMeters == 0)
    }

    @Test(arguments: ["changann", "91,10", "10", "abc,def", "10,200", ""])
    func badSitesAreErrors(text: String) {
        #expect(throws: SiteError.self) { try Gazetteer.standard().site(named: text) }
    }

    @Test func unknownSiteSuggestsCandidates() {
        do {
            _ = try Gazetteer.standard().site(named: "changann")
            Issue.record("expected an error")
        } catch let error as SiteError {
            #expect(error.errorDescription?.contains("changan") == true)
        } catch { Issue.record("wrong error \(error)") }
    }
}
