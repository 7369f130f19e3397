import ChineseCalendar
import Ephemeris
import Foundation
import Sky
import SkyTime

/// Tests claims read from records against the computed sky and gives verdicts with their evidence.
///
/// Given: a claim (subjects, relation, object, position) and the record's date. The night of civil day D runs from
/// 18:00 local mean time on D to 06:00 on D+1 at the capital of the dynasty on that date (06:00–18:00 for daytime
/// records); each relation is tested as `RelationRules` says. Returns a `Verdict` (confirmed, plausible,
/// contradicted, untestable) with a score, the evidence, the verdict at ΔT ± σ, and — when the written date fails
/// or does not exist — the likely true date with the rate at which the same search rescues random dates.
///
/// Notes: a value type over the shared sky view and calendar; `Sendable`, so a batch can share one across tasks.
/// The chance rates of the best-date search are cached per claim kind inside the verifier (a reference owned by it,
/// not global state). References: see `RelationRules.all`.
public struct Verifier: Sendable {
    /// The sky (models and catalogue).
    public let view: SkyView
    /// The historical calendar, to re-date candidates.
    public let calendar: ChineseCalendar
    /// Where the capitals are.
    public let gazetteer: Gazetteer
    /// Random dates tried for each chance rate (0 turns the rate off).
    public var chanceTrials: Int
    /// Whether to search for the likely true date of failing records.
    public var searchBestDate: Bool
    let chanceCache = ChanceCache()

    /// Creates a verifier.
    public init(view: SkyView, calendar: ChineseCalendar, gazetteer: Gazetteer, chanceTrials: Int = 16,
                searchBestDate: Bool = true) {
        self.view = view
        self.calendar = calendar
        self.gazetteer = gazetteer
        self.chanceTrials = chanceTrials
        self.searchBestDate = searchBestDate
    }

    /// A claim made ready for testing: bodies, test and object.
    struct Prepared: Sendable {
        let claim: Claim
        let subjects: [Body]
        let test: RelationTest
        let object: ResolvedObject?
        var key: String { "\(subjects.map(\.rawValue).joined(separator: "+"))|\(test.rawValue)|\(object?.stars.map(\.hip).description ?? object?.body?.rawValue ?? "")" }
    }

    enum Preparation { case ready(Prepared), failed(Verdict) }

    /// The bodies of the English subject names the reader writes.
    static func body(_ subject: String) -> Body? {
        switch subject.lowercased() {
        case "sun": .sun
        case "moon": .moon
        case "mercury": .mercury
        case "venus": .venus
        case "mars": .mars
        case "jupiter": .jupiter
        case "saturn": .saturn
        default: nil
        }
    }

