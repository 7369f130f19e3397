import ArgumentParser

/// The default command: positions of the named objects at a date, with a chart.
struct SkyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sky", abstract: "Positions and a chart for a date (the default command).")
    func run() throws {}
}
