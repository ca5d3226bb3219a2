/// How a tone sounds: the closing line of every ordinary post, its call to action. The angles
/// carry the content whatever the tone; the closer sets how hard the post asks. Sixteen a tone,
/// so the largest plan need not close two posts alike.
struct ToneVoice: Sendable {
    let closers: [String]

    static func voice(for tone: BriefTone) -> ToneVoice {
        switch tone {
        case .neutral: Self.neutral
        case .educational: Self.educational
        case .promotional: Self.promotional
        }
    }

    /// Promotions close with one of these whatever the tone: they always ask for the booking.
    static let promoClosers = [
        "Message us to claim the offer.",
        "Get in touch to book, and mention this post.",
        "Find the details on our page, or just ask.",
        "Send us a message and we'll sort out the details.",
        "Ask us about it next time you're in.",
        "Book now and make the most of it.",
        "Questions about the offer? Just ask.",
        "Reach out today and we'll take it from there.",
    ]

    static let neutral = ToneVoice(
        closers: [
            "Say hello next time you're passing.",
            "Follow along for more from {brand}.",
            "Questions? Send us a message any time.",
            "We'd love to hear what you think in the comments.",
            "Thanks for being part of our community.",
            "Have a great week, from all of us at {brand}.",
            "Share this with someone who'd enjoy it.",
            "Drop us a line if there's anything we can help with.",
            "More from us soon.",
            "Let us know your thoughts below.",
            "As always, we're here if you need us.",
            "See you soon.",
            "Thanks for reading, and for supporting a local business.",
            "Pop in and see us soon.",
            "We're always happy to chat.",
            "Until next time, from the team at {brand}.",
        ],
    )

    static let educational = ToneVoice(
        closers: [
            "Save this post so it's handy next time.",
            "Got a question about {offer}? Ask it in the comments and we'll answer.",
            "Share this with someone who'd find it useful.",
            "Want us to cover a topic? Tell us in the comments.",
            "Follow along for more practical tips.",
            "Learned something new? Give this a like so we know.",
            "Bookmark this one for later.",
            "If anything here is unclear, message us and we'll explain.",
            "More tips coming soon, so stay tuned.",
            "Pass this on to a friend who's been wondering.",
            "Questions are always welcome.",
            "Know someone who'd find this helpful? Tag them.",
        ]
    )

    static let promotional = ToneVoice(
        closers: [
            "Book now while times are available.",
            "Message us today to lock in your spot.",
            "Get in touch today; we'd love to see you.",
            "Don't wait: send us a message and we'll sort the rest.",
            "Ready? Book with {brand} today.",
            "Call, message or drop in to book.",
            "Secure your spot this {month}.",
            "Reach out now and let's make it happen.",
            "Your next step is a quick message. We'll take it from there.",
            "Times fill up, so get in early.",
            "Start today: send us a message.",
            "Say the word and we'll get you booked in.",
        ]
    )
}
