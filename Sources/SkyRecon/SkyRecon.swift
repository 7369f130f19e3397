@_exported import ChineseCalendar
@_exported import Ephemeris
@_exported import Events
@_exported import Sky
@_exported import SkyChart
@_exported import SkyTime
@_exported import Tables
@_exported import TextLink
import FITS
import Foundation

/// The one import a pipeline needs: re-exports every module and builds the standard models.
public enum SkyRecon {
    /// The models a user chooses by name, as the CLI spells them.
    public struct Choices: Sendable {
        /// A JPL SPK file (`de441.bsp`) instead of the built-in compact DE422.
        public var ephemerisFile: String?
        /// `smh2020` (default), `smh2016`, `em2006`, or a number of seconds.
        public var deltaT: String?
        /// Refraction on (default) or off.
        public var refraction: Bool
        /// Pressure (hPa) and temperature (°C) for refraction.
        public var pressure: Double
        public var temperature: Double
        /// Lunar-mansion convention (`automatic`, `han`/pre-Qing, `qing`).
        public var mansionConvention: MansionConvention

        /// Creates choices; every argument defaults to the standard model.
        public init(ephemerisFile: String? = nil, deltaT: String? = nil, refraction: Bool = true,
                    pressure: Double = 1010, temperature: Double = 10, mansionConvention: MansionConvention = .automatic) {
            self.ephemerisFile = ephemerisFile
            self.deltaT = deltaT
            self.refraction = refraction
            self.pressure = pressure
            self.temperature = temperature
            self.mansionConvention = mansionConvention
        }
    }

    /// Builds the models: the compact DE422 ephemeris (or the SPK file), the ΔT model, reductions and atmosphere.
    public static func models(_ choices: Choices = Choices()) throws -> SkyModels {
        let ephemeris: any EphemerisSource = try choices.ephemerisFile.map { try SPKEphemeris(path: $0) }
            ?? CompactEphemeris.shared()
        let deltaT = try choices.deltaT.map { try DeltaTModels.named($0) } ?? DeltaTModels.standard()
        let atmosphere = choices.refraction ? Atmosphere(pressure: choices.pressure, temperature: choices.temperature)
            : Atmosphere(pressure: 0, temperature: choices.temperature)
        return SkyModels(ephemeris: ephemeris, deltaT: deltaT, atmosphere: atmosphere,
                         mansionConvention: choices.mansionConvention)
    }

    /// A `SkyView` over the standard catalogue with the chosen models.
    public static func view(_ choices: Choices = Choices()) throws -> SkyView {
        SkyView(models: try models(choices), catalog: try SkyCatalog.standard())
    }
}

extension SkyRecon {
    /// The version of skyrecon (see CHANGELOG.md).
    public static let version = "0.4.0"

    /// The catalogues in use: their folder and the build of the ephemeris file (its model, generator and checksum
    /// date), e.g. for `skyrecon --version`. Never throws: a missing or unreadable catalogue is said in the text.
    public static func catalogueBuild() -> String {
        guard let directory = CatalogLocation.directory() else {
            return "no Catalogs folder found (set SKYRECON_CATALOGS)"
        }
        let url = directory.appendingPathComponent(CompactEphemeris.fileName)
        guard let file = try? FITSFile.open(url) else { return "catalogues \(directory.path); ephemeris file unreadable" }
        defer { try? file.close() }
        let model = (try? file.string("MODEL")) ?? "?"
        let generator = (try? file.string("GENERATR")) ?? "?"
        return "catalogues \(directory.path); ephemeris \(model) (\(generator))"
    }
}
