import Ephemeris
import Foundation
import Sky
import SkyTime

private let degree = Double.pi / 180

/// The air and the observer of Schaefer's visibility model. Every parameter left nil takes the value Swiss
/// Ephemeris's `swe_heliacal_ut` gives it when called with zeros, so the two can be compared like with like.
///
/// - Notes: pressure and temperature default to the International Standard Atmosphere at the site's height
///   (1013.25 hPa × (1 − 0.0065 h/288)^5.255, 15 °C − 0.0065 h); relative humidity to 40 %; the extinction
///   coefficient is then computed from them (Schaefer 2000). An observer of 36 years ("an experienced sky watcher
///   in ancient times", Reijs), Snellen ratio 1 (normal acuity), both eyes, no optics.
public struct SchaeferConditions: Sendable, Hashable {
    /// How the aerosol part of the extinction is fixed.
    public enum Extinction: Sendable, Hashable {
        /// From humidity, temperature, height, latitude and season (Schaefer 2000, p. 128).
        case fromWeather
        /// From a meteorological range in km (Koschmieder: β = 3.912 / range), ≥ 1 km.
        case meteorologicalRange(Double)
        /// A total zenith extinction coefficient k (mag per airmass, 0 < k < 1); aerosol = k − Rayleigh − ozone − water.
        case coefficient(Double)
    }

    /// Air pressure at the site (hPa); nil: the standard atmosphere at the site's height.
    public var pressure: Double?
    /// Air temperature (°C); nil: the standard atmosphere at the site's height.
    public var temperature: Double?
    /// Relative humidity (%).
    public var relativeHumidity: Double
    /// The extinction's aerosol term.
    public var extinction: Extinction
    /// Observer's age in years (pupil size, Garstang 2000).
    public var age: Double
    /// Snellen ratio of the observer's acuity (1 normal, 2 exceptional, 0.5 poor).
    public var snellenRatio: Double
    /// Both eyes (true) or one.
    public var binocular: Bool
    /// Whether the Moon's light brightens the sky (Swiss Ephemeris includes it).
    public var includesMoon: Bool

    /// Conditions; every default is Swiss Ephemeris's.
    public init(pressure: Double? = nil, temperature: Double? = nil, relativeHumidity: Double = 40,
                extinction: Extinction = .fromWeather, age: Double = 36, snellenRatio: Double = 1,
                binocular: Bool = true, includesMoon: Bool = true) {
        self.pressure = pressure
        self.temperature = temperature
        self.relativeHumidity = relativeHumidity
        self.extinction = extinction
        self.age = age
        self.snellenRatio = snellenRatio
        self.binocular = binocular
        self.includesMoon = includesMoon
    }

    /// Throws `EventError.outOfRange` for values outside the model's range.
    public func validate() throws {
        func check(_ ok: Bool, _ what: String, _ value: Double, _ allowed: String) throws {
            if !ok || !value.isFinite { throw EventError.outOfRange(what, value: value, allowed: allowed) }
        }
        if let p = pressure { try check(p > 0 && p < 1100, "pressure (--pressure, hPa)", p, "0…1100") }
        if let t = temperature { try check(t > -80 && t < 60, "temperature (--temperature, °C)", t, "−80…60") }
        try check(relativeHumidity > 0 && relativeHumidity < 100, "relative humidity (--humidity, %)", relativeHumidity, "above 0 and below 100")
        switch extinction {
        case .fromWeather: break
        case .meteorologicalRange(let km): try check(km >= 1, "meteorological range (--visual-range, km)", km, "1 km or more")
        case .coefficient(let k): try check(k > 0 && k < 1, "extinction coefficient (--extinction, mag/airmass)", k, "above 0 and below 1")
        }
        try check(age > 0 && age < 120, "observer's age (--age, years)", age, "0…120")
        try check(snellenRatio > 0 && snellenRatio <= 4, "Snellen ratio (--snellen)", snellenRatio, "above 0, at most 4")
    }

    /// The pressure used at a site height (m).
    public func resolvedPressure(heightMeters h: Double) -> Double { pressure ?? 1013.25 * pow(1 - 0.0065 * h / 288, 5.255) }
    /// The temperature used at a site height (m).
    public func resolvedTemperature(heightMeters h: Double) -> Double { temperature ?? 15 - 0.0065 * h }

    /// The parameters as a citable phrase; with a height, the standard-atmosphere values it gives.
    public func summary(heightMeters h: Double? = nil) -> String {
        let p = pressure.map { String(format: "%.1f hPa", $0) }
            ?? h.map { String(format: "%.1f hPa (ISA)", resolvedPressure(heightMeters: $0)) } ?? "ISA pressure"
        let t = temperature.map { String(format: "%.1f °C", $0) }
            ?? h.map { String(format: "%.1f °C (ISA)", resolvedTemperature(heightMeters: $0)) } ?? "ISA temperature"
        let k = switch extinction {
        case .fromWeather: "k from weather"
        case .meteorologicalRange(let km): String(format: "meteorological range %g km", km)
        case .coefficient(let k): String(format: "k %.3f", k)
        }
        let sight = String(format: "age %g, Snellen %g, %@", age, snellenRatio, binocular ? "binocular" : "monocular")
        return "\(p), \(t), RH \(String(format: "%g", relativeHumidity)) %, \(k), \(sight)\(includesMoon ? "" : ", no Moon")"
    }
}

