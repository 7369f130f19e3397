import Foundation

extension EphemerisError: LocalizedError {
    /// A one-line message naming the problem and what to type instead.
    public var errorDescription: String? {
        switch self {
        case let .outOfRange(jd, coverage, ephemeris):
            "JD \(jd) (TDB, \(calendarLabel(jd))) is outside the \(ephemeris) "
                + "(\(calendarLabel(coverage.lowerBound)) to \(calendarLabel(coverage.upperBound)), "
                + "JD \(coverage.lowerBound)–\(coverage.upperBound)): choose a date in that range "
                + "or pass --ephemeris FILE.bsp"
        case let .bodyNotCovered(body, ephemeris):
            "\(ephemeris) has no data for \(body.displayName): use the built-in DE422 compact ephemeris "
                + "or a DE file (.bsp) that includes it"
        case let .unreadableFile(path, reason):
            "cannot read the ephemeris file \(path): \(reason)"
        }
    }
}

/// A TDB Julian date as a calendar date for messages: proleptic Julian calendar before
/// 1582-10-15 (JD 2299160.5), Gregorian from then on; astronomical year numbering (0 = 1 BCE).
/// Reference: J. Meeus, Astronomical Algorithms, 2nd ed. (1998), ch. 7.
func calendarLabel(_ jd: Double) -> String {
    guard jd.isFinite, abs(jd) < 1e9 else { return "no calendar date" }
    let z = (jd + 0.5).rounded(.down)
    var a = z
    let gregorian = z >= 2_299_161
    if gregorian {
        let alpha = ((z - 1_867_216.25) / 36_524.25).rounded(.down)
        a = z + 1 + alpha - (alpha / 4).rounded(.down)
    }
    // Shift by whole 400-year cycles so that the floor-based formulas below stay valid for negative JDs.
    let cycles = z < 0 ? ((-z) / 146_097).rounded(.up) : 0
    let b = a + 1524 + cycles * 146_100
    let c = ((b - 122.1) / 365.25).rounded(.down)
    let d = (365.25 * c).rounded(.down)
    let e = ((b - d) / 30.6001).rounded(.down)
    let day = Int(b - d - (30.6001 * e).rounded(.down))
    let month = Int(e < 14 ? e - 1 : e - 13)
    let year = Int(month > 2 ? c - 4716 : c - 4715) - Int(cycles) * 400
    let yearText = year < 0 ? String(format: "-%04d", -year) : String(format: "%04d", year)
    return "\(yearText)-\(String(format: "%02d", month))-\(String(format: "%02d", day)) "
        + (gregorian ? "Gregorian" : "Julian")
}
