import Foundation
import Testing

@testable import PulseMedia

@Suite struct RenderTests {
    static let brand = ["#1a237e", "#f5e6a3", "#ff7043"]

    static func spec(
        _ title: String = "Five ways to plan a month of posts", template: PostTemplate = .bold,
        colors: [String] = Self.brand, account: String = "Harbour Bakery", isPromo: Bool = false
    ) -> PostImageSpec {
        PostImageSpec(title: title, accountName: account, colors: colors, template: template, isPromo: isPromo)
    }

    /// Width and height from the IHDR chunk, which must come first, right after the signature.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count > 24, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            bytes[12..<16] == Array("IHDR".utf8)[...]
        else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    @Test(arguments: PostTemplate.allCases, [false, true])
    func everyTemplateRendersA1080SquarePNG(_ template: PostTemplate, isPromo: Bool) async throws {
        let renderer = PostImageRenderer(concurrency: 1)
        let png = try await renderer.render(Self.spec(template: template, isPromo: isPromo))
        try await renderer.shutdown()
        let size = try #require(Self.pngSize(png))
        #expect(size.width == 1080 && size.height == 1080)
        #expect(PostImageRenderer.size == 1080)
    }

    @Test func sameSpecGivesSameBytesAcrossCallsAndRenderers() async throws {
        let first = PostImageRenderer(concurrency: 2)
        let second = PostImageRenderer(concurrency: 1)
        for template in PostTemplate.allCases {
            let spec = Self.spec("Привет, мир — 你好 👋🏽", template: template, isPromo: true)
            let a = try await first.render(spec)
            let b = try await first.render(spec)
            let c = try await second.render(spec)
            #expect(a == b)
            #expect(a == c)
        }
        try await first.shutdown()
        try await second.shutdown()
    }

    @Test func anyChangeToTheSpecChangesTheBytes() async throws {
        let renderer = PostImageRenderer(concurrency: 2)
        let base = Self.spec()
        var variants = [base]
        variants.append(Self.spec("Five ways to plan a month of post"))
        variants.append(Self.spec(colors: ["#2e7d32"]))
        variants.append(Self.spec(template: .split))
        variants.append(Self.spec(template: .frame))
        variants.append(Self.spec(account: "Harbour Bakery Ltd"))
        variants.append(Self.spec(isPromo: true))
        var images: [[UInt8]] = []
        for spec in variants {
            images.append(try await renderer.render(spec))
        }
        try await renderer.shutdown()
        #expect(Set(images).count == variants.count)
    }

    @Test func eightRendersAtOnceOnTwoThreadsAllSucceed() async throws {
        let renderer = PostImageRenderer(concurrency: 2)
        let results = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let template = PostTemplate.allCases[index % PostTemplate.allCases.count]
                    return (index, try await renderer.render(Self.spec("Post number \(index % 4)", template: template)))
                }
            }
            return try await group.reduce(into: [Int: [UInt8]]()) { $0[$1.0] = $1.1 }
        }
        try await renderer.shutdown()
        #expect(results.count == 8)
        for (index, png) in results {
            #expect(Self.pngSize(png)?.width == 1080)
            // index and index + 4 ask for different templates; index and index + 12 would match.
            if index < 4 {
                #expect(png != results[index + 4])
            }
        }
        // Renders interleaved on shared threads must not affect each other's bytes.
        let again = PostImageRenderer(concurrency: 1)
        let alone = try await again.render(Self.spec("Post number 1", template: PostTemplate.allCases[1]))
        try await again.shutdown()
        #expect(results[1] == alone)
    }

    @Test(arguments: PostTemplate.allCases)
    func emptyTitleNameAndColoursStillRender(_ template: PostTemplate) async throws {
        let renderer = PostImageRenderer(concurrency: 1)
        let png = try await renderer.render(Self.spec("", template: template, colors: [], account: ""))
        let junkColours = try await renderer.render(Self.spec(" \n\t", template: template, colors: ["red", "#12345", ""], account: ""))
        try await renderer.shutdown()
        #expect(Self.pngSize(png)?.height == 1080)
        #expect(png == junkColours)
    }

    @Test func renderingAfterShutdownIsUnavailable() async throws {
        let renderer = PostImageRenderer(concurrency: 1)
        try await renderer.shutdown()
        try await renderer.shutdown()
        await #expect(throws: RenderError.unavailable) {
            try await renderer.render(Self.spec())
        }
    }

    @Test func templateChoiceIsStableAndMixesABatch() throws {
        let id = try #require(UUID(uuidString: "6f1c2a4e-0000-4000-8000-0000000000c1"))
        #expect(PostTemplate.choose(for: id) == PostTemplate.choose(for: id))
        let batch = (1...30).compactMap { UUID(uuidString: String(format: "6f1c2a4e-0000-4000-8000-%012x", $0)) }
        #expect(batch.count == 30)
        let chosen = batch.map(PostTemplate.choose(for:))
        #expect(Set(chosen) == Set(PostTemplate.allCases))
        // Fixed values: a choice seeded per process (as `Hasher` is) would not reproduce them.
        #expect(chosen.prefix(6) == [.bold, .split, .split, .bold, .bold, .bold])
    }
}
