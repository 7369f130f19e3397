import Ephemeris
import Foundation
import SkyTime

/// A star of the Hipparcos new reduction (van Leeuwen 2007), as skyrecon's catalogue holds it.
///
/// Positions are ICRS at the catalogue epoch J1991.25 (TT); proper motions are μα* = μα cos δ and μδ in mas/yr.
/// Hipparcos gives no radial velocity: `radialVelocity` is nil unless the catalogue's small table of published
/// values (`Catalogs/star-radial-velocities.tsv`) or a caller supplies one (`withRadialVelocity(_:)`).
/// To carry the star to another epoch use the Ephemeris module's space motion (the `reduce` work: ERFA `pmsafe`
/// equivalent), feeding it these fields.
public struct Star: Sendable, Hashable {
    /// Julian epoch (TT) of `ra`, `dec`: J1991.25.
    public static let catalogEpochJulianYear = 1991.25
    /// The catalogue epoch as an instant (JD 2448349.0625 TT).
    public static let catalogEpoch = Instant(jdTT: 2_448_349.0625)

    /// Hipparcos number.
    public let hip: Int
    /// Right ascension, ICRS, epoch J1991.25.
    public let ra: Angle
    /// Declination, ICRS, epoch J1991.25.
    public let dec: Angle
    /// Parallax (mas).
    public let parallaxMas: Double
    /// Proper motion in right ascension times cos δ (mas/yr).
    public let pmRAcosDecMasPerYear: Double
    /// Proper motion in declination (mas/yr).
    public let pmDecMasPerYear: Double
    /// Standard errors of parallax and proper motions (mas, mas/yr).
    public let parallaxErrorMas: Double, pmRAErrorMasPerYear: Double, pmDecErrorMasPerYear: Double
    /// Hipparcos magnitude Hp.
    public let hp: Double
    /// B − V (Hipparcos); nil where Hipparcos gives none.
    public let bv: Double?
    /// Johnson V: from the Yale Bright Star Catalogue where the star is in it, else fitted from Hp (see `vSource`).
    public let v: Double
    /// Where `v` comes from.
    public let vSource: MagnitudeSource
    /// Bright Star Catalogue (HR) number, if any.
    public let hr: Int?
    /// Henry Draper (HD) number, if any.
    public let hd: Int?
    /// Bayer letter (3-letter Greek code or Latin letter, with component digit, e.g. `alf2`), if any.
    public let bayer: String?
    /// Flamsteed number, if any.
    public let flamsteed: Int?
    /// IAU constellation abbreviation of the Bayer/Flamsteed designation, if any.
    public let constellation: String?
    /// IAU (WGSN) proper name, if any.
    public let properName: String?
    /// Radial velocity (km/s, positive receding), if known.
    public let radialVelocityKmPerSecond: Double?

    /// Where a V magnitude comes from.
    public enum MagnitudeSource: Int, Sendable, Hashable, Codable {
        /// Yale Bright Star Catalogue, 5th ed. (Hoffleit & Warren 1991).
        case brightStarCatalogue = 1
        /// Fitted from Hipparcos Hp and B−V (Catalogs/README.md gives the formula and its rms).
        case fittedFromHp = 2
    }

    public init(hip: Int, ra: Angle, dec: Angle, parallaxMas: Double, pmRAcosDecMasPerYear: Double,
                pmDecMasPerYear: Double, parallaxErrorMas: Double = 0, pmRAErrorMasPerYear: Double = 0,
                pmDecErrorMasPerYear: Double = 0, hp: Double = .nan, bv: Double? = nil, v: Double = .nan,
                vSource: MagnitudeSource = .fittedFromHp, hr: Int? = nil, hd: Int? = nil, bayer: String? = nil,
                flamsteed: Int? = nil, constellation: String? = nil, properName: String? = nil,
                radialVelocityKmPerSecond: Double? = nil) {
        self.hip = hip
        self.ra = ra
        self.dec = dec
        self.parallaxMas = parallaxMas
        self.pmRAcosDecMasPerYear = pmRAcosDecMasPerYear
        self.pmDecMasPerYear = pmDecMasPerYear
        self.parallaxErrorMas = parallaxErrorMas
        self.pmRAErrorMasPerYear = pmRAErrorMasPerYear
        self.pmDecErrorMasPerYear = pmDecErrorMasPerYear
        self.hp = hp
        self.bv = bv
        self.v = v
        self.vSource = vSource
        self.hr = hr
        self.hd = hd
        self.bayer = bayer
        self.flamsteed = flamsteed
        self.constellation = constellation
        self.properName = properName
        self.radialVelocityKmPerSecond = radialVelocityKmPerSecond
    }

