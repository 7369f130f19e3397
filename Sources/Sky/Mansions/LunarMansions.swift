import Foundation
import SkyTime

/// Chinese degrees (度): 365¼ to the circle, as in the Han–Tang systems (四分曆 onward).
public enum ChineseDegree {
    /// 度 per degree: 365.25/360.
    public static let perDegree = 365.25 / 360
    /// Converts an angle to 度.
    public static func du(_ angle: Angle) -> Double { angle.degrees * perDegree }
    /// Converts 度 to an angle.
    public static func angle(du: Double) -> Angle { .degrees(du / perDegree) }
}

/// Which determinative stars (距星) define the mansions.
public enum MansionConvention: String, Sendable, Hashable, CaseIterable, Codable {
    /// Han to Ming: 奎 ζ And, 參 δ Ori, 觜 before 參.
    case hanToMing = "han-ming"
    /// Qing (儀象考成, 1752/1756): 奎 η And, 參 ζ Ori.
    case qing
    /// Chosen by epoch: Han–Ming before 1752-01-01, Qing from then on.
    case automatic

    /// The year from which `automatic` uses the Qing determinatives (the 儀象考成 catalogue, completed 1752).
    public static let qingFromJulianYear = 1752.0

    /// The concrete convention at `instant` (`automatic` resolved by epoch).
    public func resolved(at instant: Instant) -> MansionConvention {
        guard self == .automatic else { return self }
        let year = 2000.0 + instant.days(since: Instant(jdTT: 2_451_545.0)) / 365.25
        return year < MansionConvention.qingFromJulianYear ? .hanToMing : .qing
    }
}

/// One of the 28 lunar mansions (二十八宿).
public struct LunarMansion: Sendable, Hashable, Codable {
    /// Order from 角 (1) to 軫 (28).
    public let number: Int
    /// Traditional character, e.g. 翼.
    public let name: String
    /// Simplified character, e.g. 毕.
    public let simplified: String
    /// Pinyin with tone marks.
    public let pinyin: String
    /// English rendering, e.g. Wings.
    public let english: String
    /// The quarter (四象), e.g. 南方朱雀.
    public let quarter: String
    /// Other names used in the histories (南斗, 東井, 輿鬼, …).
    public let aliases: [String]
    /// HIP number of the Qing determinative star.
    public let determinativeHIP: Int
    /// Chinese name of the Qing determinative star, e.g. 翼宿一.
    public let determinativeName: String
    /// HIP number of the Han–Ming determinative where it differs (奎, 參), else the Qing one.
    public let earlyDeterminativeHIP: Int
    /// Chinese name of the Han–Ming determinative (奎宿二, 參宿三 where they differ).
    public let earlyDeterminativeName: String

    /// The determinative star's HIP number under a convention (`automatic` must be resolved first; it means Qing here).
    public func determinative(_ convention: MansionConvention) -> Int {
        convention == .hanToMing ? earlyDeterminativeHIP : determinativeHIP
    }
}

/// How a mansion position is measured.
public enum MansionCoordinate: String, Sendable, Hashable, Codable {
    /// 入宿度 in right ascension of date: the equatorial convention of the Han–Tang records.
    case equatorial
    /// 黃道宿度: along the ecliptic of date, from the points where the hour circles of the determinative stars
    /// cross the ecliptic (the traditional construction, e.g. 授時曆).
    case ecliptic
}

/// A position expressed as the records do: mansion and 度 east of its determinative star.
public struct MansionPosition: Sendable, Hashable, Codable {
    /// The mansion the position falls in.
    public let mansion: LunarMansion
    /// 度 east of the determinative (365¼ 度 to the circle); 0 ≤ du < width of the mansion, except where a mansion has
    /// a negative width (觜 in the Han–Ming convention after ~1300), when the nearest determinative west is used.
    public let du: Double
    /// The same offset as an angle.
    public var offset: Angle { ChineseDegree.angle(du: du) }
    /// The determinative convention used (never `.automatic`).
    public let convention: MansionConvention
    /// Equatorial (入宿度) or ecliptic (黃道宿度).
    public let coordinate: MansionCoordinate
    /// The record-style text, e.g. 在翼四度 (whole 度, truncated as the histories count them).
    public var recordStyle: String { "在\(mansion.name)\(chineseNumber(Int(du.rounded(.down))))度" }
}

/// The width of one mansion at an epoch.
public struct MansionWidth: Sendable, Hashable {
    /// The mansion.
    public let mansion: LunarMansion
    /// Width in 度 (365¼ to the circle); negative where the next determinative lies west of this one.
    public let du: Double
}

/// Right ascensions (or ecliptic starting points) of the 28 determinative stars at one epoch, in a convention.
///
/// Build it with `LunarMansions.frame(...)`, giving the right ascension of date of each determinative star (the
/// caller's reduction: space motion + precession (+ nutation, aberration) to the epoch). Then `position(of:)` gives
/// 入宿度 and `widths` the mansion widths.
public struct MansionFrame: Sendable, Hashable {
    /// The determinative convention of the frame (never `.automatic`).
    public let convention: MansionConvention
    /// Equatorial or ecliptic.
    public let coordinate: MansionCoordinate
    /// Starting longitude (RA of date, or ecliptic longitude of the crossing point) of each mansion, in order 1…28.
    public let starts: [Angle]
    /// The 28 mansions, in order.
    public let mansions: [LunarMansion]

