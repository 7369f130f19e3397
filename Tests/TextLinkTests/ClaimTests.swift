import Foundation
import Sky
import Testing
@testable import TextLink

@Suite struct ClaimTests {
    @Test func claimEncodesWithTheDocumentedKeys() throws {
        let claim = Claim(subjects: ["Venus"], relation: "犯", object: "昴", objectIDs: ["昴"],
                          position: MansionDu(mansion: "昴", du: 1), distanceChi: 0.7)
        let json = String(decoding: try JSONEncoder().encode(claim), as: UTF8.self)
        #expect(json.contains("\"object_ids\":[\"昴\"]"))
        #expect(json.contains("\"distance_chi\":0.7"))
        #expect(try JSONDecoder().decode(Claim.self, from: Data(json.utf8)) == claim)
    }
}

/// Reverse linking: an event finds the record of its night that names its bodies and a member of its group.
@Suite struct ReverseLinkerTests {
    @Test func aRecordTellsOfTheEventOfItsNight() throws {
        let reader = try TreatiseReader.standard()
        let records = reader.read("至德二載二月戊戌太白犯昴占曰兵起甲辰熒惑犯東井", file: "t.txt")
        let linker = ReverseLinker(records: records, catalog: try SkyCatalog.standard())
        let venus = LinkableEvent(kind: "approach", objects: ["Venus", "M45 (Pleiades)"], star: "HIP17776",
                                  nightJDN: 1_997_625, separationDeg: 0.55)
        #expect(linker.passages(for: venus).map(\.text) == ["至德二載二月戊戌太白犯昴"])
        #expect(linker.isConspicuous(venus))
        var later = venus
        later.nightJDN += 3
        #expect(linker.passages(for: later).isEmpty, "three nights later no record tells of it")
        let jupiter = LinkableEvent(kind: "approach", objects: ["Jupiter", "M45 (Pleiades)"], nightJDN: 1_997_625, separationDeg: 0.5)
        #expect(linker.passages(for: jupiter).isEmpty, "the record's subject is Venus, not Jupiter")
        let mars = LinkableEvent(kind: "approach", objects: ["Mars", "東井"], nightJDN: 1_997_631, separationDeg: 0.3)
        #expect(linker.passages(for: mars).map(\.text) == ["甲辰熒惑犯東井"])
        #expect(!linker.isConspicuous(LinkableEvent(kind: "approach", objects: ["Mars", "東井"], nightJDN: 0, separationDeg: 1.5)))
        #expect(LinkableEvent.nightJDN(localMeanTimeJD: 1_997_625.4) == 1_997_625, "21:36 LMT of day 1997625")
        #expect(LinkableEvent.nightJDN(localMeanTimeJD: 1_997_625.7) == 1_997_625, "04:48 LMT of day 1997626: the night before")
        #expect(LinkableEvent.nightJDN(localMeanTimeJD: 1_997_625.8) == 1_997_626, "07:12 LMT of day 1997626")
    }
}
