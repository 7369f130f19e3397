/// A value of ΔT = TT − UT1 with its 1σ uncertainty and the model that gave it.
public struct DeltaTEstimate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// ΔT in seconds of time.
    public let seconds: Double
    /// One-standard-deviation uncertainty of `seconds`, in seconds (0 for a user-fixed constant).
    public let sigma: Double
    /// The model's name, for citation in output (e.g. "SMH2020").
    public let model: String
    /// A note when the value is dubious but computable (e.g. outside the model's tabulated range).
    public let caveat: String?

    /// Creates an estimate; `sigma` is one standard deviation in seconds.
    public init(seconds: Double, sigma: Double, model: String, caveat: String? = nil) {
        self.seconds = seconds
        self.sigma = sigma
        self.model = model
        self.caveat = caveat
    }

    /// E.g. `ΔT = 3281.4 ± 30 s (SMH2020)`.
    public var description: String {
        let s = (seconds * 10).rounded() / 10
        let e = sigma >= 10 ? "\(Int(sigma.rounded()))" : "\((sigma * 10).rounded() / 10)"
        return "ΔT = \(s) ± \(e) s (\(model))"
    }
}

/// A model of ΔT = TT − UT1 as a function of date.
///
/// Models are values passed to whatever needs UT1, never a global setting. The argument is a
/// decimal year on the proleptic Gregorian calendar (see `DecimalYear`); whether it is reckoned in
/// TT or UT changes ΔT by far less than its uncertainty.
public protocol DeltaTModel: Sendable {
    /// Short name used in output and on the command line (e.g. "SMH2020").
    var name: String { get }
    /// ΔT and its 1σ at a decimal (Gregorian) year.
    func estimate(decimalYear: Double) -> DeltaTEstimate
    /// ΔT alone (seconds) at a decimal (Gregorian) year: `estimate(decimalYear:).seconds`, without the work of
    /// the uncertainty and the model's name (a batch that prints only the value).
    func seconds(decimalYear: Double) -> Double
}

extension DeltaTModel {
    /// ΔT and its 1σ at a Julian date (TT or UT1).
    public func estimate(julianDate: Double) -> DeltaTEstimate {
        estimate(decimalYear: DecimalYear.gregorian(julianDate: julianDate))
    }

    /// ΔT and its 1σ at an instant.
    public func estimate(at instant: Instant) -> DeltaTEstimate {
        estimate(julianDate: instant.jdTT)
    }

    /// `estimate(decimalYear:).seconds`, for a model that has no cheaper way.
    public func seconds(decimalYear: Double) -> Double { estimate(decimalYear: decimalYear).seconds }

    /// ΔT alone (seconds) at an instant: `estimate(at:).seconds`.
    public func seconds(at instant: Instant) -> Double {
        seconds(decimalYear: DecimalYear.gregorian(julianDate: instant.jdTT))
    }
}

/// Decimal years, the argument of ΔT formulae.
public enum DecimalYear {
    /// The Gregorian decimal year of a Julian date: the proleptic Gregorian year plus the fraction of
    /// that year elapsed, so that 0h of 1 January of year Y is exactly Y. This is the convention of the
    /// knots of the Stephenson–Morrison–Hohenkerk splines (years of the Gregorian calendar).
    public static func gregorian(julianDate jd: Double) -> Double {
        guard jd.isFinite, abs(jd) < 1e10 else { return jd.isNaN ? jd : (jd < 0 ? -1e7 : 1e7) }
        let jdn = Int((jd + 0.5).rounded(.down))
        // The year from the mean Gregorian year (off by at most one), then set by its New Year's days: the same
        // year as the calendar conversion's, and its bounds found on the way.
        var year = Int((Double(jdn - 1_721_426) / 365.2425).rounded(.down)) + 1
        var start = gregorianNewYearJDN(year), next = gregorianNewYearJDN(year + 1)
        while jdn < start { year -= 1; next = start; start = gregorianNewYearJDN(year) }
        while jdn >= next { year += 1; start = next; next = gregorianNewYearJDN(year + 1) }
        return Double(year) + (jd - (Double(start) - 0.5)) / (Double(next) - Double(start))
    }

