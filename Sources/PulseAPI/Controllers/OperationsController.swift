import Foundation
import Hummingbird
import Prometheus
import PulseRedis
import PulseStore

/// Liveness, readiness and Prometheus metrics.
struct OperationsController {
    let database: Database
    let redis: RedisClient
    let publishing: PublishingStore
    let registry: PrometheusCollectorRegistry
    /// How long a dependency may take to answer a readiness check.
    let checkTimeout: Duration = .seconds(2)

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health/live", use: self.live)
        router.get("health/ready", use: self.ready)
        router.get("metrics", use: self.metrics)
    }

    struct HealthResponse: ResponseEncodable {
        let status: String
        let checks: [String: String]
        var worker: WorkerHealth? = nil
    }

    /// The most recent tick of any worker. Reported, not judged: the web stays ready while the
    /// workers are down, so an alert on `status` belongs to whoever watches the workers.
    struct WorkerHealth: Encodable {
        /// `ok` (ticked within two minutes), `stale`, `never` or `unknown` (could not be read).
        let status: String
        let lastTickAt: Date?
        let secondsSinceLastTick: Int?
    }

    /// A worker that has not ticked for this long is reported stale.
    static let staleAfter: TimeInterval = 120

    @Sendable func live(_ request: Request, context: AppRequestContext) -> HealthResponse {
        HealthResponse(status: "ok", checks: [:])
    }

    func workerHealth() async -> WorkerHealth {
        guard let last = try? await self.publishing.lastTick() else {
            return WorkerHealth(status: (try? await self.database.ping()) == nil ? "unknown" : "never", lastTickAt: nil, secondsSinceLastTick: nil)
        }
        let age = Date().timeIntervalSince(last)
        return WorkerHealth(status: age <= Self.staleAfter ? "ok" : "stale", lastTickAt: last, secondsSinceLastTick: max(0, Int(age)))
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async -> EditedResponse<HealthResponse> {
        async let postgres = Self.check(timeout: self.checkTimeout) { try await self.database.ping() }
        async let redis = Self.check(timeout: self.checkTimeout) { try await self.redis.ping() }
        let checks = ["postgres": await postgres, "redis": await redis]
        let worker = checks["postgres"] == "ok" ? await self.workerHealth() : WorkerHealth(status: "unknown", lastTickAt: nil, secondsSinceLastTick: nil)
        let ready = checks.values.allSatisfy { $0 == "ok" }
        if !ready {
            context.logger.warning("not ready", metadata: ["checks": .string(checks.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: ","))])
        }
        return EditedResponse(
            status: ready ? .ok : .serviceUnavailable,
            response: HealthResponse(status: ready ? "ok" : "unavailable", checks: checks, worker: worker)
        )
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.registry.emitToBuffer()))
        )
    }

    /// "ok", "timeout" or "failed": never the error text, which could name hosts or users.
    static func check(timeout: Duration, _ probe: @escaping @Sendable () async throws -> Void) async -> String {
        await withTaskGroup(of: String.self) { group in
            group.addTask {
                do {
                    try await probe()
                    return "ok"
                } catch {
                    return "failed"
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return "timeout"
            }
            let first = await group.next() ?? "failed"
            group.cancelAll()
            return first
        }
    }
}
