import Hummingbird
import PulseCore

/// The `?month=&status=` filters of the list routes; a bad value is a 400.
enum ListFilters {
    /// `month` as `YYYY-MM`, nil when absent.
    static func month(in request: Request) throws(PulseError) -> YearMonth? {
        guard let raw = request.uri.queryParameters.get("month") else { return nil }
        guard let month = YearMonth(String(raw)) else { throw .malformedRequest("month must be a month as YYYY-MM") }
        return month
    }

    /// `status` as one of `Status`'s values, nil when absent.
    static func status<Status: RawRepresentable & CaseIterable>(in request: Request, as _: Status.Type) throws(PulseError) -> Status?
    where Status.RawValue == String {
        guard let raw = request.uri.queryParameters.get("status") else { return nil }
        guard let status = Status(rawValue: String(raw)) else {
            throw .malformedRequest("status must be one of " + Status.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return status
    }
}
