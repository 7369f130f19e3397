import Ephemeris
import Events
import Foundation
import Sky
import SkyTime

/// One test on one night at one ΔT: the verdict, its score, the measured quantity and the evidence.
struct Outcome {
    var kind: Verdict.Kind
    var score: Double?
    var measure: Double?
    var reason: String
    var evidence: Evidence
}

/// Scores a measured quantity against the table's thresholds: 1 at zero, 2/3 at `confirmed`, 1/3 at `plausible`,
/// falling as plausible/x beyond.
func thresholdScore(_ x: Double, confirmed c: Double, plausible p: Double) -> Double {
    if x <= c { return c > 0 ? 1 - x / c / 3 : 1 }
    if x <= p { return 2.0 / 3 - (x - c) / (p - c) / 3 }
    return p > 0 ? p / x / 3 : 0
}

func kind(forScore s: Double) -> Verdict.Kind {
    s >= 2.0 / 3 - 1e-12 ? .confirmed : s >= 1.0 / 3 - 1e-12 ? .plausible : .contradicted
}

/// Scores of the yes/no tests.
let yesScore = 0.9, maybeScore = 0.5, noScore = 0.1

func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

extension Verifier {
    /// Runs the claim's test on the night (or day) of `jdn`. `full` adds the topocentric, observability and mansion
    /// evidence; without it only the geocentric figures are computed (the best-date search).
    func evaluate(_ p: Prepared, jdn: Int, site: Site, sigmaOffset: Double, full: Bool) throws -> Outcome {
        let probe = SkyProbe(view: view, site: site, sigmaOffset: sigmaOffset)
        let w = probe.window(jdn: jdn, daytime: p.claim.daytime || p.test == .daylight)
        var ev = Evidence()
        ev.jdn = jdn
        ev.site = site.key
        ev.night = "\(probe.lmt(w.start)) – \(probe.lmt(w.end))"
        if full { ev.models = ["ephemeris": view.models.ephemeris.name, "deltaT": probe.deltaT(w.start).model, "site": site.name] }
        let rule = RelationRules.rule(p.test)
        var outcome: Outcome
        switch p.test {
        case .approach, .occultation, .inside, .conjunction, .stay:
            outcome = try closeness(p, probe: probe, window: w, full: full, evidence: ev)
        case .gathering:
            let mid = (w.start + w.end) / 2
            let dirs = try p.subjects.map { try probe.observe($0, mid).geocentricDirectionOfDate }
            var span = 0.0
            for i in dirs.indices { for j in dirs.indices where j > i { span = max(span, separation(dirs[i], dirs[j]).degrees) } }
            var s = thresholdScore(span, confirmed: rule.confirmed ?? 15, plausible: rule.plausible ?? 30)
            ev.minSepDeg = span
            var reason = "the planets span \(fmt(span, 1))° at midnight"
            if full {
                var mansions = Set<String>()
                for b in p.subjects { var m = Evidence(); try addMansion(&m, b, mid, probe); mansions.insert(m.mansion ?? "") }
                try addMansion(&ev, p.subjects[0], mid, probe)
                if mansions.count == 1, let m = mansions.first {
                    s = max(s, 2.0 / 3)
                    reason += ", all in mansion \(m) (同舍)"
                }
            }
            outcome = Outcome(kind: kind(forScore: s), score: s, measure: span, reason: reason, evidence: ev)
        case .daylight:
            outcome = try daylight(p, probe: probe, window: w, full: full, evidence: ev)
        case .appearance, .disappearance:
            outcome = try visibility(p, probe: probe, jdn: jdn, evidence: ev)
        case .eclipse:
            outcome = try eclipse(p, probe: probe, jdn: jdn, full: full, evidence: ev)
        case .position:
            let mid = (w.start + w.end) / 2
            outcome = try position(p, probe: probe, ut: mid, evidence: ev) ?? Outcome(
                kind: .untestable, reason: "the written mansion is not one of the 28", evidence: ev)
        case .retrograde, .station, .prograde:
            outcome = try motion(p, probe: probe, window: w, evidence: ev)
        }
        // A position written beside another relation (日食在翼四度) is checked and reported with it.
        if p.test != .position, p.claim.position != nil, full,
           let pos = try position(p, probe: probe, ut: outcome.evidence.eclipseJDUT ?? (w.start + w.end) / 2, evidence: outcome.evidence) {
            outcome.evidence = pos.evidence
            outcome.reason += "; position: \(pos.reason) (\(pos.kind.rawValue))"
            // Where the bodies met is part of a 合/聚 claim; an eclipse's written place is reported beside it.
            if (p.test == .conjunction || p.test == .gathering), pos.kind > outcome.kind {
                outcome.kind = pos.kind
                outcome.score = min(outcome.score ?? 1, pos.score ?? 0)
            }
        }
        return outcome
    }

