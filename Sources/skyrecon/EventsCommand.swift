import ArgumentParser
import Foundation
import SkyRecon

/// `skyrecon events`: every event of a kind in a span, with ΔT's spread, local times and the Chinese date.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Find sky events over a span: approaches, conjunctions, occultations, stations, risings, phases, eclipses.",
        discussion: """
        Examples:
          skyrecon events --from 0750-01-01 --to 0760-12-31 --objects venus,pleiades --kind approach --within 1.5
          skyrecon events --from 0600-01-01 --to 0900-01-01 --objects moon,regulus --kind occultation --site changan
          skyrecon events --from 1959-01-01 --to 1960-01-01 --objects venus,regulus --kind occultation
          skyrecon events --from 0757-01-01 --to 0758-01-01 --kind crescent --criterion odeh --site changan
          skyrecon events --from=-1000-01-01 --to 2000-01-01 --kind eclipse --objects sun --format csv
        Kinds and the objects they take: approach A,B (--within degrees; geocentric unless --site);
        conjunction A,B (--in longitude|ra); occultation moon,X (X a star, cluster or planet; at --site) or
        PLANET,X (by a planet: geocentric, or topocentric with --site);
        station, opposition, elongation, conjunction-sun PLANET; rise, set, transit OBJECT (at --site);
        twilight (--twilight civil|nautical|astronomical, at --site); heliacal OBJECT (at --site; --criterion
        arcus-visionis [--arcus-visionis DEG] or schaefer [--pressure --temperature --humidity --extinction|
        --visual-range --age --snellen --monocular --no-moonlight]); phase; crescent (first evening crescent after each new moon,
        --criterion yallop|odeh, at --site); eclipse (sun, moon or both;
        with --site, local circumstances). Times: TT and UT with ΔT's 1σ; with a site also local mean and
        apparent solar time, and the Chinese civil date of the night (events before 06:00 local mean time
        belong to the evening before). Dates before 1 CE: --from=-1000-01-01 or --from 1001BCE-01-01.
        """)

    @Option(help: ArgumentHelp("Start of the span (a date, read in TT): 0750-01-01, --from=-1000-01-01, JD2000000.5, 至德元載正月.", valueName: "DATE"))
    var from: String

    @Option(help: ArgumentHelp("End of the span.", valueName: "DATE"))
    var to: String

    @Option(help: ArgumentHelp("Dynasty for a reused era name in a Chinese --from/--to (唐 for 上元).", valueName: "DYNASTY"))
    var dynasty: String?

    @Option(help: ArgumentHelp("Event kind: \(EventKind.allCases.map(\.rawValue).joined(separator: "|")).", valueName: "KIND"))
    var kind: String

    @Option(help: ArgumentHelp("Comma-separated names (see the kinds above).", valueName: "NAMES"))
    var objects: String = ""

    @Option(help: ArgumentHelp("Approaches: largest separation reported (degrees).", valueName: "DEG"))
    var within: Double = 1

    @Option(help: ArgumentHelp("Observer: a gazetteer name or LAT,LON[,HEIGHT_M]. Approaches become topocentric; occultations, risings, twilights and local eclipses need one (default changan).", valueName: "SITE"))
    var site: String?

    @Option(name: .customLong("in"), help: ArgumentHelp("Conjunctions: longitude (ecliptic) or ra (right ascension).", valueName: "COORD"))
    var coordinate: String = "longitude"

    @Option(help: ArgumentHelp("Twilight: civil, nautical, astronomical.", valueName: "NAME"))
    var twilight: String = "civil"

    @Flag(help: "Risings and settings of the centre instead of the upper limb.")
    var centre = false

    @Flag(name: .customLong("model-refraction"), help: "Risings and settings with the model's refraction (--pressure, --temperature) instead of 34′.")
    var modelRefraction = false

    @Option(name: .customLong("arcus-visionis"), help: ArgumentHelp("Heliacal events: the arc (degrees) the Sun must be below the horizon when the object rises or sets; default Ptolemy's arcs for the planets (stars need one).", valueName: "DEG"))
    var arcusVisionis: Double?

    @Option(help: ArgumentHelp("Heliacal: arcus-visionis (default; Ptolemy's arcs or --arcus-visionis) or schaefer (Schaefer's physical model; Swiss Ephemeris's defaults for what is not given). Crescent: yallop (default; q, classes A–F) or odeh (V, zones A–D).", valueName: "NAME"))
    var criterion: String?

    @Option(help: ArgumentHelp("Schaefer: relative humidity (%, default 40).", valueName: "PCT"))
    var humidity: Double = 40

    @Option(help: ArgumentHelp("Schaefer: total zenith extinction coefficient k (mag/airmass, 0…1) instead of computing it from the weather.", valueName: "K"))
    var extinction: Double?

    @Option(name: .customLong("visual-range"), help: ArgumentHelp("Schaefer: meteorological range (km, ≥ 1) instead of computing the aerosols from the weather.", valueName: "KM"))
    var visualRange: Double?

    @Option(help: ArgumentHelp("Schaefer: observer's age (years, default 36).", valueName: "YEARS"))
    var age: Double = 36

    @Option(help: ArgumentHelp("Schaefer: observer's Snellen ratio (acuity; default 1, 1.5 sharp, 0.5 poor).", valueName: "RATIO"))
    var snellen: Double = 1

    @Flag(help: "Schaefer: one eye instead of two.")
    var monocular = false

    @Flag(name: .customLong("no-moonlight"), help: "Schaefer: leave the Moon's light out of the sky brightness (the epoch's date rather than that year's).")
    var noMoonlight = false

    @Option(help: "Output format: text, json, jsonl, csv.")
    var format: OutputFormat = .text

    @OptionGroup var modelOptions: ModelOptions

    enum EventKind: String, CaseIterable {
        case approach, conjunction, occultation, station, opposition, elongation
        case conjunctionSun = "conjunction-sun"
        case rise, set, transit, twilight, heliacal, phase, crescent, eclipse
    }

    func run() throws {
        try reportingErrors {
            guard let kind = EventKind(rawValue: kind.lowercased()) else {
                throw EventError.unknownKind(self.kind, known: EventKind.allCases.map(\.rawValue))
            }
            let view = try SkyRecon.view(try modelOptions.choices())
            let start = try SkyRecon.readDate(from, dynasty: dynasty, chineseForWestern: false).moment.resolve(deltaT: view.models.deltaT).instant
            let end = try SkyRecon.readDate(to, dynasty: dynasty, chineseForWestern: false).moment.resolve(deltaT: view.models.deltaT).instant
            let span = TimeSpan(start, end)
            try view.check(span)
            let names = objects.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let resolved = try names.map { try view.resolve($0).object }
            let observer = try site.map { try Gazetteer.standard().site(named: $0) }
            let localSite = try observer ?? Gazetteer.standard().site(named: "changan")
            let writer = EventWriter(format: format, calendar: site == nil && ![.occultation, .rise, .set, .transit, .twilight, .heliacal, .crescent].contains(kind)
                                     ? nil : try ChineseCalendar.standard())
            var progress = Progress(span: span)
            writer.begin()
            for row in try rows(kind, view: view, span: span, objects: resolved, names: names, site: observer, localSite: localSite) {
                progress.update(row.instant)
                writer.write(row.row)
            }
            progress.finish()
            writer.end()
        }
    }

    private func need(_ count: Int, _ objects: [SkyObject], example: String) throws {
        guard objects.count == count else {
            throw ValidationError("--kind \(kind) needs \(count == 1 ? "one object" : "\(count) objects"): e.g. --objects \(example)")
        }
    }

    /// The events as rows, lazily.
    private func rows(_ kind: EventKind, view: SkyView, span: TimeSpan, objects: [SkyObject], names: [String], site: Site?,
                      localSite: Site) throws -> AnySequence<(instant: Instant, row: EventRow)> {
        let plain: (SkyEvent) -> (Instant, EventRow) = { e in (e.time.instant, EventRow(event: e, kind: kind.rawValue, site: e.site)) }
        switch kind {
        case .approach:
            try need(2, objects, example: "venus,pleiades")
            let s = try view.approaches(of: objects[0], and: objects[1], in: span, within: .degrees(within), site: site)
            return AnySequence(s.lazy.map { a in (a.time.instant, EventRow(approach: a)) })
        case .conjunction:
            try need(2, objects, example: "mars,regulus")
            guard coordinate == "longitude" || coordinate == "ra" else {
                throw ValidationError("--in must be longitude or ra")
            }
            return AnySequence(try view.conjunctions(of: objects[0], and: objects[1], in: span, inRightAscension: coordinate == "ra").lazy.map(plain))
        case .occultation:
            try need(2, objects, example: "moon,regulus")
            guard case .body(let occulter) = objects[0] else {
                throw EventError.cannotOccult(names[0], target: names[1])
            }
            if occulter != .moon {
                // By a planet: geocentric unless --site is given.
                let s = try view.occultations(of: objects[1], by: objects[0], site: site, in: span)
                return AnySequence(s.lazy.map { o in (o.minimum.instant, EventRow(planetaryOccultation: o)) })
            }
            let s = try view.occultations(of: objects[1], at: localSite, in: span)
            return AnySequence(s.lazy.map { o in (o.minimum.instant, EventRow(occultation: o)) })
        case .station:
            try need(1, objects, example: "mars")
            return AnySequence(try view.stations(of: objects[0], in: span).lazy.map(plain))
        case .opposition, .conjunctionSun:
            try need(1, objects, example: "jupiter")
            return AnySequence(try view.solarAlignments(of: objects[0], in: span, opposition: kind == .opposition).lazy.map(plain))
        case .elongation:
            try need(1, objects, example: "venus")
            return AnySequence(try view.greatestElongations(of: objects[0], in: span).lazy.map(plain))
        case .rise, .set:
            try need(1, objects, example: "venus")
            let crossing = HorizonCrossing(point: centre ? .centre : .upperLimb, refraction: modelRefraction ? .model : .standard)
            let wanted: SkyEvent.Kind = kind == .rise ? .rise : .set
            return AnySequence(try view.risingsAndSettings(of: objects[0], at: localSite, in: span, crossing: crossing)
                .lazy.filter { $0.kind == wanted }.map(plain))
        case .transit:
            try need(1, objects, example: "mars")
            return AnySequence(try view.transits(of: objects[0], at: localSite, in: span).lazy.map(plain))
        case .twilight:
            guard let depression = ["civil": Twilight.civil, "nautical": .nautical, "astronomical": .astronomical][twilight] else {
                throw ValidationError("--twilight must be civil, nautical or astronomical")
            }
            return AnySequence(try view.twilights(depression, at: localSite, in: span).lazy.map(plain))
        case .phase:
            return AnySequence(try view.moonPhases(in: span).lazy.map(plain))
        case .eclipse:
            let bodies = objects.compactMap { o -> Body? in if case .body(let b) = o { return b } else { return nil } }
            guard bodies.count == objects.count, bodies.allSatisfy({ $0 == .sun || $0 == .moon }) else {
                throw ValidationError("--kind eclipse takes --objects sun (solar), moon (lunar), sun,moon or nothing (both)")
            }
            let solar = bodies.isEmpty || bodies.contains(.sun), lunar = bodies.isEmpty || bodies.contains(.moon)
            let s = try view.eclipses(in: span, solar: solar, lunar: lunar)
            return AnySequence(s.lazy.map { e in
                let local = site.flatMap { try? view.localCircumstances(of: e, at: $0) }
                return (e.greatest.instant, EventRow(eclipse: e, local: local))
            })
        case .heliacal:
            try need(1, objects, example: "venus")
            let criterion = try heliacalCriterion()
            return AnySequence(try view.heliacalEvents(of: objects[0], at: localSite, in: span, criterion: criterion).lazy
                .map { e in (e.time.instant, EventRow(event: e, kind: "heliacal", site: e.site)) })
        case .crescent:
            guard objects.isEmpty || (objects.count == 1 && objects[0] == .body(.moon)) else {
                throw ValidationError("--kind crescent follows the Moon: give --objects moon or no --objects")
            }
            guard let c = CrescentCriterion(rawValue: (criterion ?? "yallop").lowercased()) else {
                throw ValidationError("--criterion must be yallop or odeh for --kind crescent")
            }
            return AnySequence(try view.crescentSightings(at: localSite, in: span, criterion: c).lazy
                .map { s in (s.bestTime.instant, EventRow(crescent: s)) })
        }
    }
}

