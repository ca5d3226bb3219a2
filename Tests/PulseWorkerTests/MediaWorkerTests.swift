import Foundation
import Logging
import PostgresNIO
import PulseCore
import PulseMedia
import PulseStore
import PulseTestSupport
import Testing

@testable import PulseWorker

/// Images in the worker: every generated draft gets a rendered 1080×1080 PNG in storage, a failed
/// render leaves an error on its item only, and publishing hands the provider a signed URL.
@Suite(.serialized) struct MediaWorkerTests {
    static func files(_ configuration: PulseConfiguration) -> FileMediaStorage {
        guard case .file(let path) = configuration.media.backend else { return FileMediaStorage(root: "/nonexistent", signer: Self.signer(configuration)) }
        return FileMediaStorage(root: path, signer: Self.signer(configuration))
    }

    /// `count` Instagram drafts with distinct titles.
    static func drafts(_ count: Int) -> [GenerationStore.Draft] {
        (0..<count).map { index in
            GenerationStore.Draft(
                post: GeneratedPost(type: .post, title: "Post \(index)", caption: "Caption \(index)", hashtags: ["bakery"], platformTargets: [.instagram]),
                riskFlags: []
            )
        }
    }

    static func signer(_ configuration: PulseConfiguration) -> MediaURLSigner {
        MediaURLSigner(baseURL: configuration.publicBaseURL, secret: configuration.jwtSecret)
    }

