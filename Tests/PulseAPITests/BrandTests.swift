import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseAPI

/// `…/brand`: extraction from the account's website (served by a local server), reading and
/// correcting the profile.
@Suite(.serialized) struct BrandTests {
    static let page = """
        <!doctype html><html><head><title>Kiwi Bakery | Sourdough in Ponsonby</title>
        <meta property="og:site_name" content="Kiwi Bakery"><meta name="description" content="Small-batch sourdough and pastries.">
        <meta name="theme-color" content="#0a7f5a"><style>:root { --brand-primary: #f4a300; }</style></head>
        <body><h1>Sourdough baked daily</h1><h2>Wholesale bread</h2><h2>Pastries and cakes</h2></body></html>
        """

    /// Runs `body` with a local website: `/` is the bakery's page, `/broken` answers 500.
    static func withWebsite(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Self.page)))
        }
        router.get("/broken") { _, _ -> Response in Response(status: .internalServerError) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))")
        }
    }

    @Test func extractionReadsTheWebsiteAndAFailedFetchKeepsTheStoredProfile() async throws {
        try await Self.withWebsite { site in
            try await withAPI { api in
                let owner = try await api.signup()
                let base = "/api/accounts/\(owner.accountId)"
                #expect(try await api.call(.get, "\(base)/brand", token: owner.accessToken).status == 404)
                let noSite = try await api.call(.post, "\(base)/brand/extract", token: owner.accessToken)
                #expect(noSite.status == 422)
                #expect(noSite.errorFields == ["websiteUrl"])

                #expect(try await api.call(.patch, base, token: owner.accessToken, json: ["websiteUrl": site + "/"]).status == 200)
                let extracted = try await api.call(.post, "\(base)/brand/extract", token: owner.accessToken)
                #expect(extracted.status == 200, "\(extracted.body)")
                #expect(extracted.string("name") == "Kiwi Bakery")
                #expect(extracted.string("description") == "Small-batch sourdough and pastries.")
                #expect(extracted.string("source") == "EXTRACTED")
                let colors = extracted.json["colors"] as? [String] ?? []
                #expect(colors.first == "#0a7f5a" && colors.contains("#f4a300"))
                #expect((extracted.json["headings"] as? [String] ?? []).contains("Wholesale bread"))

                #expect(try await api.call(.patch, base, token: owner.accessToken, json: ["websiteUrl": site + "/broken"]).status == 200)
                let failed = try await api.call(.post, "\(base)/brand/extract", token: owner.accessToken)
                #expect(failed.status == 422)
                #expect(failed.errorCode == "website_unreachable")
                let kept = try await api.call(.get, "\(base)/brand", token: owner.accessToken)
                #expect(kept.string("name") == "Kiwi Bakery")
            }
        }
    }

    @Test func theOwnerCorrectsTheProfileWithinLimits() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let member = try await api.signup(accountName: "Member's own")
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            let base = "/api/accounts/\(owner.accountId)"
            let body: [String: any Sendable] = [
                "name": "Kiwi Bakery", "tagline": "Bread worth waking for", "description": "Call 021 555 0199 for orders.",
                "serviceKeywords": ["sourdough", "pastries"], "colors": ["#0A7", "#f4a300"],
            ]
            let saved = try await api.call(.put, "\(base)/brand", token: owner.accessToken, json: body)
            #expect(saved.status == 200)
            #expect(saved.string("source") == "EDITED")
            #expect(saved.json["colors"] as? [String] == ["#00aa77", "#f4a300"])
            #expect(saved.string("description") == "Call [phone] for orders.")
            #expect(try await api.call(.get, "\(base)/brand", token: owner.accessToken).string("tagline") == "Bread worth waking for")

            let badColor = try await api.call(.put, "\(base)/brand", token: owner.accessToken, json: ["colors": ["teal"]])
            #expect(badColor.status == 422)
            #expect(badColor.errorFields == ["colors"])
            let longName = try await api.call(.put, "\(base)/brand", token: owner.accessToken, json: ["name": String(repeating: "n", count: 201)])
            #expect(longName.status == 422)
            #expect(try await api.call(.put, "\(base)/brand", token: member.accessToken, json: body).status == 403)
            #expect(try await api.call(.get, "\(base)/brand", token: owner.accessToken).string("name") == "Kiwi Bakery")
        }
    }
}