extension EventsCommand {
    /// The heliacal criterion the options name.
    func heliacalCriterion() throws -> VisibilityCriterion {
        switch (criterion ?? "arcus-visionis").lowercased() {
        case "arcus-visionis", "ptolemy":
            return arcusVisionis.map { .arcusVisionis($0) } ?? .ptolemy
        case "schaefer":
            if arcusVisionis != nil { throw ValidationError("--arcus-visionis belongs to --criterion arcus-visionis; drop it for schaefer") }
            if extinction != nil && visualRange != nil { throw ValidationError("give --extinction or --visual-range, not both") }
            let conditions = SchaeferConditions(
                pressure: modelOptions.pressure, temperature: modelOptions.temperature, relativeHumidity: humidity,
                extinction: extinction.map { .coefficient($0) } ?? visualRange.map { .meteorologicalRange($0) } ?? .fromWeather,
                age: age, snellenRatio: snellen, binocular: !monocular, includesMoon: !noMoonlight)
            try conditions.validate()
            return .schaefer(conditions)
        default:
            throw ValidationError("unknown --criterion '\(criterion ?? "")' for --kind heliacal: use arcus-visionis or schaefer")
        }
    }
}

/// One output row: the columns the issue names.
struct EventRow: Codable {
    var kind: String
    var objects: String
    var jd_tt: Double
    var jd_ut: Double
    var ut_sigma_s: Double
    var delta_t_s: Double
    var delta_t_model: String
    var separation_deg: Double?
    var star: String?
    var detail: String
    var site: String?
    var lmt_jd: Double?
    var lat_jd: Double?
    var start_jd_ut: Double?
    var end_jd_ut: Double?
    var visible: Bool?
    var visible_delta_t_s: String?
    var chinese_date: String?
    /// First crescent only (JSON): the criterion, its class and figure (Yallop's q, Odeh's V) and the geometry at
    /// the best time.
    var criterion: String?
    var visibility_class: String?
    var criterion_value: Double?
    var arcl_deg: Double?
    var arcv_deg: Double?
    var daz_deg: Double?
    var width_arcmin: Double?
    var lag_min: Double?
    var moon_age_h: Double?
    var conjunction_jd_tt: Double?

