/// Hints for choosing between readings of a date.
public struct DateContext: Sendable, Hashable {
    /// A dynasty or state name (唐, 北魏) the text is known to belong to.
    public var dynasty: String?
    /// A nearby day (JDN): among several readings the closest one wins.
    public var near: Int?
    /// Whether readings of the main line win over those of other states.
    public var preference: Preference

    /// How to choose among readings of a reused era name that the text does not decide.
    public enum Preference: String, Sendable, Hashable, CaseIterable {
        /// Prefer the main-line dynasties (the succession the standard histories follow), then other Chinese
        /// states, then Japan and Korea; readings left tied are ambiguous (至德: 陳 and 唐).
        case mainLine
        /// Report every reading that fits as ambiguous.
        case none
    }

    /// Creates a context.
    public init(dynasty: String? = nil, near: Int? = nil, preference: Preference = .mainLine) {
        self.dynasty = dynasty
        self.near = near
        self.preference = preference
    }
}

extension ChineseCalendar {
    /// Reads and resolves a Chinese date expression.
    ///
    /// Given: text as in a history (traditional, simplified or Siku variant characters): an optional
    /// dynasty and ruler prefix, an era, a year (元年, 二年, 二載, 甲子年), an optional month (正月, 閏三月,
    /// 後九月, 臘月, 一月, 建子月; a season word before it is skipped) and an optional day (a sexagenary
    /// day, N日, 朔, 晦, 望, with or without a sexagenary day).
    ///
    /// Returns: `.ok` with the date; `.ambiguous` with all readings when several fit (reused era names not
    /// decided by prefix, 載, day or `context` — by default main-line dynasties win over other states, and
    /// Chinese states over Japan and Korea; a year and day without a month); `.invalid` when the stated
    /// day or month does not exist, with the nearest months where the sexagenary day occurs, or the 朔/晦
    /// offset.
    ///
    /// Throws: `ChineseCalendarError` for text that is not a date, an unknown era (with close names), a
    /// prefix that did not use the era, a year beyond the era, a month number outside 1…12.
    ///
    /// Notes: years are counted from the era's 元年 whether or not the day lies within the era's segment
    /// (histories name the whole year by the new era, and texts sometimes keep the old one after a change).
    public func resolve(_ text: String, context: DateContext = DateContext()) throws -> Resolution {
        let parsed = try parseAll(text)
        var dates: [ChineseDate] = []
        var invalids: [InvalidDate] = []
        var yearErrors: [ChineseCalendarError] = []
        for p in parsed {
            var eras = p.eras
            if p.expression.yearWord == "載" {
                // 載 for 年 was official only from 天寶三載 (744) to 至德三載 (758).
                let zai = eras.filter { e in
                    guard case .number(let n) = p.expression.year else { return true }
                    return (744 - e.firstYear + 1...758 - e.firstYear + 1).contains(n)
                }
                if !zai.isEmpty { eras = zai }
            }
            if let d = context.dynasty {
                let ids = expand(dynastyIndex[Normalizer.normalize(d)] ?? [])
                let kept = eras.filter { ids.contains($0.dynastyID) }
                if !kept.isEmpty { eras = kept }
            }
            for era in eras {
                do {
                    switch try resolve(p.expression, in: era) {
                    case .dates(let ds): dates += ds
                    case .invalid(let inv): invalids.append(inv)
                    }
                } catch let e as ChineseCalendarError {
                    yearErrors.append(e)
                }
            }
        }
        // One reading per day (an era kept by several states or rulers gives the same day).
        var unique: [ChineseDate] = []
        var seen = Set<Int>()
        for d in dates.sorted(by: { preference($0) < preference($1) }) where seen.insert(d.jdn).inserted {
            unique.append(d)
        }
        if unique.count > 1, context.preference == .mainLine {
            let main = unique.filter { preference($0) == 0 }
            let chinese = unique.filter { preference($0) <= 1 }
            unique = !main.isEmpty ? main : !chinese.isEmpty ? chinese : unique
        }
        if unique.count > 1, let near = context.near {
            let best = unique.min { abs($0.jdn - near) < abs($1.jdn - near) }
            unique = best.map { [$0] } ?? unique
        }
        if unique.count == 1 { return .ok(unique[0]) }
        if unique.count > 1 { return .ambiguous(unique.sorted { $0.jdn < $1.jdn }) }
        if let inv = invalids.min(by: { invalidPreference($0) < invalidPreference($1) }) { return .invalid(inv) }
        throw yearErrors.first ?? ChineseCalendarError.unreadable(text: text, at: text)
    }

