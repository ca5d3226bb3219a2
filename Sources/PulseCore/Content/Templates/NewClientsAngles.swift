/// NEW_CLIENTS: posts that make a stranger comfortable enough to get in touch for the first time.
enum NewClientsAngles {
    static let all: [PostAngle] = [
        PostAngle(
            titles: ["Meet {brand}", "Say hello to {brand}"],
            openings: ["New here? Welcome to {brand}.", "If we haven't met yet, hello from everyone at {brand}."],
            bodies: [
                "{taglineLine} Most people find us through {offer}, and they stay because the whole experience is easy from start to finish.",
                "{taglineLine} Whether it's {offer} or {otherOffer}, we take the time to understand what you need before we start.",
            ]
        ),
        PostAngle(
            titles: ["Your first visit, step by step", "What to expect the first time"],
            openings: ["Wondering what your first visit with us looks like?", "Never been in before? Here's how it goes."],
            bodies: [
                "We start with a quick chat about what you're after, talk you through the options for {offer}, and make sure you're comfortable before anything begins. No pressure and no jargon.",
                "First we listen. Then we explain what we'd suggest and why, so there are no surprises. By the time you leave, you'll know exactly what was done and what comes next.",
            ]
        ),
        PostAngle(
            titles: ["Why people choose {brand}", "What makes {brand} different"],
            openings: ["There are plenty of places to go for {offer}. Here's why people keep choosing us.", "What sets {brand} apart? We asked ourselves the same question."],
            bodies: [
                "We take the time to get the details right, we're upfront about what things involve, and we treat every person who walks in like a regular. Small things, done consistently.",
                "Honest advice, careful work and a friendly welcome. That's the whole recipe, and it's the reason so many of our customers come back and bring their friends.",
            ]
        ),
        PostAngle(
            titles: ["First-timer questions, answered", "New to {offer}? Start here"],
            openings: ["Thinking about {offer} but not sure where to start?", "Every regular of ours had a first appointment once."],
            bodies: [
                "The questions we hear most are how long it takes, what it involves and how to prepare. The good news: we'll walk you through all of it, and no question is too basic.",
                "You don't need to know the terminology or have everything figured out. Tell us what you're hoping for and we'll suggest a sensible place to begin.",
            ]
        ),
        PostAngle(
            titles: ["Getting started with {brand} is easy", "How to get started with us"],
            openings: ["Getting started with us takes less time than you'd think.", "Ready when you are: here's how to get started."],
            bodies: [
                "Send us a message, tell us a little about what you need, and we'll suggest a time that works. If you're not sure which option suits you, we're happy to talk it through first.",
                "Reach out through our page or drop in. We'll answer your questions, point you to the right option for {offer}, and get you booked in without any fuss.",
            ]
        ),
        PostAngle(
            titles: ["Know someone who'd love {brand}?", "Pass it on"],
            openings: ["The nicest compliment we get is a recommendation.", "Most of our new faces come from a friend's suggestion."],
            bodies: [
                "If you've enjoyed coming to {brand}, tag someone who's been looking for {offer}. Small businesses grow one conversation at a time, and we're grateful for every one.",
                "Word of mouth keeps local businesses like ours going. If someone you know has been asking about {offer}, we'd love you to point them our way.",
            ]
        ),
        PostAngle(
            titles: ["What new customers tell us", "The feedback we hear most"],
            openings: ["After their first visit, new customers often tell us the same thing.", "We ask every new customer how their first visit went."],
            bodies: [
                "They wish they'd come sooner. It's the reason we work hard to make {offer} feel approachable, clear and worth your time.",
                "The answer we hear most is that it was easier than they expected. That's by design: clear explanations, no rush, and a plan that fits you.",
            ]
        ),
        PostAngle(
            titles: ["No experience needed for {offer}", "You don't need to be an expert"],
            openings: ["A lot of people assume {offer} isn't really for them.", "Here's a myth we'd love to clear up."],
            bodies: [
                "In reality, most of the people we help are beginners. We start where you are and adjust as we go, so it never feels like too much at once.",
                "You don't need to be an expert, know exactly what you want or have it all planned out. Come with a question and we'll help you work out the rest.",
            ]
        ),
        PostAngle(
            titles: ["New in the area? Come and say hi", "Just moved nearby?"],
            openings: ["Just moved to the area, or only just noticed us?", "If you're new around here, welcome to the neighbourhood."],
            bodies: [
                "{brand} helps locals with {offer} and {otherOffer}, and we'd love to add you to the list. Pop in, say hello and ask us anything.",
                "Finding good local businesses takes time. Let us save you some: if you need {offer}, we're right here and happy to help.",
            ]
        ),
        PostAngle(
            titles: ["How to choose the right place for {offer}", "Questions to ask before you choose a provider"],
            openings: ["Choosing someone for {offer}? Ask these questions first.", "Not every option for {offer} is the same, so here's how to compare."],
            bodies: [
                "What experience do they have? How do they explain costs? What happens if you're not happy? Do they listen before they suggest? A good business will answer all four without hesitating. We're happy to.",
                "Look for clear pricing, honest advice and people who ask about your needs before recommending anything. Those are the standards we hold ourselves to at {brand}.",
            ]
        ),
        PostAngle(
            titles: ["A quick look inside {brand}", "Take a look around"],
            openings: ["Ever wondered what goes on behind our doors?", "Here's a peek at where the work happens."],
            bodies: [
                "This is where we look after {offer} every day, and we keep it welcoming on purpose. If you've been curious, this is your invitation to come and see it for yourself.",
                "We like people to know what they're walking into: calm, organised and run by a team that's glad to see you.",
            ]
        ),
        PostAngle(
            titles: ["Not ready to commit? Just ask", "Questions first, decisions later"],
            openings: ["Not ready to book yet? That's completely fine.", "You don't have to decide anything today."],
            bodies: [
                "Send us your questions about {offer} and we'll give you a straight answer. Plenty of our regulars started with a simple message.",
                "Ask us about {offer}, pricing or timing and take your time deciding. We'd rather you feel sure than rushed.",
            ]
        ),
    ]
}
