import Ephemeris
import Foundation
import Sky

/// The stars (or body) a claim's object stands for, after the resolver and the part qualifiers of the histories.
struct ResolvedObject: Sendable {
    /// What was tested, for messages: "昴 (7 stars)", "輿鬼東南星 → δ Cnc".
    let label: String
    /// Member stars; empty when the object is a body.
    let stars: [Star]
    /// A body named as object (月犯歲星).
    let body: Body?
    /// How the name was taken, when a choice was made (a qualifier, an ambiguous name).
    let note: String?
    /// True for a figure of several stars (asterism, mansion, cluster).
    var isFigure: Bool { stars.count > 1 }
}

/// Errors of verification: each says what was wrong and what to do.
public enum VerificationError: Error, LocalizedError, Sendable, Equatable {
    case unknownObject(String, candidates: [String])
    case noTest(relation: String)
    case unsupportedSubject(String)

    public var errorDescription: String? {
        switch self {
        case .unknownObject(let name, let candidates):
            let hint = candidates.isEmpty ? "" : " (closest: \(candidates.prefix(5).joined(separator: ", ")))"
            return "unknown star or asterism '\(name)'\(hint): name it as the resolver knows it (skyrecon sky find NAME) or by HIP number"
        case .noTest(let relation):
            return "no test for the relation '\(relation)': skyrecon verify --explain lists the relations that can be tested"
        case .unsupportedSubject(let subject):
            return "no ephemeris for '\(subject)' (comets, guest stars and meteors cannot be computed): the record is kept untested"
        }
    }
}

extension ResolvedObject {
    /// Part words the histories append to a figure's name, longest first, and how each picks members.
    static let qualifiers: [(suffix: String, pick: Pick)] = [
        ("東南星", .direction(east: 1, north: -1)), ("西南星", .direction(east: -1, north: -1)),
        ("東北星", .direction(east: 1, north: 1)), ("西北星", .direction(east: -1, north: 1)),
        ("南第一星", .direction(east: 0, north: -1)), ("北第一星", .direction(east: 0, north: 1)),
        ("南星", .direction(east: 0, north: -1)), ("北星", .direction(east: 0, north: 1)),
        ("東星", .direction(east: 1, north: 0)), ("西星", .direction(east: -1, north: 0)),
        ("前星", .direction(east: -1, north: 0)), ("後星", .direction(east: 1, north: 0)),
        ("大星", .brightest), ("中星", .central), ("距星", .brightest),
        ("北轅", .half(north: true)), ("南轅", .half(north: false)),
        ("南頭", .half(north: false)), ("北頭", .half(north: true)),
        ("左股", .whole), ("右股", .whole), ("魁", .whole), ("口", .whole), ("中", .whole), ("旁", .whole),
        ("南", .half(north: false)), ("北", .half(north: true)), ("東", .whole), ("西", .whole),
    ]

    enum Pick: Sendable {
        case direction(east: Double, north: Double)
        case brightest, central, whole
        case half(north: Bool)
    }

    /// Resolves a claim's object: its resolver ids first, then the name as written, then the name with a part
    /// qualifier stripped (the qualifier then picks members: 東南星 the south-easternmost, 北轅 the northern half).
    static func resolve(_ claim: Claim, view: SkyView) throws -> ResolvedObject? {
        if claim.object.isEmpty && claim.objectIDs.isEmpty { return nil }
        var stars: [Star] = []
        var body: Body? = nil
        for id in claim.objectIDs {
            guard let r = try? view.resolve(id) else { continue }
            switch r.object {
            case .body(let b): body = body ?? b
            case .star(let s): if !stars.contains(where: { $0.hip == s.hip }) { stars.append(s) }
            case .group: for s in members(r.object, view: view) where !stars.contains(where: { $0.hip == s.hip }) { stars.append(s) }
            }
        }
        if !stars.isEmpty || body != nil {
            return ResolvedObject(label: claim.object.isEmpty ? claim.objectIDs.joined(separator: "+") : claim.object,
                                  stars: stars, body: body, note: nil)
        }
        return try resolve(name: claim.object, view: view)
    }

    static func members(_ object: SkyObject, view: SkyView) -> [Star] {
        switch object {
        case .star(let s): return [s]
        case .body: return []
        case .group(let g):
            var members = g.members
            if g.kind == .cluster {
                let nakedEye = members.filter { $0.v <= SkyView.nakedEyeLimit }
                if nakedEye.count >= 2 { members = nakedEye }
            }
            return members
        }
    }