    /// The single date of an expression; throws the reason when it is invalid or ambiguous.
    public func date(_ text: String, context: DateContext = DateContext()) throws -> ChineseDate {
        switch try resolve(text, context: context) {
        case .ok(let d): return d
        case .ambiguous(let ds):
            throw ChineseCalendarError.ambiguous(text: text, candidates: ds.map { "\($0.text) = \($0.civil.isoDay)" })
        case .invalid(let inv): throw inv.reason
        }
    }

    private func preference(_ d: ChineseDate) -> Int { rank(d) }

    private func invalidPreference(_ inv: InvalidDate) -> Int {
        guard let e = inv.era else { return 3 }
        return (ChineseCalendar.mainLineDynastyIDs.contains(e.dynastyID) ? 0 : 1) + (inv.nearest.isEmpty ? 1 : 0)
    }

    enum EraOutcome {
        case dates([ChineseDate])
        case invalid(InvalidDate)
    }

    func resolve(_ x: DateExpression, in era: Era) throws -> EraOutcome {
        let n: Int
        switch x.year {
        case .number(let k):
            guard k >= 1, k <= era.maxYear else {
                throw ChineseCalendarError.yearOutOfRange(era: era.name, year: k, maxYear: era.maxYear, firstYear: era.firstYear)
            }
            n = k
        case .ganzhi(let g):
            guard let k = (1...max(1, era.maxYear)).first(where: { Sexagenary(year: era.firstYear + $0 - 1) == g }) else {
                throw ChineseCalendarError.ganzhiYearNotInEra(ganzhi: g.name, era: era.name)
            }
            n = k
        }
        let year = era.firstYear + n - 1
        let months = self.months(in: era.stream, year: year)
        guard let firstMonth = months.first else {
            throw ChineseCalendarError.outsideTables(jdn: era.firstJDN)
        }
        let yearText = era.name + (n == 1 ? "元" : ChineseNumerals.format(n)) + String(x.yearWord) + "（\(year)）"
        func date(_ m: ChineseMonth, _ jdn: Int, _ p: ChineseDate.Precision = .day) -> ChineseDate {
            ChineseDate(era: era, yearInEra: n, month: m, day: jdn - m.firstJDN + 1, precision: p)
        }

        guard let spec = x.month else {
            switch x.day {
            case nil:
                return .dates([date(firstMonth, firstMonth.firstJDN, .year)])
            case .ganzhi(let g)?:
                let ds = months.compactMap { m in m.jdn(of: g).map { date(m, $0) } }
                if ds.isEmpty {
                    return .invalid(InvalidDate(reason: .ganzhiYearNotInEra(ganzhi: g.name, era: yearText), era: era,
                                                month: nil, nearest: [], offset: nil))
                }
                return .dates(ds)
            default:
                throw ChineseCalendarError.unreadable(text: x.era, at: "a 朔, 晦 or numbered day needs a month")
            }
        }

        var matching = months.filter { $0.answers(to: spec.label) }
        if matching.isEmpty {
            matching = months.filter { $0.number == spec.number && $0.isLeap == spec.isLeap && !$0.label.hasPrefix("建") }
        }
        if matching.isEmpty {
            let reason: ChineseCalendarError
            if spec.isLeap {
                reason = .noSuchLeapMonth(month: spec.label, year: yearText, has: months.first(where: \.isLeap)?.label)
            } else {
                reason = .monthNotInYear(month: spec.label, year: yearText, months: months.map(\.label))
            }
            return .invalid(InvalidDate(reason: reason, era: era, month: nil, nearest: [], offset: nil))
        }

        var found: [ChineseDate] = []
        var invalid: InvalidDate? = nil
        for m in matching {
            switch x.day {
            case nil:
                found.append(date(m, m.firstJDN, .month))
            case .number(let d)?:
                if d >= 1 && d <= m.length { found.append(date(m, m.firstJDN + d - 1)) } else {
                    invalid = invalid ?? InvalidDate(reason: .dayOutOfRange(day: d, month: m.description, length: m.length),
                                                     era: era, month: m, nearest: [], offset: nil)
                }
            case .ganzhi(let g)?:
                if let j = m.jdn(of: g) { found.append(date(m, j)) } else {
                    invalid = invalid ?? ganzhiInvalid(g, in: m, era: era, n: n)
                }
            case .shuo(let g)?:
                if let g, g != m.firstDayGanzhi {
                    invalid = invalid ?? edgeInvalid(kind: "朔", stated: g, actualJDN: m.firstJDN, in: m, era: era)
                } else { found.append(date(m, m.firstJDN)) }
            case .hui(let g)?:
                if let g, g != Sexagenary(dayJDN: m.lastJDN) {
                    invalid = invalid ?? edgeInvalid(kind: "晦", stated: g, actualJDN: m.lastJDN, in: m, era: era)
                } else { found.append(date(m, m.lastJDN)) }
            case .wang(let g)?:
                // 望 is the 15th, or the 16th when the text's sexagenary day says so.
                if let g {
                    if let j = [14, 15].map({ m.firstJDN + $0 }).first(where: { Sexagenary(dayJDN: $0) == g }) {
                        found.append(date(m, j))
                    } else {
                        invalid = invalid ?? InvalidDate(
                            reason: .wrongShuoHui(kind: "望", stated: g.name, month: m.description,
                                                  actual: Sexagenary(dayJDN: m.firstJDN + 14).name),
                            era: era, month: m, nearest: [], offset: nil)
                    }
                } else { found.append(date(m, m.firstJDN + 14)) }
            }
        }
        if !found.isEmpty { return .dates(found) }
        if let invalid { return .invalid(invalid) }
        return .dates([])
    }