    func addMansion(_ ev: inout Evidence, _ body: Body, _ ut: Double, _ probe: SkyProbe) throws {
        // The ΔT-band runs (σ offset ≠ 0) skip the 入宿度, which a minute of ΔT does not move.
        guard probe.sigmaOffset == 0 else { return }
        let o = try probe.observe(body, ut)
        let m = try view.mansionPosition(of: o)
        ev.mansion = m.mansion.name
        ev.mansionDu = (m.du * 10).rounded() / 10
    }

    /// 犯 掩 入 合 守: the minimum separation over the night, topocentric and observable when `full`.
    func closeness(_ p: Prepared, probe: SkyProbe, window w: (start: Double, end: Double), full: Bool,
                   evidence: Evidence) throws -> Outcome {
        let ev = evidence
        let rule = RelationRules.rule(p.test)
        let mid = (w.start + w.end) / 2
        var results: [Outcome] = []
        // Each subject is tested against the object, or the first subject against the second (熒惑太白合).
        let pairs: [(Body, ResolvedObject?, Body?)] = p.object != nil
            ? p.subjects.map { ($0, p.object, nil) }
            : [(p.subjects[0], nil, p.subjects.count > 1 ? p.subjects[1] : nil)]
        for (subject, object, other) in pairs {
            var e = ev
            let isMoon = subject == .moon
            let step = isMoon || other == .moon || object?.body == .moon ? 1.0 / 48 : 0.125
            var geo: Double, topo: Double? = nil, obsMin: Double? = nil, geoUT: Double
            var dirs: [SIMD3<Double>] = []
            var stars: [Star] = []
            let target = object?.body ?? other ?? .sun
            if let o = object, !o.stars.isEmpty {
                stars = o.stars
                dirs = try probe.starDirections(stars, mid)
                let m = try probe.minimum(subject, to: dirs, in: w.start, w.end, step: step)
                geo = m.separation; geoUT = m.ut
                e.star = "HIP\(stars[m.member].hip)"
                e.starName = stars[m.member].label
                if full && probe.sigmaOffset == 0 {
                    topo = try probe.minimum(subject, to: dirs, in: w.start, w.end, step: step, topocentric: true).separation
                }
            } else {
                let f: (Double) throws -> Double = { ut in
                    separation(try probe.observe(subject, ut).geocentricDirectionOfDate,
                               try probe.observe(target, ut).geocentricDirectionOfDate).degrees
                }
                let m = try Search.minimum(in: w.start, w.end, step: step, tolerance: 5e-5, f)
                geo = m.value; geoUT = m.time
                e.star = target.displayName
                e.starName = target.displayName
                if full && probe.sigmaOffset == 0 {
                    topo = try Search.minimum(in: w.start, w.end, step: step, tolerance: 5e-5) { ut in
                        separation(try probe.observe(subject, ut, topocentric: true).directionOfDate,
                                   try probe.observe(target, ut, topocentric: true).directionOfDate).degrees
                    }.value
                }
            }
            let fixedStars = !dirs.isEmpty
            let targetDirections: (Double) throws -> [SIMD3<Double>] = { ut in
                fixedStars ? dirs : [try probe.observe(target, ut, topocentric: true).directionOfDate]
            }
            e.minSepDeg = geo
            e.minSepLMT = probe.lmt(geoUT)
            e.minSepTopoDeg = topo
            var observable = true
            var occultationRatio: Double? = nil
            if full {
                let samples = try probe.observableSamples(subject, w.start, w.end,
                                                          sunLimit: p.claim.daytime ? 90 : -6)
                observable = !samples.isEmpty
                e.observable = observable
                if observable {
                    var best = Double.infinity, bestUT = samples[0].ut
                    for s in samples {
                        let d = try targetDirections(s.ut).map { separation(s.obs.directionOfDate, $0).degrees }.min() ?? .infinity
                        if d < best { best = d; bestUT = s.ut }
                    }
                    let lo = max(w.start, bestUT - 1.0 / 144), hi = min(w.end, bestUT + 1.0 / 144)
                    if hi > lo {
                        let r = try Search.minimum(in: lo, hi, step: (hi - lo) / 2, tolerance: 5e-5) { ut in
                            let o = try probe.observe(subject, ut, topocentric: true)
                            return try targetDirections(ut).map { separation(o.directionOfDate, $0).degrees }.min() ?? .infinity
                        }
                        best = min(best, r.value)
                        if isMoon {
                            let o = try probe.observe(subject, r.time, topocentric: true)
                            let sd = SkyProbe.lunarSemidiameter(distanceAU: o.topocentric?.distance ?? 0.00257)
                            occultationRatio = best / sd
                            e.occultationSeen = best <= sd
                        }
                    }
                    obsMin = best
                    e.minSepObservableDeg = best
                } else if isMoon {
                    e.occultationSeen = false
                }
                try addMansion(&e, subject, geoUT, probe)
            }
            let measure: Double
            var outcome: Outcome
            switch p.test {
            case .occultation where isMoon:
                let ratio = occultationRatio ?? (full ? .infinity : geo / 0.26)
                measure = ratio
                var s = thresholdScore(ratio, confirmed: 1, plausible: 4)
                var reason = full ? (observable ? "the Moon's limb \(ratio <= 1 ? "covered" : "passed") \(e.starName ?? "the star") (\(fmt(obsMin ?? geo)) ° from its centre, \(fmt(ratio, 1)) lunar radii) as seen from \(probe.site.name)"
                                     : "the Moon was not observable from \(probe.site.name) that night")
                    : "geocentric minimum \(fmt(geo))°"
                if full && !observable {
                    let dm = try probe.observe(.moon, geoUT).apparent.distance ?? 0.00257
                    let limit = SkyProbe.parallax(distanceAU: dm) + SkyProbe.lunarSemidiameter(distanceAU: dm)
                    s = geo < limit ? maybeScore : min(noScore, thresholdScore(geo / 0.26, confirmed: 1, plausible: 4))
                    reason += geo < limit ? "; an occultation was seen elsewhere on the Earth (geocentric \(fmt(geo))°)" : "; geocentric minimum \(fmt(geo))°"
                }
                outcome = Outcome(kind: kind(forScore: s), score: s, measure: measure, reason: reason, evidence: e)
            case .inside:
                var best = Double.infinity
                let sampleStep = isMoon ? 1.0 / 72 : 1.0 / 12
                var t = w.start
                while t <= w.end + 1e-9 {
                    let o = try probe.observe(subject, t, topocentric: full && isMoon)
                    best = min(best, distanceOutsideFigure(full && isMoon ? o.directionOfDate : o.geocentricDirectionOfDate, members: dirs))
                    t += sampleStep
                }
                if dirs.count == 2 { best = max(0, best - 0.5) }
                e.outsideFigureDeg = best
                measure = best
                var s = thresholdScore(best, confirmed: 0, plausible: rule.plausible ?? 1)
                var reason = best == 0 ? "inside the figure of \(object?.label ?? "") (\(stars.count) stars); nearest star \(e.starName ?? "") at \(fmt(geo))°"
                    : "\(fmt(best))° outside the figure of \(object?.label ?? "") (\(stars.count) stars); nearest star \(e.starName ?? "") at \(fmt(geo))°"
                if full && !observable && s >= 2.0 / 3 { s = 0.6; reason += "; not observable from \(probe.site.name)" }
                outcome = Outcome(kind: kind(forScore: s), score: s, measure: measure, reason: reason, evidence: e)
            default:
                let (c, pl): (Double, Double) = p.test == .occultation ? (0.5, 1) : (rule.confirmed ?? 1, rule.plausible ?? 2)
                measure = full && observable ? (obsMin ?? topo ?? geo) : geo
                var s = thresholdScore(measure, confirmed: c, plausible: pl)
                var reason = "\(subject.displayName) came within \(fmt(measure))° of \(e.starName ?? e.star ?? "")"
                    + (full && observable && obsMin != nil ? " as seen from \(probe.site.name)" : " (geocentric)")
                if p.test == .conjunction, full, let m1 = e.mansion {
                    let otherMansion: String?
                    if let other { var oe = Evidence(); try addMansion(&oe, other, geoUT, probe); otherMansion = oe.mansion }
                    else if let star = stars.first(where: { "HIP\($0.hip)" == e.star }) {
                        let so = try view.observe([(star.label, .star(star.catalogStar))], at: probe.instant(geoUT).0)[0]
                        otherMansion = try view.mansionPosition(of: so).mansion.name
                    } else { otherMansion = nil }
                    if otherMansion == m1 {
                        s = max(s, 2.0 / 3)
                        reason += "; both in mansion \(m1) (同舍)"
                    }
                }
                if full && !observable && s >= 2.0 / 3 {
                    s = 0.6
                    reason += "; but \(subject.displayName) was not observable from \(probe.site.name) that night"
                }
                outcome = Outcome(kind: kind(forScore: s), score: s, measure: measure, reason: reason, evidence: e)
                if p.test == .stay {
                    outcome = try stay(subject, dirs: dirs, probe: probe, mid: mid, base: outcome)
                }
            }
            results.append(outcome)
        }
        // Several subjects must all hold: the worst decides (熒惑太白同犯昴).
        let worst = results.min { ($0.score ?? 0) < ($1.score ?? 0) } ?? results[0]
        if results.count > 1 {
            var w = worst
            w.reason = results.map(\.reason).joined(separator: "; ")
            return w
        }
        return worst
    }

