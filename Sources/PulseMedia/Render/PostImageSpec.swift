/// Everything that decides a post image: the same spec always renders to the same PNG bytes.
public struct PostImageSpec: Sendable, Hashable {
    /// The post's title, drawn as large as fits; empty draws no title.
    public var title: String
    /// The account's display name, drawn small; empty draws none.
    public var accountName: String
    /// Brand colours as `#rrggbb`, most characteristic first; unusable entries are skipped and an
    /// empty list falls back to a neutral palette.
    public var colors: [String]
    /// The layout.
    public var template: PostTemplate
    /// Whether the post is a promotion, which adds a badge.
    public var isPromo: Bool

    /// A spec; see the properties.
    public init(title: String, accountName: String, colors: [String], template: PostTemplate, isPromo: Bool = false) {
        self.title = title
        self.accountName = accountName
        self.colors = colors
        self.template = template
        self.isPromo = isPromo
    }
}
