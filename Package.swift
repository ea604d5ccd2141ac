// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Setka",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "setka", targets: ["setka"]),
        .library(name: "SetkaModel", targets: ["SetkaModel"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // SHA-256 for the result cache's keys (3.x and 4.x have the same API).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // A tiny C shim around GLPK: error recovery (setjmp/longjmp), terminal hook.
        .target(
            name: "CGLPK",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        // Swift model API over GLPK: variables, expressions, constraints, solve.
        .target(name: "LinearProgramming", dependencies: ["CGLPK"]),
        // libxml2's SAX2 parser (system library, as Foundation's XMLParser needs it): streams the sheets of .xlsx workbooks.
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib's CRC-32 (system library; ZIPFoundation links zlib for inflating but on Linux checks with a byte-at-a-time loop).
        .systemLibrary(name: "CZlibCRC", path: "Sources/CZlibCRC", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Domain types, scenario loading (YAML + CSV + .xlsx workbooks), validation, travel times,
        // the .xlsx writing core (ZIPFoundation: the one ZIP library, for reading and writing).
        .target(name: "SetkaModel", dependencies: [.product(name: "Yams", package: "Yams"),
                                                   .product(name: "ZIPFoundation", package: "ZIPFoundation"), "CLibXML2", "CZlibCRC"]),
        // "Did the partnerships help?": difference-in-differences estimates from past results.
        .target(name: "Effect", dependencies: ["SetkaModel"]),
        // Partner assignment (ШНОР and kindergarten unions).
        .target(name: "Partnering", dependencies: ["SetkaModel", "LinearProgramming", "Effect"]),
        // The unified profile day: the hard rules (one type each), timetabling, the explanations
        // and the independent checker.
        .target(name: "ProfileDay", dependencies: [
            "SetkaModel", "LinearProgramming", .product(name: "HeapModule", package: "swift-collections"),
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        // The year plan of network meetings (`setka meetings`): staged planner on GLPK and the
        // independent checker.
        .target(name: "Meetings", dependencies: ["SetkaModel", "LinearProgramming"], path: "Sources/Meetings/Planning"),
        // Synthetic districts in the scenario format (`setka generate`).
        .target(name: "SetkaGenerator", dependencies: ["SetkaModel"]),
        // What-if scenarios: run variants side by side, sweeps, stable re-planning, result cache.
        .target(name: "Scenarios", dependencies: ["SetkaModel", "LinearProgramming", "Partnering", "ProfileDay",
                                                  .product(name: "Crypto", package: "swift-crypto")]),
        // Everything Setka says to people, in Russian and English: the typed reasons, findings and
        // statuses of the other modules in words (nothing reads the words back).
        .target(name: "Wording", dependencies: ["SetkaModel", "ProfileDay", "Partnering", "Scenarios"]),
        // Reports people read: one self-contained HTML file, an SVG map, an .xlsx workbook; the
        // printable what-if comparison and sweep (hence Scenarios, which does not depend on Reports).
        .target(name: "Reports", dependencies: ["SetkaModel", "ProfileDay", "Partnering", "Scenarios", "Effect", "Wording"]),
        // `setka serve`: the local web application (routes, pages, jobs, storage; no optimisation
        // logic of its own: every engine call goes through Jobs/Engines.swift).
        .target(
            name: "SetkaServer",
            dependencies: [
                "SetkaModel", "Partnering", "ProfileDay", "Scenarios", "Wording", "Reports", "Effect", "Meetings", "MeetingsReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The year plan's files: plan.csv, iCalendar, the printable сводный план, the workbook.
        .target(name: "MeetingsReports", dependencies: ["Meetings", "SetkaModel", "Wording", "Reports"], path: "Sources/Meetings/Output"),
        // The command-line tool: thin.
        .executableTarget(
            name: "setka",
            dependencies: [
                "SetkaModel", "Partnering", "ProfileDay", "SetkaGenerator", "Scenarios", "Wording", "Reports", "Effect", "Meetings", "MeetingsReports", "SetkaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "SetkaModelTests", dependencies: ["SetkaModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PartneringTests", dependencies: ["Partnering", "SetkaModel"]),
        .testTarget(name: "EffectTests", dependencies: ["Effect", "Partnering", "Reports", "SetkaModel"]),
        .testTarget(name: "ProfileDayTests", dependencies: ["ProfileDay", "SetkaModel", "Wording"]),
        .testTarget(name: "SetkaGeneratorTests", dependencies: ["SetkaGenerator", "SetkaModel"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ProfileDay", "Partnering", "Scenarios", "SetkaModel", "Wording",
                                                       .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "CLITests", dependencies: ["setka"]),
        .testTarget(
            name: "SetkaServerTests",
            dependencies: [
                "SetkaServer", "SetkaModel", "Effect", "Reports", "Meetings", "MeetingsReports",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "MeetingsTests", dependencies: ["Meetings", "MeetingsReports", "SetkaModel", "LinearProgramming", "Reports"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "SetkaModel", "ProfileDay", "LinearProgramming", "Wording", "setka"]),
    ]
)
