import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// `GET …/jobs/{jobId}`: a background job's state and progress, for polling.
struct JobController {
    let jobs: JobStore

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.get("jobs/:jobId", use: self.show)
    }

    struct JobError: Encodable {
        let code: String
        let message: String
    }

    struct JobResponse: ResponseEncodable {
        let job: JobRecord

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.job.id.text, forKey: .id)
            try container.encode(self.job.kind.rawValue, forKey: .kind)
            try container.encode(self.job.subjectId.text, forKey: .briefId)
            try container.encode(self.job.status.rawValue, forKey: .status)
            try container.encode(self.job.progress, forKey: .progress)
            try container.encode(self.job.result, forKey: .result)
            // An error stays on a queued job between attempts: it says why the job is waiting.
            let error = self.job.errorCode.map { JobError(code: $0, message: self.job.errorMessage ?? "") }
            try container.encode(error, forKey: .error)
            try container.encode(self.job.attempts, forKey: .attempts)
            try container.encode(self.job.maxAttempts, forKey: .maxAttempts)
            try container.encode(self.job.createdAt, forKey: .createdAt)
            try container.encode(self.job.startedAt, forKey: .startedAt)
            try container.encode(self.job.finishedAt, forKey: .finishedAt)
        }

        private enum CodingKeys: String, CodingKey {
            case id, kind, briefId, status, progress, result, error, attempts, maxAttempts, createdAt, startedAt, finishedAt
        }
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> JobResponse {
        let id = try context.parameters.uuid("jobId")
        guard let job = try await self.jobs.job(accountId: context.accountId, id: id) else { throw PulseError.notFound }
        return JobResponse(job: job)
    }
}
