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
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CFITSIO",
            pkgConfig: "cfitsio",
            providers: [.apt(["libcfitsio-dev"]), .brew(["cfitsio"])]
        ),
        .target(name: "FITS", dependencies: ["CFITSIO"]),
        .target(name: "SkyTime", dependencies: ["FITS"]),
        .target(name: "ChineseCalendar", dependencies: ["SkyTime", "FITS"]),
        .target(name: "Ephemeris", dependencies: ["FITS", "SkyTime"]),
        .target(name: "Sky", dependencies: ["Ephemeris", "SkyTime", "FITS"]),
        .target(name: "Events", dependencies: ["Sky", "Ephemeris", "SkyTime"]),
        .target(name: "TextLink", dependencies: ["Events", "Sky", "Ephemeris", "SkyTime", "ChineseCalendar",
                                                .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "SkyChart", dependencies: ["FITS", "SkyTime"]),
        .target(name: "SkyRecon", dependencies: ["SkyChart", "TextLink", "Events", "Sky", "Ephemeris", "SkyTime", "ChineseCalendar", "FITS"]),
        .executableTarget(
            name: "skyrecon",
            dependencies: ["SkyRecon", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "skyrecon-bench", dependencies: ["SkyRecon"]),
        .executableTarget(name: "example-757", dependencies: ["SkyRecon"], path: "Examples/Reconstruct757"),
        .testTarget(name: "FITSTests", dependencies: ["FITS"]),
        .testTarget(name: "SkyTimeTests", dependencies: ["SkyTime"]),
        .testTarget(name: "ChineseCalendarTests", dependencies: ["ChineseCalendar"]),
        .testTarget(name: "EphemerisTests", dependencies: ["Ephemeris"]),
        .testTarget(name: "SkyTests", dependencies: ["Sky"]),
        .testTarget(name: "EventsTests", dependencies: ["Events", "Sky", "Ephemeris", "SkyTime"], exclude: ["Fixtures"]),
        .testTarget(name: "TextLinkTests", dependencies: ["TextLink", "Sky", "Ephemeris", "SkyTime", "ChineseCalendar",
                                                         .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SkyChartTests", dependencies: ["SkyChart", "FITS", "SkyTime"]),
        .testTarget(name: "SkyReconTests", dependencies: [
            "SkyRecon", "FITS", .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
        .testTarget(name: "CLITests", dependencies: ["skyrecon"]),
    ],
    swiftLanguageModes: [.v6]
)
