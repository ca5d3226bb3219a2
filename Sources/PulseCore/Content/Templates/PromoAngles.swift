/// PROMO: posts that carry the month's promotion (`{promo}`). A month's promotions open with the
/// announcement and, when there are two or more, end with the last call; the rest go between.
enum PromoAngles {
    static let announcement = PostAngle(
        titles: ["This month's offer at {brand}", "Our {month} offer is here"],
        openings: ["We've got something special for you this {month}.", "Good news: our {month} offer is live."],
        bodies: [
            "Here are the details: {promo}. It's our way of saying thanks, and a great excuse to try {offer}.",
            "{Promo}. If you've been meaning to book {offer}, now's a good time.",
        ]
    )

    static let lastCall = PostAngle(
        titles: ["Last chance for this month's offer", "Don't miss out: our {month} offer"],
        openings: ["There's still time, but not much.", "A final reminder about this month's offer."],
        bodies: [
            "Our {month} offer won't be around for long: {promo}. Get in touch soon if you'd like to make the most of it.",
            "If you've been waiting for the right moment, this is it: {promo}. Message us to claim it while it lasts.",
        ]
    )

    static let middle: [PostAngle] = [
        PostAngle(
            titles: ["A reminder about our {month} offer", "In case you missed it"],
            openings: ["In case you missed it, our {month} offer is still running.", "Quick reminder for anyone who's been meaning to book."],
            bodies: [
                "{Promo}. It's a great time to try {offer} or bring a friend along.",
                "The details: {promo}. Reach out and we'll help you make the most of it.",
            ]
        ),
        PostAngle(
            titles: ["How to claim this month's offer", "Claiming our offer is easy"],
            openings: ["Claiming this month's offer is simple.", "Here's how to take advantage of this month's offer."],
            bodies: [
                "Send us a message or mention this post when you get in touch. The offer: {promo}.",
                "Just get in touch and let us know you saw this post. Here's what's on offer: {promo}.",
            ]
        ),
        PostAngle(
            titles: ["Who this month's offer is for", "Good timing for newcomers and regulars"],
            openings: ["This month's offer is for regulars and first-timers alike.", "Never tried {offer}? This month is a good time to start."],
            bodies: [
                "{Promo}. Whether you're new to {brand} or a familiar face, it's a great reason to book.",
                "Here's what we're offering: {promo}. New customers and regulars are equally welcome.",
            ]
        ),
        PostAngle(
            titles: ["Why we're running this offer", "The story behind our {month} offer"],
            openings: ["We don't run offers often, so here's why we're doing this one.", "Every offer we run has a reason behind it."],
            bodies: [
                "It's our thank-you to the community that keeps us going: {promo}. We hope it brings a few new faces through the door, too.",
                "We want more people to experience {offer} the way we do it. So this {month}: {promo}.",
            ]
        ),
        PostAngle(
            titles: ["Make the most of our offer", "Get more from this month's offer"],
            openings: ["Here's a tip for getting the most out of this month's offer.", "Planning to use this month's offer? Read this first."],
            bodies: [
                "{Promo}. Pair it with {otherOffer} and make a proper occasion of it.",
                "The offer: {promo}. Book early for the best choice of times, and ask us about {otherOffer} while you're here.",
            ]
        ),
    ]

    /// `count` promotion angles in posting order.
    static func sequence(count: Int, dice: inout TemplateDice) -> [PostAngle] {
        guard count > 0 else { return [] }
        guard count > 1 else { return [Self.announcement] }
        var middle = dice.shuffled(Self.middle)
        // More promotions than angles only happens with plans larger than any sold today; the
        // drafter's title and caption checks then keep the repeats apart.
        while middle.count < count - 2 { middle += dice.shuffled(Self.middle) }
        return [Self.announcement] + middle.prefix(count - 2) + [Self.lastCall]
    }
}
