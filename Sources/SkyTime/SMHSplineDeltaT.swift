import Foundation
import Tables

/// ΔT from the cubic spline of Stephenson, Morrison & Hohenkerk (2016), in its original form
/// (`smh2016`) or with the 2020 addendum (`smh2020`, the default), joined to their long-term parabola.
///
/// Given a decimal Gregorian year y:
/// - inside the spline (−720…2016 for 2016, −720…2019 for 2020), segment i with knots Kᵢ ≤ y < Kᵢ₊₁ and
///   t = (y − Kᵢ)/(Kᵢ₊₁ − Kᵢ) gives ΔT = a₀ + a₁t + a₂t² + a₃t³ (Table S15 of the papers);
/// - outside it, the paper's long-term curve (`LongTerm`), shifted by a constant so that ΔT is
///   continuous at each end of the spline (the offsets are computed from the table):
///   - SMH2016: the parabola ΔT = −320 + 32.5u², u = (y − 1825)/100 (SMH 2016; 32.5 s/cy² is their
///     long-term lod increase of +1.78 ms/cy); offset −179.7 s before −720, as in Swiss Ephemeris;
///   - SMH2020: the addendum's long-term change of the length of day, lod = +1.72u − 3.5 sin(2π(u + 0.75)/14)
///     ms (HMNAO "ΔT & lod" pages), integrated: ΔT = 31.41u² + 284.8 cos(2π(u + 0.75)/14) s. Its
///     parabola differs from 2016's (1.72 instead of 1.78 ms/cy); the 2020 spline was fitted to meet
///     this curve, which it does at −720 to 1.0 s before the offset is applied.
///
/// Uncertainty (1σ): interpolated in the table of ΔT uncertainty from −2000 to +2500 published by
/// L. V. Morrison & F. R. Stephenson with HM Nautical Almanac Office ("ΔT & lod", HMNAO web pages
/// for the 2016 paper and its 2020 addendum), e.g. 180 s at −720, 90 s at 0, 15 s at 1000, 1 s at
/// 1770; outside that table σ grows as (y − 1825)², the Morrison & Stephenson (2004) rule of
/// σ ≈ 0.8t² s (t in centuries from 1820), scaled to meet the table.
///
/// The spline was fitted with a lunar tidal acceleration of −25.85″/cy²; no tidal correction is applied.
///
/// References: F. R. Stephenson, L. V. Morrison, C. Y. Hohenkerk, "Measurement of the Earth's rotation:
/// 720 BC to AD 2015", Proc. R. Soc. A 472 (2016) 20160404; L. V. Morrison, F. R. Stephenson,
/// C. Y. Hohenkerk, M. Zawilski, "Addendum 2020 to 'Measurement of the Earth's rotation: 720 BC to
/// AD 2015'", Proc. R. Soc. A 477 (2021) 20200776.
///
/// Valid range: the spline's span; beyond it the parabola is a rough guide (see `caveat`).
public struct SMHSplineDeltaT: DeltaTModel {
    /// One segment of the spline.
    public struct Segment: Sendable, Hashable {
        /// First year of the segment (Kᵢ).
        public let start: Double
        /// Year where the next segment starts (Kᵢ₊₁).
        public let end: Double
        /// Cubic coefficients in powers of t = (y − start)/(end − start), seconds.
        public let a0: Double, a1: Double, a2: Double, a3: Double

        /// A segment from its knots and coefficients.
        public init(start: Double, end: Double, a0: Double, a1: Double, a2: Double, a3: Double) {
            self.start = start
            self.end = end
            self.a0 = a0
            self.a1 = a1
            self.a2 = a2
            self.a3 = a3
        }

        func value(_ y: Double) -> Double {
            let t = (y - start) / (end - start)
            return a0 + t * (a1 + t * (a2 + t * a3))
        }
    }

