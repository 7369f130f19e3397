import Foundation
import SkyRecon

/// Benchmarks of reading treatise records: reader load (sky catalogue, calendar, lexicon), then every text file of
/// the corpus read into records, as `skyrecon link` does without writing. The corpus folder is
/// `SKYRECON_CORPUS` or `../shared/corpus/texts` beside the package. Returns one line per figure.
func readingBenchmarks() -> [String] {
    let clock = ContinuousClock()
    let env = ProcessInfo.processInfo.environment["SKYRECON_CORPUS"]
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let candidates = [env].compactMap { $0 }.map { URL(fileURLWithPath: $0) }
        + [here.deletingLastPathComponent().appendingPathComponent("shared/corpus/texts"),
           here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/texts")]
    guard let dir = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }),
          let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasSuffix(".txt") }).sorted()
    else { return ["reading: no corpus (set SKYRECON_CORPUS to a folder of *.txt)"] }
    var reader: TreatiseReader? = nil
    let load = clock.measure { reader = try? TreatiseReader.standard() }
    guard let reader else { return ["reading: catalogues not found (set SKYRECON_CATALOGS)"] }
    let texts = names.compactMap { n in (try? String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8)).map { (n, $0) } }
    let chars = texts.reduce(0) { $0 + $1.1.unicodeScalars.count }
    var records = 0
    let read = clock.measure {
        for (n, t) in texts { records += reader.read(t, file: n).count }
    }
    let s = benchSeconds(read)
    return [
        String(format: "reading: reader load (sky catalogue, calendar, lexicon) %.2f s", benchSeconds(load)),
        String(format: "reading: %d files, %d characters, %d records in %.2f s (%.0f records/s, %.0f characters/s)",
               texts.count, chars, records, s, Double(records) / s, Double(chars) / s),
    ]
}