    @Test func everyGeneratedDraftGetsARenderedImageInStorage() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await GenerationTests.owner(harness)
            let brief = try await GenerationTests.brief(harness, owner)
            let job = try await GenerationTests.enqueue(harness, owner, brief: brief)
            let worker = try GenerationTests.worker(harness, ai: false)
            #expect(try await GenerationTests.run(harness, worker, until: job).status == .succeeded)
            let rows = try await harness.database.query(
                "SELECT id, media_url, media_error FROM content_items WHERE account_id = \(owner.accountId) ORDER BY position"
            ).collect().map { try $0.decode((UUID, String?, String?).self) }
            #expect(rows.count == 8)
            let storage = Self.files(worker.configuration)
            var digests: Set<[UInt8]> = []
            for (id, reference, error) in rows {
                #expect(error == nil)
                let expected = "media/\(owner.accountId.text)/2027-02/\(id.text).png"
                #expect(reference == expected)
                let key = try #require(MediaKey(expected))
                let png = try #require(try await storage.get(key), "no object at \(expected)")
                let image = try ImageInspector.inspect(png)
                #expect(image.type == .png && image.width == 1080 && image.height == 1080)
                digests.insert(png)
            }
            #expect(digests.count == 8, "every post has its own image")
        }
    }

    /// Storage that refuses the objects of chosen content ids with `error`, counting the calls.
    final class RefusingStorage: MediaStorage, @unchecked Sendable {
        let inner: FileMediaStorage
        let refused: Set<UUID>
        let error: MediaStorageError
        let lock = NSLock()
        var calls = 0

        init(inner: FileMediaStorage, refused: Set<UUID>, error: MediaStorageError = .rejected(status: 403, code: "AccessDenied")) {
            self.inner = inner
            self.refused = refused
            self.error = error
        }

        func put(_ bytes: [UInt8], key: MediaKey, contentType: String) async throws {
            self.lock.withLock { self.calls += 1 }
            if case .render(_, let id) = key.kind, self.refused.contains(id) { throw self.error }
            try await self.inner.put(bytes, key: key, contentType: contentType)
        }
        func get(_ key: MediaKey) async throws -> [UInt8]? { try await self.inner.get(key) }
        func delete(_ key: MediaKey) async throws { try await self.inner.delete(key) }
        func signedURL(for key: MediaKey, lifetime: Duration, now: Date) throws -> String {
            try self.inner.signedURL(for: key, lifetime: lifetime, now: now)
        }
    }

    @Test func aFailedImageLeavesAnErrorOnItsDraftAndTheRestOfTheBatchGoesOn() async throws {
        let configuration = try TestEnvironment.configuration()
        let renderer = PostImageRenderer(concurrency: 2)
        let drafts = Self.drafts(5)
        let refused: Set<UUID> = [drafts[1].id, drafts[3].id]
        let images = DraftImages(renderer: renderer, storage: RefusingStorage(inner: Self.files(configuration), refused: refused), uploads: 2)
        let month = try #require(YearMonth(year: 2027, month: 3))
        let account = UUID()
        let result = try await images.attach(to: drafts, accountId: account, accountName: "Kiwi Bakery", month: month, brand: nil, logger: TestEnvironment.logger())
        try await renderer.shutdown()
        #expect(result.map(\.id) == drafts.map(\.id))
        for draft in result {
            if refused.contains(draft.id) {
                #expect(draft.mediaKey == nil && draft.mediaError == DraftImages.failureMessage)
            } else {
                #expect(draft.mediaKey == MediaKey.render(accountId: account, month: month, contentId: draft.id).description && draft.mediaError == nil)
            }
        }
    }

    @Test func onceStorageIsUnavailableTheRestOfTheBatchIsNotSent() async throws {
        let configuration = try TestEnvironment.configuration()
        let renderer = PostImageRenderer(concurrency: 1)
        let drafts = Self.drafts(8)
        let storage = RefusingStorage(inner: Self.files(configuration), refused: Set(drafts.map(\.id)), error: .unavailable("down"))
        let images = DraftImages(renderer: renderer, storage: storage, uploads: 1)
        let month = try #require(YearMonth(year: 2027, month: 3))
        let progressed = Counter()
        let result = try await images.attach(
            to: drafts, accountId: UUID(), accountName: "Kiwi Bakery", month: month, brand: nil, logger: TestEnvironment.logger(),
            progress: { progressed.add() }
        )
        try await renderer.shutdown()
        #expect(result.allSatisfy { $0.mediaKey == nil && $0.mediaError == DraftImages.failureMessage })
        #expect(storage.calls == 1, "storage was called after it said it was unavailable")
        #expect(progressed.value == 8, "the lease is renewed after every draft")
    }

    @Test func aJobThatLosesItsLeaseWhileStoringTakesItsImagesBack() async throws {
        let configuration = try TestEnvironment.configuration()
        let renderer = PostImageRenderer(concurrency: 1)
        let drafts = Self.drafts(4)
        let storage = Self.files(configuration)
        let images = DraftImages(renderer: renderer, storage: storage, uploads: 1)
        let month = try #require(YearMonth(year: 2027, month: 4))
        let account = UUID()
        let progressed = Counter()
        struct Lost: Error {}
        await #expect(throws: Lost.self) {
            _ = try await images.attach(
                to: drafts, accountId: account, accountName: "Kiwi Bakery", month: month, brand: nil, logger: TestEnvironment.logger(),
                progress: {
                    progressed.add()
                    if progressed.value == 2 { throw Lost() }
                }
            )
        }
        try await renderer.shutdown()
        for draft in drafts {
            #expect(try await storage.get(MediaKey.render(accountId: account, month: month, contentId: draft.id)) == nil)
        }
    }

    @Test func aJobWhoseStorageIsDownStillSucceedsWithAnErrorOnEachItem() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await GenerationTests.owner(harness)
            let brief = try await GenerationTests.brief(harness, owner)
            let job = try await GenerationTests.enqueue(harness, owner, brief: brief)
            // Nothing can be written under /proc, not even by root.
            let worker = try GenerationTests.worker(harness, ai: false, environment: ["MEDIA_STORAGE": "file:///proc/pulseworks-media"])
            #expect(try await GenerationTests.run(harness, worker, until: job).status == .succeeded)
            let errors = try await harness.database.query(
                "SELECT media_url, media_error FROM content_items WHERE account_id = \(owner.accountId)"
            ).collect().map { try $0.decode((String?, String?).self) }
            #expect(errors.count == 8)
            #expect(errors.allSatisfy { $0.0 == nil && $0.1 == DraftImages.failureMessage })
        }
    }

    @Test func publishingHandsTheProviderASignedURLAndInstagramWithoutAnImageFails() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            let worker = try harness.worker()
            let storage = Self.files(worker.configuration)
            let published = try #require(try await harness.items(1, for: account, due: Date(), platform: .instagram).first)
            let bare = try #require(try await harness.items(1, for: account, due: Date(), platform: .instagram).first)
            // One item shows a stored render; the other has no image at all.
            let contentId = try await harness.database.query("SELECT content_item_id FROM schedule_items WHERE id = \(published)")
                .collect().first.map { try $0.decode(UUID.self) }
            let content = try #require(contentId)
            let key = MediaKey.render(accountId: account.id, month: try #require(YearMonth(year: 2026, month: 12)), contentId: content)
            let png = try await PostImageRenderer(concurrency: 1).render(
                PostImageSpec(title: "Fresh bread", accountName: "Worker test", colors: ["#1a237e"], template: .bold)
            )
            try await storage.put(png, key: key, contentType: "image/png")
            for (item, media) in [(published, key.description as String?), (bare, nil)] {
                try await harness.database.query(
                    """
                    UPDATE content_items SET media_url = \(media), approved_hash = content_fingerprint(title, caption, hashtags, \(media), platform_targets)
                    WHERE id = (SELECT content_item_id FROM schedule_items WHERE id = \(item))
                    """
                )
            }
            let finished = try await harness.running([worker], timeout: .seconds(30)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status IN ('PUBLISHED', 'FAILED')") == 2
            }
            let states = try await harness.statuses()
            #expect(finished, "\(states)")
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(published) AND status = 'PUBLISHED'") == 1)
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(bare) AND status = 'FAILED' AND error_code = 'provider_138'") == 1)
            let post = try #require(try await harness.sandboxPosts().first { $0["idempotencyKey"] as? String == published.text })
            let url = try #require((post["mediaUrls"] as? [String])?.first)
            #expect(url.hasPrefix(worker.configuration.publicBaseURL + "/" + key.description + "?expires="))
            // The signed URL serves the render, and lives about as long as publishing needs.
            let query = try #require(URLComponents(string: url)?.queryItems)
            let expires = try #require(query.first { $0.name == "expires" }?.value.flatMap(Double.init))
            #expect(abs(expires - Date().addingTimeInterval(24 * 3600).timeIntervalSince1970) < 120)
            let (owner, folder, file) = key.segments
            let served = try await storage.serve(
                account: owner, folder: folder, file: file, expires: query.first { $0.name == "expires" }?.value,
                signature: query.first { $0.name == "signature" }?.value, now: Date()
            )
            #expect(served == .image(bytes: png, contentType: "image/png"))
        }
    }
}

/// A thread-safe counter for closures the code under test calls.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { self.lock.withLock { self.count += 1 } }
    var value: Int { self.lock.withLock { self.count } }
}
