import Foundation

/// Shares of verdicts per treatise, by relation test and subject, with the corrections found and their chance rates.
///
/// Given one entry per verified record. Returns Markdown (tables a README can hold) and CSV (one row per treatise,
/// group and verdict count). The published figure shown beside them: Ma Liping et al. 2014 found about 20 % of the
/// Moon and planet near-star records before the Northern Song wrong.
public struct CorpusReport: Sendable {
    /// One verified record.
    public struct Entry: Sendable {
        public var treatise: String
        public var subject: String
        public var test: String
        public var verdict: Verdict.Kind
        public var year: Int?
        public var bestDate: BestDate?
        /// The geocentric minimum separation behind the verdict, when there is one.
        public var minSepDeg: Double?

        public init(treatise: String, subject: String, test: String, verdict: Verdict.Kind, year: Int?, bestDate: BestDate?,
                    minSepDeg: Double? = nil) {
            self.minSepDeg = minSepDeg
            self.treatise = treatise
            self.subject = subject
            self.test = test
            self.verdict = verdict
            self.year = year
            self.bestDate = bestDate
        }
    }

    /// The records.
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    struct Counts {
        var n = [Verdict.Kind: Int]()
        var total: Int { n.values.reduce(0, +) }
        mutating func add(_ k: Verdict.Kind) { n[k, default: 0] += 1 }
        func share(_ k: Verdict.Kind) -> String {
            total == 0 ? "–" : String(format: "%.0f %%", 100 * Double(n[k] ?? 0) / Double(total))
        }
    }

    func counts(_ filter: (Entry) -> Bool) -> Counts {
        var c = Counts()
        for e in entries where filter(e) { c.add(e.verdict) }
        return c
    }

    static let kinds: [Verdict.Kind] = [.confirmed, .plausible, .contradicted, .untestable]

    /// Moon and planet near-star records (犯 掩 入 合 and their kin) dated before 960, the sample of Ma et al. 2014.
    func isNearStarBeforeSong(_ e: Entry) -> Bool {
        ["approach", "occultation", "inside", "conjunction"].contains(e.test) && (e.year ?? 9999) < 960
            && ["Moon", "Mercury", "Venus", "Mars", "Jupiter", "Saturn"].contains(e.subject)
    }

    /// The report as Markdown.
    public var markdown: String {
        var out: [String] = []
        let treatises = Array(Set(entries.map(\.treatise))).sorted()
        out.append("| treatise | records | confirmed | plausible | contradicted | untestable |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for t in treatises + ["all"] {
            let c = counts { t == "all" || $0.treatise == t }
            out.append("| \(t) | \(c.total) | " + Self.kinds.map { c.share($0) }.joined(separator: " | ") + " |")
        }
        out.append("")
        out.append("| relation test | records | confirmed | plausible | contradicted | untestable |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for t in Array(Set(entries.map(\.test))).sorted() {
            let c = counts { $0.test == t }
            out.append("| \(t.isEmpty ? "(none)" : t) | \(c.total) | " + Self.kinds.map { c.share($0) }.joined(separator: " | ") + " |")
        }
        out.append("")
        out.append("| subject | records | confirmed | plausible | contradicted | untestable |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for s in Array(Set(entries.map(\.subject))).sorted() {
            let c = counts { $0.subject == s }
            out.append("| \(s.isEmpty ? "(none)" : s) | \(c.total) | " + Self.kinds.map { c.share($0) }.joined(separator: " | ") + " |")
        }
        out.append("")
        let ma = counts(isNearStarBeforeSong)
        let tested = (ma.n[.confirmed] ?? 0) + (ma.n[.plausible] ?? 0) + (ma.n[.contradicted] ?? 0)
        let wrong = tested == 0 ? "–" : String(format: "%.0f %%", 100 * Double(ma.n[.contradicted] ?? 0) / Double(tested))
        let far = entries.filter { isNearStarBeforeSong($0) && $0.verdict == .contradicted && ($0.minSepDeg ?? 0) > 20 }.count
        out.append("Moon and planet near-star records before 960 (犯 掩 入 合, one body): \(tested) tested, \(wrong) contradicted — "
                   + "Ma Liping et al. 2014 found about 20 % wrong. Of the contradicted, \(far) miss by more than 20°: a date "
                   + "read or written weeks off, not an observing error.")
        let corrected = entries.compactMap(\.bestDate)
        if !corrected.isEmpty {
            let rates = corrected.compactMap(\.chanceRate)
            let mean = rates.isEmpty ? "–" : String(format: "%.0f %%", 100 * rates.reduce(0, +) / Double(rates.count))
            out.append("")
            out.append("Corrections proposed: \(corrected.count); the same slip search rescues on average \(mean) of random "
                       + "failing dates of the same kind, so a correction is evidence only where its kind's rate is low.")
            var byKind: [String: Int] = [:]
            for b in corrected {
                let k = b.correction.hasPrefix("month") ? "month ±1" : b.correction.hasPrefix("year") ? "year ±1"
                    : b.correction.hasPrefix("ganzhi") ? "look-alike ganzhi" : b.correction
                byKind[k, default: 0] += 1
            }
            out.append("")
            out.append("| correction | records |")
            out.append("|---|---:|")
            for (k, n) in byKind.sorted(by: { $0.value > $1.value }) { out.append("| \(k) | \(n) |") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The report as CSV rows: `treatise,group,key,records,confirmed,plausible,contradicted,untestable`.
    public var csvRows: [[String]] {
        var rows: [[String]] = [["treatise", "group", "key", "records", "confirmed", "plausible", "contradicted", "untestable"]]
        let treatises = Array(Set(entries.map(\.treatise))).sorted()
        for t in treatises + ["all"] {
            let mine = entries.filter { t == "all" || $0.treatise == t }
            let sub = CorpusReport(entries: mine)
            func row(_ group: String, _ key: String, _ c: Counts) -> [String] {
                [t, group, key, String(c.total)] + Self.kinds.map { String(c.n[$0] ?? 0) }
            }
            rows.append(row("all", "all", sub.counts { _ in true }))
            for r in Array(Set(mine.map(\.test))).sorted() { rows.append(row("relation", r, sub.counts { $0.test == r })) }
            for s in Array(Set(mine.map(\.subject))).sorted() { rows.append(row("subject", s, sub.counts { $0.subject == s })) }
        }
        return rows
    }
}