    init(time: EventTime, kind: String, objects: [String], detail: String, site: Site?) {
        self.kind = kind
        self.objects = objects.joined(separator: "+")
        jd_tt = time.jdTT
        jd_ut = time.jdUT
        ut_sigma_s = time.utSigmaSeconds
        delta_t_s = time.deltaT.seconds
        delta_t_model = time.deltaT.model
        self.detail = detail
        if let site {
            self.site = site.key == "custom" ? site.name : site.key
            lmt_jd = time.localMeanTime(longitude: site.longitude)
            lat_jd = time.localApparentTime(longitude: site.longitude)
        }
    }

    init(event e: SkyEvent, kind: String, site: Site?) {
        self.init(time: e.time, kind: kind, objects: e.objects, detail: e.detail, site: site)
        if let v = e.visible {
            visible = v
            visible_delta_t_s = Self.ranges(e.visibleDeltaT)
        }
    }

    init(approach a: Approach) {
        self.init(time: a.time, kind: "approach", objects: a.objects,
                  detail: "\(a.site == nil ? "geocentric" : "topocentric") least separation, \(a.first.label)–\(a.second.label)",
                  site: a.site)
        separation_deg = a.separation.degrees
        star = (a.second.hip ?? a.first.hip).map { "HIP\($0)" }
    }

