import ChineseCalendar
import FITS
import Foundation
import Tables

/// Benchmarks of the Chinese calendar: table load time, Chinese → day and day → Chinese conversions per
/// second. Returns one line per figure.
func chineseCalendarBenchmarks() -> [String] {
    let clock = ContinuousClock()
    var lines: [String] = []
    guard let dir = try? CatalogLocation.file("chinese-eras.tsv").deletingLastPathComponent() else {
        return ["chinese calendar: Catalogs not found (set SKYRECON_CATALOGS)"]
    }
    var cal: ChineseCalendar? = nil
    let loads = 3
    let load = clock.measure {
        for _ in 0..<loads { cal = try? ChineseCalendar(directory: dir) }
    }
    guard let cal else { return ["chinese calendar: tables failed to load"] }
    lines.append(String(format: "chinese calendar: table load %.1f ms (94,791 months, 1,300 eras)", benchSeconds(load) * 1000 / Double(loads)))

    // Day → Chinese: every 7th day over the main line, all calendars in use that day.
    let days = Array(stride(from: 1_632_000, to: 2_419_000, by: 7))
    var found = 0
    let toChinese = clock.measure {
        for j in days { found += cal.dates(jdn: j).count }
    }
    lines.append(String(format: "chinese calendar: day → Chinese dates %.0f days/s (%d dates)", Double(days.count) / benchSeconds(toChinese), found))

    // Chinese → day: the formatted main-line dates of every 97th day, read back.
    let texts = stride(from: 1_670_000, to: 2_419_000, by: 97).compactMap { cal.mainLineDate(jdn: $0) }
        .filter { $0.era != nil }.map(\.text)
    var ok = 0
    let toDay = clock.measure {
        for t in texts { if case .ok? = try? cal.resolve(t) { ok += 1 } }
    }
    lines.append(String(format: "chinese calendar: Chinese text → day %.0f dates/s (%d of %d ok)", Double(texts.count) / benchSeconds(toDay), ok, texts.count))

    // Bad records: the same texts with the era's first character replaced, so that each fails as an unknown era
    // whose "did you mean" suggestions are searched (what a batch of misspelt rows costs).
    let misspelt = texts.map { t -> String in
        var chars = Array(t)
        if let i = chars.firstIndex(where: { !"唐宋元明清漢晉隋魏齊梁陳周".contains($0) }) { chars[i] = "㐀" }
        return String(chars)
    }
    var unknown = 0
    let failed = clock.measure {
        for t in misspelt {
            do { _ = try cal.resolve(t) } catch ChineseCalendarError.unknownEra { unknown += 1 } catch {}
        }
    }
    lines.append(String(format: "chinese calendar: misspelt era → error with suggestions %.0f texts/s, %.1f µs each (%d of %d unknown eras)",
                        Double(misspelt.count) / benchSeconds(failed), benchSeconds(failed) * 1e6 / Double(misspelt.count), unknown, misspelt.count))
    return lines
}