    /// The same star with a radial velocity (km/s), e.g. a user-supplied `rv_km_s`.
    public func withRadialVelocity(_ kmPerSecond: Double?) -> Star {
        Star(hip: hip, ra: ra, dec: dec, parallaxMas: parallaxMas, pmRAcosDecMasPerYear: pmRAcosDecMasPerYear,
             pmDecMasPerYear: pmDecMasPerYear, parallaxErrorMas: parallaxErrorMas,
             pmRAErrorMasPerYear: pmRAErrorMasPerYear, pmDecErrorMasPerYear: pmDecErrorMasPerYear, hp: hp, bv: bv,
             v: v, vSource: vSource, hr: hr, hd: hd, bayer: bayer, flamsteed: flamsteed,
             constellation: constellation, properName: properName, radialVelocityKmPerSecond: kmPerSecond)
    }

    /// The Bayer designation in Greek letters, e.g. `α Leo`, `α² Lib`; nil when the star has none.
    public var bayerDesignation: String? {
        guard let bayer, let constellation else { return nil }
        let letters = bayer.prefix { $0.isLetter }
        let digits = bayer.drop { $0.isLetter }
        let greek = GreekLetters.symbol(forCode: String(letters)) ?? String(letters)
        return greek + String(digits.compactMap { GreekLetters.superscript[$0] }) + " " + constellation
    }

    /// The Flamsteed designation, e.g. `32 Leo`.
    public var flamsteedDesignation: String? {
        guard let flamsteed, let constellation else { return nil }
        return "\(flamsteed) \(constellation)"
    }

    /// The best short label: proper name, else Bayer, Flamsteed, HR, then HIP.
    public var label: String {
        properName ?? bayerDesignation ?? flamsteedDesignation ?? hr.map { "HR \($0)" } ?? "HIP \(hip)"
    }

    /// The star as the Ephemeris module's space motion takes it (radial velocity 0 when unknown).
    public var catalogStar: CatalogStar {
        CatalogStar(name: "HIP \(hip)", rightAscension: ra, declination: dec, properMotionRA: pmRAcosDecMasPerYear,
                    properMotionDec: pmDecMasPerYear, parallax: parallaxMas,
                    radialVelocity: radialVelocityKmPerSecond ?? 0, epoch: Star.catalogEpoch)
    }

    /// Unit vector of the catalogue direction (ICRS, J1991.25).
    public var catalogDirection: SIMD3<Double> {
        SIMD3(cos(dec.radians) * cos(ra.radians), cos(dec.radians) * sin(ra.radians), sin(dec.radians))
    }
}

/// Greek letters as Bayer uses them, in three spellings: symbol (α), ASCII code (alf, as SIMBAD writes them) and
/// English name (alpha).
enum GreekLetters {
    static let table: [(symbol: String, code: String, name: String)] = [
        ("α", "alf", "alpha"), ("β", "bet", "beta"), ("γ", "gam", "gamma"), ("δ", "del", "delta"),
        ("ε", "eps", "epsilon"), ("ζ", "zet", "zeta"), ("η", "eta", "eta"), ("θ", "tet", "theta"),
        ("ι", "iot", "iota"), ("κ", "kap", "kappa"), ("λ", "lam", "lambda"), ("μ", "mu", "mu"),
        ("ν", "nu", "nu"), ("ξ", "ksi", "xi"), ("ο", "omi", "omicron"), ("π", "pi", "pi"),
        ("ρ", "rho", "rho"), ("σ", "sig", "sigma"), ("τ", "tau", "tau"), ("υ", "ups", "upsilon"),
        ("φ", "phi", "phi"), ("χ", "chi", "chi"), ("ψ", "psi", "psi"), ("ω", "ome", "omega"),
    ]
    static let superscript: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
    ]
    static func symbol(forCode code: String) -> String? { table.first { $0.code == code }?.symbol }

    /// Maps any spelling of a Greek letter (symbol, code, English name, common variants) to its code.
    static let codeForSpelling: [String: String] = {
        var map: [String: String] = [:]
        for entry in table {
            map[entry.symbol] = entry.code
            map[entry.code] = entry.code
            map[entry.name] = entry.code
        }
        for (variant, code) in [("alp", "alf"), ("the", "tet"), ("thet", "tet"), ("xi", "ksi"), ("ϑ", "tet"),
                                ("ς", "sig"), ("ϕ", "phi"), ("ome", "ome"), ("omega", "ome")] {
            map[variant] = code
        }
        return map
    }()
}
