import ArgumentParser
import Foundation
import SkyRecon

/// Options that choose the models, shared by every command that computes positions.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("ephemeris"), help: ArgumentHelp(
        "A JPL SPK file (segment types 2/3, e.g. de441.bsp) instead of the built-in compact DE422.", valueName: "FILE.bsp"))
    var ephemerisFile: String?

    @Option(name: .customLong("delta-t"), help: ArgumentHelp(
        "ΔT model: smh2020 (default), smh2016, em2006, or a number of seconds.", valueName: "MODEL"))
    var deltaT: String?

    @Flag(name: .customLong("no-refraction"), help: "Report airless altitudes only (refraction off).")
    var noRefraction = false

    @Option(help: ArgumentHelp("Air pressure (hPa): refraction (default 1010) and, for --criterion schaefer, extinction (default: standard atmosphere at the site's height).", valueName: "HPA"))
    var pressure: Double?

    @Option(help: ArgumentHelp("Air temperature (°C): refraction (default 10) and, for --criterion schaefer, extinction (default: standard atmosphere at the site's height).", valueName: "C"))
    var temperature: Double?

    @Option(help: ArgumentHelp("Lunar-mansion determinative stars: automatic (by epoch), \(MansionConvention.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "CONVENTION"))
    var mansions: String = "automatic"

    func choices() throws -> SkyRecon.Choices {
        guard let convention = MansionConvention(rawValue: mansions) else {
            throw ValidationError("unknown mansion convention '\(mansions)': use one of \(MansionConvention.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let pressure = self.pressure ?? 1010, temperature = self.temperature ?? 10
        guard pressure >= 0, pressure < 1100, temperature > -80, temperature < 60 else {
            throw ValidationError("--pressure must be 0…1100 hPa and --temperature −80…60 °C")
        }
        return SkyRecon.Choices(ephemerisFile: ephemerisFile, deltaT: deltaT, refraction: !noRefraction,
                                pressure: pressure, temperature: temperature, mansionConvention: convention)
    }
}

/// Runs a command body, turning any error into one line on standard error and exit code 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("skyrecon: \(oneLine(error))")
        throw ExitCode.failure
    }
}

/// A one-line message for an error: its localized description when it has one.
func oneLine(_ error: any Error) -> String {
    let text = (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
    return text.replacingOccurrences(of: "\n", with: " ")
}
