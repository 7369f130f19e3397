// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "skyrecon",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "SkyRecon", targets: ["SkyRecon"]),
        .executable(name: "skyrecon", targets: ["skyrecon"]),
        .executable(name: "skyrecon-bench", targets: ["skyrecon-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Only for `skyrecon-bench batch`: the measurement behind writing Tables' own reader (see TableReader).
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CFITSIO",
            pkgConfig: "cfitsio",
            providers: [.apt(["libcfitsio-dev"]), .brew(["cfitsio"])]
        ),
        .target(name: "FITS", dependencies: ["CFITSIO"]),
        .target(name: "Tables"),
        .target(name: "SkyTime", dependencies: ["Tables"]),
        .target(name: "ChineseCalendar", dependencies: ["SkyTime", "Tables"]),
        .target(name: "Ephemeris", dependencies: ["FITS", "Tables", "SkyTime"]),
        .target(name: "Sky", dependencies: ["Ephemeris", "SkyTime", "Tables", "FITS"]),
        .target(name: "Events", dependencies: ["Sky", "Ephemeris", "SkyTime"]),
        .target(name: "TextLink", dependencies: []),
        .target(name: "SkyChart", dependencies: ["SkyTime"]),
        .target(name: "SkyRecon", dependencies: ["SkyChart", "TextLink", "Events", "Sky", "Ephemeris", "SkyTime", "ChineseCalendar", "Tables", "FITS"]),
        .executableTarget(
            name: "skyrecon",
            dependencies: ["SkyRecon", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "skyrecon-bench", dependencies: ["SkyRecon", .product(name: "CSV", package: "CSV.swift")]),
        .target(name: "TestSupport", dependencies: ["Tables"], path: "Tests/Support"),
        .testTarget(name: "FITSTests", dependencies: ["FITS"]),
        .testTarget(name: "TablesTests", dependencies: ["Tables", "TestSupport"]),
        .testTarget(name: "SkyTimeTests", dependencies: ["SkyTime", "TestSupport"]),
        .testTarget(name: "ChineseCalendarTests", dependencies: ["ChineseCalendar", "TestSupport"]),
        .testTarget(name: "EphemerisTests", dependencies: ["Ephemeris", "TestSupport"]),
        .testTarget(name: "SkyTests", dependencies: ["Sky", "TestSupport"]),
        .testTarget(name: "EventsTests", dependencies: ["Events"]),
        .testTarget(name: "TextLinkTests", dependencies: ["TextLink"]),
        .testTarget(name: "SkyChartTests", dependencies: ["SkyChart"]),
        .testTarget(name: "SkyReconTests", dependencies: ["SkyRecon", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["skyrecon"]),
    ],
    swiftLanguageModes: [.v6]
)
