import Foundation
import Logging
import PulseCore
import PulseMedia
import PulseStore

/// Renders each draft's 1080×1080 image and stores it at `media/{accountId}/{month}/{id}.png`.
/// The renderer bounds how many draw at once (off the cooperative pool); a draft whose render or
/// upload fails keeps no image and says why, and the rest of the batch goes on.
public struct DraftImages: Sendable {
    let renderer: PostImageRenderer
    let storage: any MediaStorage
    /// How many uploads run at once.
    let uploads: Int

    public init(renderer: PostImageRenderer, storage: any MediaStorage, uploads: Int = 4) {
        self.renderer = renderer
        self.storage = storage
        self.uploads = max(1, uploads)
    }

    /// The message a draft carries when its image could not be made; the cause goes to the log.
    public static let failureMessage = "The image could not be rendered; upload one or generate the batch again."

    /// `drafts` with their images rendered and stored, in the same order. `progress` runs after
    /// each draft is done (the job renews its lease there, and throws when it lost it). Once
    /// storage reports itself unavailable, the remaining drafts are not rendered or sent: they get
    /// the failure message at once, so a storage outage cannot hold the job for long.
    func attach(
        to drafts: [GenerationStore.Draft], accountId: UUID, accountName: String, month: YearMonth, brand: BrandProfile?, logger: Logger,
        progress: @Sendable () async throws -> Void = {}
    ) async throws -> [GenerationStore.Draft] {
        let colors = brand?.colors ?? []
        var result = drafts
        var storageDown = false
        try await withThrowingTaskGroup(of: (Int, String?, Bool).self) { group in
            var next = 0
            func add() {
                guard next < drafts.count else { return }
                let index = next
                let draft = drafts[index]
                next += 1
                let skip = storageDown
                group.addTask {
                    if skip { return (index, nil, false) }
                    let key = MediaKey.render(accountId: accountId, month: month, contentId: draft.id)
                    let spec = PostImageSpec(
                        title: draft.post.title, accountName: accountName, colors: colors,
                        template: PostTemplate.choose(for: draft.id), isPromo: draft.post.type == .promo
                    )
                    do {
                        let png = try await self.renderer.render(spec)
                        try await self.storage.put(png, key: key, contentType: ImageType.png.contentType)
                        return (index, key.description, false)
                    } catch {
                        logger.warning(
                            "rendering a draft's image failed", metadata: ["content_id": .string(draft.id.text), "error": .string(String(describing: error))]
                        )
                        if case .unavailable = error as? MediaStorageError { return (index, nil, true) }
                        return (index, nil, false)
                    }
                }
            }
            for _ in 0..<self.uploads { add() }
            while let (index, key, unavailable) = try await group.next() {
                result[index].mediaKey = key
                result[index].mediaError = key == nil ? Self.failureMessage : nil
                if unavailable && !storageDown {
                    storageDown = true
                    logger.warning("media storage is unavailable: the batch's remaining drafts get no image")
                }
                do {
                    try await progress()
                } catch {
                    // The job is no longer ours: stop, and take back what this attempt stored.
                    group.cancelAll()
                    while let (index, key, _) = try? await group.next() { result[index].mediaKey = key }
                    await self.discard(result, logger: logger)
                    throw error
                }
                add()
            }
        }
        return result
    }

    /// Removes images of drafts that were not stored (dropped by the commit); best effort.
    func discard(_ drafts: [GenerationStore.Draft], logger: Logger) async {
        for draft in drafts {
            guard let reference = draft.mediaKey, let key = MediaKey(reference) else { continue }
            do {
                try await self.storage.delete(key)
            } catch {
                logger.notice("an unused render could not be removed", metadata: ["key": .string(reference)])
            }
        }
    }
}