    init(occultation o: Occultation) {
        self.init(time: o.minimum, kind: "occultation", objects: ["Moon", o.object],
                  detail: String(format: "%@%@ of %@, Moon alt %.1f°, Sun alt %.1f°", o.ingress != nil ? "occultation" : "near miss",
                                 o.graze ? " (graze)" : "", o.target.label, o.moonAltitude, o.sunAltitude),
                  site: o.site)
        separation_deg = o.separation.degrees
        star = o.target.hip.map { "HIP\($0)" }
        start_jd_ut = o.ingress?.jdUT
        end_jd_ut = o.egress?.jdUT
        visible = o.visible
        visible_delta_t_s = Self.ranges(o.visibleDeltaT)
    }

    init(planetaryOccultation o: PlanetaryOccultation) {
        var detail = String(format: "%@%@ of %@ by %@, semidiameters %.1f″ and %.1f″", o.total ? "occultation" : "partial occultation",
                            o.graze ? " (graze)" : "", o.target.label, o.occulter.displayName,
                            o.occulterSemidiameter.degrees * 3600, o.targetSemidiameter.degrees * 3600)
        if let h = o.occulterAltitude, let sun = o.sunAltitude {
            detail += String(format: ", %@ alt %.1f°, Sun alt %.1f°", o.occulter.displayName, h, sun)
        } else {
            detail += ", geocentric"
        }
        self.init(time: o.minimum, kind: "occultation", objects: [o.occulter.displayName, o.object], detail: detail, site: o.site)
        separation_deg = o.separation.degrees
        star = o.target.hip.map { "HIP\($0)" }
        start_jd_ut = o.ingress?.jdUT
        end_jd_ut = o.egress?.jdUT
        visible = o.visible
        if o.visible != nil { visible_delta_t_s = Self.ranges(o.visibleDeltaT) }
    }

