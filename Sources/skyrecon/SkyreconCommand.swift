import ArgumentParser

@main
struct Skyrecon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skyrecon",
        abstract: "Reconstruct the sky of a historical date and test records against it.",
        subcommands: [SkyCommand.self, PositionsCommand.self, DateCommand.self],
        defaultSubcommand: SkyCommand.self
    )
}
