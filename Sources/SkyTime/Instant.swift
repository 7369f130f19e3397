/// Julian date of the epoch J2000.0 (2000-01-01 12:00 TT).
public let j2000: Double = 2_451_545.0
/// Days in a Julian century.
public let daysPerJulianCentury: Double = 36_525.0
/// Seconds in a day.
public let secondsPerDay: Double = 86_400.0

/// A moment in time, stored as a two-part Julian date in Terrestrial Time (TT).
///
/// The two parts keep full precision: `whole` carries the (half-)integral day, `fraction` the rest,
/// so that a date 5000 years from J2000 still resolves microseconds. UT1 needs a ΔT model and is
/// given by `ut1(deltaT:)`; TDB by `tdb`.
public struct Instant: Sendable, Hashable, Comparable, Codable {
    /// First part of the TT Julian date (usually the day at 0h or 12h).
    public let whole: Double
    /// Second part of the TT Julian date.
    public let fraction: Double

    /// Creates an instant from a two-part TT Julian date; the parts are renormalised.
    public init(jdTT whole: Double, _ fraction: Double = 0) {
        let w = whole.rounded(.down)
        let f = (whole - w) + fraction
        let fw = f.rounded(.down)
        self.whole = w + fw
        self.fraction = f - fw
    }

    /// Creates an instant from a UT1 Julian date and ΔT = TT − UT1 in seconds.
    public init(jdUT1 whole: Double, _ fraction: Double = 0, deltaTSeconds: Double) {
        self.init(jdTT: whole, fraction + deltaTSeconds / secondsPerDay)
    }

    /// The TT Julian date as one number (loses precision below ~20 µs; use the parts for arithmetic).
    public var jdTT: Double { whole + fraction }

    /// Julian centuries of TT since J2000.0.
    public var julianCenturiesTT: Double { ((whole - j2000) + fraction) / daysPerJulianCentury }

    /// The TDB two-part Julian date. TDB − TT is at most 1.7 ms; the series used (Fairhead & Bretagnon
    /// 1990, leading terms, as in the IAU 2006 resolution B3 note) is good to about 10 µs, which moves the
    /// Moon by less than 0.01 mas.
    public var tdb: (whole: Double, fraction: Double) {
        let t = julianCenturiesTT
        let g = (357.53 + 35_999.050 * t) * .pi / 180
        let seconds = 0.001_657 * sin(g + 0.0167 * sin(g))
            + 0.000_022 * sin((246.11 + 32_964.467 * t) * .pi / 180)
            + 0.000_014 * sin((355.0 + 71_998.1 * t) * .pi / 180)
        return (whole, fraction + seconds / secondsPerDay)
    }

    /// Returns the instant shifted by a number of days.
    public func adding(days: Double) -> Instant { Instant(jdTT: whole, fraction + days) }

    /// Days from `other` to `self`.
    public func days(since other: Instant) -> Double { (whole - other.whole) + (fraction - other.fraction) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.days(since: rhs) < 0 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
