import Foundation

/// The main job: what a set of objects looked like from a site on a date — at the time given, at the end of civil
/// twilight that evening, and at the geocentric closest approach of the first object to each other one.
public struct SceneReport: Sendable, Codable {
    /// One object at one moment: the object's representative observation (a group's nearest member to the first
    /// object, or its brightest member), its constellation and lunar-mansion place.
    public struct Entry: Sendable, Codable {
        /// The name as the user typed it, and what it resolved to.
        public let query: String
        /// The resolved object's label.
        public let resolvedAs: String
        /// Its observation (a group's principal star).
        public let observation: Observation
        /// IAU constellation abbreviation of the astrometric place.
        public let constellation: String
        /// 入宿度 from the apparent right ascension of date.
        public let mansion: MansionPosition?
    }

    /// Separation of the first object from another. For a group (cluster, asterism) the separation is measured
    /// from its principal (brightest) star, and the nearest member and the centroid are reported beside it.
    public struct Separation: Sendable, Codable {
        /// The first object's label and the other object's label.
        public let from: String
        public let to: String
        /// The star the separation is measured to (the object itself, or the group's principal star).
        public let toStar: String
        /// Separation from `toStar`, geocentric apparent or topocentric.
        public let angle: Angle
        /// The nearest member of a group, and its separation.
        public let nearestMember: String?
        public let nearestAngle: Angle?
        /// Separation from the group's centroid (mean direction of its members).
        public let centroidAngle: Angle?
    }

    /// The objects at one moment.
    public struct Snapshot: Sendable, Codable {
        /// What the moment is (e.g. the end of civil twilight).
        public let title: String
        /// The moment (TT).
        public let instant: Instant
        /// ΔT at the moment, with its σ and model.
        public let deltaT: DeltaTEstimate
        /// The objects, in the order asked.
        public let entries: [Entry]
        /// Separations of the first object from each other one.
        public let separations: [Separation]
        /// Whether the separations are topocentric (false: geocentric).
        public let topocentric: Bool
    }

    /// The observer's site.
    public let site: Site
    /// The local date asked about, with its calendar.
    public let date: CalendarDate
    /// The moments shown: the given time (if any), the end of civil twilight, the closest approaches.
    public let snapshots: [Snapshot]
    /// Caveats: e.g. a closest approach at the edge of the search window, the Sun not setting.
    public let caveats: [String]
    /// Events around the date, one sentence each: the first object's visibility window (a planet's heliacal
    /// phases under Ptolemy's arcus visionis) and the evenings on which it stood within 2° of each other object
    /// at the end of civil twilight.
    public var events: [String] = []
    /// Every model used, by role.
    public let models: [String: String]
    /// The Chinese date of the local day, as text (written by the user, or the main-line date of a Western date
    /// before 1912).
    public var chineseDate: String? = nil
}

/// Errors of the scene.
public enum SceneError: Error, LocalizedError, Sendable, Equatable {
    case noObjects

    public var errorDescription: String? {
        switch self {
        case .noObjects: "no objects named: give --objects with at least one name, e.g. --objects venus,pleiades"
        }
    }
}

