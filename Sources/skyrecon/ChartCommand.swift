import ArgumentParser
import Foundation
import SkyRecon
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChartRequest.View: ExpressibleByArgument {}
extension ChartRequest.Culture: ExpressibleByArgument {}
extension ChartRequest.Language: ExpressibleByArgument {}
extension ChartFrame: ExpressibleByArgument {}
extension ProjectionKind: ExpressibleByArgument {
    public static var allValueStrings: [String] { [ProjectionKind.stereographic.rawValue, ProjectionKind.gnomonic.rawValue] }
}

/// When to colour the terminal chart.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// How the chart is drawn, shared by the scene (the default command) and `skyrecon chart`.
struct ChartOptions: ParsableArguments {
    @Option(help: "What to draw: field (around the objects), horizon (the whole sky; with --facing, the half towards it), strip (the lunar mansions).")
    var view: ChartRequest.View = .field

    @Option(help: "Frame: horizontal (zenith up, as seen; field and horizon), equatorial (north up, east left; field and strip), ecliptic (strip).")
    var frame: ChartFrame?

    @Option(help: "Projection of the field: stereographic or gnomonic.")
    var projection: ProjectionKind = .stereographic

    @Option(help: ArgumentHelp("Horizon view: show the half of the sky towards N, NE, E, …, or an azimuth in degrees.", valueName: "DIR"))
    var facing: String?

    @Option(name: .customLong("mag"), help: ArgumentHelp("Faintest V magnitude drawn (default 5.5; 4.0 for the horizon view).", valueName: "V"))
    var magnitudeLimit: Double?

    @Option(name: .customLong("label-mag"), help: ArgumentHelp("Faintest V magnitude of the stars labelled (objects, group members and determinatives always are).", valueName: "V"))
    var labelLimit: Double = 2.0

    @Option(help: "Figure lines: automatic (Chinese asterisms before 1912, Western after), chinese, western, none.")
    var culture: ChartRequest.Culture = .automatic

    @Option(help: "Label language: en or zh (太白, 昴宿六, 畢).")
    var lang: ChartRequest.Language = .en

    @Flag(help: "Plain ASCII characters only (for files, old terminals, e-mail).")
    var ascii = false

    @Option(help: ArgumentHelp("Chart width in columns (default: the terminal's width, or 80 when piped).", valueName: "N"))
    var width: Int?

    @Option(help: "Colour: auto (only on a terminal, never with NO_COLOR set), always, never.")
    var color: ColourChoice = .auto

    /// The composition the options ask for.
    func request() throws -> ChartRequest {
        var facingAngle: Angle?
        if let facing {
            let points = ["N": 0.0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315]
            if let a = points[facing.uppercased()] ?? Double(facing) {
                facingAngle = .degrees(a)
            } else {
                throw ValidationError("--facing \(facing) is neither a compass point nor an azimuth: give N, NE, E, SE, S, SW, W, NW or degrees (e.g. 266)")
            }
        }
        return ChartRequest(view: view, frame: frame, projection: projection, facing: facingAngle,
                            magnitudeLimit: magnitudeLimit, culture: culture, language: lang)
    }

