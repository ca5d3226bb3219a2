import Foundation
import Logging
import PostgresNIO
import PulseCore

/// Background jobs in Postgres: enqueued by the API, claimed by workers with `SKIP LOCKED`,
/// run under a lease, retried with a delay, finished with a result or an error.
public struct JobStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        account_id, id, kind, subject_id, status, progress, payload::text, result::text, error_code, error_message,
        attempts, max_attempts, created_by, created_at, started_at, finished_at, lease_owner
        """

    static func decode(_ row: PostgresRow) throws -> JobRecord {
        let c = try row.decode(
            (UUID, UUID, String, UUID, String, Int, String, String?, String?, String?, Int, Int, UUID?, Date, Date?, Date?, String?).self
        )
        guard let kind = JobKind(rawValue: c.2), let status = JobStatus(rawValue: c.4) else { throw PulseError.internalError }
        return JobRecord(
            accountId: c.0, id: c.1, kind: kind, subjectId: c.3, status: status, progress: c.5,
            payload: try JSONText.decode([String: JSONValue].self, c.6), result: try c.7.map { try JSONText.decode([String: JSONValue].self, $0) },
            errorCode: c.8, errorMessage: c.9, attempts: c.10, maxAttempts: c.11, createdBy: c.12, createdAt: c.13,
            startedAt: c.14, finishedAt: c.15, leaseOwner: c.16
        )
    }

    /// One job of the account.
    public func job(accountId: UUID, id: UUID) async throws -> JobRecord? {
        try await self.database.query(
            "SELECT \(unescaped: Self.columns) FROM jobs WHERE account_id = \(accountId) AND id = \(id)"
        ).first(decoding: Self.decode)
    }

    /// Thrown inside the transaction to roll it back when the key was used before.
    struct Replay: Error {
        let jobId: UUID
    }

    /// Queues a generation of `briefId` and returns the job (`created` false when a live job for
    /// the brief already existed, or when `idempotency` replays an earlier request). A replay is
    /// answered before anything else is checked, and the key is stored with whichever job it
    /// got, so a retry never starts a second generation. Then the budget: a 402 when the
    /// account's cap is spent or the brief has used the regenerations the budget still allows.
    public func enqueueGeneration(
        accountId: UUID, actor: UUID, briefId: UUID, budget: AIBudget, now: Date, maxAttempts: Int = 3,
        idempotency: IdempotencyClaim?, authorize: ActorCheck
    ) async throws -> (job: JobRecord, created: Bool) {
        let logger = self.database.logger
        let database = self.database
        do {
            return try await self.database.transaction { connection in
                try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
                if let idempotency, let earlier = try await Idempotency.earlier(idempotency, on: connection, logger: logger) {
                    throw Replay(jobId: earlier["jobId"]?.stringValue.flatMap(UUID.init(uuidString:)) ?? UUID())
                }
                let brief = try await connection.query(
                    """
                    SELECT b.month, b.generation_count, a.plan FROM monthly_briefs b JOIN accounts a ON a.id = b.account_id
                    WHERE b.account_id = \(accountId) AND b.id = \(briefId)
                    """,
                    logger: logger
                ).first(decoding: { try $0.decode((String, Int, String?).self) })
                guard let (month, generations, plan) = brief else { throw PulseError.notFound }
                let live = try await connection.query(
                    """
                    SELECT \(unescaped: Self.columns) FROM jobs
                    WHERE account_id = \(accountId) AND kind = 'GENERATE_BATCH' AND subject_id = \(briefId) AND status IN ('queued', 'running')
                    """,
                    logger: logger
                ).first(decoding: Self.decode)
                if let live {
                    if let idempotency {
                        _ = try await Idempotency.claim(idempotency, response: ["jobId": .string(live.id.text)], on: connection, logger: logger)
                    }
                    return (live, false)
                }
                let standing = try await SpendLedger.standing(accountId: accountId, month: YearMonth(utc: now), on: connection, database: database)
                if let refusal = budget.capped(for: Plan(stored: plan)).refusal(generationsBefore: generations, at: standing) {
                    throw refusal
                }
                let seed = UInt64.random(in: 0...UInt64(Int64.max))
                let payload = try JSONText.encode(["briefId": JSONValue.string(briefId.text), "seed": .string(String(seed))])
                let job = try await connection.query(
                    """
                    INSERT INTO jobs (account_id, id, kind, subject_id, status, payload, max_attempts, created_by)
                    VALUES (\(accountId), \(UUID()), 'GENERATE_BATCH', \(briefId), 'queued', \(payload)::jsonb, \(maxAttempts), \(actor))
                    RETURNING \(unescaped: Self.columns)
                    """,
                    logger: logger
                ).first(decoding: Self.decode)
                guard let job else { throw PulseError.internalError }
                try await AuditLog.append(
                    AuditEntry(
                        accountId: accountId, userId: actor, type: .generationRequested, entityType: "job", entityId: job.id.text,
                        metadata: ["briefId": .string(briefId.text), "month": .string(month), "regeneration": .bool(generations > 0)]
                    ),
                    on: connection, logger: logger
                )
                if let idempotency,
                    let earlier = try await Idempotency.claim(idempotency, response: ["jobId": .string(job.id.text)], on: connection, logger: logger)
                {
                    throw Replay(jobId: earlier["jobId"]?.stringValue.flatMap(UUID.init(uuidString:)) ?? job.id)
                }
                return (job, true)
            }
        } catch let replay as Replay {
            guard let job = try await self.job(accountId: accountId, id: replay.jobId) else { throw PulseError.notFound }
            return (job, false)
        }
    }

    /// Claims the next runnable job for `worker` under a lease: a queued job whose time has
    /// come, or a running one whose worker let its lease run out. The claim's `leaseOwner` is
    /// unique to this claim (the worker's id and a fresh token), so a lane that lost its lease —
    /// even to another lane of the same worker — can no longer touch the job.
    public func claim(worker: String, lease: Duration) async throws -> JobRecord? {
        let leaseSeconds = Double(lease.components.seconds)
        let owner = worker + "/" + UUID().text
        return try await self.database.query(
            """
            UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = \(owner),
                lease_until = now() + \(leaseSeconds) * interval '1 second', started_at = COALESCE(started_at, now()), updated_at = now()
            WHERE (account_id, id) = (
                SELECT account_id, id FROM jobs
                WHERE (status = 'queued' AND run_after <= now()) OR (status = 'running' AND lease_until < now())
                ORDER BY run_after, created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            RETURNING \(unescaped: Self.columns)
            """
        ).first(decoding: Self.decode)
    }

    /// Records progress and renews the lease; false when `owner` no longer holds the job.
    @discardableResult
    public func progress(_ job: JobRecord, owner: String, percent: Int, lease: Duration) async throws -> Bool {
        let leaseSeconds = Double(lease.components.seconds)
        let rows = try await self.database.query(
            """
            UPDATE jobs SET progress = \(min(max(percent, 0), 99)),
                lease_until = now() + \(leaseSeconds) * interval '1 second', updated_at = now()
            WHERE account_id = \(job.accountId) AND id = \(job.id) AND status = 'running' AND lease_owner = \(owner)
            RETURNING 1
            """
        ).all(decoding: { _ in true })
        return !rows.isEmpty
    }

    /// Ends an attempt that failed: queued again after `retryAfter` while attempts remain,
    /// otherwise failed for good (with an audit event). False when `owner` lost the job.
    @discardableResult
    public func fail(_ job: JobRecord, owner: String, code: String, message: String, retryAfter: Duration?) async throws -> Bool {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            let retry = retryAfter.flatMap { job.attempts < job.maxAttempts ? Double($0.components.seconds) : nil }
            let rows = try await connection.query(
                """
                UPDATE jobs SET
                    status = CASE WHEN \(retry)::float8 IS NULL THEN 'failed' ELSE 'queued' END,
                    run_after = CASE WHEN \(retry)::float8 IS NULL THEN run_after ELSE now() + \(retry) * interval '1 second' END,
                    finished_at = CASE WHEN \(retry)::float8 IS NULL THEN now() END,
                    progress = CASE WHEN \(retry)::float8 IS NULL THEN progress ELSE 0 END,
                    error_code = \(code), error_message = \(message), lease_until = NULL, lease_owner = NULL, updated_at = now()
                WHERE account_id = \(job.accountId) AND id = \(job.id) AND status = 'running' AND lease_owner = \(owner)
                RETURNING status
                """,
                logger: logger
            ).all(decoding: { try $0.decode(String.self) })
            guard let status = rows.first else { return false }
            if status == JobStatus.failed.rawValue {
                try await AuditLog.append(
                    AuditEntry(
                        accountId: job.accountId, userId: nil, type: .generationFailed, entityType: "job", entityId: job.id.text,
                        metadata: ["briefId": .string(job.subjectId.text), "code": .string(code), "attempts": .number(Double(job.attempts))]
                    ),
                    on: connection, logger: logger
                )
            }
            return true
        }
    }
}