    /// The long-term curve used outside the spline.
    public enum LongTerm: String, Sendable, Hashable {
        /// SMH 2016: ΔT = −320 + 32.5u², u = (y − 1825)/100.
        case parabola2016
        /// Morrison et al. 2021 (HMNAO): the integral of lod = 1.72u − 3.5 sin(2π(u + 0.75)/14) ms.
        case lod2020

        /// ΔT in seconds at decimal year y (before the continuity offset).
        public func seconds(_ y: Double) -> Double {
            let u = (y - 1825) / 100
            switch self {
            case .parabola2016:
                return -320 + 32.5 * u * u
            case .lod2020:
                // ∫ lod dt with lod in ms/day and t in centuries: × 36 525 days/cy × 10⁻³ s/ms.
                let daysPerCentury = 36_525.0 / 1000
                let period = 14.0
                return daysPerCentury * (1.72 / 2 * u * u
                    + 3.5 * period / (2 * .pi) * cos(2 * .pi * (u + 0.75) / period))
            }
        }
    }

    /// "SMH2016" or "SMH2020".
    public let name: String
    /// The spline segments, in order of date.
    public let segments: [Segment]
    /// The long-term curve used outside the spline.
    public let longTerm: LongTerm
    /// For each whole year from the first knot on, the last segment that starts at or before it: where the segment
    /// search of a date in that year begins (a table look-up instead of a binary search's unpredictable branches).
    private let segmentOfYear: [Int32]
    private let startOffset: Double
    private let endOffset: Double

    /// Creates the model from spline segments (contiguous, in date order, at least one) and the
    /// long-term curve to join at both ends.
    public init(name: String, segments: [Segment], longTerm: LongTerm = .parabola2016) {
        self.name = name
        self.segments = segments
        self.longTerm = longTerm
        if let first = segments.first, let last = segments.last {
            startOffset = first.value(first.start) - longTerm.seconds(first.start)
            endOffset = last.value(last.end) - longTerm.seconds(last.end)
            let base = first.start.rounded(.down)
            var table: [Int32] = []
            var i = 0
            var year = base
            while year < last.end, table.count < 1_000_000 {
                while i + 1 < segments.count && segments[i + 1].start <= year { i += 1 }
                table.append(Int32(i))
                year += 1
            }
            segmentOfYear = table
        } else {
            startOffset = 0
            endOffset = 0
            segmentOfYear = []
        }
    }

    /// The constant added to the long-term curve (before the spline, after it) for continuity.
    public var longTermOffsets: (before: Double, after: Double) { (startOffset, endOffset) }

    /// The 2020 update of the spline (default model), read once from `Catalogs/delta-t-smh2020.tsv`.
    public static func smh2020() throws -> SMHSplineDeltaT { try loaded2020.get() }

    /// The original 2016 spline, read once from `Catalogs/delta-t-smh2016.tsv`.
    public static func smh2016() throws -> SMHSplineDeltaT { try loaded2016.get() }

    private static let loaded2020: Result<SMHSplineDeltaT, SkyTimeError> = load("delta-t-smh2020.tsv", name: "SMH2020", longTerm: .lod2020)
    private static let loaded2016: Result<SMHSplineDeltaT, SkyTimeError> = load("delta-t-smh2016.tsv", name: "SMH2016", longTerm: .parabola2016)

    /// The long-term parabola of SMH 2016: −320 + 32.5u² s, u = (y − 1825)/100.
    public static func parabola(_ y: Double) -> Double { LongTerm.parabola2016.seconds(y) }

    static let sigma = SigmaCurve(
        years: [-2000, -1600, -900, -720, -700, -600, -500, -400, -300, -200, -100, 0, 100, 200, 300, 400,
                500, 700, 800, 900, 1000, 1620, 1660, 1670, 1680, 1730, 1770, 1800, 1802, 1805, 1809, 1831,
                1870, 2022, 2023, 2030, 2040, 2050, 2100, 2200, 2300, 2400, 2500],
        sigmas: [1080, 720, 360, 180, 170, 160, 150, 130, 120, 110, 100, 90, 80, 70, 60, 50,
                 40, 30, 25, 20, 15, 20, 15, 10, 5, 2, 1, 0.5, 0.4, 0.3, 0.2, 0.1,
                 0.05, 0.1, 1, 2, 4, 6, 10, 20, 30, 50, 100],
        epoch: 1825)

