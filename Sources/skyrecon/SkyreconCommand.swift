import ArgumentParser
import SkyRecon

@main
struct Skyrecon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skyrecon",
        abstract: "Reconstruct the sky of a historical date and test records against it.",
        version: "skyrecon \(SkyRecon.version); \(SkyRecon.catalogueBuild())",
        subcommands: [SceneCommand.self, PositionsCommand.self, DateCommand.self, SkyGroupCommand.self, SitesCommand.self, EventsCommand.self, ChartCommand.self, LinkCommand.self, ReadCommand.self, VerifyCommand.self, ReportCommand.self],
        defaultSubcommand: SceneCommand.self
    )
}

/// `skyrecon sky …`: questions about the named sky.
struct SkyGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sky",
        abstract: "The named sky: what a name resolves to.",
        subcommands: [SkyFindCommand.self]
    )
}
