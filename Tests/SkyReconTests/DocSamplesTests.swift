import Foundation
import Testing
@testable import SkyRecon

/// Every Swift sample of the DocC catalogue (Sources/SkyRecon/SkyRecon.docc) stands verbatim in one of the tests
/// below, so each documented sample is compiled and run; `samplesAreTheTestedCode` fails when an article's sample
/// and its test drift apart.
struct DocSamplesTests {
    static let catalogue = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/SkyRecon/SkyRecon.docc")

    static func swiftBlocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]? = nil
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" { current = [] }
            else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(current!.joined(separator: "\n")); current = nil
            } else if current != nil { current!.append(line) }
        }
        return blocks
    }

    static func squeezed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func samplesAreTheTestedCode() throws {
        let articles = try FileManager.default.contentsOfDirectory(at: Self.catalogue, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
        let tested = Self.squeezed(try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8))
        var count = 0
        for article in articles {
            for block in Self.swiftBlocks(in: try String(contentsOf: article, encoding: .utf8)) {
                count += 1
                #expect(tested.contains(Self.squeezed(block)),
                        "a sample of \(article.lastPathComponent) is not in DocSamplesTests.swift: \(block.prefix(80))…")
            }
        }
        #expect(count >= 5, "the catalogue has \(count) Swift samples")
    }

    @Test func gettingStarted757() throws {
        let view = try SkyRecon.view()
        let changan = try Gazetteer.standard().site(named: "changan")
        let date = try SkyRecon.readDate("至德二載二月戊戌")
        let scene = try view.scene(date, objects: ["venus", "pleiades"], site: changan)
        let approach = scene.snapshots.last!
        print(approach.title, approach.instant, approach.separations[0].angle.degrees)

        #expect(approach.title.hasPrefix("Geocentric closest approach"))
        #expect(approach.instant.description.hasPrefix("0757-03-14T12:51:4"))
        #expect(abs(approach.separations[0].angle.degrees - 1.264) < 0.001)
        #expect(approach.separations[0].toStar == "Alcyone")
    }

    @Test func gettingStartedOneObject() throws {
        let view = try SkyRecon.view()
        let site = try Gazetteer.standard().site(named: "changan")
        let moment = try Moment(parsing: "0757-03-14T12:52TT")
        let (instant, _) = try moment.resolve(deltaT: view.models.deltaT)
        let venus = try view.observe(.body(.venus), at: instant, site: site)[0]
        print(venus.apparent.rightAscension.degrees, venus.topocentric!.altitude.degrees, venus.models["ephemeris"]!)

        #expect(abs(venus.apparent.rightAscension.degrees - 39.42) < 0.01)   // 02h 37m 40s
        #expect(venus.models["ephemeris"]!.contains("DE422"))
    }

    @Test func datesWestern() throws {
        let date = try CalendarDate(year: -756, month: 3, day: 14, calendar: .julian)
        print(date.historianDescription)      // -0756-03-14J (Julian; 757 BCE)
        print(date.julianDayNumber)

        #expect(date.historianDescription == "-0756-03-14J (Julian; 757 BCE)")
        #expect(date.julianDayNumber == 1_997_625 - (1513 * 365 + 378))   // 1513 Julian years before 0757-03-14 (JDN 1997625)
    }

    @Test func datesChinese() throws {
        let written = try SkyRecon.readDate("至德二載二月壬午")
        print(written.moment, written.chinese!.text)      // the civil day 0757-02-26 (Julian)
        let western = try SkyRecon.readDate("0757-03-14")
        print(western.chinese!.text)                       // 唐肅宗至德二載二月戊戌

        guard case .date(let civil) = written.moment.value else { Issue.record("not a date"); return }
        #expect(civil.iso() == "0757-02-26J")
        #expect(western.chinese!.text == "唐肅宗至德二載二月戊戌")
    }

    @Test func datesDeltaT() throws {
        let models = try SkyRecon.models()
        let estimate = models.deltaT.estimate(julianDate: 1_997_625.0)
        print(estimate.seconds, estimate.sigma, estimate.model)   // about 3282 s ± 27 s, SMH2020

        #expect(abs(estimate.seconds - 3282) < 1 && abs(estimate.sigma - 27) < 1 && estimate.model == "SMH2020")
    }

    @Test func corpusOneRecord() throws {
        let verifier = try SkyRecon.verifier(chanceTrials: 0)
        let record = try SkyRecon.verify(passage: "至德二載二月壬午，太白犯昴", with: verifier)[0]
        print(record.reading.date.jdn!, record.reading.claims[0].subjects, record.reading.claims[0].relation)
        print(record.verification!.verdict, record.verification!.evidence!.minSepDeg!)

        #expect(record.reading.date.jdn == 1_997_609 && record.reading.claims[0].subjects == ["Venus"])
        // Venus reached the Pleiades on 03-14; on 02-26 it stood about 15° west of them (see the 757 scene).
        #expect(record.verification!.verdict == .contradicted)
        #expect(record.verification!.evidence!.minSepDeg! > 5)
    }

    @Test func corpusWhole() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("skyrecon-corpus-sample")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "開元四年六月己未太白晝見七月辛巳熒惑犯房".write(to: folder.appendingPathComponent("sample.txt"), atomically: true, encoding: .utf8)
        let records = try SkyRecon.link(corpus: folder, verifier: try SkyRecon.verifier(chanceTrials: 0))
        for r in records { print(r.reading.file, r.reading.charStart, r.reading.text, r.verification?.verdict.rawValue ?? "") }

        #expect(records.count == 2)
        #expect(records.map(\.reading.charStart) == [0, 12])   // 開元四年六月己未太白晝見 is 12 characters
        #expect(records[1].reading.claims[0].subjects == ["Mars"] && records[1].reading.date.month == 7)
        #expect(records.allSatisfy { $0.verification != nil })
    }

    @Test func accuracyModelsNamed() throws {
        let view = try SkyRecon.view()
        let instant = Instant(jdTT: 1_997_625.0, 0.0359)
        let mars = try view.observe(.body(.mars), at: instant)[0]
        for (role, model) in mars.models.sorted(by: { $0.key < $1.key }) { print(role, model) }

        #expect(mars.models["precession"]?.contains("Vondrák") == true)
        #expect(mars.models["nutation"] == "IAU 2000B")
    }
}