/// Where the object, the Sun and the Moon stand when a sighting is judged (degrees; true topocentric altitudes,
/// azimuths from north through east).
public struct VisibilityGeometry: Sendable, Hashable {
    /// The Moon's place and its phase angle (0° full, 180° new), degrees.
    public struct MoonPlace: Sendable, Hashable {
        public var altitude: Double
        public var azimuth: Double
        public var phaseAngle: Double

        public init(altitude: Double, azimuth: Double, phaseAngle: Double) {
            self.altitude = altitude
            self.azimuth = azimuth
            self.phaseAngle = phaseAngle
        }
    }

    /// The object's true altitude (the airmass uses the refracted one).
    public var objectAltitude: Double
    /// The object's azimuth.
    public var objectAzimuth: Double
    /// The Sun's true altitude.
    public var sunAltitude: Double
    /// The Sun's azimuth.
    public var sunAzimuth: Double
    /// The Sun's right ascension (degrees): the season, in the ozone and aerosol terms.
    public var sunRightAscension: Double
    /// The Moon; nil leaves moonlight out.
    public var moon: MoonPlace?
    /// Decimal year, for the solar-cycle term of the night sky.
    public var year: Double

    public init(objectAltitude: Double, objectAzimuth: Double, sunAltitude: Double, sunAzimuth: Double,
                sunRightAscension: Double, moon: MoonPlace? = nil, year: Double) {
        self.objectAltitude = objectAltitude
        self.objectAzimuth = objectAzimuth
        self.sunAltitude = sunAltitude
        self.sunAzimuth = sunAzimuth
        self.sunRightAscension = sunRightAscension
        self.moon = moon
        self.year = year
    }
}

/// What the model says about a point source at one moment.
public struct SchaeferVerdict: Sendable, Hashable {
    /// Sky brightness behind the object (nanolamberts).
    public let skyBrightness: Double
    /// Extinction of the object's light (magnitudes), Rayleigh + aerosol + ozone + water through their layers.
    public let extinction: Double
    /// Faintest magnitude (outside the atmosphere) a point source can have and be seen there, extinction and the
    /// observer's eyes included.
    public let limitingMagnitude: Double
    /// Whether the eye works in night (rod, scotopic) vision at that sky brightness.
    public let scotopic: Bool
}

/// Schaefer's physical model of naked-eye visibility of a point source in a bright sky: extinction through
/// Rayleigh, aerosol, ozone and water-vapour layers; sky brightness from the night sky (with the solar cycle),
/// twilight, daylight and moonlight; Hecht's threshold with Schaefer's corrections for pupil size and age,
/// acuity, one or two eyes, and colour.
///
/// - Given: conditions, site latitude and height (m).
/// - Returns: `verdict(_:)`: sky brightness, extinction and the limiting magnitude at a geometry. An object of
///   magnitude m is seen when m ≤ limiting magnitude.
/// - Notes: the constants and scale heights (Rayleigh 8515 m, aerosol 3745 m, water 3000 m, ozone layer
///   20 km) are those Reijs chose for ARCHAEOCOSMO and Swiss Ephemeris's heliacal functions took over, so the two
///   agree; the sky formulas are Schaefer's (1993, 1998 BASIC program as printed in Sky & Telescope, 2000).
///   Twilight is used with the Sun below −3°, daylight above +4°, the smaller of the two between. The night
///   sky is 1.0 × 10⁻¹³ erg (≈ 98 nL at the zenith) modulated ±30 % by an 11.1-year cycle in phase with 1990.33;
///   before the telescopic era the phase is a convention, not a datum (±0.3 mag only in a dark sky).
/// - References: Schaefer, B. E. 1990, PASP 102, 212; 1993, Vistas in Astronomy 36, 311 ("Astronomy and the
///   limits of vision"); 1998, Sky & Telescope 95(5), 57; 2000, Archaeoastronomy XV, 121 (pp. 128–129);
///   Garstang, R. H. 2000 (pupil size with age); Reijs, V. ARCHAEOCOSMO, as in Swiss Ephemeris swehel.c.
/// - Valid range: naked eye, Sun below a few degrees; latitudes within ±60°.
public struct SchaeferModel: Sendable {
    /// The air and the observer.
    public let conditions: SchaeferConditions
    /// The site's latitude (degrees): the ozone and aerosol terms.
    public let latitude: Double
    /// The site's height (m): every layer thins with it.
    public let heightMeters: Double
    let pressure: Double
    let temperature: Double