    /// 守: days around the date within 3° and 5° of the nearest member star, at local midnight.
    func stay(_ subject: Body, dirs: [SIMD3<Double>], probe: SkyProbe, mid: Double, base: Outcome) throws -> Outcome {
        var seps: [Double] = []
        for k in -40...40 {
            let d = try probe.observe(subject, mid + Double(k)).geocentricDirectionOfDate
            seps.append(dirs.map { separation(d, $0).degrees }.min() ?? .infinity)
        }
        func run(_ limit: Double) -> Int {
            guard let start = (0...10).flatMap({ [40 - $0, 40 + $0] }).first(where: { seps[$0] <= limit }) else { return 0 }
            var a = start, b = start
            while a > 0 && seps[a - 1] <= limit { a -= 1 }
            while b < seps.count - 1 && seps[b + 1] <= limit { b += 1 }
            return b - a + 1
        }
        var o = base
        let r3 = run(3), r5 = run(5)
        o.evidence.stayDays3Deg = r3
        o.evidence.stayDays5Deg = r5
        o.measure = Double(r3)
        let s: Double = r3 >= 10 ? yesScore : (r5 >= 5 || seps[40] <= 2) ? maybeScore : noScore
        o.score = s
        o.kind = kind(forScore: s)
        o.reason += "; within 3° for \(r3) days and within 5° for \(r5) days around the date (of ±40 searched)"
        return o
    }