    /// Prepares a claim, or says why it cannot be tested.
    func prepare(_ claim: Claim) -> Preparation {
        var subjects: [Body] = []
        for s in claim.subjects {
            if s.lowercased() == "five planets" { subjects += [.mercury, .venus, .mars, .jupiter, .saturn]; continue }
            guard let b = Self.body(s) else {
                return .failed(.untestable(VerificationError.unsupportedSubject(s).localizedDescription))
            }
            if !subjects.contains(b) { subjects.append(b) }
        }
        guard !subjects.isEmpty else { return .failed(.untestable("the record names no subject body")) }
        var test = RelationTests.test(for: claim)
        guard let found = test else {
            return .failed(.untestable(VerificationError.noTest(relation: claim.relation).localizedDescription))
        }
        var claim = claim
        // 在參, 旅于參, 舍東井: a mansion named as the place is the position test; another figure, the 入 test.
        if found == .position, claim.position == nil, !claim.object.isEmpty {
            if case .group(let g)? = try? view.resolve(claim.object).object, let m = g.mansion {
                claim.position = MansionDu(mansion: m.name)
            } else {
                test = .inside
            }
        }
        let placeOnly: Set<RelationTest> = [.gathering, .position]
        var object: ResolvedObject? = nil
        do {
            object = try ResolvedObject.resolve(claim, view: view)
        } catch {
            // The object of 聚 and 在 is a place, not a target: its name need not resolve.
            if !placeOnly.contains(test!) && !(test == .conjunction && subjects.count > 1) {
                return .failed(.untestable(error.localizedDescription, test: found))
            }
        }
        // 熒惑太白合于東井: the two bodies meet; the place, when a mansion, is checked as their position.
        if (test == .conjunction || test == .gathering), subjects.count > 1 {
            if claim.position == nil, !claim.object.isEmpty, case .group(let g)? = try? view.resolve(claim.object).object,
               let m = g.mansion {
                claim.position = MansionDu(mansion: m.name)
            }
            object = nil
        }
        // An object named with 食/蝕 is an occultation (月蝕心大星), not an eclipse.
        if found == .eclipse, object != nil { test = .occultation }
        if test == .inside, let o = object, !o.isFigure { test = .approach }
        let needsObject: Set<RelationTest> = [.approach, .occultation, .inside, .stay]
        if needsObject.contains(test!), object == nil, !(test == .approach && subjects.count > 1) {
            if claim.position != nil { test = .position } else {
                return .failed(.untestable("'\(claim.relation)' needs an object and the record names none", test: found))
            }
        }
        if test == .conjunction && object == nil && subjects.count < 2 {
            return .failed(.untestable("合 needs two bodies or an object", test: found))
        }
        if test == .gathering && subjects.count < 2 { return .failed(.untestable("聚 needs several planets", test: found)) }
        if test == .position && claim.position == nil { return .failed(.untestable("在 without a mansion", test: found)) }
        if test == .inside, object == nil { return .failed(.untestable("'\(claim.relation)' needs a figure and the record names none", test: found)) }
        return .ready(Prepared(claim: claim, subjects: subjects, test: test!, object: object))
    }

    /// Verifies one claim of a record.
    public func verify(_ claim: Claim, date: RecordDate) -> Verdict {
        let prepared: Prepared
        switch prepare(claim) {
        case .failed(let v): return v
        case .ready(let p): prepared = p
        }
        do {
            switch date.status {
            case .day:
                guard let jdn = date.jdn else { return .untestable("the date gives no civil day", test: prepared.test) }
                var v = try verdict(prepared, jdn: jdn, dynasty: date.dynasty)
                if v.verdict == .contradicted, searchBestDate {
                    let (best, searched) = try searchBestDate(prepared, date: date)
                    v.bestDate = best
                    if best == nil, searched > 0 { v.reason += "; none of \(searched) likely slips of the date rescues it" }
                }
                return v
            case .month, .season:
                guard let a = date.firstJDN, let b = date.lastJDN, b >= a, b - a <= 100 else {
                    return .untestable("the date gives no day and spans more than a season", test: prepared.test)
                }
                return try spanVerdict(prepared, from: a, to: b, dynasty: date.dynasty)
            case .invalid:
                var v = Verdict.untestable("the written date does not exist\(date.note.map { ": \($0)" } ?? "")", test: prepared.test)
                if searchBestDate {
                    let (best, searched) = try searchBestDate(prepared, date: date)
                    v.bestDate = best
                    if best == nil, searched > 0 { v.reason += "; none of \(searched) likely slips of the date rescues it" }
                }
                return v
            case .year:
                return .untestable("the date gives only the year", test: prepared.test)
            case .ambiguous:
                return .untestable("the date has several readings\(date.note.map { ": \($0)" } ?? ""); give the dynasty", test: prepared.test)
            case .undated:
                return .untestable("the record has no date", test: prepared.test)
            }
        } catch {
            return .untestable("cannot compute the sky of this date: \(error.localizedDescription)", test: prepared.test)
        }
    }

    /// The site of the capital for a dynasty and day.
    public func capital(dynasty: String?, jdn: Int) -> Site { Capitals.site(dynasty: dynasty, jdn: jdn, gazetteer: gazetteer) }