    /// The terminal style: width from the option or the terminal, colour only on a terminal without `NO_COLOR`.
    func style() -> TerminalStyle {
        let onTerminal = isatty(STDOUT_FILENO) != 0
        var columns = width ?? 80
        if width == nil, onTerminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { columns = min(Int(size.ws_col), 160) }
        }
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let colour = switch color {
        case .always: true
        case .never: false
        case .auto: onTerminal && !noColour
        }
        return TerminalStyle(columns: columns, unicode: !ascii, colour: colour, labelMagnitudeLimit: labelLimit)
    }

    /// The moment a scene is charted at: the moment given, else the end of civil twilight.
    static func chartedSnapshot(_ report: SceneReport) -> SceneReport.Snapshot? {
        report.snapshots.first { $0.topocentric && $0.entries.contains { $0.observation.topocentric != nil } }
    }

    /// The chart of a scene, composed and drawn for the terminal.
    func chart(_ report: SceneReport, view: SkyView, request: ChartRequest? = nil) throws -> Chart? {
        guard let snapshot = Self.chartedSnapshot(report) else { return nil }
        let resolutions = try snapshot.entries.map { try view.resolve($0.query) }
        let site = report.site
        let title = "\(snapshot.title), \(Human.time(snapshot.instant, minusSeconds: snapshot.deltaT.seconds)) UT1, "
            + "\(site.name)\(site.nameZH.isEmpty ? "" : " \(site.nameZH)")"
        return try view.chart(resolutions, at: snapshot.instant, site: site, request: request ?? self.request(), title: title)
    }

    func text(_ report: SceneReport, view: SkyView) throws -> String? {
        try chart(report, view: view).map { try TerminalRenderer(style: style()).render($0).text }
    }
}

/// `skyrecon chart`: the sky of a scene drawn in the terminal, as SVG or as a FITS image with a WCS.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw the sky around objects on a date: in the terminal, as SVG (--svg) or as a FITS image with WCS (--fits).",
        discussion: """
        Examples:  skyrecon chart --date 0757-03-14 --objects venus,pleiades
                   skyrecon chart --date 0757-03-14 --objects venus,pleiades --view horizon --lang zh
                   skyrecon chart --date 0757-03-14 --objects venus,pleiades --svg venus757.svg --fits venus757.fits
        The chart shows the moment given (0757-03-14T19:30), else the end of civil twilight that evening.
        The FITS image is an equatorial gnomonic (TAN) field of the geocentric apparent places of date (RADESYS GAPPT).
        """)

    @Option(help: ArgumentHelp("The date: 0757-03-14, 0757-03-14T19:30 (UT), …TT, …LMT, 757BCE-03-14, JD2397500.5.", valueName: "DATE"))
    var date: String

    @Option(help: ArgumentHelp("Comma-separated names: venus,pleiades.", valueName: "NAMES"))
    var objects: String

    @Option(help: ArgumentHelp("Observer: a gazetteer name or LAT,LON[,HEIGHT_M].", valueName: "SITE"))
    var site: String = "changan"

    @Option(help: ArgumentHelp("Also write the chart as a self-contained SVG file.", valueName: "FILE"))
    var svg: String?

    @Option(help: ArgumentHelp("Also write a FITS image (equatorial, gnomonic, with a TAN WCS header).", valueName: "FILE"))
    var fits: String?

    @Option(help: ArgumentHelp("Width of the SVG and FITS images in pixels.", valueName: "N"))
    var pixels: Int = 1024

    @OptionGroup var chartOptions: ChartOptions
    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        try reportingErrors {
            let view = try SkyRecon.view(try modelOptions.choices())
            let observer = try Gazetteer.standard().site(named: site)
            let names = objects.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let report = try view.scene(try SkyRecon.readDate(date), objects: names, site: observer)
            guard let chart = try chartOptions.chart(report, view: view) else {
                throw ChartError.nothingAboveHorizon(names.joined(separator: " and "))
            }
            let style = chartOptions.style()
            let terminal = try TerminalRenderer(style: style).render(chart)
            if let svg {
                try ChartFile.write(try SVGRenderer(width: pixels, labelMagnitudeLimit: chartOptions.labelLimit).render(chart), to: svg)
            }
            if let fits, let snapshot = ChartOptions.chartedSnapshot(report) {
                var request = try chartOptions.request()
                request.view = .field
                request.frame = .equatorial
                request.projection = .gnomonic
                if let image = try chartOptions.chart(report, view: view, request: request) {
                    try FITSImageRenderer(pixels: pixels).write(image, instant: snapshot.instant, to: fits)
                }
            }
            if svg == nil && fits == nil {
                print(terminal.text)
            } else {
                for (kind, path) in [("SVG", svg), ("FITS image", fits)] { if let path { print("wrote \(kind) \(path)") } }
            }
        }
    }
}