    /// The nearest months before and after `m` in its stream that contain `g`; ties give both.
    func ganzhiInvalid(_ g: Sexagenary, in m: ChineseMonth, era: Era, n: Int) -> InvalidDate {
        let list = tables.months[m.stream.id] ?? []
        var hits: [(Int, ChineseDate)] = []
        if let i = monthIndex(in: m.stream.id, containing: m.firstJDN) {
            for dir in [-1, 1] {
                var k = i + dir, steps = 1
                while k >= 0, k < list.count, steps <= 3 {
                    if let j = list[k].jdn(of: g) {
                        hits.append((steps, dateInEraOrNearby(list[k], j, era: era)))
                        break
                    }
                    k += dir; steps += 1
                }
            }
        }
        let best = hits.map(\.0).min() ?? 0
        let nearest = hits.filter { $0.0 == best }.map(\.1)
        let reason = ChineseCalendarError.ganzhiNotInMonth(
            ganzhi: g.name, month: m.description, first: m.firstDayGanzhi.name, last: Sexagenary(dayJDN: m.lastJDN).name)
        return InvalidDate(reason: reason, era: era, month: m, nearest: nearest, offset: nil)
    }

    /// A 朔/晦 whose stated day differs from the table's: offsets up to 2 days are reported as such,
    /// larger ones as the nearest months within three whose 朔/晦 has that sexagenary day (often none).
    func edgeInvalid(kind: String, stated g: Sexagenary, actualJDN: Int, in m: ChineseMonth, era: Era) -> InvalidDate {
        var off = Sexagenary(dayJDN: actualJDN).distance(to: g)
        if off > 30 { off -= 60 }
        let reason = ChineseCalendarError.wrongShuoHui(kind: kind, stated: g.name, month: m.description,
                                                       actual: Sexagenary(dayJDN: actualJDN).name)
        if abs(off) <= 2 {
            let j = actualJDN + off
            let host = month(in: m.stream, containing: j) ?? m
            return InvalidDate(reason: reason, era: era, month: m, nearest: [dateInEraOrNearby(host, j, era: era)], offset: off)
        }
        let list = tables.months[m.stream.id] ?? []
        var nearest: [ChineseDate] = []
        if let i = monthIndex(in: m.stream.id, containing: m.firstJDN) {
            var hits: [(Int, ChineseDate)] = []
            for dir in [-1, 1] {
                var k = i + dir, steps = 1
                while k >= 0, k < list.count, steps <= 3 {
                    let edge = kind == "朔" ? list[k].firstJDN : list[k].lastJDN
                    if Sexagenary(dayJDN: edge) == g { hits.append((steps, dateInEraOrNearby(list[k], edge, era: era))); break }
                    k += dir; steps += 1
                }
            }
            let best = hits.map(\.0).min() ?? 0
            nearest = hits.filter { $0.0 == best }.map(\.1)
        }
        return InvalidDate(reason: reason, era: era, month: m, nearest: nearest, offset: nil)
    }

    func dateInEraOrNearby(_ m: ChineseMonth, _ jdn: Int, era: Era) -> ChineseDate {
        let n = m.year - era.firstYear + 1
        return ChineseDate(era: n >= 1 ? era : nil, yearInEra: n >= 1 ? n : nil, month: m, day: jdn - m.firstJDN + 1)
    }
}
