/// COMMUNITY: posts about the people around the business, its customers and its neighbourhood.
enum CommunityAngles {
    static let all: [PostAngle] = [
        PostAngle(
            titles: ["Thank you, from all of us", "A big thank you"],
            openings: ["We just want to say thank you.", "This one is simply a thank you."],
            bodies: [
                "Every booking, review, recommendation and friendly hello keeps {brand} going. We don't take any of it for granted.",
                "Running a small business is a team effort, and our customers are a big part of the team. Thank you for choosing us.",
            ]
        ),
        PostAngle(
            titles: ["Some love for our local businesses", "Shout-out to our neighbours"],
            openings: ["We're lucky to be surrounded by great local businesses.", "Supporting local goes both ways."],
            bodies: [
                "Who's your favourite local spot? Tell us in the comments and we'll share a few of them. Every purchase at a small business makes a real difference.",
                "When you shop local, the money stays close to home and helps the whole neighbourhood. Tag a local business you love below.",
            ]
        ),
        PostAngle(
            titles: ["Meet the people behind {brand}", "The team behind the work"],
            openings: ["Behind every visit is a team that cares.", "Ever wondered who's behind {brand}?"],
            bodies: [
                "We're a small group of people who genuinely enjoy what we do, especially {offer}. We learn from each other every day and it shows in the work.",
                "Different backgrounds, one shared goal: making every visit a good one. Come and say hi next time you're in.",
            ]
        ),
        PostAngle(
            titles: ["Behind the scenes at {brand}", "What you don't usually see"],
            openings: ["Here's a bit of what happens behind the scenes.", "Most of the work happens before you arrive."],
            bodies: [
                "Planning, preparing, tidying, checking the details twice: the parts you don't see are the ones that make the visible parts go smoothly.",
                "There's a lot of quiet preparation behind {offer}. We think it's worth it, because it means your time with us runs without a hitch.",
            ]
        ),
        PostAngle(
            titles: ["We'd love to hear from you", "Your turn: tell us"],
            openings: ["We've got a question for you.", "Quick question for our community."],
            bodies: [
                "What's one thing you'd love to see from {brand} this {month}? Drop your ideas below; we read every comment.",
                "What made you choose a local business most recently? We'd love to hear your stories in the comments.",
            ]
        ),
        PostAngle(
            titles: ["Why we love being local", "Proud to be part of the neighbourhood"],
            openings: ["There's a reason we set up right here.", "Being part of this neighbourhood means a lot to us."],
            bodies: [
                "The people, the familiar faces and the sense that everyone looks out for each other. It's a great place to run a business.",
                "We see the same friendly faces, get to know their stories and feel part of something bigger than a shop front.",
            ]
        ),
        PostAngle(
            titles: ["A small milestone worth celebrating", "Celebrating how far we've come"],
            openings: ["Every small business has milestones, and we've hit a few lately.", "We're taking a moment to celebrate."],
            bodies: [
                "More happy customers, more {offer} done well and more lessons learned along the way. None of it would be possible without you.",
                "Growing a business is a lot of small steps. Thanks for walking alongside us; we're excited about what comes next.",
            ]
        ),
        PostAngle(
            titles: ["Your kind words mean a lot", "On reviews and recommendations"],
            openings: ["We read every review, and they make our day.", "Kind words travel further than you'd think."],
            bodies: [
                "If you've had a good experience with us, a short review helps other locals find {brand}. And if something could be better, we want to hear that too.",
                "A review takes a minute to write and helps a small business for months. If you've enjoyed {offer} with us, we'd be grateful for a few words.",
            ]
        ),
        PostAngle(
            titles: ["How we try to give back", "Looking out for each other"],
            openings: ["Good businesses look after their communities.", "We believe in helping where we can."],
            bodies: [
                "Sometimes that means supporting local causes, sometimes it's simply sharing good advice for free. Know a local cause we should hear about? Tell us.",
                "Sometimes that means giving our time, sometimes it means sharing what we know. If there's a local group we could help, let us know.",
            ]
        ),
        PostAngle(
            titles: ["Show us how it turned out", "Tag us, we'd love to see"],
            openings: ["Nothing makes our day like seeing the results out in the world.", "Have you shared your experience with {brand}?"],
            bodies: [
                "If you're happy with how things turned out, tag us in a post so we can celebrate with you. Only share what you're comfortable sharing, of course.",
                "Tag us in your posts and stories. It helps other locals discover us, and it's genuinely lovely to see.",
            ]
        ),
        PostAngle(
            titles: ["To our regulars", "A note for our regulars"],
            openings: ["To everyone who keeps coming back: we see you.", "Some of you have been with us since the very beginning."],
            bodies: [
                "Regulars are the heart of a small business. You tell us what works, you forgive the odd hiccup and you send your friends our way. Thank you.",
                "Familiar faces make every week better. Thanks for trusting us with {offer}, again and again.",
            ]
        ),
        PostAngle(
            titles: ["What's happening around here in {month}", "Out and about this {month}"],
            openings: ["There's always something going on in our community.", "{month} is shaping up to be a busy one around here."],
            bodies: [
                "Got a local event, market or fundraiser coming up this {month}? Share it in the comments and help spread the word.",
                "We love seeing the neighbourhood come together. If you're organising something this {month}, let us know and we'll help share it.",
            ]
        ),
    ]
}