    /// The model for conditions at a site (latitude in degrees, height in metres).
    public init(conditions: SchaeferConditions, latitudeDegrees: Double, heightMeters: Double) {
        self.conditions = conditions
        latitude = latitudeDegrees
        self.heightMeters = heightMeters
        pressure = conditions.resolvedPressure(heightMeters: heightMeters)
        temperature = conditions.resolvedTemperature(heightMeters: heightMeters)
    }

    static let rayleighScale = 8515.0, aerosolScale = 3745.0, waterScale = 3000.0, ozoneScale = 20_000.0
    static let earthRadius = 6_378_136.6
    /// ln(10^0.4): magnitudes to optical depth.
    static let magToTau = 0.4 * log(10.0)
    static let ergToNanolambert = 1 / 1.02e-15

    /// The eye's effective wavelength shifts from 0.55 µm to 0.51 µm as the Sun goes from −12° to −18°
    /// (photopic to scotopic; Schaefer 1993, p. 343): the factor (λ/0.55) for the coefficients.
    func wavelengthRatio(sunAltitude: Double) -> Double {
        let dark = min(6, max(0, -sunAltitude - 12))
        return (0.55 - 0.04 * dark / 6) / 0.55
    }

    /// Zenith extinction coefficients (mag per airmass): Rayleigh, aerosol, ozone, water vapour.
    public func coefficients(sunAltitude: Double, sunRightAscension: Double) -> (rayleigh: Double, aerosol: Double, ozone: Double, water: Double) {
        let h = heightMeters
        let lambda = wavelengthRatio(sunAltitude: sunAltitude)
        let rayleigh = 0.1066 * exp(-h / Self.rayleighScale) * pow(lambda, -4)
        let water = 0.031 * 0.94 * (conditions.relativeHumidity / 100) * exp(temperature / 15) * exp(-h / Self.waterScale)
        let lat = latitude * degree, ra = sunRightAscension * degree
        // The ozone the eye sees falls to 30 % of its daytime value as vision becomes scotopic.
        let ozone = 0.031 * (3 + 0.4 * (lat * cos(ra) - cos(3 * lat))) / 3
            * (100 - 11.6 * min(6, max(0, -sunAltitude - 12))) / 100
        var aerosol: Double
        switch conditions.extinction {
        case .fromWeather:
            aerosol = 0.1 * exp(-h / Self.aerosolScale) * pow(1 - 0.32 / log(conditions.relativeHumidity / 100), 1.33)
                * (1 + 0.33 * (latitude < 0 ? -1 : 1) * sin(ra)) * pow(lambda, -1.3)
        case .meteorologicalRange(let km):
            let beta = 3.912 / km - (water / Self.waterScale + rayleigh / Self.rayleighScale) * 1000 * Self.magToTau
            aerosol = beta * Self.aerosolScale / 1000 / Self.magToTau
        case .coefficient(let k):
            aerosol = k - water - rayleigh - ozone
        }
        aerosol = max(0, aerosol)
        return (rayleigh, aerosol, ozone, water)
    }

    /// Total zenith extinction coefficient (mag per airmass).
    public func zenithExtinction(sunAltitude: Double, sunRightAscension: Double) -> Double {
        let c = coefficients(sunAltitude: sunAltitude, sunRightAscension: sunRightAscension)
        return c.rayleigh + c.aerosol + c.ozone + c.water
    }

    /// Apparent (refracted) altitude of a true altitude, degrees, with the site's air.
    func apparentAltitude(_ trueAltitude: Double) -> Double {
        guard trueAltitude > -2 else { return trueAltitude }
        let air = Atmosphere(pressure: pressure, temperature: temperature)
        // Saemundsson's formula takes the true altitude; one fixed-point step is ample here.
        return trueAltitude + air.refraction(trueAltitude: .degrees(trueAltitude)).degrees
    }

    /// Extinction (magnitudes) of light from a true altitude: each constituent through its own layer
    /// (Schaefer 2000: exponential layers for Rayleigh, aerosol and water, a thin shell at 20 km for ozone).
    public func extinction(altitude: Double, sunAltitude: Double, sunRightAscension: Double) -> Double {
        let z = min(90, 90 - apparentAltitude(altitude)) * degree
        let c = coefficients(sunAltitude: sunAltitude, sunRightAscension: sunRightAscension)
        let p = pressure / 1013
        func exponential(_ scale: Double) -> Double {
            let s = (scale / 1000).squareRoot()
            return p / (cos(z) + 0.01 * s * exp(-30 / s * cos(z)))
        }
        let shell = sin(z) / (1 + Self.ozoneScale / Self.earthRadius)
        return c.rayleigh * exponential(Self.rayleighScale) + c.aerosol * exponential(Self.aerosolScale)
            + c.ozone * p / (1 - shell * shell).squareRoot() + c.water * exponential(Self.waterScale)
    }

