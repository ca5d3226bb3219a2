import Foundation
import Hummingbird
import NIOCore
import PulseCore

extension Request {
    /// The whole body, at most `limit` bytes (413 beyond).
    func collectBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await self.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw PulseError.payloadTooLarge(limitBytes: limit)
        } catch is NIOTooManyBytesError {
            throw PulseError.payloadTooLarge(limitBytes: limit)
        }
    }

    /// Decodes a JSON body: 400 for what is not a JSON object, 413 when too large, 422 naming
    /// the field for missing keys, wrong types and invalid values.
    func decodeJSON<T: Decodable>(as type: T.Type, context: some RequestContext) async throws -> T {
        try JSONBody.decode(type, from: try await self.collectBody(limit: context.maxUploadSize))
    }
}

/// JSON body decoding with errors that say which field is wrong.
enum JSONBody {
    /// The body re-encoded with sorted keys and no white space, so that two requests that mean
    /// the same thing fingerprint the same whatever their key order or formatting.
    static func canonical(_ buffer: ByteBuffer) throws(PulseError) -> [UInt8] {
        let value = try Self.decode(JSONValue.self, from: buffer)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { throw .malformedRequest("The request body is not valid JSON.") }
        return Array(data)
    }

    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws(PulseError) -> T {
        guard buffer.readableBytes > 0 else {
            throw .malformedRequest("The request body must be a JSON object.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Self.map(error)
        } catch {
            throw .malformedRequest("The request body is not valid JSON.")
        }
    }

    static func map(_ error: DecodingError) -> PulseError {
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .malformedRequest("The request body is not valid JSON.")
            }
            return .invalid(Self.path(context.codingPath), "is not valid")
        case .keyNotFound(let key, let context):
            return .invalid(Self.path(context.codingPath + [key]), "is required")
        case .typeMismatch(let expected, let context):
            if context.codingPath.isEmpty {
                return .malformedRequest("The request body must be a JSON object.")
            }
            return .invalid(Self.path(context.codingPath), "must be \(Self.describe(expected))")
        case .valueNotFound(_, let context):
            if context.codingPath.isEmpty {
                return .malformedRequest("The request body must be a JSON object.")
            }
            return .invalid(Self.path(context.codingPath), "must not be null")
        @unknown default:
            return .malformedRequest("The request body could not be read.")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        default: type is any Collection.Type ? "an array" : "an object"
        }
    }
}

extension Parameters {
    /// A UUID path parameter; anything else is a 404, as for an id that does not exist.
    func uuid(_ name: String) throws(PulseError) -> UUID {
        guard let raw = self.get(name), let id = UUID(uuidString: raw) else { throw .notFound }
        return id
    }
}

/// Collects field problems so a 422 lists all of them at once.
struct Validator {
    private(set) var issues: [FieldIssue] = []

    /// The value of `result`, or nil after recording its issue.
    mutating func check<T>(_ result: Result<T, FieldIssue>) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let issue):
            self.issues.append(issue)
            return nil
        }
    }

    mutating func add(_ issue: FieldIssue?) {
        if let issue { self.issues.append(issue) }
    }

    /// Throws the 422 when anything was recorded.
    func finish() throws(PulseError) {
        if !self.issues.isEmpty { throw .validation(self.issues) }
    }
}
