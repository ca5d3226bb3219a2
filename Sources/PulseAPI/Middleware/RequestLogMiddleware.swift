import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Prometheus
import PulseCore

/// Gives each request an id (a sane incoming `X-Request-Id`, or a new one), puts it on the
/// request's logger and the response, logs one line per request and records HTTP metrics by route.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestId = request.headers[.requestID].flatMap(Self.acceptable) ?? UUID().text
        context.logger[metadataKey: "request_id"] = .string(requestId)
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        response.headers[.requestID] = requestId
        let route = context.endpointPath ?? "NotFound"
        self.metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible((elapsed / .milliseconds(1)).rounded()),
            ]
        )
        return response
    }

    /// An incoming id is kept only if it is short and plain, so it cannot forge log lines.
    static func acceptable(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") })
        else { return nil }
        return value
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}

/// Request counts and latency histograms by method, route pattern and status.
public struct HTTPMetrics: Sendable {
    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]
    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a stored static.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "pulseworks", metricName: "http_requests", unitName: "total",
            helpText: "HTTP requests by method, route pattern and status."
        )
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "pulseworks", metricName: "http_request_duration", unitName: "seconds",
            helpText: "HTTP request latency by method and route pattern."
        )
    }
    let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func record(method: String, route: String, status: Int, duration: Duration) {
        self.registry.makeCounter(
            descriptor: Self.requests,
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        self.registry.makeDurationHistogram(
            descriptor: Self.duration,
            labels: [("method", method), ("route", route)],
            buckets: Self.buckets
        ).recordNanoseconds(duration.wholeNanoseconds)
    }
}
