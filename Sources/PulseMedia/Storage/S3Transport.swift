import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// One answer from the service: its status and body.
struct S3Exchange: Sendable {
    let status: Int
    let body: [UInt8]
}

/// Sends one request and reads the whole answer within a time limit. A value so tests can put a
/// scripted service in its place.
struct S3Transport: Sendable {
    let execute: @Sendable (HTTPClientRequest, Duration) async throws -> S3Exchange

    /// Over `http`; answers larger than `maximumBytes` fail.
    static func http(_ http: HTTPClient, maximumBytes: Int) -> S3Transport {
        S3Transport { request, timeout in
            // One limit for the whole exchange: AsyncHTTPClient's own timeout ends when the
            // response head arrives, so a body that stalls would otherwise wait for ever.
            try await Self.within(timeout) {
                let response = try await http.execute(request, timeout: .nanoseconds(timeout.wholeNanoseconds))
                let body = try await response.body.collect(upTo: maximumBytes)
                return S3Exchange(status: Int(response.status.code), body: Array(body.readableBytesView))
            }
        }
    }

    /// Runs `body`, or throws `HTTPClientError.deadlineExceeded` once `limit` has passed.
    private static func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw HTTPClientError.deadlineExceeded }
            return value
        }
    }
}

/// What went wrong before an answer arrived, in words that carry no request details.
enum S3TransportFailure {
    /// A reason for logs and `MediaStorageError.unavailable`, and whether trying again may help.
    /// S3's PUT, GET and DELETE are idempotent, so any failure to get an answer may be retried.
    static func classify(_ error: any Error, maximumBytes: Int) -> (reason: String, retryable: Bool) {
        if error is NIOTooManyBytesError {
            return ("the answer was larger than \(maximumBytes) bytes", false)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return ("timed out", true)
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return ("could not connect in time", true)
            case .remoteConnectionClosed:
                return ("the connection closed before the answer was complete", true)
            default:
                return ("HTTP client error", true)
            }
        }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) {
            return ("connection refused", true)
        }
        if error is NIOConnectionError || String(describing: error).contains("connectionRefused") {
            return ("connection refused", true)
        }
        return ("transport failure (\(type(of: error)))", true)
    }
}

/// The `<Code>` of an S3 XML error body (`<Error><Code>NoSuchKey</Code>…`), nil when there is
/// none. Only the code is kept: the rest of an error body (a `SignatureDoesNotMatch` quotes the
/// access key and the string to sign) never leaves this type.
enum S3ErrorCode {
    static func parse(_ body: [UInt8]) -> String? {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        guard let open = text.range(of: "<Code>"), let close = text.range(of: "</Code>", range: open.upperBound..<text.endIndex) else {
            return nil
        }
        let code = String(text[open.upperBound..<close.lowerBound])
        guard !code.isEmpty, code.count <= 64, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") }) else {
            return nil
        }
        return code
    }
}