    /// Sky brightness (nL) at the object's place, and the object's extinction (mag).
    public func skyBrightness(_ g: VisibilityGeometry) -> (brightness: Double, extinction: Double) {
        let kX = extinction(altitude: g.objectAltitude, sunAltitude: g.sunAltitude, sunRightAscension: g.sunRightAscension)
        let veil = 1 - pow(10, -0.4 * kX)  // the fraction of the column's light scattered toward the eye
        let sunMinusRef = -26.74 - -11.05
        let rs = max(1e-3, separation(g.objectAltitude, g.objectAzimuth, g.sunAltitude, g.sunAzimuth))
        func twilight() -> Double {
            let k = zenithExtinction(sunAltitude: g.sunAltitude, sunRightAscension: g.sunRightAscension)
            let zenithDistance = 90 - apparentAltitude(g.objectAltitude)
            return pow(10, -0.4 * (sunMinusRef + 32.5 - g.sunAltitude - zenithDistance / (360 * k))) * (100 / rs) * veil
        }
        // Scattering by a disk at angular distance r (degrees): Mie (r⁻², forward lobe) plus Rayleigh (1 + cos² r).
        func scattering(_ r: Double) -> Double {
            6.2e7 / (r * r) + pow(10, 6.15 - r / 40) + pow(10, 5.36) * (1.06 + pow(cos(r * degree), 2))
        }
        func daylight() -> Double {
            let sunColumn = pow(10, -0.4 * extinction(altitude: g.sunAltitude, sunAltitude: g.sunAltitude, sunRightAscension: g.sunRightAscension))
            return (scattering(rs) * sunColumn + 440_000 * (1 - sunColumn)) * pow(10, -0.4 * (sunMinusRef + 43.27)) * veil
        }
        var b: Double
        if g.sunAltitude < -3 { b = twilight() } else if g.sunAltitude > 4 { b = daylight() } else { b = min(daylight(), twilight()) }
        b = max(0, b) * Self.ergToNanolambert
        if b < 2e8, let moon = g.moon, moon.altitude > -0.26 {
            let rm = max(0.25, separation(g.objectAltitude, g.objectAzimuth, moon.altitude, moon.azimuth))
            let moonColumn = pow(10, -0.4 * extinction(altitude: moon.altitude, sunAltitude: g.sunAltitude, sunRightAscension: g.sunRightAscension))
            // Schaefer's lunar V magnitude at mean distance: −12.73 + 0.026|φ| + 4×10⁻⁹ φ⁴.
            let moonMagnitude = -12.73 + 0.026 * abs(moon.phaseAngle) + 4e-9 * pow(moon.phaseAngle, 4)
            let bm = (scattering(rm) * moonColumn + 440_000 * (1 - moonColumn)) * pow(10, -0.4 * (moonMagnitude - -11.05 + 43.27)) * veil
            b += max(0, bm) * Self.ergToNanolambert
        }
        if b < 5000 {
            let z = (90 - max(10, apparentAltitude(g.objectAltitude))) * degree
            let cycle = 1 + 0.3 * cos(2 * .pi * (g.year - 1990.33) / 11.1)
            let night = 1e-13 * cycle * (0.4 + 0.6 / (1 - 0.96 * pow(sin(z), 2)).squareRoot()) * pow(10, -0.4 * kX)
            b += max(0, night) * Self.ergToNanolambert
        }
        return (b, kX)
    }

    /// Pupil diameter (mm) at a sky brightness (nL) for an age (Garstang 2000).
    static func pupil(age: Double, brightness: Double) -> Double {
        10 * (0.534 - 0.00211 * age - (0.236 - 0.00127 * age) * tanh(0.4 * log10(brightness) - 2.2))
    }

    /// The model's verdict at a geometry: sky brightness, extinction, and the limiting magnitude of a point source.
    public func verdict(_ g: VisibilityGeometry) -> SchaeferVerdict {
        let (sky, kX) = skyBrightness(g)
        // Night (rod) vision below 1645 nL, where Swiss Ephemeris switches so that the threshold is continuous.
        let scotopic = sky < 1645
        let eyes = conditions.binocular ? 1 : 1.41
        // A pupil smaller than the standard 23-year-old's admits less light.
        let standardPupil = Self.pupil(age: 23, brightness: sky)
        let age = max(1, pow(standardPupil / Self.pupil(age: conditions.age, brightness: sky), 2))
        let acuity = 1 / pow(max(1e-8, conditions.snellenRatio), 2)
        let (c1, c2, extinctionFactor, objectColour, skyColour): (Double, Double, Double, Double, Double) = scotopic
            ? (pow(10, -9.8), pow(10, -1.9), pow(10, 0.48 * kX), pow(10, -0.4 * (1 - 0.5 / 2)), pow(10, -0.4 * (1 - 0.7 / 2)))
            : (pow(10, -8.35), pow(10, -5.9), pow(10, 0.4 * kX), 1, 1)
        let background = sky * eyes * age * skyColour
        let threshold = c1 * pow(1 + (c2 * background).squareRoot(), 2) * eyes * extinctionFactor * age * acuity * objectColour
        return SchaeferVerdict(skyBrightness: sky, extinction: kX, limitingMagnitude: -16.57 - 2.5 * log10(threshold), scotopic: scotopic)
    }

