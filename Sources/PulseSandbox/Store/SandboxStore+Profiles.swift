extension SandboxStore {
    /// Creates a profile; titles are unique (Ayrshare's code 146).
    func createProfile(title: String) throws(SandboxError) -> SandboxProfile {
        guard !self.profiles.contains(where: { $0.title == title }) else {
            throw SandboxError(.badRequest, code: 146, "Profile title already exists.")
        }
        let profile = SandboxProfile(title: title)
        self.profiles.append(profile)
        return profile
    }

    /// The profile a `Profile-Key` header selects; no header selects the primary profile.
    func profile(key: String?) throws(SandboxError) -> SandboxProfile {
        self.profiles[try self.index(key: key)]
    }

    /// The profile with `refId` (admin API).
    func profile(refId: String) throws(SandboxError) -> SandboxProfile {
        self.profiles[try self.index(refId: refId)]
    }

    /// Every profile, the primary first.
    func allProfiles() -> [SandboxProfile] {
        self.profiles
    }

    /// Links `account` to the profile `refId`, replacing its previous account on that platform.
    func link(_ account: LinkedAccount, refId: String) throws(SandboxError) -> SandboxProfile {
        let index = try self.index(refId: refId)
        self.profiles[index].link(account)
        return self.profiles[index]
    }

    /// Unlinks `platform` from the profile `refId`; the account is nil when none was linked.
    func unlink(_ platform: String, refId: String) throws(SandboxError) -> (profile: SandboxProfile, account: LinkedAccount?) {
        let index = try self.index(refId: refId)
        let account = self.profiles[index].unlink(platform)
        return (self.profiles[index], account)
    }

    private func index(key: String?) throws(SandboxError) -> Int {
        guard let key else { return 0 }
        guard let index = self.profiles.firstIndex(where: { $0.profileKey == key }) else { throw .profileKeyNotFound }
        return index
    }

    private func index(refId: String) throws(SandboxError) -> Int {
        guard let index = self.profiles.firstIndex(where: { $0.refId == refId }) else {
            throw .notFound("Profile \(refId) not found.")
        }
        return index
    }
}
