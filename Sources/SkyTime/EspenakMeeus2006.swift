/// ΔT from the polynomial expressions of Espenak & Meeus (2006), used for NASA's *Five Millennium
/// Canon of Solar Eclipses: −1999 to +3000*.
///
/// Given a decimal year y, ΔT comes from the published piecewise polynomials: before −500 and after
/// 2150 the Morrison & Stephenson (2004) parabola −20 + 32u² (u = (y − 1820)/100); sixth-degree fits
/// to Morrison & Stephenson's Table 1 for −500…+500 and +500…+1600; lower-degree fits to the telescopic
/// record for 1600…2005; and the canon's extrapolations 2005…2050…2150.
///
/// Uncertainty (1σ): the standard errors of Morrison & Stephenson (2004) Table 1, as tabulated on the
/// NASA page (430 s at −500, 260 s at 0, 55 s at 1000, 20 s at 1600, 5 s at 1700, 1 s at 1800),
/// interpolated linearly; before −500, σ = 0.8u² s (same u), the rule of that paper, which meets the
/// table at −500; after 1850 the telescopic and atomic-era values are known to well under a second,
/// and beyond 2005 the prediction uncertainty of the HMNAO ΔT table is used (2 s in 2030, 10 s in 2100).
///
/// The polynomials assume a lunar tidal acceleration of −26″/cy²; no tidal correction is applied.
///
/// References: F. Espenak & J. Meeus, *Five Millennium Canon of Solar Eclipses*, NASA/TP-2006-214141
/// (2006), and NASA eclipse web site, "Polynomial expressions for Delta T"; L. V. Morrison &
/// F. R. Stephenson, "Historical values of the Earth's clock error ΔT and the calculation of
/// eclipses", J. Hist. Astron. 35 (2004) 327–336.
///
/// Valid range: −1999…+3000 (outside it, the parabola; see `caveat`).
public struct EspenakMeeus2006: DeltaTModel {
    /// "EM2006".
    public var name: String { "EM2006" }

    /// The model (it has no parameters).
    public init() {}

    static let sigma = SigmaCurve(
        years: [-500, -400, -300, -200, -100, 0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100,
                1200, 1300, 1600, 1700, 1750, 1800, 1850, 1900, 1955, 2005, 2030, 2040, 2050, 2100, 2200,
                2300, 2400, 2500],
        sigmas: [430, 390, 360, 330, 290, 260, 240, 210, 180, 160, 140, 120, 100, 80, 70, 55, 40,
                 30, 20, 20, 5, 2, 1, 0.5, 0.2, 0.1, 0.1, 2, 4, 6, 10, 20,
                 30, 50, 100],
        epoch: 1820)

    /// ΔT and 1σ at decimal year y, with a caveat outside −1999…+3000.
    public func estimate(decimalYear y: Double) -> DeltaTEstimate {
        let caveat: String? = (y < -1999 || y > 3000)
            ? "outside the Espenak–Meeus range −1999…+3000: long-term parabola" : nil
        return DeltaTEstimate(seconds: Self.seconds(y), sigma: Self.sigma(y), model: name, caveat: caveat)
    }

    /// ΔT in seconds at decimal year y (the published polynomials, evaluated by Horner's rule).
    public static func seconds(_ y: Double) -> Double {
        func horner(_ x: Double, _ c: [Double]) -> Double { c.reversed().reduce(0) { $0 * x + $1 } }
        let longTerm = { (y: Double) -> Double in
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        }
        switch y {
        case ..<(-500):
            return longTerm(y)
        case ..<500:
            return horner(y / 100, [10583.6, -1014.41, 33.78311, -5.952053, -0.1798452, 0.022174192, 0.0090316521])
        case ..<1600:
            return horner((y - 1000) / 100, [1574.2, -556.01, 71.23472, 0.319781, -0.8503463, -0.005050998, 0.0083572073])
        case ..<1700:
            let t = y - 1600
            return 120 - 0.9808 * t - 0.01532 * t * t + t * t * t / 7129
        case ..<1800:
            let t = y - 1700
            return horner(t, [8.83, 0.1603, -0.0059285, 0.00013336, -1 / 1_174_000])
        case ..<1860:
            return horner(y - 1800, [13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436, 0.0000121272,
                                     -0.0000001699, 0.000000000875])
        case ..<1900:
            return horner(y - 1860, [7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1 / 233_174])
        case ..<1920:
            return horner(y - 1900, [-2.79, 1.494119, -0.0598939, 0.0061966, -0.000197])
        case ..<1941:
            return horner(y - 1920, [21.20, 0.84493, -0.076100, 0.0020936])
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
        case ..<2005:
            return horner(y - 2000, [63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599])
        case ..<2050:
            return horner(y - 2000, [62.92, 0.32217, 0.005589])
        case ..<2150:
            return longTerm(y) - 0.5628 * (2150 - y)
        default:
            return longTerm(y)
        }
    }
}
