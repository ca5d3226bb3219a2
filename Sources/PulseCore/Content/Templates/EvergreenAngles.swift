/// Angles that suit any focus: the drafter reaches for them once a batch has used its focus's own.
enum EvergreenAngles {
    static let all: [PostAngle] = [
        PostAngle(
            titles: ["About {brand}", "A little about us"],
            openings: ["A few words about who we are.", "If you're new to our page, here's a little about us."],
            bodies: [
                "{about} We'd love to help with {offer}, so say hello any time.",
                "{about} Whatever brings you to us, you'll get honest advice and careful work.",
            ]
        ),
        PostAngle(
            titles: ["What we stand for", "The values behind {brand}"],
            openings: ["Every business has values. Here are ours.", "We try to live by a few simple rules."],
            bodies: [
                "{taglineLine} Be honest. Do careful work. Treat people well. Keep learning.",
                "{taglineLine} Listen first, explain clearly and never recommend anything we wouldn't choose ourselves.",
            ]
        ),
        PostAngle(
            titles: ["Ask us anything", "Your questions, our answers"],
            openings: ["Got a question you've been meaning to ask?", "No question is too small."],
            bodies: [
                "Drop it in the comments or send us a message. We'll answer as many as we can over the coming weeks, starting with {offer}.",
                "Whether it's about {offer}, timing or anything else, ask away. If one person is wondering, others probably are too.",
            ]
        ),
        PostAngle(
            titles: ["A day in the life at {brand}", "What a typical day looks like"],
            openings: ["Ever wondered what a typical day looks like for us?", "No two days are quite the same here."],
            bodies: [
                "Early prep, a steady stream of familiar faces, a few surprises and plenty of {offer}. We wouldn't have it any other way.",
                "Some days are busy, some are calm, and every one involves people we're glad to help.",
            ]
        ),
        PostAngle(
            titles: ["Stay in the loop", "Why it's worth following along"],
            openings: ["Want to hear from us first?", "If you like what we do, stick around."],
            bodies: [
                "Follow our page for tips, updates and the occasional behind-the-scenes look. We keep it useful and we keep it real.",
                "We share practical advice, news from {brand} and the odd peek behind the curtain. Turn on notifications so you don't miss a post.",
            ]
        ),
        PostAngle(
            titles: ["Small business, big effort", "Why small businesses matter"],
            openings: ["Choosing a small business makes a real difference.", "Behind every small business is someone who took a chance."],
            bodies: [
                "When you choose {brand}, you're supporting real people in your own community. That means a lot to us, and we work hard to earn it.",
                "Small businesses give neighbourhoods their character. Thanks for keeping us part of yours.",
            ]
        ),
        PostAngle(
            titles: ["How we work", "What you can expect from us"],
            openings: ["Here's what you can count on from us.", "A few promises we keep to every customer."],
            bodies: [
                "Clear communication, honest advice and careful work. If we can't help, we'll say so and point you somewhere that can.",
                "We'll explain things plainly, respect your time and do the job properly. Simple as that.",
            ]
        ),
        PostAngle(
            titles: ["Our favourite part of the job", "Why we love what we do"],
            openings: ["Ask anyone here what they love about the job and you'll get a similar answer.", "We get asked why we do what we do."],
            bodies: [
                "It's the moment someone leaves happier than they arrived. Helping with {offer} never gets old.",
                "It's the people. Every day brings someone new to help, and that keeps the work interesting.",
            ]
        ),
    ]
}