    private func separation(_ alt1: Double, _ az1: Double, _ alt2: Double, _ az2: Double) -> Double {
        let a = sin((alt2 - alt1) * degree / 2), b = sin((az2 - az1) * degree / 2)
        let h = a * a + cos(alt1 * degree) * cos(alt2 * degree) * b * b
        return 2 * asin(min(1, h.squareRoot())) / degree
    }
}

/// V magnitude of a planet from its distances and phase angle (Mallama & Hilton 2018, Astronomy and Computing 25,
/// 10; Saturn without its rings' term), nil for other bodies.
public func planetMagnitude(_ body: Body, sunDistance r: Double, earthDistance delta: Double, phaseAngle a: Double) -> Double? {
    let d = 5 * log10(r * delta)
    switch body {
    case .mercury:
        return -0.613 + d + 6.3280e-2 * a - 1.6336e-3 * a * a + 3.3644e-5 * pow(a, 3) - 3.4265e-7 * pow(a, 4)
            + 1.6893e-9 * pow(a, 5) - 3.0334e-12 * pow(a, 6)
    case .venus:
        if a < 163.7 { return -4.384 + d - 1.044e-3 * a + 3.687e-4 * a * a - 2.814e-6 * pow(a, 3) + 8.938e-9 * pow(a, 4) }
        return 236.05828 + d - 2.81914 * a + 8.39034e-3 * a * a
    case .mars: return -1.601 + d + 2.267e-2 * a - 1.302e-4 * a * a
    case .jupiter: return -9.395 + d - 3.7e-4 * a + 6.16e-4 * a * a
    case .saturn: return -8.914 + d + 2.6e-2 * a
    case .uranus: return -7.110 + d + 6.587e-3 * a + 1.045e-4 * a * a
    case .neptune: return -7.00 + d
    default: return nil
    }
}

/// Judges, moment by moment, whether an object is seen in the twilight of one day under Schaefer's model.
struct SightingJudge {
    struct Sample {
        let instant: Instant
        /// Limiting magnitude minus the object's magnitude: seen when ≥ 0.
        let margin: Double
        let magnitude: Double
        let verdict: SchaeferVerdict
        let objectAltitude: Double
        let sunAltitude: Double
    }

    /// A sample, or why there is none.
    enum Look {
        case sample(Sample)
        case objectDown
        case sunUp
    }

    /// What the day's window held.
    struct Day {
        var best: Sample?
        var start: Instant?
        var end: Instant?
        var seen: Bool { (best?.margin ?? -1) >= 0 }
    }

    let tracker: Tracker
    let model: SchaeferModel
    let body: Body?
    let fixedMagnitude: Double?
    let includesMoon: Bool
    /// A fixed ΔT (s) for every look, to judge a day again under another ΔT; nil uses the model's.
    var deltaTSeconds: Double?
    /// Sampling step through the window (3 minutes): the best moment is then refined.
    static let step = 3.0 / 1440
    /// The Sun's centre at sunrise or sunset (upper limb on the horizon, 34′ refraction, 16′ semidiameter).
    static let sunriseAltitude = -50.0 / 60

    init(view: SkyView, target: TrackedTarget, site: Site, model: SchaeferModel, fixedMagnitude: Double?) {
        tracker = Tracker(view: view, targets: [target, TrackedTarget(label: "Sun", target: .body(.sun)),
                                                TrackedTarget(label: "Moon", target: .body(.moon))], site: site)
        self.model = model
        body = target.body
        self.fixedMagnitude = fixedMagnitude
        includesMoon = model.conditions.includesMoon
    }

