// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pulseworks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pulseworks", targets: ["pulseworks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // System libraries from Debian packages (scripts/bootstrap installs them).
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev"])]),

        // Domain types and pure rules; depends on nothing.
        .target(name: "PulseCore"),

        // Password hashing, access and refresh tokens.
        .target(
            name: "PulseSecurity",
            dependencies: [
                "PulseCore",
                "CArgon2",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // Postgres: migrations, repositories, transactions.
        .target(
            name: "PulseStore",
            dependencies: [
                "PulseCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Clients of the outside services (Ayrshare, later Stripe and OpenAI-compatible) and
        // their webhook signature checks.
        .target(
            name: "PulseIntegrations",
            dependencies: [
                "PulseCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The local Ayrshare- and Stripe-compatible provider for development and tests.
        .target(
            name: "PulseSandbox",
            dependencies: [
                "PulseCore", "PulseIntegrations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Images: Cairo renders, upload inspection, and storage on disk or S3-compatible services.
        .target(
            name: "PulseMedia",
            dependencies: [
                "PulseCore",
                "CCairo",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Redis through hiredis, with blocking calls on a dedicated thread pool.
        .target(
            name: "PulseRedis",
            dependencies: [
                "PulseCore",
                "CHiredis",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // The Hummingbird application.
        .target(
            name: "PulseAPI",
            dependencies: [
                "PulseCore", "PulseSecurity", "PulseStore", "PulseRedis", "PulseIntegrations", "PulseMedia",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Background services.
        .target(
            name: "PulseWorker",
            dependencies: [
                "PulseCore", "PulseSecurity", "PulseStore", "PulseRedis", "PulseIntegrations", "PulseMedia",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The executable: argument parsing and service wiring only.
        .executableTarget(
            name: "pulseworks",
            dependencies: [
                "PulseCore", "PulseStore", "PulseAPI", "PulseWorker", "PulseSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        .testTarget(name: "PulseCoreTests", dependencies: ["PulseCore"]),
        .testTarget(
            name: "PulseSecurityTests",
            dependencies: ["PulseSecurity", .product(name: "JWTKit", package: "jwt-kit")]
        ),
        .testTarget(
            name: "PulseStoreTests",
            dependencies: ["PulseStore", "PulseTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(name: "PulseRedisTests", dependencies: ["PulseRedis", "PulseTestSupport"]),
        .testTarget(
            name: "PulseMediaTests",
            dependencies: [
                "PulseMedia", "PulseTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PulseIntegrationsTests",
            dependencies: [
                "PulseIntegrations", "PulseSandbox", "PulseTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PulseSandboxTests",
            dependencies: [
                "PulseSandbox", "PulseIntegrations",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "PulseAPITests",
            dependencies: [
                "PulseAPI", "PulseTestSupport", "PulseSandbox", "PulseIntegrations", "PulseMedia",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PulseWorkerTests",
            dependencies: [
                "PulseWorker", "PulseTestSupport", "PulseSandbox", "PulseIntegrations", "PulseSecurity", "PulseMedia",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Shared test fixtures: the services scripts/test starts, reached through the environment.
        .target(
            name: "PulseTestSupport",
            dependencies: [
                "PulseCore", "PulseStore", "PulseRedis",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PulseTestSupport"
        ),
    ]
)