    /// A frame from explicit starting longitudes (28, in mansion order), e.g. from the caller's own reduction.
    public init(convention: MansionConvention, coordinate: MansionCoordinate, starts: [Angle], mansions: [LunarMansion]) {
        self.convention = convention
        self.coordinate = coordinate
        self.starts = starts
        self.mansions = mansions
    }

    /// The mansion position of a right ascension of date (equatorial frame) or an ecliptic longitude of date
    /// (ecliptic frame): the mansion whose determinative is the nearest to the west, and 度 east of it.
    public func position(of longitude: Angle) -> MansionPosition {
        var best = 0
        var bestOffset = Double.infinity
        for (i, start) in starts.enumerated() {
            let offset = (longitude - start).normalized.radians
            if offset < bestOffset { bestOffset = offset; best = i }
        }
        return MansionPosition(mansion: mansions[best], du: ChineseDegree.du(.radians(bestOffset)),
                               convention: convention, coordinate: coordinate)
    }

    /// Widths of the 28 mansions in 度: from each determinative to the next one's (signed, in (−182.6, 182.6]).
    public var widths: [MansionWidth] {
        (0..<starts.count).map { i in
            let next = starts[(i + 1) % starts.count]
            return MansionWidth(mansion: mansions[i], du: ChineseDegree.du((next - starts[i]).signedNormalized))
        }
    }

    /// The ecliptic variant of an equatorial frame: each determinative's hour circle meets the ecliptic at
    /// longitude λ with tan λ = tan α / cos ε (ε the obliquity of date).
    public func ecliptic(obliquity: Angle) -> MansionFrame {
        let lambdas = starts.map { alpha in
            Angle(radians: atan2(sin(alpha.radians), cos(alpha.radians) * cos(obliquity.radians))).normalized
        }
        return MansionFrame(convention: convention, coordinate: .ecliptic, starts: lambdas, mansions: mansions)
    }
}

/// The 28 lunar mansions, read from `Catalogs/lunar-mansions.tsv`.
public final class LunarMansions: Sendable {
    /// The mansions in order 角 … 軫.
    public let all: [LunarMansion]

    init(tsvPath: String) throws {
        let rows = try readTSV(tsvPath, columns: 10)
        all = try rows.map { r in
            guard let n = Int(r[0]), let det = Int(r[7]) else {
                throw SkyCatalogError.unreadableCatalog(path: tsvPath, reason: "bad row \(r.prefix(3).joined(separator: " "))")
            }
            let early = r.count > 10 ? Int(r[10]) : nil
            return LunarMansion(number: n, name: r[2], simplified: r[3], pinyin: r[4], english: r[5], quarter: r[1],
                                aliases: r[6].split(separator: "|").map(String.init), determinativeHIP: det,
                                determinativeName: r[9], earlyDeterminativeHIP: early ?? det,
                                earlyDeterminativeName: early != nil && r.count > 12 ? r[12] : r[9])
        }
        guard all.count == 28, all.map(\.number) == Array(1...28) else {
            throw SkyCatalogError.unreadableCatalog(path: tsvPath, reason: "expected the 28 mansions in order 1…28")
        }
    }

    /// The mansion by number (1…28) or name (traditional, simplified, alias).
    public func mansion(_ name: String) -> LunarMansion? {
        if let n = Int(name), (1...28).contains(n) { return all[n - 1] }
        return all.first { $0.name == name || $0.simplified == name || $0.aliases.contains(name) }
    }

    /// The determinative stars (HIP) of a convention, in mansion order.
    public func determinatives(_ convention: MansionConvention, at instant: Instant) -> [Int] {
        let c = convention.resolved(at: instant)
        return all.map { $0.determinative(c) }
    }

    /// The mansion frame at `instant`: `rightAscensionOfDate` gives each determinative star's RA of date.
    ///
    /// - Parameters:
    ///   - instant: the epoch (chooses the determinatives when `convention` is `.automatic`).
    ///   - convention: determinative-star convention.
    ///   - rightAscensionOfDate: the caller's reduction of a HIP star to the equator and equinox of date.
    /// - Returns: the equatorial frame; `.ecliptic(obliquity:)` turns it into the 黃道 frame.
    public func frame(at instant: Instant, convention: MansionConvention = .automatic,
                      rightAscensionOfDate: (_ hip: Int) throws -> Angle) rethrows -> MansionFrame {
        let c = convention.resolved(at: instant)
        let starts = try all.map { try rightAscensionOfDate($0.determinative(c)).normalized }
        return MansionFrame(convention: c, coordinate: .equatorial, starts: starts, mansions: all)
    }

    /// 去極度: polar distance in 度 (365¼ to the circle) of a declination of date.
    public static func polarDistanceDu(declination: Angle) -> Double {
        ChineseDegree.du(.degrees(90) - declination)
    }
}

/// A number in Chinese numerals (0…99), as the histories write degrees: 四, 十二, 二十.
func chineseNumber(_ n: Int) -> String {
    let digits = Array("〇一二三四五六七八九")
    guard n >= 0, n < 100 else { return String(n) }
    if n < 10 { return String(digits[n]) }
    let (tens, ones) = n.quotientAndRemainder(dividingBy: 10)
    return (tens == 1 ? "" : String(digits[tens])) + "十" + (ones == 0 ? "" : String(digits[ones]))
}
