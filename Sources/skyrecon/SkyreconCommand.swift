import ArgumentParser
import SkyRecon

@main
struct Skyrecon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skyrecon",
        abstract: "Reconstruct the sky of a historical date and test records against it.",
        version: versionText,
        subcommands: [SceneCommand.self, PositionsCommand.self, DateCommand.self, SkyGroupCommand.self, SitesCommand.self, EventsCommand.self, ChartCommand.self, LinkCommand.self, ReadCommand.self, VerifyCommand.self, ReportCommand.self],
        defaultSubcommand: SceneCommand.self
    )

    /// The version line. ArgumentParser builds the configuration on every run, and the catalogue build opens the
    /// ephemeris file: it is added only when `--version` is asked for (no other output shows the text).
    static var versionText: String {
        "skyrecon \(SkyRecon.version)"
            + (CommandLine.arguments.dropFirst().contains("--version") ? "; \(SkyRecon.catalogueBuild())" : "")
    }
}

/// `skyrecon sky …`: questions about the named sky.
struct SkyGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sky",
        abstract: "The named sky: what a name resolves to.",
        subcommands: [SkyFindCommand.self]
    )
}
