/// An angle, stored in radians, with accessors in the units astronomers write.
///
/// The API never passes bare doubles whose unit is a guess; an `Angle` says what it is.
public struct Angle: Sendable, Hashable, Comparable, Codable {
    /// The angle in radians.
    public var radians: Double

    /// Creates an angle from radians.
    public init(radians: Double) { self.radians = radians }
    /// Creates an angle from degrees.
    public init(degrees: Double) { self.radians = degrees * .pi / 180 }
    /// Creates an angle from hours of right ascension (1 h = 15°).
    public init(hours: Double) { self.radians = hours * .pi / 12 }
    /// Creates an angle from arcseconds.
    public init(arcseconds: Double) { self.radians = arcseconds * .pi / 648_000 }

    /// An angle from radians, degrees, hours or arcseconds.
    public static func radians(_ value: Double) -> Angle { Angle(radians: value) }
    public static func degrees(_ value: Double) -> Angle { Angle(degrees: value) }
    public static func hours(_ value: Double) -> Angle { Angle(hours: value) }
    public static func arcseconds(_ value: Double) -> Angle { Angle(arcseconds: value) }

    /// The angle in degrees.
    public var degrees: Double { radians * 180 / .pi }
    /// The angle in hours (15° to the hour).
    public var hours: Double { radians * 12 / .pi }
    /// The angle in arcseconds.
    public var arcseconds: Double { radians * 648_000 / .pi }

    /// The same direction reduced to [0, 2π).
    public var normalized: Angle {
        var r = radians.truncatingRemainder(dividingBy: 2 * .pi)
        if r < 0 { r += 2 * .pi }
        return Angle(radians: r)
    }

    /// The same direction reduced to [−π, π).
    public var signedNormalized: Angle {
        var r = normalized.radians
        if r >= .pi { r -= 2 * .pi }
        return Angle(radians: r)
    }

    public static func < (lhs: Angle, rhs: Angle) -> Bool { lhs.radians < rhs.radians }
    public static func + (lhs: Angle, rhs: Angle) -> Angle { Angle(radians: lhs.radians + rhs.radians) }
    public static func - (lhs: Angle, rhs: Angle) -> Angle { Angle(radians: lhs.radians - rhs.radians) }
    public static prefix func - (value: Angle) -> Angle { Angle(radians: -value.radians) }
    /// Scales an angle.
    public static func * (lhs: Angle, rhs: Double) -> Angle { Angle(radians: lhs.radians * rhs) }
    public static func / (lhs: Angle, rhs: Double) -> Angle { Angle(radians: lhs.radians / rhs) }
}
