// A pipeline step: a CSV of dated records (id, date as written — Chinese or Western —, object names) in, the objects'
// positions at the end of civil twilight of each date at Chang'an out, as JSON Lines a notebook or database can load.
//
//     swift run example-records-to-positions Examples/RecordsToPositions/records.csv > positions.jsonl
import Foundation
import SkyRecon

struct Line: Encodable {
    let id: String
    let date: String
    let chineseDate: String?
    let moment: String
    let object: String
    let observation: Observation
    let mansion: MansionPosition?
}

let path = CommandLine.arguments.dropFirst().first ?? "Examples/RecordsToPositions/records.csv"
var reader = try TableReader(path: path, dialect: .csv)
guard let header = try reader.next()?.fields, let idColumn = header.firstIndex(of: "id"),
      let dateColumn = header.firstIndex(of: "date"), let objectsColumn = header.firstIndex(of: "objects") else {
    FileHandle.standardError.write(Data("\(path): the header needs id,date,objects\n".utf8))
    exit(1)
}
let view = try SkyRecon.view()
let changan = try SkyRecon.site("changan")
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
var failed = 0
while let record = try reader.next() {
    let id = record.fields[idColumn], written = record.fields[dateColumn]
    do {
        let date = try SkyRecon.readDate(written)
        let names = record.fields[objectsColumn].split(separator: "+").map(String.init)
        let scene = try view.scene(date, objects: names, site: changan)
        guard let dusk = scene.snapshots.first(where: { $0.title.hasPrefix("End of civil twilight") }) else { continue }
        for entry in dusk.entries {
            let line = Line(id: id, date: written, chineseDate: scene.chineseDate, moment: dusk.title, object: entry.query,
                            observation: entry.observation, mansion: entry.mansion)
            print(String(decoding: try encoder.encode(Versioned(line)), as: UTF8.self))
        }
    } catch {
        failed += 1
        FileHandle.standardError.write(Data("line \(record.line) (\(id)): \(error.localizedDescription)\n".utf8))
    }
}
if failed > 0 { exit(1) }
