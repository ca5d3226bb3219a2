import Foundation
import HTTPTypes
import Hummingbird
import PostgresNIO
import PulseTestSupport
import Testing

@Suite(.serialized) struct OperationsTests {
    @Test func liveAndReady() async throws {
        try await withAPI { api in
            #expect(try await api.call(.get, "/health/live").status == 200)
            let ready = try await api.call(.get, "/health/ready")
            #expect(ready.status == 200)
            #expect(ready.json["checks"] as? [String: String] == ["postgres": "ok", "redis": "ok"])
        }
    }

    @Test func readinessReportsTheWorkersLastTick() async throws {
        try await withAPI { api in
            let worker = "ops-test-\(UUID())"
            try await api.services.database.query(
                "INSERT INTO worker_heartbeats (worker_id, last_tick_at) VALUES (\(worker), now() - interval '1 day')"
            )
            try await api.services.database.query("DELETE FROM worker_heartbeats WHERE worker_id <> \(worker)")
            let stale = try await api.call(.get, "/health/ready")
            #expect(stale.status == 200, "the web stays ready whatever the workers do")
            #expect(stale.string("worker", "status") == "stale")
            #expect(((stale.json["worker"] as? [String: Any])?["secondsSinceLastTick"] as? Int ?? 0) >= 86_000)

            try await api.services.publishing.heartbeat(workerId: worker)
            let fresh = try await api.call(.get, "/health/ready")
            #expect(fresh.string("worker", "status") == "ok")
            #expect(fresh.string("worker", "lastTickAt") != nil)
            try await api.services.database.query("DELETE FROM worker_heartbeats WHERE worker_id = \(worker)")
        }
    }

    @Test func notReadyNamesTheDependencyThatFailed() async throws {
        try await withAPI(overrides: ["REDIS_URL": deadRedisURL()]) { api in
            let ready = try await api.call(.get, "/health/ready")
            #expect(ready.status == 503)
            #expect(ready.string("status") == "unavailable")
            #expect((ready.json["checks"] as? [String: String])?["redis"] == "failed")
            #expect((ready.json["checks"] as? [String: String])?["postgres"] == "ok")
            #expect(try await api.call(.get, "/health/live").status == 200)
        }
    }

    @Test func metricsCountRequestsByRoute() async throws {
        try await withAPI { api in
            _ = try await api.call(.get, "/health/live")
            _ = try await api.call(.get, "/nope")
            let metrics = try await api.call(.get, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.body.contains(#"pulseworks_http_requests_total{method="GET",route="/health/live",status="200"} 1"#))
            #expect(metrics.body.contains(#"pulseworks_http_requests_total{method="GET",route="NotFound",status="404"} 1"#))
            #expect(metrics.body.contains("pulseworks_http_request_duration_seconds_bucket"))
        }
    }

    @Test func requestIDsAreEchoedOrMade() async throws {
        try await withAPI { api in
            let given = try await api.call(.get, "/health/live", headers: [HTTPField.Name("X-Request-Id")!: "trace-123"])
            #expect(given.headers[HTTPField.Name("X-Request-Id")!] == "trace-123")
            let forged = try await api.call(.get, "/health/live", headers: [HTTPField.Name("X-Request-Id")!: "bad\nid"])
            #expect(forged.headers[HTTPField.Name("X-Request-Id")!] != nil)
            #expect(forged.headers[HTTPField.Name("X-Request-Id")!] != "bad\nid")
        }
    }
}
