#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SkyTime

/// A place on the Earth: geodetic longitude (east positive), latitude and height on the WGS84 ellipsoid.
public struct GeodeticSite: Sendable, Hashable {
    /// East longitude.
    public var longitude: Angle
    /// Geodetic latitude (north positive).
    public var latitude: Angle
    /// Height above the ellipsoid (m).
    public var height: Double

    /// A site from east longitude, geodetic latitude and height above the WGS84 ellipsoid (m).
    public init(longitude: Angle, latitude: Angle, height: Double = 0) {
        self.longitude = longitude
        self.latitude = latitude
        self.height = height
    }

    /// WGS84 equatorial radius (m).
    public static let wgs84EquatorialRadius = 6_378_137.0
    /// WGS84 flattening.
    public static let wgs84Flattening = 1 / 298.257223563

    /// Geocentric terrestrial position (m) of the site on the WGS84 ellipsoid.
    ///
    /// References: Explanatory Supplement (1992), Sect. 4.22, eq. 4.22-3; NIMA TR8350.2 (WGS84).
    public var geocentricPosition: SIMD3<Double> {
        let a = Self.wgs84EquatorialRadius, f = Self.wgs84Flattening
        let sp = sin(latitude.radians), cp = cos(latitude.radians)
        let w = (1 - f) * (1 - f)
        let ac = a / (cp * cp + w * sp * sp).squareRoot()
        let r = (ac + height) * cp
        return SIMD3(r * cos(longitude.radians), r * sin(longitude.radians), (w * ac + height) * sp)
    }

    /// The site's geocentric position (au) and velocity (au/day) in the celestial (GCRS) frame, given the
    /// celestial → terrestrial rotation R₃(GAST)·N·P·B (polar motion neglected). The velocity is that of
    /// the Earth's rotation, ω × r, which gives the diurnal aberration.
    ///
    /// References: Kaplan 2005, USNO Circular 179, Sect. 6.4 and 7.2 (observer on the rotating Earth).
    public func celestialState(celestialToTerrestrial c2t: Matrix3) -> (position: SIMD3<Double>, velocity: SIMD3<Double>) {
        let r = geocentricPosition
        let omega = 2 * Double.pi * 1.00273781191135448  // rad per UT1 day, as in the Earth rotation angle
        let metresPerAU = kilometresPerAU * 1000
        return (c2t.transposeTimes(r) / metresPerAU,
                c2t.transposeTimes(SIMD3(-omega * r.y, omega * r.x, 0)) / metresPerAU)
    }
}

/// The air between the observer and the sky, for refraction; `.none` turns refraction off.
public struct Atmosphere: Sendable, Hashable {
    /// Pressure at the observer (hPa); 0 turns refraction off.
    public var pressure: Double
    /// Air temperature (°C).
    public var temperature: Double

    /// Air at the observer: pressure in hPa (0 for none), temperature in °C.
    public init(pressure: Double, temperature: Double) {
        self.pressure = pressure
        self.temperature = temperature
    }

    /// 1010 hPa and 10 °C, the conditions of Saemundsson's and Bennett's tables.
    public static let standard = Atmosphere(pressure: 1010, temperature: 10)
    /// No atmosphere: refraction off.
    public static let none = Atmosphere(pressure: 0, temperature: 10)

    /// The refraction to add to a true (airless) altitude, by Saemundsson's formula.
    ///
    /// R = 1.02′ / tan(h + 10.3°/(h + 5.11°)) × (P/1010 hPa) × (283 K/(273 + T)), applied only for
    /// h ≥ −2° (zero below, and zero for `.none`).
    ///
    /// References: Sæmundsson, Þ. 1986, Sky & Telescope 72, 70; Meeus, J. 1998, Astronomical
    /// Algorithms, 2nd ed., eq. 16.4 and the pressure/temperature factor of Ch. 16.
    ///
    /// Valid range: good to ~0.1′ above 15°, to a few arcminutes at the horizon, where the real
    /// atmosphere varies far more.
    public func refraction(trueAltitude altitude: Angle) -> Angle {
        let h = altitude.degrees
        guard pressure > 0, h >= -2, 273 + temperature > 0 else { return Angle(radians: 0) }
        let argument = (h + 10.3 / (h + 5.11)) * .pi / 180
        let arcminutes = 1.02 / tan(argument) * (pressure / 1010) * (283 / (273 + temperature))
        return Angle(degrees: arcminutes / 60)
    }
}

/// Horizon coordinates.
public enum Horizon {
    /// Azimuth (from north through east, [0, 2π)) and altitude from hour angle and declination at a
    /// (geodetic) latitude.
    public static func azimuthAltitude(hourAngle h: Double, declination d: Double, latitude phi: Double)
        -> (azimuth: Double, altitude: Double)
    {
        let sh = sin(h), ch = cos(h), sd = sin(d), cd = cos(d), sp = sin(phi), cp = cos(phi)
        let x = -ch * cd * sp + sd * cp
        let y = -sh * cd
        let z = ch * cd * cp + sd * sp
        var az = (x == 0 && y == 0) ? 0 : atan2(y, x)
        if az < 0 { az += 2 * .pi }
        return (az, atan2(z, (x * x + y * y).squareRoot()))
    }
}
