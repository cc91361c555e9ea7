// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dockgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dockgate", targets: ["dockgate"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The system OpenSSL 3 (libssl/libcrypto). Only MutualTLS imports it.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(
            name: "MutualTLS",
            dependencies: [
                "COpenSSL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // How dockerd routes and decodes requests, reproduced exactly: Foundation only, no NIO.
        .target(
            name: "DockerAPI"
        ),
        // Team policy: profiles and one check per file, a pure function of the parsed request.
        .target(
            name: "Policy",
            dependencies: ["DockerAPI", .product(name: "Yams", package: "Yams")]
        ),
        // The tamper-evident audit log: records, hash chain, sinks, verifier. No NIO, no OpenSSL.
        .target(
            name: "Audit",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Proxy",
            dependencies: [
                "MutualTLS",
                "DockerAPI",
                "Policy",
                "Audit",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dockgate",
            dependencies: [
                "MutualTLS",
                "Proxy",
                "Policy",
                "DockerAPI",
                "Audit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "DockerAPITests",
            dependencies: ["DockerAPI", "TestSupport"]
        ),
        .testTarget(
            name: "PolicyTests",
            dependencies: ["Policy", "DockerAPI", "TestSupport"]
        ),
        .testTarget(
            name: "AuditTests",
            dependencies: ["Audit", "TestSupport"]
        ),
        // Throw-away PKIs and openssl CLI checks shared by the test targets.
        .target(
            name: "TestSupport",
            dependencies: ["MutualTLS"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "MutualTLSTests",
            dependencies: [
                "MutualTLS",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ProxyTests",
            dependencies: [
                "Proxy",
                "MutualTLS",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The real docker CLI through dockgate into a private dockerd (scripts/dockerd-env).
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["dockgate", "TestSupport"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["dockgate", "Audit", "TestSupport"]
        ),
    ]
)
