import Foundation
import HTTPTypes
import PulseTestSupport
import Testing

@Suite(.serialized) struct PostingRulesTests {
    @Test func setReadAndAudit() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let path = "/api/accounts/\(owner.accountId)/posting-rules"
            let empty = try await api.call(.get, path, token: owner.accessToken)
            #expect(empty.status == 200)
            #expect(empty.json["configured"] as? Bool == false)
            #expect(empty.json["frequency"] is NSNull)

            let saved = try await api.call(
                .put, path, token: owner.accessToken, json: ["frequency": "THREE_WEEKLY", "daysOfWeek": [5, 1, 3], "timeWindow": "EVENING"]
            )
            #expect(saved.status == 200)
            #expect(saved.json["daysOfWeek"] as? [Int] == [1, 3, 5])
            let read = try await api.call(.get, path, token: owner.accessToken)
            #expect(read.string("frequency") == "THREE_WEEKLY")
            #expect(read.string("timeWindow") == "EVENING")
            #expect(read.json["configured"] as? Bool == true)

            let replaced = try await api.call(
                .put, path, token: owner.accessToken, json: ["frequency": "TWICE_WEEKLY", "daysOfWeek": [2, 6], "timeWindow": "MORNING"]
            )
            #expect(replaced.json["daysOfWeek"] as? [Int] == [2, 6])
            let audit = try await api.call(.get, "/api/accounts/\(owner.accountId)/audit?type=POSTING_RULES_UPDATED", token: owner.accessToken)
            #expect((audit.json["events"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func invalidCombinationsAre422WithTheReasonAndChangeNothing() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let path = "/api/accounts/\(owner.accountId)/posting-rules"
            _ = try await api.call(.put, path, token: owner.accessToken, json: ["frequency": "TWICE_WEEKLY", "daysOfWeek": [1, 4], "timeWindow": "MORNING"])
            let cases: [([String: any Sendable], String)] = [
                (["frequency": "TWICE_WEEKLY", "daysOfWeek": [1, 2, 3], "timeWindow": "MORNING"], "daysOfWeek"),
                (["frequency": "THREE_WEEKLY", "daysOfWeek": [1, 2], "timeWindow": "MORNING"], "daysOfWeek"),
                (["frequency": "TWICE_WEEKLY", "daysOfWeek": [0, 7], "timeWindow": "MORNING"], "daysOfWeek"),
                (["frequency": "TWICE_WEEKLY", "daysOfWeek": [3, 3], "timeWindow": "MORNING"], "daysOfWeek"),
                (["frequency": "WEEKLY", "daysOfWeek": [1, 2], "timeWindow": "MORNING"], "frequency"),
                (["frequency": "TWICE_WEEKLY", "daysOfWeek": [1, 2], "timeWindow": "NIGHT"], "timeWindow"),
                (["frequency": "TWICE_WEEKLY", "daysOfWeek": ["mon", "tue"], "timeWindow": "MORNING"], "daysOfWeek[0]"),
            ]
            for (body, field) in cases {
                let reply = try await api.call(.put, path, token: owner.accessToken, json: body)
                #expect(reply.status == 422, "\(body)")
                #expect(reply.errorFields.contains(field), "\(body) → \(reply.body)")
            }
            let read = try await api.call(.get, path, token: owner.accessToken)
            #expect(read.json["daysOfWeek"] as? [Int] == [1, 4])
        }
    }
}