    func look(at instant: Instant) throws -> Look {
        let p = try tracker.topocentric(at: instant, deltaTSeconds: deltaTSeconds, atmosphere: Atmosphere.none)
        let (o, s, m) = (p[0], p[1], p[2])
        guard s.altitude.degrees < Self.sunriseAltitude else { return .sunUp }
        guard o.altitude.degrees >= 0 else { return .objectDown }
        let magnitude: Double
        if let fixedMagnitude {
            magnitude = fixedMagnitude
        } else if let body, let delta = o.distance, let earthSun = s.distance {
            let elongation = angularDistance(o, s)
            let r = (earthSun * earthSun + delta * delta - 2 * earthSun * delta * cos(elongation * degree)).squareRoot()
            let phase = acos(max(-1, min(1, (r * r + delta * delta - earthSun * earthSun) / (2 * r * delta)))) / degree
            magnitude = planetMagnitude(body, sunDistance: r, earthDistance: delta, phaseAngle: phase) ?? .infinity
        } else {
            magnitude = .infinity
        }
        let year = 2000 + (instant.jdTT - 2_451_544.5) / 365.2425
        let geometry = VisibilityGeometry(
            objectAltitude: o.altitude.degrees, objectAzimuth: o.azimuth.degrees, sunAltitude: s.altitude.degrees,
            sunAzimuth: s.azimuth.degrees, sunRightAscension: s.rightAscension.degrees,
            moon: includesMoon ? .init(altitude: m.altitude.degrees, azimuth: m.azimuth.degrees, phaseAngle: 180 - angularDistance(m, s)) : nil,
            year: year)
        let verdict = model.verdict(geometry)
        return .sample(Sample(instant: instant, margin: verdict.limitingMagnitude - magnitude, magnitude: magnitude,
                              verdict: verdict, objectAltitude: o.altitude.degrees, sunAltitude: s.altitude.degrees))
    }

    private func angularDistance(_ a: TopocentricPlace, _ b: TopocentricPlace) -> Double {
        let u = unit(ra: a.rightAscension.radians, dec: a.declination.radians)
        let v = unit(ra: b.rightAscension.radians, dec: b.declination.radians)
        return angle(fromHalfChordSquared: halfChordSquared(u, v)) / degree
    }

    /// The window from the object's horizon crossing toward sunrise (`direction` +1, a morning rising) or back
    /// toward sunset (−1, an evening setting). With `detailed` false it stops at the first moment seen.
    ///
    /// `hint`, the offset (days) from the crossing at which yesterday's sighting was made, is tried first: from
    /// one day to the next the geometry moves by minutes, so on the many days an object is plainly seen one look
    /// decides.
    func judge(from crossing: Instant, direction: Double, detailed: Bool, hint: Double? = nil) throws -> Day {
        if !detailed, let hint, case .sample(let s) = try look(at: crossing.adding(days: hint)), s.margin >= 0 {
            return Day(best: s)
        }
        var samples: [Sample] = []
        var t = crossing
        for _ in 0..<480 {
            switch try look(at: t) {
            case .sunUp:
                return try finish(samples, direction: direction, detailed: detailed)
            case .objectDown:
                // Before the true rising (or after the true setting) the object has not cleared the horizon yet.
                if !samples.isEmpty { return try finish(samples, direction: direction, detailed: detailed) }
            case .sample(let s):
                samples.append(s)
                if !detailed && s.margin >= 0 { return Day(best: s) }
            }
            t = t.adding(days: direction * Self.step)
        }
        return try finish(samples, direction: direction, detailed: detailed)
    }

    private func margin(_ t: Instant) throws -> Sample? {
        if case .sample(let s) = try look(at: t) { return s }
        return nil
    }

    private func finish(_ samples: [Sample], direction: Double, detailed: Bool) throws -> Day {
        guard let bestIndex = samples.indices.max(by: { samples[$0].margin < samples[$1].margin }) else { return Day() }
        // Golden-section search for the best moment between the neighbouring samples: a window shorter than the
        // step is not missed.
        var best = samples[bestIndex]
        var a = best.instant.adding(days: -Self.step), b = best.instant.adding(days: Self.step)
        let g = (5.0.squareRoot() - 1) / 2
        var x1 = a.adding(days: (1 - g) * b.days(since: a)), x2 = a.adding(days: g * b.days(since: a))
        var f1 = try margin(x1), f2 = try margin(x2)
        for _ in 0..<14 {
            if (f1?.margin ?? -.infinity) >= (f2?.margin ?? -.infinity) {
                b = x2; x2 = x1; f2 = f1
                x1 = a.adding(days: (1 - g) * b.days(since: a)); f1 = try margin(x1)
            } else {
                a = x1; x1 = x2; f1 = f2
                x2 = a.adding(days: g * b.days(since: a)); f2 = try margin(x2)
            }
        }
        for candidate in [f1, f2] { if let c = candidate, c.margin > best.margin { best = c } }
        var day = Day(best: best)
        guard detailed, best.margin >= 0 else { return day }
        // The moments the margin crosses zero on either side of the best, by bisection from the samples.
        let ordered = (samples + [best]).sorted { $0.instant.jdTT < $1.instant.jdTT }
        let bi = ordered.firstIndex { $0.instant == best.instant }!
        func edge(_ range: [Sample], towardEarlier: Bool) throws -> Instant {
            guard let outside = range.first(where: { $0.margin < 0 }) else {
                return (towardEarlier ? ordered.first : ordered.last)!.instant
            }
            var lo = outside.instant, hi = best.instant
            if let inside = range.last(where: { $0.margin >= 0 && (towardEarlier ? $0.instant.jdTT > outside.instant.jdTT : $0.instant.jdTT < outside.instant.jdTT) }) {
                hi = inside.instant
            }
            for _ in 0..<12 {
                let mid = lo.adding(days: hi.days(since: lo) / 2)
                if (try margin(mid)?.margin ?? -1) >= 0 { hi = mid } else { lo = mid }
            }
            return hi
        }
        day.start = try edge(Array(ordered[..<bi].reversed()), towardEarlier: true)
        day.end = try edge(Array(ordered[(bi + 1)...]), towardEarlier: false)
        return day
    }
}

