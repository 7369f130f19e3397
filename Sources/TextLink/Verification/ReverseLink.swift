import Ephemeris
import Foundation
import Sky

/// A computed event, as `skyrecon events` writes it, reduced to what linking it to passages needs.
public struct LinkableEvent: Sendable, Hashable {
    /// The event's kind (`approach`, `occultation`, `eclipse` …).
    public var kind: String
    /// Its objects as the events command names them (`Venus`, `M45 (Pleiades)`, `Moon`, `Regulus`).
    public var objects: [String]
    /// The member star of a group that the event concerns, as `HIP<n>`.
    public var star: String?
    /// The civil day of the night (local mean time at the site, the night running to 06:00 of the next day).
    public var nightJDN: Int
    /// Least separation (deg), when the event has one.
    public var separationDeg: Double?
    /// Whether it was seen from the site (local events).
    public var visible: Bool?

    /// Creates an event.
    public init(kind: String, objects: [String], star: String? = nil, nightJDN: Int, separationDeg: Double? = nil,
                visible: Bool? = nil) {
        self.kind = kind
        self.objects = objects
        self.star = star
        self.nightJDN = nightJDN
        self.separationDeg = separationDeg
        self.visible = visible
    }

    /// The civil day of the night of a moment given in local mean time as a Julian date: before 06:00 a moment
    /// belongs to the evening before, as the histories date a night by its evening.
    public static func nightJDN(localMeanTimeJD lmt: Double) -> Int { Int((lmt + 0.5 - 0.25).rounded(.down)) }
}

/// Finds the passages that record a computed event, and says which conspicuous events no passage records.
///
/// A passage records an event when its date is the event's night (or the day either side, for a record dated by its
/// morning or a night written on the next day) and its subjects and object name the event's bodies and stars: every
/// body of the event is a subject or the object of the record, and a star or group of the event has a member among
/// the record's object's stars.
public struct ReverseLinker: Sendable {
    let byDay: [Int: [RecordReading]]
    let catalog: SkyCatalog

    /// Indexes records read from a corpus by their civil day (records without a day are not linked).
    public init(records: [RecordReading], catalog: SkyCatalog) {
        var index: [Int: [RecordReading]] = [:]
        for r in records { if let j = r.date.jdn { index[j, default: []].append(r) } }
        byDay = index
        self.catalog = catalog
    }

    /// The records that tell of `event`, nearest day first.
    public func passages(for event: LinkableEvent) -> [RecordReading] {
        let (bodies, stars) = parts(event.objects + (event.star.map { [$0] } ?? []))
        guard !bodies.isEmpty || !stars.isEmpty else { return [] }
        var found: [RecordReading] = []
        for offset in [0, -1, 1] {
            for r in byDay[event.nightJDN + offset] ?? [] where records(r, bodies: bodies, stars: stars) { found.append(r) }
        }
        return found
    }

    /// Whether an event is one the astronomers of the time could hardly miss: a bright planet within 1° of another
    /// planet or a star, an occultation of a star of magnitude 1.5 or brighter or of a planet seen from the site, or an
    /// eclipse seen from the site.
    public func isConspicuous(_ event: LinkableEvent) -> Bool {
        let (bodies, stars) = parts(event.objects + (event.star.map { [$0] } ?? []))
        let brightStar = stars.contains { hip in (try? catalog.resolve("HIP\(hip)")).flatMap { r -> Double? in
            if case .star(let s) = r.object { return s.v } else { return nil } }.map { $0 <= 1.5 } ?? false }
        switch event.kind {
        case "approach":
            let planets: Set<Body> = [.venus, .jupiter, .mars, .saturn]
            return (event.separationDeg ?? 99) < 1 && !bodies.isDisjoint(with: planets)
        case "occultation": return event.visible == true && (brightStar || bodies.count >= 2)
        case "eclipse": return event.visible == true
        default: return false
        }
    }

    private func records(_ r: RecordReading, bodies: Set<Body>, stars: Set<Int>) -> Bool {
        var recordBodies = Set<Body>()
        var recordStars = Set<Int>()
        for claim in r.claims {
            for s in claim.subjects { if let b = Body(rawValue: s.lowercased()) { recordBodies.insert(b) } }
            let (b, st) = parts(claim.objectIDs)
            recordBodies.formUnion(b)
            recordStars.formUnion(st)
        }
        return bodies.isSubset(of: recordBodies) && (stars.isEmpty || !stars.isDisjoint(with: recordStars))
    }

    /// The bodies and the catalogue stars (HIP numbers; a group gives its members) that names resolve to.
    private func parts(_ names: [String]) -> (Set<Body>, Set<Int>) {
        var bodies = Set<Body>()
        var stars = Set<Int>()
        for name in names {
            let bare = name.components(separatedBy: " (").first ?? name
            guard let object = (try? catalog.resolve(name))?.object ?? (try? catalog.resolve(bare))?.object else { continue }
            switch object {
            case .body(let b): bodies.insert(b)
            case .star(let s): stars.insert(s.hip)
            case .group(let g): stars.formUnion(g.members.map(\.hip))
            }
        }
        return (bodies, stars)
    }
}
