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
        // Processor hints Swift cannot spell (cache prefetch), as inline C.
        .target(name: "CSupport"),
        .target(name: "Tables"),
        .target(name: "SkyTime", dependencies: ["Tables"]),
        .target(name: "ChineseCalendar", dependencies: ["FITS", "SkyTime", "Tables"]),
        .target(name: "Ephemeris", dependencies: ["CSupport", "FITS", "Tables", "SkyTime"]),
        .target(name: "Sky", dependencies: ["Ephemeris", "SkyTime", "Tables", "FITS"]),
        .target(name: "Events", dependencies: ["Sky", "Ephemeris", "SkyTime"]),
        .target(name: "TextLink", dependencies: ["Events", "Sky", "Ephemeris", "SkyTime", "ChineseCalendar", "Tables",
                                                .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "SkyChart", dependencies: ["FITS", "SkyTime"]),
        .target(name: "SkyRecon", dependencies: ["SkyChart", "TextLink", "Events", "Sky", "Ephemeris", "SkyTime", "ChineseCalendar", "Tables", "FITS"]),
        .executableTarget(
            name: "skyrecon",
            dependencies: ["SkyRecon", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "skyrecon-bench", dependencies: ["SkyRecon", "ChineseCalendar", "Ephemeris", "FITS", "Sky", "SkyTime", "Tables",
                                                          .product(name: "CSV", package: "CSV.swift")]),
        .executableTarget(name: "example-757", dependencies: ["SkyRecon"], path: "Examples/Reconstruct757"),
        .executableTarget(name: "example-records-to-positions", dependencies: ["SkyRecon"], path: "Examples/RecordsToPositions",
                          exclude: ["records.csv"]),
        .target(name: "TestSupport", dependencies: ["Tables"], path: "Tests/Support"),
        .testTarget(name: "FITSTests", dependencies: ["FITS"]),
        .testTarget(name: "TablesTests", dependencies: ["Tables", "TestSupport"]),
        .testTarget(name: "SkyTimeTests", dependencies: ["SkyTime", "TestSupport"]),
        .testTarget(name: "ChineseCalendarTests", dependencies: ["ChineseCalendar", "Tables", "TestSupport"]),
        .testTarget(name: "EphemerisTests", dependencies: ["Ephemeris", "TestSupport"]),
        .testTarget(name: "SkyTests", dependencies: ["Sky", "TestSupport"]),
        .testTarget(name: "EventsTests", dependencies: ["Events", "Sky", "Ephemeris", "SkyTime"], exclude: ["Fixtures"]),
        .testTarget(name: "TextLinkTests", dependencies: ["TextLink", "Sky", "Ephemeris", "SkyTime", "ChineseCalendar",
                                                         .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SkyChartTests", dependencies: ["SkyChart", "FITS", "SkyTime"]),
        .testTarget(name: "SkyReconTests", dependencies: [
            "SkyRecon", "FITS", "TestSupport", .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
        .testTarget(name: "CLITests", dependencies: ["skyrecon"]),
    ],
    swiftLanguageModes: [.v6]
)
