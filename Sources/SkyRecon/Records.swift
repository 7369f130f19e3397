import Foundation

/// A record as read and as tested: the reading (date, claims) and the verdict with its evidence.
public struct VerifiedRecord: Sendable, Codable {
    /// What the text says.
    public let reading: RecordReading
    /// What the sky showed, and the verdict (nil when the record was only read).
    public let verification: RecordVerification?
}

extension SkyRecon {
    /// A verifier over the chosen models, the standard catalogue, the Chinese calendar and the gazetteer of capitals.
    ///
    /// - Parameters:
    ///   - choices: the models (see `models(_:)`).
    ///   - chanceTrials: random dates tried for each best-date chance rate (0 turns the rate off).
    public static func verifier(_ choices: Choices = Choices(), chanceTrials: Int = 16) throws -> Verifier {
        Verifier(view: try view(choices), calendar: try ChineseCalendar.standard(), gazetteer: try Gazetteer.standard(),
                 chanceTrials: chanceTrials)
    }

    /// Reads a passage (`至德二載二月壬午，太白犯昴`) and tests each of its records against the sky of its night at the
    /// capital of the time.
    ///
    /// - Returns: one entry per record; a passage with no dated record gives one untestable entry saying why.
    public static func verify(passage: String, with verifier: Verifier) throws -> [VerifiedRecord] {
        try TreatiseReader.standard().readPassage(passage).map { reading in
            VerifiedRecord(reading: reading, verification: verifier.verify(claims: reading.claims, date: reading.date,
                                                                          untestableReason: reading.untestableReason))
        }
    }

    /// Reads every `.txt` file of a corpus folder (recursively, in path order) and, with a verifier, tests every
    /// record — what `skyrecon link --corpus DIR` writes, as values.
    ///
    /// - Throws: an error when the folder cannot be read; a file that cannot be read is skipped.
    public static func link(corpus folder: URL, verifier: Verifier? = nil) throws -> [VerifiedRecord] {
        let reader = try TreatiseReader.standard()
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        var out: [VerifiedRecord] = []
        for file in files {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else { continue }
            for reading in reader.read(text, file: file) {
                out.append(VerifiedRecord(reading: reading, verification: verifier?.verify(
                    claims: reading.claims, date: reading.date, untestableReason: reading.untestableReason)))
            }
        }
        return out
    }
}
