import Foundation
import Testing
@testable import FITS

struct CommentTests {
    /// A COMMENT card is written as `COMMENT ` + text in the 80-character header records (FITS Standard 4.0, §4.4.2.4).
    @Test func commentCardsAreWrittenAndNonASCIIRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skyrecon-comment-\(UUID().uuidString).fits")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try FITSFile.create(url)
        try file.createImage(of: Float.self, axes: [2, 2])
        try file.writeComment("Celestial axes: of date.")
        #expect(throws: FITSError.self) { try file.writeComment("昴") }
        try file.writeImage([Float](repeating: 0, count: 4))
        try file.close()
        let header = String(decoding: try Data(contentsOf: url).prefix(2880), as: UTF8.self)
        #expect(header.contains("COMMENT Celestial axes: of date."))
    }
}
