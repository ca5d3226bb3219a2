import Foundation
import PulseCore

/// The layouts a post image can take. Each uses the brand's colours differently, so a month of
/// posts does not look like one image repeated.
public enum PostTemplate: String, CaseIterable, Sendable {
    /// The whole square in the brand's main colour, the title large and centred.
    case bold
    /// A band of the brand's colour holding the account name over a light panel holding the title.
    case split
    /// A light square inside a thick brand-coloured frame, with an accent bar beside the title.
    case frame

    /// The template for a content item: always the same for the same id, on every machine and in
    /// every process (a fixed mix of the id's bytes, not `Hasher`, which is seeded per process),
    /// and spread over all templates across a batch.
    public static func choose(for contentId: UUID) -> PostTemplate {
        let bytes = withUnsafeBytes(of: contentId.uuid) { Array($0) }
        let seed = bytes.reduce(UInt64(0)) { ($0 << 8 | $0 >> 56) ^ UInt64($1) }
        var generator = SplitMix64(seed: seed)
        return Self.allCases[Int(generator.next() % UInt64(Self.allCases.count))]
    }
}
