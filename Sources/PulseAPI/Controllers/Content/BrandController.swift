import Foundation
import Hummingbird
import PulseCore
import PulseIntegrations
import PulseStore

/// `…/brand`: the account's brand profile, extracted from its website and corrected by hand.
struct BrandController {
    let brand: any BrandRepository
    let accounts: any AccountRepository
    let fetcher: WebsiteFetcher

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.post("brand/extract", use: self.extract)
        account.get("brand", use: self.show)
        account.put("brand", use: self.replace)
    }

    struct BrandResponse: ResponseEncodable {
        let record: BrandProfileRecord

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let profile = self.record.profile
            try container.encode(profile.name, forKey: .name)
            try container.encode(profile.tagline, forKey: .tagline)
            try container.encode(profile.description, forKey: .description)
            try container.encode(profile.openGraph, forKey: .openGraph)
            try container.encode(profile.headings, forKey: .headings)
            try container.encode(profile.serviceKeywords, forKey: .serviceKeywords)
            try container.encode(profile.colors, forKey: .colors)
            try container.encode(profile.sourceURL, forKey: .sourceUrl)
            try container.encode(self.record.source, forKey: .source)
            try container.encode(self.record.extractedAt, forKey: .extractedAt)
            try container.encode(self.record.updatedAt, forKey: .updatedAt)
        }

        private enum CodingKeys: String, CodingKey {
            case name, tagline, description, openGraph, headings, serviceKeywords, colors, sourceUrl, source, extractedAt, updatedAt
        }
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> BrandResponse {
        guard let record = try await self.brand.profile(accountId: context.accountId) else { throw PulseError.notFound }
        return BrandResponse(record: record)
    }

    /// Fetches the account's website and stores what it says about the brand. A site that cannot
    /// be read is a 422 and the stored profile stays as it was.
    @Sendable func extract(_ request: Request, context: AccountContext) async throws -> BrandResponse {
        try context.require(.editAccountProfile)
        guard let account = try await self.accounts.account(accountId: context.accountId) else { throw PulseError.notFound }
        guard let website = account.websiteURL, !website.isEmpty else {
            throw PulseError.invalid("websiteUrl", "is not set on the account; add it with PATCH /api/accounts/{accountId} first")
        }
        let page: FetchedPage
        do {
            page = try await self.fetcher.fetch(website)
        } catch {
            context.logger.notice("brand extraction could not fetch the website", metadata: ["reason": .string(error.message)])
            throw PulseError.unprocessable(code: "website_unreachable", message: error.message)
        }
        let profile = BrandProfileRules.normalized(BrandExtractor.extract(html: page.html, url: page.url))
        let record = try await self.brand.save(
            accountId: context.accountId, actor: context.userId, profile: profile, extracted: true, authorize: context.check(.editAccountProfile)
        )
        return BrandResponse(record: record)
    }

    struct BrandRequest: Decodable {
        let name: String?
        let tagline: String?
        let description: String?
        let openGraph: [String: String]?
        let headings: [String]?
        let serviceKeywords: [String]?
        let colors: [String]?
    }

    /// Replaces the profile with the owner's corrections (fields left out become empty).
    @Sendable func replace(_ request: Request, context: AccountContext) async throws -> BrandResponse {
        try context.require(.editAccountProfile)
        let input = try await request.decodeJSON(as: BrandRequest.self, context: context)
        let current = try await self.brand.profile(accountId: context.accountId)
        let profile = try BrandProfileRules.validated(
            BrandProfile(
                name: input.name, tagline: input.tagline, description: input.description, openGraph: input.openGraph ?? [:],
                headings: input.headings ?? [], serviceKeywords: input.serviceKeywords ?? [], colors: input.colors ?? [],
                sourceURL: current?.profile.sourceURL
            )
        )
        let record = try await self.brand.save(
            accountId: context.accountId, actor: context.userId, profile: profile, extracted: false, authorize: context.check(.editAccountProfile)
        )
        return BrandResponse(record: record)
    }
}
