import NIOPosix
import Synchronization

/// Renders the branded 1080×1080 PNG of a generated post.
///
/// Cairo and FreeType block, so rendering never runs on Swift's cooperative pool: each render
/// runs on a thread of the renderer's own pool, which also bounds how many run at once (the
/// rest wait in its queue; a waiting render whose task is cancelled is dropped). Renders share
/// no Cairo or FreeType object, so they can run in parallel.
///
/// Output is deterministic: the same ``PostImageSpec`` gives the same bytes, because fonts are
/// loaded from fixed files and set with fixed options, and nothing else varies (given the same
/// Cairo, FreeType, pixman and zlib builds).
///
/// Text is set in DejaVu Sans without shaping: Latin, Greek and Cyrillic look right; Arabic and
/// Hebrew appear unjoined and left to right; CJK, Thai and emoji have no glyphs and draw as boxes.
/// Whatever the script, the title and account name stay inside their boxes.
///
/// Call ``shutdown()`` once when done, so that the threads are released.
public final class PostImageRenderer: Sendable {
    /// Width and height of every post image, in pixels.
    public static let size = 1080

    private let threadPool: NIOThreadPool
    private let isShutDown = Mutex(false)

    /// Creates the renderer and starts `concurrency` threads (at least one).
    public init(concurrency: Int) {
        self.threadPool = NIOThreadPool(numberOfThreads: max(1, concurrency))
        self.threadPool.start()
    }

    deinit {
        // A forgotten shutdown must not trip NIOThreadPool's deinit assertion; this path cannot
        // await, so it only starts the pool's shutdown.
        if !self.isShutDown.withLock({ $0 }) {
            self.threadPool.shutdownGracefully { _ in }
        }
    }

    /// The PNG bytes of `spec`.
    ///
    /// - Throws: ``RenderError``; `CancellationError` if the task was cancelled while waiting.
    public func render(_ spec: PostImageSpec) async throws -> [UInt8] {
        guard !self.isShutDown.withLock({ $0 }) else {
            throw RenderError.unavailable
        }
        do {
            return try await self.threadPool.runIfActive { try PostImageDrawing.png(for: spec) }
        } catch is CancellationError where !Task.isCancelled {
            // The pool cancels queued work when it shuts down.
            throw RenderError.unavailable
        }
    }

    /// Stops the threads after the renders already running; later renders throw
    /// ``RenderError/unavailable``. Calling it again does nothing.
    public func shutdown() async throws {
        let first = self.isShutDown.withLock { isShutDown in
            defer { isShutDown = true }
            return !isShutDown
        }
        guard first else { return }
        try await self.threadPool.shutdownGracefully()
    }

    /// Lays out `text` in `box` as a render would, on the calling thread (for tests).
    static func layout(_ text: String, in box: TextBox) throws(RenderError) -> TextLayout {
        let canvas = try PostCanvas(width: 1, height: 1)
        return TextFitter.layout(text, in: box, on: canvas)
    }

    /// Measures `line` as a render would at `weight` and `size`, on the calling thread (for tests).
    static func measure(_ line: String, weight: FontWeight, size: Double) throws(RenderError) -> LineMetrics {
        let canvas = try PostCanvas(width: 1, height: 1)
        canvas.setFont(weight, size: size)
        return canvas.measure(line)
    }
}