    /// 晝見: elongation, magnitude and daylight altitude.
    func daylight(_ p: Prepared, probe: SkyProbe, window w: (start: Double, end: Double), full: Bool,
                  evidence: Evidence) throws -> Outcome {
        var ev = evidence
        let body = p.subjects[0]
        let noon = (w.start + w.end) / 2
        let (e, mag) = try probe.elongationAndMagnitude(body, noon)
        ev.elongationDeg = (e * 100).rounded() / 100
        ev.magnitude = mag.map { ($0 * 100).rounded() / 100 }
        var alt = -90.0
        if full {
            var t = w.start
            while t <= w.end + 1e-9 {
                if try probe.sunAltitude(t) > 0 {
                    alt = max(alt, try probe.observe(body, t, topocentric: true).topocentric?.refractedAltitude.degrees ?? -90)
                }
                t += 1.0 / 24
            }
            ev.altitudeDeg = (alt * 10).rounded() / 10
            try addMansion(&ev, body, noon, probe)
        }
        guard let m = mag else {
            return Outcome(kind: .untestable, reason: "晝見 is a daylight-visibility test for the planets; for the \(body.displayName) it says nothing to compute", evidence: ev)
        }
        let s: Double
        if e > 30 && m <= -3.9 && (!full || alt > 0) { s = yesScore }
        else if e > 20 && m <= -3.5 && (!full || alt > 0) { s = maybeScore }
        else { s = noScore }
        return Outcome(kind: kind(forScore: s), score: s, measure: e,
                       reason: "elongation \(fmt(e, 1))°, V \(fmt(m)) at local noon" + (full ? ", highest \(fmt(alt, 0))° in daylight" : ""),
                       evidence: ev)
    }