    init(eclipse e: Eclipse, local: LocalEclipse?) {
        var detail = e.typeName
        if let u = e.umbralMagnitude { detail += String(format: ", umbral magnitude %.3f", u) } else { detail += String(format: ", γ %.4f", e.gamma) }
        if let local {
            detail += String(format: "; at the site: %@, magnitude %.3f, altitude at maximum %.1f°", local.localKind, local.magnitude,
                             local.altitudes["max"] ?? .nan)
            if let o = local.obscuration { detail += String(format: ", obscuration %.3f", o) }
        }
        self.init(time: e.greatest, kind: "eclipse", objects: [e.body == .solar ? "Sun" : "Moon"], detail: detail, site: local?.site)
        if let local {
            let first = local.contacts["C1"] ?? local.contacts["P1"], last = local.contacts["C4"] ?? local.contacts["P4"]
            start_jd_ut = first?.jdUT
            end_jd_ut = last?.jdUT
            visible = local.visible
            visible_delta_t_s = Self.ranges(local.visibleDeltaT)
        }
    }

    init(crescent s: CrescentSighting) {
        let cls = s.visibilityClass.map { "\(s.criterion.rawValue) \($0)" } ?? "\(s.criterion.rawValue) –"
        let figure = s.value.map { String(format: "%@ %+.3f", s.criterion == .yallop ? "q" : "V", $0) } ?? "no best time"
        let detail = String(format: "%@ (%@: %@); evening %d after the conjunction at JD %.4f TT; age %.1f h, lag %.0f min; ARCL %.2f°, ARCV %.2f°, DAZ %.2f°, W %.3f′; %@",
                            cls, figure, s.classMeaning, s.evening, s.newMoon.jdTT, s.ageHours, s.lagMinutes, s.arcl, s.arcv,
                            s.daz, s.width, s.criterion.name)
        self.init(time: s.bestTime, kind: "crescent", objects: ["Moon"], detail: detail, site: s.site)
        start_jd_ut = s.sunset.jdUT
        end_jd_ut = s.moonset.jdUT
        visible = s.visible
        visible_delta_t_s = Self.ranges(s.visibleDeltaT)
        criterion = s.criterion.rawValue
        visibility_class = s.visibilityClass
        criterion_value = s.value
        arcl_deg = s.arcl
        arcv_deg = s.arcv
        daz_deg = s.daz
        width_arcmin = s.width
        lag_min = s.lagMinutes
        moon_age_h = s.ageHours
        conjunction_jd_tt = s.newMoon.jdTT
    }