extension SkyView {
    /// The scene around a date at a site (the default command of the CLI).
    ///
    /// - Parameters:
    ///   - moment: a date (the evening of that local date is shown) or a date and time (that moment is shown too).
    ///   - objects: names the resolver knows; the first is compared with each other one.
    ///   - site: the observer.
    ///   - approachWindowDays: half-width of the window, around the date, searched for the closest approach.
    public func scene(_ moment: Moment, objects: [String], site: Site, approachWindowDays: Double = 3) throws -> SceneReport {
        guard !objects.isEmpty else { throw SceneError.noObjects }
        let resolutions = try objects.map { try resolve($0) }
        let (momentInstant, _) = try moment.resolve(deltaT: models.deltaT, longitude: site.longitude)
        let localDate: CalendarDate
        let hasMoment: Bool
        switch moment.value {
        case .date(let d): (localDate, hasMoment) = (d, moment.hasTime)
        case .julianDate: (localDate, hasMoment) = (momentInstant.calendarDate(policy: .historians, scale: .tt), true)
        }
        var caveats: [String] = []
        var snapshots: [SceneReport.Snapshot] = []
        if hasMoment {
            snapshots.append(try snapshot("At \(moment)", at: momentInstant, resolutions: resolutions, site: site))
        }

        // The local evening: from local mean noon of the date to the next.
        let dayStart = localDate.julianDayNumber
        let noonUT = Double(dayStart) - site.longitude.degrees / 360
        let dt0 = models.deltaT.estimate(julianDate: noonUT)
        let noon = Instant(jdUT1: noonUT, 0, deltaTSeconds: dt0.seconds)
        let dusk = try twilights(.civil, at: site, in: TimeSpan(noon, noon.adding(days: 1)))
            .first { $0.detail.hasSuffix("dusk") }
        if let dusk {
            snapshots.append(try snapshot("End of civil twilight (Sun 6° below the horizon)", at: dusk.time.instant,
                                          resolutions: resolutions, site: site))
        } else {
            caveats.append("the Sun does not reach 6° below the horizon on the evening of \(localDate.iso()) at \(site.name): no civil twilight ends")
        }

        // Geocentric closest approach of the first object's principal star to each other one's.
        let centreTT = momentInstant.adding(days: hasMoment ? 0 : 0.5)
        let window = TimeSpan(centreTT.adding(days: -approachWindowDays), centreTT.adding(days: approachWindowDays))
        for other in resolutions.dropFirst() {
            let minimum = try minimumSeparation(of: Self.principal(resolutions[0].object), and: Self.principal(other.object),
                                                in: window)
            if abs(minimum.time.instant.days(since: centreTT)) > approachWindowDays - 0.01 {
                caveats.append("the separation of \(resolutions[0].query) and \(other.query) keeps falling at the edge of the ±\(Int(approachWindowDays))-day window: the closest approach lies outside it")
            }
            let title = "Geocentric closest approach of \(resolutions[0].object.label) and \(other.object.label)"
            snapshots.append(try snapshot(title, at: minimum.time.instant, resolutions: [resolutions[0], other], site: site,
                                          geocentricSeparations: true))
        }
        var models = snapshots.first?.entries.first?.observation.models ?? [:]
        let convention = self.models.mansionConvention.resolved(at: momentInstant)
        models["mansions"] = "determinative stars: \(convention.rawValue) (\(self.models.mansionConvention.rawValue))"
        var report = SceneReport(site: site, date: localDate, snapshots: snapshots, caveats: caveats, models: models)
        report.events = try sceneEvents(resolutions, around: centreTT, site: site)
        return report
    }

    /// The scene's event lines (see `SceneReport.events`).
    private func sceneEvents(_ resolutions: [NameResolution], around centre: Instant, site: Site) throws -> [String] {
        var lines: [String] = []
        let localDate: (EventTime) -> String = { t in
            CalendarDate(julianDate: t.localMeanTime(longitude: site.longitude), policy: .historians).iso(withTime: false)
        }
        let first = resolutions[0].object
        let coverage = models.ephemeris.coverage
        if case .body(let b) = first, ![.sun, .moon, .earth, .earthMoonBarycenter].contains(b),
           centre.jdTT - 450 > coverage.lowerBound, centre.jdTT + 450 < coverage.upperBound {
            let phases = Array(try heliacalEvents(of: first, at: site, in: TimeSpan(centre.adding(days: -450), centre.adding(days: 450))))
            let begin = phases.last { $0.time.instant < centre && ($0.detail.hasPrefix("evening first") || $0.detail.hasPrefix("morning first")) }
            let end = phases.first { $0.time.instant > centre && ($0.detail.hasPrefix("evening last") || $0.detail.hasPrefix("morning last")) }
            if let begin, let end {
                let name = { (e: SkyEvent) in String(e.detail.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces) }
                lines.append("\(b.displayName) visibility window: \(name(begin)) \(localDate(begin.time)), \(name(end)) \(localDate(end.time)) (local dates; \(VisibilityCriterion.ptolemy.name))")
            }
        }
        let span = TimeSpan(centre.adding(days: -20), centre.adding(days: 20))
        guard (try? check(span)) != nil else { return lines }
        let dusks = Array(try twilights(.civil, at: site, in: span)).filter { $0.detail.hasSuffix("dusk") }
        for other in resolutions.dropFirst() {
            var nights: [String] = []
            for dusk in dusks {
                let m = try minimumSeparation(of: first, and: other.object, in: TimeSpan(dusk.time.instant, dusk.time.instant.adding(days: 1e-4)), site: site)
                if m.separation.degrees <= 2 {
                    nights.append(String(format: "%@ (%.2f° from %@)", localDate(dusk.time), m.separation.degrees, m.second.label))
                }
            }
            lines.append(nights.isEmpty
                ? "\(first.label) was not within 2° of \(other.object.label) at the end of civil twilight on any evening within 20 days"
                : "evenings on which \(first.label) stood within 2° of \(other.object.label) at the end of civil twilight (topocentric, nearest member): " + nights.joined(separator: ", "))
        }
        return lines
    }

