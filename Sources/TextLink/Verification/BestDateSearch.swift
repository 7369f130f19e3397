import ChineseCalendar
import Foundation
import Sky
import SkyTime
import Tables

/// A date the record may have meant, and the slip that would explain the written one.
struct Candidate: Hashable {
    let jdn: Int
    let correction: String
}

/// Stems and branches that differ by about a stroke and are confused in printed histories (乙/己; 午/未); 己/已/巳
/// and 戊/戌/戍 across positions are normalised by the reader before this.
let ganzhiLookalikes: [Character: [Character]] = ["乙": ["己"], "己": ["乙"], "午": ["未"], "未": ["午"]]

extension Verifier {
    /// The written month and day term of a record, from its date (valid or not).
    func writtenMonth(_ date: RecordDate) -> (month: ChineseMonth, ganzhi: Sexagenary?)? {
        let ganzhi = date.dayGanzhi.flatMap { Sexagenary($0) }
        if let jdn = date.jdn, let m = calendar.month(in: CalendarStream.mainLine(jdn: jdn), containing: jdn) {
            return (m, ganzhi ?? Sexagenary(dayJDN: jdn))
        }
        if let first = date.firstJDN, let m = calendar.month(in: CalendarStream.mainLine(jdn: first), containing: first) {
            return (m, ganzhi)
        }
        guard let era = date.era, let year = date.year, let month = date.month else { return nil }
        let text = era + (year == 1 ? "元" : ChineseNumerals.format(year)) + "年" + (date.leap ? "閏" : "")
            + (month == 1 ? "正" : ChineseNumerals.format(month)) + "月" + (date.dayGanzhi ?? "")
        guard let r = try? calendar.resolve(text, context: DateContext(dynasty: date.dynasty)) else { return nil }
        switch r {
        case .ok(let d): return (d.month, ganzhi)
        case .ambiguous(let ds): return ds.first.map { ($0.month, ganzhi) }
        case .invalid(let inv): return inv.month.map { ($0, ganzhi) }
        }
    }

    /// The likely slips of a written date: the day before or after, the same ganzhi 60 days either way, the
    /// neighbouring months, the leap month (or the plain one), the year before or after, and a look-alike ganzhi.
    func candidates(month: ChineseMonth, ganzhi: Sexagenary?, jdn: Int?, leapDropped: Bool = false) -> [Candidate] {
        var out: [Candidate] = []
        var seen = Set<Int>()
        if let jdn { seen.insert(jdn) }
        func add(_ d: Int?, _ why: String) {
            guard let d, seen.insert(d).inserted else { return }
            out.append(Candidate(jdn: d, correction: why))
        }
        let label = { (m: ChineseMonth) in m.label }
        if let jdn {
            add(jdn - 1, "day −1")
            add(jdn + 1, "day +1")
            add(jdn - 60, "same ganzhi 60 days earlier")
            add(jdn + 60, "same ganzhi 60 days later")
        }
        guard let g = ganzhi else { return out }
        if leapDropped { add(month.jdn(of: g), "no 閏\(month.label) that year: 閏 dropped") }
        let stream = month.stream
        if let prev = calendar.month(in: stream, containing: month.firstJDN - 1) {
            add(prev.jdn(of: g), "month \(label(month)) → \(label(prev))")
        }
        if let next = calendar.month(in: stream, containing: month.lastJDN + 1) {
            add(next.jdn(of: g), "month \(label(month)) → \(label(next))")
        }
        let year = calendar.months(in: stream, year: month.year)
        if let twin = year.first(where: { $0.number == month.number && $0.isLeap != month.isLeap }) {
            add(twin.jdn(of: g), month.isLeap ? "閏 misread: \(label(month)) → \(label(twin))" : "leap month missed: \(label(month)) → \(label(twin))")
        }
        for dy in [-1, 1] {
            if let m = calendar.months(in: stream, year: month.year + dy).first(where: { $0.number == month.number && !$0.isLeap }) {
                add(m.jdn(of: g), "year \(dy > 0 ? "+1" : "−1")")
            }
        }
        let name = Array(g.name)
        for (i, c) in name.enumerated() {
            for alt in ganzhiLookalikes[c] ?? [] {
                var chars = name
                chars[i] = alt
                if let a = Sexagenary(String(chars)) { add(month.jdn(of: a), "ganzhi \(g.name) → \(a.name)") }
            }
        }
        return out
    }