extension SkyView {
    /// Heliacal phases under Schaefer's model (the `.schaefer` case of `heliacalEvents`): on each day the object
    /// rises before the Sun (or sets after it), its window from the horizon to sunrise (sunset to its setting) is
    /// sampled every 3 minutes and the best moment refined; the day is "seen" when at some moment the limiting
    /// magnitude reaches the object's magnitude. The event's time is the start of that day's visibility.
    func schaeferHeliacalEvents(of object: SkyObject, target: TrackedTarget, at site: Site, in span: TimeSpan,
                                conditions: SchaeferConditions, criterion: VisibilityCriterion,
                                deltaT fixedDeltaT: DeltaTEstimate? = nil) throws -> EventSequence<SkyEvent> {
        try conditions.validate()
        if let body = target.body, planetMagnitude(body, sunDistance: 1, earthDistance: 1, phaseAngle: 0) == nil {
            throw EventError.noMagnitude(object.label)
        }
        let fixedMagnitude: Double? = switch object {
        case .star(let s): s.v
        case .group(let g): g.members.map(\.v).min()
        case .body: nil
        }
        let model = SchaeferModel(conditions: conditions, latitudeDegrees: site.latitude.degrees, heightMeters: site.heightMeters)
        var judge = SightingJudge(view: self, target: target, site: site, model: model, fixedMagnitude: fixedMagnitude)
        judge.deltaTSeconds = fixedDeltaT?.seconds
        var crossings = try risingsAndSettings(of: object, at: site, in: span, crossing: HorizonCrossing(point: .centre),
                                               deltaT: fixedDeltaT, judgeVisibility: false)
        var morningSeries = HeliacalSeries(), eveningSeries = HeliacalSeries()
        var pending: [SkyEvent] = []
        var finished = false
        let label = object.label
        let name = criterion.name + "; " + conditions.summary(heightMeters: site.heightMeters)
        func event(_ phase: HeliacalPhase, on day: SkyEvent) throws -> SkyEvent? {
            let details = try judge.judge(from: day.time.instant, direction: day.kind == .rise ? 1 : -1, detailed: true)
            guard let best = details.best else { return nil }
            let start = details.start ?? best.instant
            let minutes = (details.end ?? best.instant).days(since: start) * 1440
            let text = String(format: "%@ (%@; seen for %.0f min; best with the Sun %.1f° below the horizon, altitude %.1f°, V %.2f, limiting magnitude %.2f (extinction %.2f mag, sky %.3g nL%@))",
                              phase.rawValue, name, minutes, -best.sunAltitude, best.objectAltitude, best.magnitude,
                              best.verdict.limitingMagnitude, best.verdict.extinction, best.verdict.skyBrightness,
                              best.verdict.scotopic ? ", scotopic" : ", photopic")
            var e = SkyEvent(kind: day.kind, time: EventTime(instant: start, deltaT: fixedDeltaT ?? deltaT(at: start),
                                                             utSigmaSeconds: day.time.utSigmaSeconds),
                             objects: [label], detail: text, degrees: -best.sunAltitude, site: site)
            e.visible = true
            if fixedDeltaT == nil { e.visibleDeltaT = try schaeferDateRange(judge: judge, phase: phase, day: day) }
            return e
        }
        return EventSequence {
            // An event is released once no later day can still add an earlier one (a "last" waits for its gap).
            func ready(before jd: Double) -> Bool {
                guard let first = pending.first else { return false }
                return finished || first.time.jdTT < jd - HeliacalSeries.gapDays - 2
            }
            var now = -Double.infinity
            while !ready(before: now), !finished {
                guard let c = try crossings.nextEvent() else {
                    finished = true
                    for (series, phase) in [(morningSeries, HeliacalPhase.morningLast), (eveningSeries, .eveningLast)] {
                        if let last = series.pendingLast, let e = try event(phase, on: last) { pending.append(e) }
                    }
                    break
                }
                now = c.time.jdTT
                let morning = c.kind == .rise
                guard morning || c.kind == .set else { continue }
                let sun = try judge.tracker.topocentric(at: c.time.instant, deltaTSeconds: judge.deltaTSeconds, atmosphere: Atmosphere.none)[1]
                // A rising with the Sun in the west (or a setting with it in the east) is not a heliacal window.
                guard (sun.azimuth.degrees < 180) == morning else { continue }
                var series = morning ? morningSeries : eveningSeries
                var offset: Double?
                if sun.altitude.degrees < SightingJudge.sunriseAltitude {
                    let hint = series.continues(at: now) ? series.lastSeen?.offset : nil
                    let day = try judge.judge(from: c.time.instant, direction: morning ? 1 : -1, detailed: false, hint: hint)
                    if day.seen, let best = day.best { offset = best.instant.days(since: c.time.instant) }
                }
                for (phase, day) in series.record(c, seen: offset != nil, offset: offset) {
                    let p: HeliacalPhase = switch (phase, morning) {
                    case (.first, true): .morningFirst
                    case (.first, false): .eveningFirst
                    case (.last, true): .morningLast
                    case (.last, false): .eveningLast
                    }
                    if let e = try event(p, on: day) { pending.append(e) }
                }
                if morning { morningSeries = series } else { eveningSeries = series }
                pending.sort { $0.time.jdTT < $1.time.jdTT }
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }
    }
}

extension SkyView {
    /// The ΔT values (±5σ of the model's) for which a phase under Schaefer's model keeps its date: the day stays
    /// seen and the day before a "first" (after a "last") stays unseen, each window judged again with ΔT fixed at
    /// trial values and started at the same local time (moved with ΔT).
    ///
    /// Notes: with the local time held, a change of ΔT moves only the bodies against the horizon (the Sun by
    /// ΔT·1°/day, the Moon 13 times as fast), so a date moves only where ΔT's σ is hours, in deep antiquity; the
    /// trial values are one σ apart, each change bisected to 1 s.
    func schaeferDateRange(judge: SightingJudge, phase: HeliacalPhase, day: SkyEvent) throws -> [ClosedRange<Double>] {
        let dt = day.time.deltaT
        guard dt.sigma > 0 else { return [] }
        let direction = day.kind == .rise ? 1.0 : -1.0
        let first = phase == .morningFirst || phase == .eveningFirst
        // Started ten minutes outside the crossing: the judge skips the moments the object is still down.
        let seenStart = day.time.instant.adding(days: -direction * 10 / 1440)
        let unseenStart = seenStart.adding(days: first ? -1 : 1)
        return try verdictRanges(centre: dt, sigmaSpan: 5, samplesPerSigma: 1) { seconds in
            var trial = judge
            trial.deltaTSeconds = seconds
            let shift = (seconds - dt.seconds) / secondsPerDay
            return try trial.judge(from: seenStart.adding(days: shift), direction: direction, detailed: false).seen
                && !(try trial.judge(from: unseenStart.adding(days: shift), direction: direction, detailed: false).seen)
        }
    }
}

/// One day-to-day series of verdicts (mornings, or evenings) and the phases its changes make.
///
/// A phase needs the change to last: a gap of unseen days shorter than `gapDays` inside a visibility period (the
/// Moon near the object, most often) neither ends it nor begins a new one. Such a gap never lies between genuine
/// phases of one series, which are separated by a conjunction with the Sun.
struct HeliacalSeries {
    enum Change { case first, last }
    static let gapDays = 12.0

