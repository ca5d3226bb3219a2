import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

extension S3MediaStorage {
    /// Sends one signed request, retrying as `retry` says, and returns a 2xx answer, or a 404
    /// for a missing object when `missingIsAnswer`; anything else throws `MediaStorageError`.
    /// A missing bucket is always an error, so a misconfigured bucket never looks empty.
    func send(
        _ method: HTTPMethod, path: String, body: [UInt8]? = nil, contentType: String? = nil, key: MediaKey?, missingIsAnswer: Bool = false
    ) async throws -> S3Exchange {
        var context: Logger.Metadata = ["method": "\(method.rawValue)", "bucket": "\(self.bucket)"]
        if let key {
            context["media_key"] = "\(key)"
            context["account_id"] = "\(key.accountId.uuidString.lowercased())"
        }
        let attempts = max(1, self.retry.attempts)
        var reason = ""
        for attempt in 1...attempts {
            var metadata = context
            metadata["attempt"] = "\(attempt)"
            switch try await self.attempt(method, path: path, body: body, contentType: contentType, missingIsAnswer: missingIsAnswer, metadata: &metadata) {
            case .answered(let answer):
                return answer
            case .failed(let why, let retryable):
                reason = why
                guard retryable else {
                    self.logger.error("media storage unavailable", metadata: metadata)
                    throw MediaStorageError.unavailable("\(method.rawValue) failed: \(why)")
                }
                if attempt == attempts {
                    self.logger.error("media storage unavailable", metadata: metadata)
                } else {
                    self.logger.warning("media storage call failed; retrying", metadata: metadata)
                    try await Task.sleep(for: self.retry.delay(afterAttempt: attempt, random: Double.random(in: 0...1)))
                }
            }
        }
        throw MediaStorageError.unavailable("\(method.rawValue) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)")
    }

    /// How one attempt ended, when it did not throw a refusal.
    enum Attempt {
        case answered(S3Exchange)
        /// No usable answer: why, in words free of request details, and whether to try again.
        case failed(String, retryable: Bool)
    }

    /// One attempt: a fresh signature, the exchange, and its answer classified. A refusal that no
    /// retry can change throws `MediaStorageError.rejected` at once.
    func attempt(
        _ method: HTTPMethod, path: String, body: [UInt8]?, contentType: String?, missingIsAnswer: Bool, metadata: inout Logger.Metadata
    ) async throws -> Attempt {
        let started = ContinuousClock.now
        let answer: S3Exchange
        do {
            answer = try await self.transport.execute(self.request(method, path: path, body: body, contentType: contentType), self.requestTimeout)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let failure = S3TransportFailure.classify(error, maximumBytes: Self.maximumObjectBytes)
            metadata["failure"] = "\(failure.reason)"
            return .failed(failure.reason, retryable: failure.retryable)
        }
        metadata["status"] = "\(answer.status)"
        metadata["duration_ms"] = "\((ContinuousClock.now - started) / .milliseconds(1))"
        if (200..<300).contains(answer.status) {
            self.logger.debug("media storage call", metadata: metadata)
            return .answered(answer)
        }
        let code = S3ErrorCode.parse(answer.body)
        if let code { metadata["code"] = "\(code)" }
        if answer.status == 404 && missingIsAnswer && code != "NoSuchBucket" {
            self.logger.debug("media storage call", metadata: metadata)
            return .answered(answer)
        }
        guard S3RetryPolicy.isRetryable(status: answer.status, code: code) else {
            self.logger.warning("media storage refused the request", metadata: metadata)
            throw MediaStorageError.rejected(status: answer.status, code: code)
        }
        return .failed("HTTP \(answer.status)" + (code.map { " \($0)" } ?? ""), retryable: true)
    }

    /// The request, signed now: `Host`, `x-amz-date`, `x-amz-content-sha256` (the body's hash)
    /// and `Content-Type` are signed, then `Authorization` is added.
    func request(_ method: HTTPMethod, path: String, body: [UInt8]?, contentType: String?, now: Date = Date()) -> HTTPClientRequest {
        let payloadHash = body.map { SigV4.payloadHash($0) } ?? SigV4.emptyPayloadHash
        var headers = [
            SigV4.Header("host", self.endpoint.host),
            SigV4.Header("x-amz-content-sha256", payloadHash),
            SigV4.Header("x-amz-date", SigV4.amzDate(now)),
        ]
        if let contentType { headers.append(SigV4.Header("content-type", contentType)) }
        let signature = self.signer.sign(SigV4.Request(method: method.rawValue, path: path, headers: headers, payloadHash: payloadHash), at: now)
        var request = HTTPClientRequest(url: self.endpoint.base + SigV4.canonicalURI(path))
        request.method = method
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        request.headers.add(name: "authorization", value: signature.authorization)
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        return request
    }
}