    /// ΔT and 1σ at decimal year y; a caveat outside the spline.
    public func estimate(decimalYear y: Double) -> DeltaTEstimate {
        let value = seconds(decimalYear: y), sigma = Self.sigma(y)
        if y.isFinite, let first = segments.first, y < first.start {
            return DeltaTEstimate(seconds: value, sigma: sigma, model: name,
                                  caveat: "before the \(name) spline (\(Int(first.start))): long-term extrapolation")
        }
        if y.isFinite, let last = segments.last, y >= last.end {
            return DeltaTEstimate(seconds: value, sigma: sigma, model: name,
                                  caveat: "after the \(name) spline (\(Int(last.end))): long-term extrapolation, a poor predictor")
        }
        return DeltaTEstimate(seconds: value, sigma: sigma, model: name)
    }

    /// ΔT alone (seconds) at decimal year y: `estimate(decimalYear:).seconds`, without the σ and the caveat.
    public func seconds(decimalYear y: Double) -> Double {
        guard let first = segments.first, let last = segments.last, y.isFinite else { return longTerm.seconds(y) }
        if y < first.start { return longTerm.seconds(y) + startOffset }
        if y >= last.end { return longTerm.seconds(y) + endOffset }
        // The last segment starting at or before y: from the one of y's whole year (the subtraction may round y up
        // to the next whole year, a hair before a knot), back or forward over the knots in between.
        let year = Int(y - first.start.rounded(.down))  // ≥ 0 here, so truncation is the floor
        var i = year < segmentOfYear.count ? Int(segmentOfYear[year]) : segments.count - 1
        while i > 0 && segments[i].start > y { i -= 1 }
        while i + 1 < segments.count && segments[i + 1].start <= y { i += 1 }
        return segments[i].value(y)
    }

    /// Reads a spline table: tab-separated `start_year end_year a0 a1 a2 a3`, `#` comments, one header line.
    public static func parse(tsv text: String, name: String, longTerm: LongTerm = .parabola2016,
                             file: String = "table") throws -> SMHSplineDeltaT {
        var segments: [Segment] = []
        var reader = TableReader(string: text, name: file, dialect: .tsv)
        while true {
            let record: TableRecord
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                throw SkyTimeError.deltaTTableUnreadable(file: file, reason: error.localizedDescription)
            }
            if record[0].hasPrefix("start_year") { continue }
            let fields = record.fields.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard fields.count == 6, fields[1] > fields[0] else {
                throw SkyTimeError.deltaTTableUnreadable(file: file, reason: "line \(record.line) is not six numbers with end > start")
            }
            if let previous = segments.last, previous.end != fields[0] {
                throw SkyTimeError.deltaTTableUnreadable(file: file, reason: "segments not contiguous at line \(record.line)")
            }
            segments.append(Segment(start: fields[0], end: fields[1], a0: fields[2], a1: fields[3], a2: fields[4], a3: fields[5]))
        }
        guard !segments.isEmpty else { throw SkyTimeError.deltaTTableUnreadable(file: file, reason: "no segments") }
        return SMHSplineDeltaT(name: name, segments: segments, longTerm: longTerm)
    }

    private static func load(_ file: String, name: String, longTerm: LongTerm) -> Result<SMHSplineDeltaT, SkyTimeError> {
        do {
            let url = try CatalogLocation.file(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            return .success(try parse(tsv: text, name: name, longTerm: longTerm, file: url.path))
        } catch let error as SkyTimeError {
            return .failure(error)
        } catch {
            return .failure(.deltaTTableUnreadable(file: file, reason: error.localizedDescription))
        }
    }
}