    var previousJD: Double?
    var previousSeen = false
    var lastSeen: (jd: Double, crossing: SkyEvent, offset: Double?)?
    /// The last day seen before the current unseen run, waiting for the run to reach `gapDays`.
    var pendingLast: SkyEvent?

    /// Whether a verdict at `jd` follows the previous one without a break (a day and a half).
    func continues(at jd: Double) -> Bool { previousJD.map { jd - $0 < 1.5 } ?? false }

    /// Records a day's verdict; returns the phases it completes, each with the day it falls on.
    mutating func record(_ crossing: SkyEvent, seen: Bool, offset: Double?) -> [(Change, SkyEvent)] {
        let jd = crossing.time.jdTT
        var changes: [(Change, SkyEvent)] = []
        if !continues(at: jd) {
            // The object left the twilight (it now rises or sets in full daylight or night): a series ends.
            if let last = pendingLast { changes.append((.last, last)) }
            self = HeliacalSeries()
        } else if seen && !previousSeen {
            if pendingLast != nil {
                pendingLast = nil
            } else if lastSeen.map({ jd - $0.jd >= Self.gapDays }) ?? true {
                changes.append((.first, crossing))
            }
        } else if !seen && previousSeen {
            pendingLast = lastSeen?.crossing
        }
        if !seen, let last = pendingLast, let seenJD = lastSeen?.jd, jd - seenJD >= Self.gapDays {
            changes.append((.last, last))
            pendingLast = nil
        }
        if seen { lastSeen = (jd, crossing, offset) }
        previousJD = jd
        previousSeen = seen
        return changes
    }
}
