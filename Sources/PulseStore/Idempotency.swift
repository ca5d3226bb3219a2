import Foundation
import Logging
import PostgresNIO
import PulseCore

/// Stored `Idempotency-Key`s: the first request with a key claims it inside its own transaction.
public enum Idempotency {
    /// Claims `claim` on `connection` (inside the caller's transaction) with the `response` a replay
    /// should see. Returns nil when the claim is new; otherwise the earlier response, or throws
    /// `PulseError.idempotencyKeyReused` when the earlier request had a different body.
    ///
    /// A concurrent request with the same key blocks on the unique key until the first commits or
    /// rolls back, so exactly one of them does the work. Keys older than `lifetime` are taken over
    /// as new: a replay is for retries and double clicks, not for reuse days later.
    public static func claim(
        _ claim: IdempotencyClaim, response: [String: JSONValue], on connection: PostgresConnection, logger: Logger,
        lifetime: Duration = .seconds(24 * 3600)
    ) async throws -> [String: JSONValue]? {
        let lifetimeSeconds = Int(lifetime.components.seconds)
        let responseText = try JSONText.encode(response)
        let inserted = try await connection.query(
            """
            INSERT INTO idempotency_keys (scope, key, request_fingerprint, response)
            VALUES (\(claim.scope), \(claim.key), \(claim.fingerprint), \(responseText)::jsonb)
            ON CONFLICT (scope, key) DO UPDATE
                SET request_fingerprint = EXCLUDED.request_fingerprint, response = EXCLUDED.response, created_at = now()
                WHERE idempotency_keys.created_at < now() - \(lifetimeSeconds) * interval '1 second'
            RETURNING 1
            """,
            logger: logger
        ).collect()
        guard inserted.isEmpty else { return nil }
        let rows = try await connection.query(
            "SELECT request_fingerprint, response::text FROM idempotency_keys WHERE scope = \(claim.scope) AND key = \(claim.key)",
            logger: logger
        )
        for try await (fingerprint, text) in rows.decode((Data, String).self) {
            guard fingerprint == claim.fingerprint else { throw PulseError.idempotencyKeyReused }
            return try JSONText.decode([String: JSONValue].self, text)
        }
        // The row vanished between the two statements (expired and purged): treat as reused.
        throw PulseError.idempotencyKeyReused
    }

    /// The response stored for `claim` by an earlier request within `lifetime`, nil when there is
    /// none; throws `PulseError.idempotencyKeyReused` when the earlier request had another body.
    /// For requests whose answer may change with time (a refusal now where the first request
    /// succeeded): look first, then do the work and `claim` the key with its answer.
    public static func earlier(
        _ claim: IdempotencyClaim, on connection: PostgresConnection, logger: Logger, lifetime: Duration = .seconds(24 * 3600)
    ) async throws -> [String: JSONValue]? {
        let lifetimeSeconds = Int(lifetime.components.seconds)
        let rows = try await connection.query(
            """
            SELECT request_fingerprint, response::text FROM idempotency_keys
            WHERE scope = \(claim.scope) AND key = \(claim.key) AND created_at >= now() - \(lifetimeSeconds) * interval '1 second'
            """,
            logger: logger
        )
        for try await (fingerprint, text) in rows.decode((Data, String).self) {
            guard fingerprint == claim.fingerprint else { throw PulseError.idempotencyKeyReused }
            return try JSONText.decode([String: JSONValue].self, text)
        }
        return nil
    }
}