    static func ranges(_ r: [ClosedRange<Double>]) -> String {
        r.map { "\(Int($0.lowerBound.rounded()))…\(Int($0.upperBound.rounded()))" }.joined(separator: ";")
    }

    static let columns = ["kind", "objects", "jd_tt", "jd_ut", "ut_sigma_s", "delta_t_s", "delta_t_model", "separation_deg",
                          "star", "detail", "site", "lmt_jd", "lat_jd", "start_jd_ut", "end_jd_ut", "visible",
                          "visible_delta_t_s", "chinese_date"]

    var fields: [String] {
        func n(_ x: Double?, _ digits: Int = 6) -> String { x.map { $0.isFinite ? String(format: "%.\(digits)f", $0) : "" } ?? "" }
        return [kind, objects, n(jd_tt), n(jd_ut), n(ut_sigma_s, 1), n(delta_t_s, 1), delta_t_model, n(separation_deg),
                star ?? "", detail, site ?? "", n(lmt_jd), n(lat_jd), n(start_jd_ut), n(end_jd_ut),
                visible.map { $0 ? "true" : "false" } ?? "", visible_delta_t_s ?? "", chinese_date ?? ""]
    }
}

/// Writes rows as text, JSON, JSON lines or CSV, adding dates (TT, UT, local) and the Chinese date of the night.
struct EventWriter {
    let format: OutputFormat
    let calendar: ChineseCalendar?
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "null", negativeInfinity: "null", nan: "null")
        return e
    }()
    private final class State { var first = true }
    private let state = State()

    init(format: OutputFormat, calendar: ChineseCalendar?) {
        self.format = format
        self.calendar = calendar
    }

    func begin() {
        switch format {
        case .csv: print(CSV.line(EventRow.columns))
        case .json: print("[", terminator: "")
        default: break
        }
    }

    func write(_ input: EventRow) {
        var row = input
        if let lmt = row.lmt_jd, let calendar {
            // The night's date: before 06:00 local mean time an event belongs to the evening before.
            let jdn = Int((lmt + 0.5 - 0.25).rounded(.down))
            row.chinese_date = calendar.mainLineDate(jdn: jdn).map { $0.text }
        }
        switch format {
        case .csv: print(CSV.line(row.fields))
        case .jsonl: print(json(row))
        case .json:
            print((state.first ? "\n" : ",\n") + json(row), terminator: "")
            state.first = false
        case .text:
            let tt = CalendarDate(julianDate: row.jd_tt, policy: .historians).iso(withTime: true)
            let ut = CalendarDate(julianDate: row.jd_ut, policy: .historians).iso(withTime: true)
            var line = "\(tt) TT  \(ut) UT ±\(Int(row.ut_sigma_s.rounded())) s  \(row.kind)  \(row.objects)  \(row.detail)"
            if let s = row.separation_deg { line += String(format: "  %.4f°", s) }
            if let star = row.star { line += "  \(star)" }
            if let lmt = row.lmt_jd { line += "  LMT \(CalendarDate(julianDate: lmt, policy: .historians).iso(withTime: true))" }
            if let c = row.chinese_date { line += "  \(c)" }
            if let v = row.visible { line += v ? "  seen" : "  not seen" }
            if let r = row.visible_delta_t_s, !r.isEmpty { line += " (for ΔT in \(r) s)" }
            print(line)
        }
    }

    func end() {
        if format == .json { print(state.first ? "]" : "\n]") }
    }

    private func json(_ row: EventRow) -> String {
        (try? encoder.encode(Versioned(row))).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

/// A progress bar on standard error, shown only when it is a terminal and the search has run over a second.
struct Progress {
    let span: TimeSpan
    let started = Date()
    let enabled = isatty(2) != 0
    var shown = false

    init(span: TimeSpan) { self.span = span }

    mutating func update(_ instant: Instant) {
        guard enabled, Date().timeIntervalSince(started) > 1 else { return }
        let fraction = max(0, min(1, instant.days(since: span.start) / span.days))
        let width = 40
        let filled = Int(fraction * Double(width))
        FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(Int(fraction * 100))%".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\(String(repeating: " ", count: 50))\r".utf8)) }
    }
}
