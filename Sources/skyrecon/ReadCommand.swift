import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon read "…"`: the reading of one passage.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read the astronomical records of one passage: date, civil day, subject, relation, object.",
        discussion: """
        Examples:
          skyrecon read 至德二載二月壬午太白犯昴
          skyrecon read 開元二年七月己丑太白犯輿鬼東南星占曰大臣有誅
          skyrecon read --format json 貞觀十六年十月丙戌入太微犯左執法

        The passage is read as a treatise is: the first record needs its era and year; later records inherit.
        A passage with no record exits 1 with the reason.
        """
    )

    @Argument(help: "The passage (unpunctuated classical Chinese; variant characters allowed).")
    var passage: [String]

    @Option(name: .long, help: "Output format: text, json, jsonl or csv.")
    var format: OutputFormat = .text

    func run() throws {
        try reportingErrors {
            let text = passage.joined()
            let reader = try TreatiseReader.standard()
            let records = reader.readPassage(text)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            switch format {
            case .text:
                print(records.map(\.summary).joined(separator: "\n\n"))
            case .jsonl:
                for r in records { print(String(decoding: try encoder.encode(Versioned(RecordLine(r))), as: UTF8.self)) }
            case .json:
                encoder.outputFormatting.insert(.prettyPrinted)
                print(String(decoding: try encoder.encode(records.map { Versioned(RecordLine($0)) }), as: UTF8.self))
            case .csv:
                print(CSV.line(RecordReading.csvHeader))
                for r in records { print(CSV.line(r.csvFields)) }
            }
            if records.count == 1, records[0].claims.isEmpty { throw ExitCode.failure }
        }
    }
}