    /// The full verdict on one night, with the ΔT band.
    func verdict(_ p: Prepared, jdn: Int, dynasty: String?) throws -> Verdict {
        let site = capital(dynasty: dynasty, jdn: jdn)
        var outcome = try evaluate(p, jdn: jdn, site: site, sigmaOffset: 0, full: true)
        // ΔT moves the Moon against the horizon and the stars by up to its own motion in σ; for the planets and
        // the Sun the band is computed geocentrically (parallax and a minute of time change nothing visible).
        let topocentricBand = p.subjects.contains(.moon) || p.object?.body == .moon
        let low = try evaluate(p, jdn: jdn, site: site, sigmaOffset: -1, full: topocentricBand)
        let high = try evaluate(p, jdn: jdn, site: site, sigmaOffset: 1, full: topocentricBand)
        let centre = topocentricBand ? outcome : try evaluate(p, jdn: jdn, site: site, sigmaOffset: 0, full: false)
        let dt = view.models.deltaT.estimate(julianDate: Double(jdn))
        outcome.evidence.deltaTBand = DeltaTBand(deltaTSeconds: dt.seconds, sigmaSeconds: dt.sigma, model: dt.model,
                                                 measure: [low.measure, centre.measure, high.measure].map(finite),
                                                 verdictLow: low.kind, verdictHigh: high.kind,
                                                 stable: low.kind == centre.kind && high.kind == centre.kind)
        var reason = outcome.reason
        if low.kind != centre.kind || high.kind != centre.kind {
            reason += "; across ΔT ± σ (\(Int(dt.sigma.rounded())) s) the verdict is \(low.kind.rawValue) … \(high.kind.rawValue)"
        }
        return Verdict(verdict: outcome.kind, score: finite(outcome.score), test: p.test, reason: reason,
                       evidence: outcome.evidence.finiteOnly)
    }

    /// A month or season: every night is tested cheaply, the best one fully.
    func spanVerdict(_ p: Prepared, from a: Int, to b: Int, dynasty: String?) throws -> Verdict {
        var bestJDN = a
        var bestScore = -1.0
        let site = capital(dynasty: dynasty, jdn: a)
        for jdn in a...b {
            let o = try evaluate(p, jdn: jdn, site: site, sigmaOffset: 0, full: false)
            if (o.score ?? 0) > bestScore { bestScore = o.score ?? 0; bestJDN = jdn }
        }
        var v = try verdict(p, jdn: bestJDN, dynasty: dynasty)
        let lunar: Set<RelationTest> = [.approach, .occultation, .inside, .conjunction]
        if p.subjects.contains(.moon), lunar.contains(p.test), v.verdict == .confirmed {
            v.verdict = .plausible
            v.reason = "the Moon passes its path's stars every month, so a record without a day cannot confirm: best night \(julian(bestJDN)): " + v.reason
        } else {
            v.reason = "no day written: best night of \(b - a + 1), \(julian(bestJDN)): " + v.reason
        }
        return v
    }

    func julian(_ jdn: Int) -> String { CalendarDate(julianDayNumber: jdn, calendar: .julian).isoDay }

    func finite(_ x: Double?) -> Double? {
        guard let x, x.isFinite else { return nil }
        return (x * 1e4).rounded() / 1e4
    }
}

/// The test a claim's relation calls for (the position alone when the relation is 在).
enum RelationTests {
    static func test(for claim: Claim) -> RelationTest? {
        let verb = claim.relation
        if verb.isEmpty { return claim.position != nil ? .position : nil }
        if claim.daytime && (verb.contains("見") || verb.contains("經天")) { return .daylight }
        return RelationRules.test(forVerb: verb)
    }
}

/// Chance rates already computed, by claim kind and decade (owned by one verifier).
final class ChanceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var rates: [String: (Double, Int)] = [:]

    func value(_ key: String, compute: () throws -> (Double, Int)) rethrows -> (Double, Int) {
        lock.lock()
        if let v = rates[key] { lock.unlock(); return v }
        lock.unlock()
        let v = try compute()
        lock.lock()
        rates[key] = v
        lock.unlock()
        return v
    }
}