    /// The Julian date of 0h on 1 January of a (fractional) Gregorian decimal year; inverse of `gregorian(julianDate:)`.
    public static func julianDate(gregorianYear y: Double) -> Double {
        guard y.isFinite, abs(y) < 1e7 else { return y.isNaN ? y : (y < 0 ? -.infinity : .infinity) }
        let year = Int(y.rounded(.down))
        let start = Double(gregorianNewYearJDN(year)) - 0.5
        let next = Double(gregorianNewYearJDN(year + 1)) - 0.5
        return start + (y - Double(year)) * (next - start)
    }

    static func gregorianNewYearJDN(_ year: Int) -> Int {
        let y = year + 4799
        return 1 + 306 + 365 * y + CalendarDate.floorDiv(y, 4) - CalendarDate.floorDiv(y, 100)
            + CalendarDate.floorDiv(y, 400) - 32045
    }
}

/// ΔT held constant (a user's value), with a user-supplied σ (0 by default).
public struct ConstantDeltaT: DeltaTModel {
    /// ΔT in seconds.
    public let seconds: Double
    /// The user's 1σ in seconds (0 unless given).
    public let sigma: Double
    /// E.g. "constant 3200.0 s".
    public var name: String { "constant \(seconds) s" }

    /// A constant ΔT of `seconds` with 1σ `sigma`.
    public init(seconds: Double, sigma: Double = 0) {
        self.seconds = seconds
        self.sigma = sigma
    }

    /// The constant, whatever the year.
    public func estimate(decimalYear: Double) -> DeltaTEstimate {
        DeltaTEstimate(seconds: seconds, sigma: sigma, model: name)
    }
}

/// The ΔT models selectable by name, and the parsing of their command-line spellings.
public enum DeltaTModels {
    /// The command-line spellings, for help text and error messages.
    public static let spellings = ["smh2020", "smh2016", "em2006", "SECONDS"]

    /// The default model: the Stephenson–Morrison–Hohenkerk spline with its 2020 update.
    public static func standard() throws -> any DeltaTModel { try SMHSplineDeltaT.smh2020() }

    /// The model a command-line spelling names: `smh2020`, `smh2016`, `em2006`, or a number of
    /// seconds for a constant ΔT (σ 0); case is ignored.
    ///
    /// - Throws: `SkyTimeError.unknownDeltaTModel` listing the choices.
    public static func named(_ text: String) throws -> any DeltaTModel {
        let key = text.trimmingWhitespace().lowercased()
        switch key {
        case "smh2020", "smh", "default": return try SMHSplineDeltaT.smh2020()
        case "smh2016": return try SMHSplineDeltaT.smh2016()
        case "em2006", "espenak-meeus", "espenakmeeus2006": return EspenakMeeus2006()
        default:
            var number = key
            if number.hasSuffix("s") { number.removeLast() }
            if let value = Double(number), value.isFinite { return ConstantDeltaT(seconds: value) }
            throw SkyTimeError.unknownDeltaTModel(text: text)
        }
    }
}

/// An uncertainty that is interpolated linearly between tabulated (year, σ) points and grows as
/// the square of the time from an epoch outside them (the long-term quadratic growth of the
/// accumulated clock error, Morrison & Stephenson 2004), scaled to meet the table at its ends.
struct SigmaCurve: Sendable {
    let years: [Double]
    let sigmas: [Double]
    let epoch: Double

    func callAsFunction(_ y: Double) -> Double {
        guard let first = years.first, let last = years.last else { return 0 }
        if y <= first { return quadratic(y, anchor: first, value: sigmas[0]) }
        if y >= last { return quadratic(y, anchor: last, value: sigmas[sigmas.count - 1]) }
        var lo = 0
        var hi = years.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if years[mid] <= y { lo = mid } else { hi = mid }
        }
        let t = (y - years[lo]) / (years[hi] - years[lo])
        return sigmas[lo] + t * (sigmas[hi] - sigmas[lo])
    }

    private func quadratic(_ y: Double, anchor: Double, value: Double) -> Double {
        let d0 = anchor - epoch
        guard abs(d0) > 1 else { return value }
        let ratio = (y - epoch) / d0
        return max(value, value * ratio * ratio)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