    /// 見 / 伏 under the arcus-visionis criterion.
    func visibility(_ p: Prepared, probe: SkyProbe, jdn: Int, evidence: Evidence) throws -> Outcome {
        var ev = evidence
        let body = p.subjects[0]
        guard SkyProbe.arcusVisionis(body) != nil else {
            return Outcome(kind: .untestable, reason: "見/伏 are tested for the five planets only", evidence: ev)
        }
        let want = p.test == .appearance
        let tonight = try probe.visible(body, jdn: jdn)
        ev.observable = tonight.visible
        ev.altitudeDeg = tonight.altitude.map { ($0 * 10).rounded() / 10 }
        if tonight.visible == want {
            return Outcome(kind: .confirmed, score: yesScore, measure: 0,
                           reason: "\(body.displayName) \(want ? "visible" : "invisible") that night (arcus visionis \(fmt(SkyProbe.arcusVisionis(body) ?? 0, 1))°)", evidence: ev)
        }
        for k in 1...7 {
            for j in [jdn - k, jdn + k] where try probe.visible(body, jdn: j).visible == want {
                return Outcome(kind: .plausible, score: maybeScore, measure: Double(k),
                               reason: "\(body.displayName) \(want ? "first visible" : "invisible") \(k) day\(k > 1 ? "s" : "") from the date", evidence: ev)
            }
        }
        return Outcome(kind: .contradicted, score: noScore, measure: 8,
                       reason: "\(body.displayName) \(want ? "not visible" : "visible") within a week of the date", evidence: ev)
    }

    /// 食: a solar (subject Sun) or lunar (subject Moon) eclipse within a day of the date.
    func eclipse(_ p: Prepared, probe: SkyProbe, jdn: Int, full: Bool, evidence: Evidence) throws -> Outcome {
        var ev = evidence
        let subject = p.subjects[0]
        guard subject == .sun || subject == .moon else {
            return Outcome(kind: .untestable, reason: "食 without an object is tested for the Sun and the Moon", evidence: ev)
        }
        let e = try probe.eclipse(lunar: subject == .moon, jdn: jdn, atSite: full)
        ev.eclipseType = e.type
        ev.eclipseJDUT = (e.greatestUT * 1e5).rounded() / 1e5
        ev.minSepDeg = e.geocentricSeparation
        ev.star = subject == .sun ? "Moon" : "antisolar point"
        ev.minSepLMT = probe.lmt(e.greatestUT)
        if full {
            ev.eclipseMagnitudeAtSite = (e.magnitudeAtSite * 100).rounded() / 100
            ev.eclipseSeen = e.seen
            try addMansion(&ev, subject, e.greatestUT, probe)
        }
        let offset = e.greatestUT + probe.site.longitude.degrees / 360 - (Double(jdn) - 0.5)
        let when = offset < 0 ? "the day before" : offset >= 1 ? "the day after" : "that day"
        if e.type == "none" {
            return Outcome(kind: .contradicted, score: noScore, measure: e.geocentricSeparation,
                           reason: "no eclipse within a day (geocentric separation \(fmt(e.geocentricSeparation))°, limit \(fmt(e.limit))°)", evidence: ev)
        }
        if !full || e.seen {
            return Outcome(kind: .confirmed, score: yesScore, measure: e.geocentricSeparation,
                           reason: "\(e.type) eclipse \(when)" + (full ? ", seen from \(probe.site.name) (magnitude \(fmt(e.magnitudeAtSite)))" : ""), evidence: ev)
        }
        return Outcome(kind: .plausible, score: maybeScore, measure: e.geocentricSeparation,
                       reason: "\(e.type) eclipse \(when), not seen from \(probe.site.name)", evidence: ev)
    }