    /// A group's principal (brightest naked-eye) star, or the object itself.
    static func principal(_ object: SkyObject) -> SkyObject {
        guard case .group(let g) = object else { return object }
        let nakedEye = g.members.filter { $0.v <= SkyView.nakedEyeLimit }
        let pool = nakedEye.count >= 2 ? nakedEye : g.members
        return pool.min { $0.v < $1.v }.map { .star($0) } ?? object
    }

    static func nearest(_ a: Observation, among members: [Observation], topocentric: Bool = false)
        -> (angle: Angle, member: Observation, centroid: Angle?) {
        let da = topocentric ? a.directionOfDate : a.geocentricDirectionOfDate
        var best = members[0]
        var bestAngle = Angle.radians(.infinity)
        var sum = SIMD3<Double>(repeating: 0)
        for m in members {
            let dm = topocentric ? m.directionOfDate : m.geocentricDirectionOfDate
            sum += dm
            let s = separation(da, dm)
            if s < bestAngle { bestAngle = s; best = m }
        }
        return (bestAngle, best, members.count > 1 ? separation(da, sum) : nil)
    }

    private func snapshot(_ title: String, at instant: Instant, resolutions: [NameResolution], site: Site,
                          geocentricSeparations: Bool = false) throws -> SceneReport.Snapshot {
        let dt = models.deltaT.estimate(at: instant)
        let groups = try resolutions.map { try observe($0.object, at: instant, site: site, deltaT: dt) }
        let topocentric = !geocentricSeparations
        var separations: [SceneReport.Separation] = []
        let representative: [Observation] = groups.map { $0[0] }
        for (i, members) in groups.enumerated().dropFirst() {
            let a = groups[0][0]
            let principal = members[0]
            let angle = topocentric ? separation(a.directionOfDate, principal.directionOfDate)
                : separation(a.geocentricDirectionOfDate, principal.geocentricDirectionOfDate)
            let n = Self.nearest(a, among: members, topocentric: topocentric)
            let isGroup = members.count > 1
            separations.append(.init(from: resolutions[0].object.label, to: resolutions[i].object.label,
                                     toStar: principal.label, angle: angle,
                                     nearestMember: isGroup ? n.member.label : nil, nearestAngle: isGroup ? n.angle : nil,
                                     centroidAngle: n.centroid))
        }
        let entries = resolutions.indices.map { i in
            let o = representative[i]
            return SceneReport.Entry(query: resolutions[i].query, resolvedAs: resolutions[i].object.label, observation: o,
                                     constellation: constellation(of: o).abbreviation,
                                     mansion: try? mansionPosition(of: o))
        }
        return .init(title: title, instant: instant, deltaT: dt, entries: entries, separations: separations,
                     topocentric: topocentric)
    }
}
