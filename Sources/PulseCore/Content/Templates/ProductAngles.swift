/// PRODUCT: posts that put one offering in front of people: what it is, who it suits, what is in it.
enum ProductAngles {
    static let all: [PostAngle] = [
        PostAngle(
            titles: ["Spotlight: {offer}", "All about {offer}"],
            openings: ["Let's shine a light on {offer}.", "This week we're talking about {offer}."],
            bodies: [
                "It's one of the things we're proudest of at {brand}: done carefully, explained clearly and tailored to what you need.",
                "It's one of the things people ask us about most, and for good reason. Ask us anything about it; we love talking shop.",
            ]
        ),
        PostAngle(
            titles: ["{Offer}, explained", "What goes into {offer}"],
            openings: ["Ever wondered what goes into {offer}?", "Here's what really happens with {offer}."],
            bodies: [
                "We start by understanding what you need, then walk you through each step before we begin. No surprises, just a clear process and a good result.",
                "It's simpler than it sounds: a conversation, a plan, then careful work. We explain each stage as we go so you always know where things are at.",
            ]
        ),
        PostAngle(
            titles: ["Who we help with {offer}", "{Offer}: a good fit for you?"],
            openings: ["Wondering whether {offer} is a good fit for you?", "We often get asked who {offer} suits best."],
            bodies: [
                "If you want something done properly, with clear advice and no fuss, it's probably a good fit. If you're unsure, ask and we'll give you an honest answer.",
                "The short answer: more people than you'd think. The long answer depends on your goals, so let's have a chat about what you're after.",
            ]
        ),
        PostAngle(
            titles: ["Our most popular choice", "The one everyone asks about"],
            openings: ["There's one thing people ask us about more than anything else.", "If you've ever wondered what's most popular at {brand}, here it is."],
            bodies: [
                "It's {offer}. People love that it's straightforward, worth the time and handled by a team that cares about the details.",
                "Top of the list: {offer}, with {otherOffer} close behind. Come and find out why.",
            ]
        ),
        PostAngle(
            titles: ["{Offer} and {otherOffer}, compared", "Which option suits you?"],
            openings: ["Torn between {offer} and {otherOffer}?", "Two good options, one decision."],
            bodies: [
                "Both have their place. One might suit your timing better, the other your goals. Tell us what matters most and we'll help you decide.",
                "We're always happy to compare options honestly, including when the simpler one is the better fit for you.",
            ]
        ),
        PostAngle(
            titles: ["What's included with {offer}", "What you get with {offer}"],
            openings: ["What do you actually get with {offer} at {brand}?", "Here's what's included when you choose {offer}."],
            bodies: [
                "Time to talk through what you need, careful work from people who know what they're doing, and clear advice on what comes next.",
                "A proper conversation first, the work itself done with care, and follow-up advice so you get the most out of it.",
            ]
        ),
        PostAngle(
            titles: ["The standards we hold ourselves to", "Why we sweat the details"],
            openings: ["Quality isn't an accident.", "We're a little obsessive about the details, and we're fine with that."],
            bodies: [
                "We choose the approach we'd choose for ourselves, take the time to do things properly and check our work before we call it done.",
                "From the first conversation to the final check, everything we do for {offer} gets our full attention. Cutting corners just isn't how we work.",
            ]
        ),
        PostAngle(
            titles: ["Better together: {offer} and {otherOffer}", "A combination worth trying"],
            openings: ["Some things just go well together.", "Here's a combination our customers love."],
            bodies: [
                "{Offer} and {otherOffer} complement each other nicely. Ask us whether combining them makes sense for you.",
                "Pairing {offer} with {otherOffer} can save you a trip and round things off nicely. We'll tell you honestly if it's worth it.",
            ]
        ),
        PostAngle(
            titles: ["The thinking behind {offer}", "How we put {offer} together"],
            openings: ["A lot of thought goes into {offer}.", "There's more to {offer} than meets the eye."],
            bodies: [
                "We've refined how we do it over time, based on what works and what our customers tell us. The result is something we're happy to put our name to.",
                "Every detail is there for a reason, from how we prepare to how we follow up. Ask us about any of it.",
            ]
        ),
        PostAngle(
            titles: ["Before you choose {offer}, read this", "Three things to consider first"],
            openings: ["Thinking about {offer}? Consider these first.", "A few things worth knowing before you decide."],
            bodies: [
                "What do you want it to do for you? When do you need it? What matters more to you, speed or detail? Your answers help us recommend the right option.",
                "Think about your goal, your timing and your budget. With those in mind, we can point you to exactly the right option.",
            ]
        ),
        PostAngle(
            titles: ["Getting the most out of {offer}", "Make the most of {offer}"],
            openings: ["Want to get more out of {offer}?", "A few simple ways to get more value from {offer}."],
            bodies: [
                "Tell us your goal up front, ask questions as we go and follow the advice we give afterwards. Those three things make the biggest difference.",
                "Timing, preparation and follow-through. Get those right and you'll notice the difference.",
            ]
        ),
        PostAngle(
            titles: ["Why customers come back for {offer}", "What people like about {offer}"],
            openings: ["People come back to us for {offer} for a few good reasons.", "Why do customers keep choosing {offer} with us?"],
            bodies: [
                "It's reliable, it's explained clearly and it's done by people who care about getting it right. No gimmicks.",
                "Consistency. You know what you're getting, every time, and you can always ask us anything.",
            ]
        ),
    ]
}