    /// 在X度: the computed 入宿度 against the written one. Nil when the written mansion is unknown.
    func position(_ p: Prepared, probe: SkyProbe, ut: Double, evidence: Evidence) throws -> Outcome? {
        guard let written = p.claim.position else { return nil }
        var ev = evidence
        let body = p.subjects[0]
        let (t, dt) = probe.instant(ut)
        let o = try view.observe([(body.displayName, .body(body))], at: t, deltaT: dt)[0]
        let frame = try view.mansionFrame(at: t)
        guard let i = frame.mansions.firstIndex(where: { $0.name == written.mansion || $0.aliases.contains(written.mansion) }) else { return nil }
        let computed = try view.mansionPosition(of: o)
        ev.mansion = computed.mansion.name
        ev.mansionDu = (computed.du * 10).rounded() / 10
        var fromStart = (o.apparent.rightAscension.degrees - frame.starts[i].degrees).truncatingRemainder(dividingBy: 360)
        if fromStart < -180 { fromStart += 360 }
        if fromStart > 180 { fromStart -= 360 }
        let duFromStart = ChineseDegree.du(.degrees(fromStart))
        let rule = RelationRules.rule(.position)
        let diff: Double
        let text: String
        if let du = written.du {
            diff = abs(duFromStart - du)
            text = "written \(written.mansion) \(fmt(du, 0)) 度, computed \(computed.mansion.name) \(fmt(computed.du, 1)) 度 (\(fmt(diff, 1)) 度 apart)"
        } else {
            let width = frame.widths[i].du
            diff = duFromStart < 0 ? -duFromStart : duFromStart > width ? duFromStart - width : 0
            text = "written \(written.mansion), computed \(computed.mansion.name) \(fmt(computed.du, 1)) 度" + (diff > 0 ? " (\(fmt(diff, 1)) 度 outside \(written.mansion))" : "")
        }
        let s = written.du != nil ? thresholdScore(diff, confirmed: rule.confirmed ?? 2, plausible: rule.plausible ?? 5)
            : thresholdScore(diff, confirmed: 0, plausible: 2)
        return Outcome(kind: kind(forScore: s), score: s, measure: diff, reason: text, evidence: ev)
    }

    /// 逆行 留 順行: the longitude rate on the night and the nearest station.
    func motion(_ p: Prepared, probe: SkyProbe, window w: (start: Double, end: Double), evidence: Evidence) throws -> Outcome {
        var ev = evidence
        let body = p.subjects[0]
        guard body != .sun && body != .moon else {
            return Outcome(kind: .untestable, reason: "the Sun and the Moon do not station", evidence: ev)
        }
        let mid = (w.start + w.end) / 2
        let rate = try probe.longitudeRate(body, mid)
        ev.longitudeRateDegPerDay = (rate * 1000).rounded() / 1000
        var previous = rate
        var station: Double? = nil
        for k in 1...20 {
            for sign in [-1.0, 1.0] {
                let r = try probe.longitudeRate(body, mid + sign * Double(k))
                if station == nil, (r < 0) != (rate < 0) { station = Double(k) }
                previous = r
            }
            if station != nil { break }
        }
        _ = previous
        ev.daysToStation = station
        let s: Double
        let reason: String
        switch p.test {
        case .station:
            let d = station ?? 30
            s = thresholdScore(d, confirmed: 7, plausible: 15)
            reason = station.map { "a station \(Int($0)) days from the date" } ?? "no station within 20 days"
        default:
            let wantWest = p.test == .retrograde
            if (rate < 0) == wantWest { s = yesScore }
            else if let st = station, st <= 10 { s = maybeScore }
            else { s = noScore }
            reason = "longitude rate \(fmt(rate, 3))°/day" + (station.map { ", station \(Int($0)) days away" } ?? "")
        }
        return Outcome(kind: kind(forScore: s), score: s, measure: rate, reason: reason, evidence: ev)
    }
}
