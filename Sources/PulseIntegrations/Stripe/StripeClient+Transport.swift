import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

extension StripeClient {
    /// Answers larger than this are refused; the objects read here are a few kilobytes.
    static let maximumAnswerBytes = 1 << 20

    /// Sends one request and decodes its answer, or throws it classified.
    func send<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, form: String?, idempotencyKey: String?
    ) async throws(StripeError) -> Answer {
        var request = HTTPClientRequest(url: self.configuration.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(self.configuration.secretKey.value)")
        request.headers.add(name: "Stripe-Version", value: self.configuration.apiVersion)
        request.headers.add(name: "Accept", value: "application/json")
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        var metadata: Logger.Metadata = ["method": "\(method.rawValue)", "path": "\(path)"]
        let started = ContinuousClock.now
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            // One limit for the whole exchange: AsyncHTTPClient's own timeout ends when the
            // response head arrives, so a body that stalls would otherwise wait for ever.
            let timeout = self.configuration.requestTimeout
            (response, bytes) = try await Deadline.within(timeout) { [http, request] in
                let response = try await http.execute(request, timeout: .nanoseconds(timeout.wholeNanoseconds))
                return (response, try await response.body.collect(upTo: Self.maximumAnswerBytes))
            }
        } catch {
            let failure = self.classify(transport: error)
            metadata["failure"] = "\(failure.message)"
            self.logger.warning("stripe call failed", metadata: metadata)
            throw failure
        }
        let status = Int(response.status.code)
        metadata["status"] = "\(status)"
        metadata["duration_ms"] = "\((ContinuousClock.now - started) / .milliseconds(1))"
        if let requestId = response.headers.first(name: "Request-Id") { metadata["request_id"] = "\(requestId)" }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(status) else {
            let failure = self.classify(status: status, body: data, retryAfter: response.headers.first(name: "Retry-After"))
            metadata["failure"] = "\(failure.message)"
            self.logger.warning("stripe call failed", metadata: metadata)
            throw failure
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: data) else {
            let failure = StripeError.malformedResponse(reason: "HTTP \(status) without a readable \(Answer.self)")
            metadata["failure"] = "\(failure.message)"
            self.logger.warning("stripe call failed", metadata: metadata)
            throw failure
        }
        self.logger.debug("stripe call", metadata: metadata)
        return answer
    }

    /// `{"error":{"type","code","message","param","decline_code"}}`.
    private struct ErrorEnvelope: Decodable {
        let error: Detail

        struct Detail: Decodable {
            let type: String?
            let code: String?
            let message: String?
            let param: String?
            let declineCode: String?

            private enum CodingKeys: String, CodingKey {
                case type, code, message, param
                case declineCode = "decline_code"
            }
        }
    }

    /// The failure an HTTP error answer stands for: Stripe's error type first, then the status.
    func classify(status: Int, body: Data, retryAfter: String?) -> StripeError {
        let detail = (try? JSONDecoder().decode(ErrorEnvelope.self, from: body))?.error
        let message = self.redact(detail?.message ?? "HTTP \(status)")
        switch (status, detail?.type) {
        case (401, _):
            // Stripe's text here quotes part of the key: none of it is passed on.
            return .authentication
        case (429, _):
            return .rateLimited(retryAfter: retryAfter.flatMap(Self.seconds))
        case (500..., _), (_, "api_error"):
            return .server(status: status)
        case (_, "card_error"), (402, _):
            return .cardError(code: detail?.code, declineCode: detail?.declineCode, message: message)
        case (_, "idempotency_error"), (409, _):
            return .idempotency(message: message)
        case (403, _):
            return .permission(message: message)
        default:
            return .invalidRequest(code: detail?.code, message: message, param: detail?.param)
        }
    }

    /// A `Retry-After` in seconds (Stripe does not send the HTTP-date form).
    static func seconds(_ header: String) -> Duration? {
        guard let seconds = Double(header.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// Errors before an answer: the deadline is `timedOut`, everything else `unreachable` (with
    /// an idempotency key on every POST, both may be retried safely).
    func classify(transport error: any Error) -> StripeError {
        if error is NIOTooManyBytesError {
            return .malformedResponse(reason: "answer larger than \(Self.maximumAnswerBytes) bytes")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timedOut
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return .unreachable(reason: "could not connect in time")
            case .remoteConnectionClosed:
                return .unreachable(reason: "the connection closed before the answer was complete")
            default:
                return .unreachable(reason: self.redact("\(error)"))
            }
        }
        if ConnectionFailure.isRefused(error) {
            return .unreachable(reason: "connection refused")
        }
        return .unreachable(reason: self.redact("\(type(of: error))"))
    }

    /// `text` without the secret key or anything that looks like a Stripe key, even masked.
    func redact(_ text: String) -> String {
        var text = text
        let key = self.configuration.secretKey.value
        if !key.isEmpty { text = text.replacingOccurrences(of: key, with: "<redacted>") }
        return text.replacing(/(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9_*]*/, with: "<redacted>")
    }
}
