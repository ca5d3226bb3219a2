import Logging
import Synchronization

/// Collects log events for assertions: the bare messages, and each message with its metadata
/// (for "no secret in any log line" checks).
public final class LogRecorder: Sendable {
    private let recorded = Mutex<[(message: String, line: String)]>([])

    public init() {}

    /// The messages, in order.
    public var messages: [String] { self.recorded.withLock { $0.map(\.message) } }
    /// Each message followed by its metadata.
    public var lines: [String] { self.recorded.withLock { $0.map(\.line) } }

    /// A logger writing here at `level`; each logger keeps its own metadata, as swift-log expects.
    public func logger(label: String = "recorded", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in Handler(sink: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ message: String, _ line: String) {
        self.recorded.withLock { $0.append((message, line)) }
    }

    private struct Handler: LogHandler {
        let sink: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
            self.sink.append(event.message.description, "\(event.message) \(merged)")
        }
    }
}
