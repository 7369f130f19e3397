import ArgumentParser

struct DateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "date", abstract: "Convert dates between Chinese and Western calendars.")
    func run() throws {}
}
