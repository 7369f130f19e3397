import Foundation
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