    static func resolve(name: String, view: SkyView) throws -> ResolvedObject {
        switch lookup(name, view: view) {
        case .found(let stars, let body, let note):
            return ResolvedObject(label: name, stars: stars, body: body, note: note)
        case .missing(let candidates):
            for (suffix, pick) in qualifiers where name.hasSuffix(suffix) && name.count > suffix.count {
                let base = String(name.dropLast(suffix.count))
                guard case .found(let all, _, _) = lookup(base, view: view) else { continue }
                guard !all.isEmpty else { continue }
                let chosen = choose(all, pick)
                let names = chosen.map { "HIP \($0.hip)" }.joined(separator: ", ")
                return ResolvedObject(label: name, stars: chosen, body: nil,
                                      note: "\(name) read as \(base) \(suffix): \(names)")
            }
            // Two names run together (虛危, 畢昴, 東井輿鬼): the union of both.
            let chars = Array(name)
            if chars.count >= 2 {
                for cut in 1..<chars.count {
                    guard case .found(let a, nil, _) = lookup(String(chars[..<cut]), view: view),
                          case .found(let b, nil, _) = lookup(String(chars[cut...]), view: view), !a.isEmpty, !b.isEmpty else { continue }
                    return ResolvedObject(label: name, stars: a + b.filter { s in !a.contains { $0.hip == s.hip } }, body: nil,
                                          note: "\(name) read as \(String(chars[..<cut])) and \(String(chars[cut...]))")
                }
            }
            throw VerificationError.unknownObject(name, candidates: candidates)
        }
    }

    enum Lookup { case found([Star], Body?, String?), missing([String]) }

    /// One name through the resolver; an ambiguous name becomes the union of its readings (執法: both 執法 stars).
    static func lookup(_ name: String, view: SkyView) -> Lookup {
        do {
            let object = try view.resolve(name).object
            if case .body(let b) = object { return .found([], b, nil) }
            return .found(members(object, view: view), nil, nil)
        } catch SkyCatalogError.ambiguousName(_, let candidates) {
            var stars: [Star] = []
            for c in candidates {
                let key: String
                if let r = c.range(of: "(HIP ") {
                    key = "HIP " + c[r.upperBound...].prefix { $0.isNumber }
                } else {
                    key = String(c.prefix { $0 != " " })
                }
                if let r = try? view.resolve(key) {
                    for s in members(r.object, view: view) where !stars.contains(where: { $0.hip == s.hip }) { stars.append(s) }
                }
            }
            guard !stars.isEmpty else { return .missing(candidates) }
            return .found(stars, nil, "\(name) is ambiguous (\(candidates.joined(separator: "; "))): all readings tested, nearest star wins")
        } catch SkyCatalogError.unknownName(_, let candidates) {
            return .missing(candidates)
        } catch {
            return .missing([])
        }
    }

    static func choose(_ stars: [Star], _ pick: Pick) -> [Star] {
        switch pick {
        case .whole: return stars
        case .brightest: return stars.min { $0.v < $1.v }.map { [$0] } ?? stars
        case .central, .direction, .half:
            var sum = SIMD3<Double>(repeating: 0)
            for s in stars { sum += s.catalogDirection }
            let c = sum / (sum * sum).sum().squareRoot()
            var eastAxis = SIMD3(-c.y, c.x, 0)
            let n = (eastAxis * eastAxis).sum().squareRoot()
            eastAxis = n > 0 ? eastAxis / n : SIMD3(0, 1, 0)
            let northAxis = SIMD3(c.y * eastAxis.z - c.z * eastAxis.y, c.z * eastAxis.x - c.x * eastAxis.z,
                                  c.x * eastAxis.y - c.y * eastAxis.x)
            func xy(_ s: Star) -> (Double, Double) {
                let d = s.catalogDirection
                return ((d * eastAxis).sum(), (d * northAxis).sum())
            }
            switch pick {
            case .central:
                return stars.min { a, b in let p = xy(a), q = xy(b); return p.0 * p.0 + p.1 * p.1 < q.0 * q.0 + q.1 * q.1 }.map { [$0] } ?? stars
            case .direction(let e, let nn):
                return stars.max { a, b in let p = xy(a), q = xy(b); return p.0 * e + p.1 * nn < q.0 * e + q.1 * nn }.map { [$0] } ?? stars
            case .half(let northern):
                let sorted = stars.sorted { xy($0).1 > xy($1).1 }
                let half = max(1, (sorted.count + 1) / 2)
                return northern ? Array(sorted.prefix(half)) : Array(sorted.suffix(half))
            default: return stars
            }
        }
    }
}