/// The facade's results are `Codable`: a pipeline keeps them as JSON without re-parsing printed text.
struct FacadeCodableTests {
    @Test func sceneAndPositionsEncodeAsJSON() throws {
        let view = try SkyRecon.view()
        let changan = try SkyRecon.site("changan")
        let date = try SkyRecon.readDate("至德二載二月戊戌")
        let scene = try view.scene(date, objects: ["venus", "pleiades"], site: changan)
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(scene)) as! [String: Any]
        #expect(json["chineseDate"] as? String == "唐肅宗至德二載二月戊戌")
        let snapshots = json["snapshots"] as! [[String: Any]]
        let separation = (snapshots.last!["separations"] as! [[String: Any]])[0]
        let radians = (separation["angle"] as! [String: Any])["radians"] as! Double
        #expect(abs(radians * 180 / .pi - 1.264) < 0.001)
        let decoded = try JSONDecoder().decode(SceneReport.self, from: try JSONEncoder().encode(scene))
        #expect(decoded.snapshots.count == scene.snapshots.count)

        let places = try view.positions(of: ["venus", "昴"], at: date, site: changan)
        #expect(places[1].count >= 6, "昴 gives its member stars")
        let observation = try JSONDecoder().decode(Observation.self, from: try JSONEncoder().encode(places[0][0]))
        #expect(observation.apparent.rightAscension == places[0][0].apparent.rightAscension)
        #expect(observation.deltaT.sigma > 0 && observation.models["ephemeris"]?.contains("DE422") == true)

        let back = try SkyRecon.chineseDates(julianDayNumber: 1_997_609)
        #expect(back.first?.text.hasPrefix("唐肅宗至德二載二月壬午") == true)
    }
}
