import Crypto
import Foundation
import Hummingbird
import Logging
import PulseCore
import PulseRedis
import PulseSecurity
import PulseStore

/// Signup, login, token refresh, logout, the caller's profile and password change.
struct AuthController {
    let auth: any AuthRepository
    let accounts: any AccountRepository
    let hasher: PasswordHasher
    let tokens: AccessTokens
    let sessions: SessionIssuer
    let fingerprint: RequestFingerprint
    let throttle: any FailureThrottle

    /// Routes that need no access token.
    func addPublicRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("signup", use: self.signup)
        group.post("login", use: self.login)
        group.post("refresh", use: self.refresh)
        group.post("logout", use: self.logout)
    }

    /// Routes for a signed-in user.
    func addAuthenticatedRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get("me", use: self.me)
        group.post("password", use: self.changePassword)
    }

    // MARK: signup

    struct SignupRequest: Decodable {
        let accountName: String
        let email: String
        let password: String
        let timezone: String?
        let websiteUrl: String?
    }

    @Sendable func signup(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SessionResponse> {
        let idempotencyKey = try IdempotencyKeyHeader.value(in: request)
        let body = try await request.collectBody(limit: context.maxUploadSize)
        let input = try JSONBody.decode(SignupRequest.self, from: body)

        var validator = Validator()
        let email = EmailAddress(input.email)
        if email == nil { validator.add(FieldIssue(field: "email", message: "must be a valid email address")) }
        validator.add(PasswordPolicy.issue(with: input.password))
        let name = validator.check(AccountProfileRules.name(input.accountName, field: "accountName"))
        let timezone = validator.check(AccountProfileRules.timezone(input.timezone ?? AccountProfileRules.defaultTimezone))
        let website = input.websiteUrl.flatMap { validator.check(AccountProfileRules.websiteURL($0)) }
        try validator.finish()
        guard let email, let name, let timezone else { throw PulseError.internalError }

        let passwordHash = try await self.hasher.hash(input.password)
        let refresh = self.sessions.newRefreshToken()
        let outcome = try await self.auth.signup(
            NewSignup(
                email: email, passwordHash: passwordHash, accountName: name, timezone: timezone, websiteURL: website,
                refreshToken: refresh.stored,
                idempotency: try idempotencyKey.map {
                    IdempotencyClaim(scope: "signup", key: $0, fingerprint: self.fingerprint(try JSONBody.canonical(body)))
                }
            )
        )
        let userId: UUID
        let accountId: UUID
        let pair: SessionIssuer.TokenPair
        switch outcome {
        case .created(let user, let account, let sessionId):
            (userId, accountId) = (user, account)
            pair = try await self.sessions.pair(userId: user, sessionId: sessionId, refreshToken: refresh.token)
            context.logger.info("signup", metadata: ["user_id": .string(user.text), "account_id": .string(account.text)])
        case .replayed(let user, let account):
            // The same key and body again (a double click): answer as the first time, with a
            // fresh session, but only while that first answer would still be true.
            (userId, accountId) = (user, account)
            guard let credentials = try await self.auth.credentials(userId: user),
                try await self.hasher.verify(input.password, against: credentials.passwordHash)
            else { throw Self.replayRefused }
            pair = try await self.sessions.start(
                userId: user,
                audit: AuditEntry(
                    accountId: nil, userId: user, type: .loginSucceeded, entityType: "user", entityId: user.text,
                    metadata: ["via": "signup_replay"]
                )
            )
        }
        guard let membership = try await self.accounts.accounts(userId: userId).first(where: { $0.account.id == accountId }) else {
            throw Self.replayRefused
        }
        return SessionResponse(
            pair, user: UserResponse(id: userId, email: email.value), account: AccountSummaryResponse(membership)
        ).created()
    }

    /// A signup replay whose user changed their password or left the account since.
    static let replayRefused = PulseError.conflict(
        code: "signup_already_completed", message: "This signup was completed earlier. Log in instead."
    )

    // MARK: login

    struct LoginRequest: Decodable {
        let email: String
        let password: String
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> SessionResponse {
        let input = try await request.decodeJSON(as: LoginRequest.self, context: context)
        let normalised = EmailAddress(input.email)
        let throttleKey = Self.throttleKey(normalised?.value ?? input.email.trimmingWhitespace().lowercased())
        // Counted before the password is checked, so parallel guesses cannot all slip through.
        if case .blocked(let seconds) = await self.throttle.attempt(throttleKey) {
            context.logger.notice("login throttled")
            throw PulseError.rateLimited(retryAfterSeconds: seconds)
        }
        // Unknown emails and wrong passwords take the same path and the same time.
        let credentials = try await normalised.asyncFlatMap { try await self.auth.credentials(email: $0) }
        let matches: Bool
        if let credentials {
            matches = try await self.hasher.verify(input.password, against: credentials.passwordHash)
        } else {
            try await self.hasher.verifyDummy(input.password)
            matches = false
        }
        guard let credentials, matches else {
            try await self.auth.record(
                AuditEntry(
                    accountId: nil, userId: credentials?.id, type: .loginFailed,
                    metadata: ["reason": .string(credentials == nil ? "unknown_email" : "wrong_password")]
                )
            )
            throw PulseError.invalidCredentials
        }
        await self.throttle.reset(throttleKey)
        if self.hasher.needsRehash(credentials.passwordHash) {
            let upgraded = try await self.hasher.hash(input.password)
            try await self.auth.replacePasswordHash(userId: credentials.id, old: credentials.passwordHash, new: upgraded)
        }
        let pair = try await self.sessions.start(
            userId: credentials.id,
            audit: AuditEntry(accountId: nil, userId: credentials.id, type: .loginSucceeded, entityType: "user", entityId: credentials.id.text)
        )
        return SessionResponse(pair, user: UserResponse(id: credentials.id, email: credentials.email))
    }

    /// The throttle key of an email: hashed, so Redis never holds addresses.
    static func throttleKey(_ email: String) -> String {
        "login:" + SHA256.hash(data: Array(email.utf8)).hex
    }

    /// A token pair, with the user (signup, login) and the new account (signup) where they apply.
    struct SessionResponse: ResponseEncodable {
        let accessToken: String
        let refreshToken: String
        let tokenType = "Bearer"
        let expiresIn: Int
        let user: UserResponse?
        let account: AccountSummaryResponse?

        init(_ pair: SessionIssuer.TokenPair, user: UserResponse? = nil, account: AccountSummaryResponse? = nil) {
            self.accessToken = pair.accessToken
            self.refreshToken = pair.refreshToken
            self.expiresIn = pair.expiresIn
            self.user = user
            self.account = account
        }
    }

    // MARK: refresh and logout

    struct RefreshRequest: Decodable {
        let refreshToken: String
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> SessionResponse {
        let input = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        guard let presented = RefreshTokens.hashIfWellFormed(input.refreshToken) else {
            throw PulseError.invalidRefreshToken
        }
        let replacement = self.sessions.newRefreshToken()
        switch try await self.auth.rotate(presentedHash: Data(presented), replacement: replacement.stored) {
        case .rotated(let userId, let sessionId):
            let pair = try await self.sessions.pair(userId: userId, sessionId: sessionId, refreshToken: replacement.token)
            return SessionResponse(pair)
        case .reused(let userId, let sessionId):
            context.logger.warning(
                "refresh token reused; session revoked",
                metadata: ["user_id": .string(userId.text), "session_id": .string(sessionId.text)]
            )
            throw PulseError.invalidRefreshToken
        case .invalid:
            throw PulseError.invalidRefreshToken
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let input = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        guard let presented = RefreshTokens.hashIfWellFormed(input.refreshToken) else {
            throw PulseError.invalid("refreshToken", "is not a refresh token")
        }
        // Logging out an unknown or already-ended session is not an error: the goal is reached.
        _ = try await self.auth.logout(presentedHash: Data(presented))
        return .noContent
    }

    // MARK: me and password

    struct MeResponse: ResponseEncodable {
        let user: UserResponse
        let accounts: [AccountSummaryResponse]
    }

    @Sendable func me(_ request: Request, context: AuthenticatedContext) async throws -> MeResponse {
        guard let user = try await self.auth.user(id: context.identity.userId) else { throw PulseError.unauthenticated }
        let accounts = try await self.accounts.accounts(userId: user.id)
        return MeResponse(user: UserResponse(id: user.id, email: user.email), accounts: accounts.map(AccountSummaryResponse.init))
    }

    struct PasswordChangeRequest: Decodable {
        let currentPassword: String
        let newPassword: String
    }

    @Sendable func changePassword(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        let input = try await request.decodeJSON(as: PasswordChangeRequest.self, context: context)
        if let issue = PasswordPolicy.issue(with: input.newPassword, field: "newPassword") {
            throw PulseError.validation([issue])
        }
        let userId = context.identity.userId
        // A stolen access token must not become a way to guess the password: same throttle as login.
        let throttleKey = "password:" + userId.text
        if case .blocked(let seconds) = await self.throttle.attempt(throttleKey) {
            throw PulseError.rateLimited(retryAfterSeconds: seconds)
        }
        guard let credentials = try await self.auth.credentials(userId: userId) else { throw PulseError.unauthenticated }
        guard try await self.hasher.verify(input.currentPassword, against: credentials.passwordHash) else {
            throw PulseError.invalid("currentPassword", "is incorrect")
        }
        await self.throttle.reset(throttleKey)
        let newHash = try await self.hasher.hash(input.newPassword)
        try await self.auth.changePassword(userId: userId, newHash: newHash, keepSessionId: context.identity.sessionId)
        context.logger.info("password changed; other sessions ended")
        return .noContent
    }
}