    /// Searches the slips of a failing or invalid date; the best candidate, with the chance rate of the search.
    func bestDate(_ p: Prepared, date: RecordDate) throws -> BestDate? { try searchBestDate(p, date: date).best }

    /// The best candidate (nil when none is plausible or better) and how many candidates were searched.
    func searchBestDate(_ p: Prepared, date: RecordDate) throws -> (best: BestDate?, searched: Int) {
        var leapDropped = false
        var written = writtenMonth(date)
        if written == nil, date.leap {
            var plain = date
            plain.leap = false
            written = writtenMonth(plain)
            leapDropped = true
        }
        guard let (month, ganzhi) = written else { return (nil, 0) }
        let cands = candidates(month: month, ganzhi: ganzhi, jdn: date.jdn, leapDropped: leapDropped)
        guard !cands.isEmpty else { return (nil, 0) }
        let site = capital(dynasty: date.dynasty, jdn: date.jdn ?? month.firstJDN)
        var best: (Candidate, Double)? = nil
        for c in cands {
            let o = try evaluate(p, jdn: c.jdn, site: site, sigmaOffset: 0, full: false)
            if let s = o.score, s > (best?.1 ?? -1) { best = (c, s) }
        }
        // The geocentric score is within the Moon's parallax (1°) of the full one: a candidate scoring below 0.2
        // (an approach beyond 3.3°) cannot become plausible from the capital, so it is not worked out in full.
        guard let (winner, score) = best, score >= 0.2 else { return (nil, cands.count) }
        let full = try verdict(p, jdn: winner.jdn, dynasty: date.dynasty)
        guard full.verdict == .confirmed || full.verdict == .plausible else { return (nil, cands.count) }
        var rate: (Double, Int)? = nil
        if chanceTrials > 0 {
            let center = date.jdn ?? month.firstJDN
            // One rate per claim kind (subject, test, object) and run: the sky repeats its configurations, so the
            // rate from the first record's twenty years stands for the kind.
            let key = p.key
            let invalid = date.jdn == nil
            rate = try chanceCache.value(key + (invalid ? "|invalid" : "")) {
                try chanceRate(p, around: center, site: site, invalidDates: invalid)
            }
        }
        let chinese = calendar.mainLineDate(jdn: winner.jdn)?.text ?? ""
        return (BestDate(jdn: winner.jdn, julian: julian(winner.jdn), chinese: chinese, correction: winner.correction,
                        verdict: full.verdict, score: full.score, candidates: cands.count,
                        chanceRate: rate.map { ($0.0 * 1000).rounded() / 1000 }, chanceTrials: rate?.1), cands.count)
    }

    /// How often the same search rescues a random failing date of the same claim: random days within ten years of
    /// the record are read as written dates (their month and ganzhi); those whose own night fails are searched.
    ///
    /// For a record whose written date does not exist, the random written dates do not exist either: a random
    /// month with a ganzhi that does not occur in it.
    func chanceRate(_ p: Prepared, around center: Int, site: Site, invalidDates: Bool) throws -> (Double, Int) {
        var seed: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the claim kind: a seed that repeats run to run
        for byte in p.key.utf8 { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var generator = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: center))
        var trials = 0, rescued = 0, draws = 0
        while trials < chanceTrials && draws < chanceTrials * 4 {
            draws += 1
            let jdn = center - 3652 + Int(generator.next() % 7305)
            guard let m = calendar.month(in: CalendarStream.mainLine(jdn: jdn), containing: jdn) else { continue }
            let cands: [Candidate]
            if invalidDates {
                let g = Sexagenary(dayJDN: m.firstJDN + m.length + Int(generator.next() % UInt64(60 - m.length)))
                cands = candidates(month: m, ganzhi: g, jdn: nil)
            } else {
                let own = try evaluate(p, jdn: jdn, site: site, sigmaOffset: 0, full: false)
                guard own.kind == .contradicted else { continue }
                cands = candidates(month: m, ganzhi: Sexagenary(dayJDN: jdn), jdn: jdn)
            }
            trials += 1
            for c in cands {
                let o = try evaluate(p, jdn: c.jdn, site: site, sigmaOffset: 0, full: false)
                if o.kind == .confirmed || o.kind == .plausible { rescued += 1; break }
            }
        }
        return (trials > 0 ? Double(rescued) / Double(trials) : 0, trials)
    }
}
