import ArgumentParser

struct PositionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "positions", abstract: "Positions of bodies and stars.")
    func run() throws {}
}
