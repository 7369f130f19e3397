import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon report --corpus DIR`: shares of verdicts per treatise, relation and subject, as Markdown and CSV.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Verify every record of a corpus and report the shares confirmed, plausible, contradicted, untestable.",
        discussion: """
        Example:  skyrecon report --corpus texts/ --csv report.csv > report.md
        Markdown goes to standard output: per treatise, per relation test and per subject, beside the published
        figure (Ma Liping et al. 2014: about 20 % of Moon/planet near-star records before the Northern Song wrong),
        with the date corrections found and their chance rates. --csv FILE writes the same counts as CSV.
        """)

    @Option(name: .long, help: "A folder of text files (*.txt), read recursively.")
    var corpus: String

    @Option(help: ArgumentHelp("Also write the counts as CSV to this file.", valueName: "FILE.csv"))
    var csv: String?

    @Option(help: ArgumentHelp("Random dates tried for each chance rate (0: none).", valueName: "N"))
    var chanceTrials: Int = 16

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        try reportingErrors {
            let (root, files) = try LinkCommand.corpusFiles(corpus)
            let reader = try TreatiseReader.standard()
            let verifier = Verifier(view: try SkyRecon.view(try modelOptions.choices()), calendar: try ChineseCalendar.standard(),
                                    gazetteer: try Gazetteer.standard(), chanceTrials: chanceTrials)
            let progress = ProgressBar(total: files.count)
            var entries: [CorpusReport.Entry] = []
            for (n, rel) in files.enumerated() {
                progress.update(n, label: rel)
                guard let text = try? String(contentsOf: root.appendingPathComponent(rel), encoding: .utf8) else {
                    printError("skyrecon report: \(rel) is not readable as UTF-8 text; skipped")
                    continue
                }
                for r in reader.read(text, file: rel) {
                    let v = verifier.verify(claims: r.claims, date: r.date, untestableReason: r.untestableReason)
                    let day = r.date.jdn ?? r.date.firstJDN
                    entries.append(CorpusReport.Entry(
                        treatise: Self.treatise(rel), subject: r.subject, test: v.test?.rawValue ?? "",
                        verdict: v.verdict, year: day.map { CalendarDate(julianDayNumber: $0, calendar: .julian).year },
                        bestDate: v.bestDate, minSepDeg: v.evidence?.minSepDeg))
                }
            }
            progress.finish()
            let report = CorpusReport(entries: entries)
            print(report.markdown, terminator: "")
            if let csv {
                let text = report.csvRows.map(CSV.line).joined(separator: "\n") + "\n"
                do { try text.write(toFile: csv, atomically: true, encoding: .utf8) } catch {
                    throw ValidationError("cannot write \(csv): \(error.localizedDescription); give a writable path")
                }
            }
        }
    }

    /// The treatise a corpus file belongs to: the history's title and 天文志 or 本紀 (xintangshu_033_tianwen3 → 新唐書 天文志).
    static func treatise(_ file: String) -> String {
        let base = (file as NSString).lastPathComponent
        let book = String(base.prefix { $0 != "_" })
        let titles = ["hanshu": "漢書", "houhanshu": "後漢書", "jinshu": "晉書", "songshu": "宋書", "suishu": "隋書",
                      "jiutangshu": "舊唐書", "xintangshu": "新唐書", "songshi": "宋史", "yuanshi": "元史", "mingshi": "明史"]
        let part = base.contains("benji") ? "本紀" : base.contains("tianwen") ? "天文志" : base.contains("wuxing") ? "五行志" : ""
        return [titles[book] ?? book, part].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension LinkCommand {
    /// The folder of a `--corpus` option and the *.txt files under it (relative, sorted), or a one-line error.
    static func corpusFiles(_ corpus: String) throws -> (root: URL, files: [String]) {
        let root = URL(fileURLWithPath: corpus)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("--corpus \(corpus) is not a folder; give the folder that holds the *.txt files")
        }
        let files = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw ValidationError("no *.txt files under \(corpus); give the folder that holds the texts") }
        return (root, files)
    }
}
