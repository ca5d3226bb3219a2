/// EDUCATION: posts that teach something useful, so the business is the one people trust to ask.
enum EducationAngles {
    static let all: [PostAngle] = [
        PostAngle(
            titles: ["A quick tip about {offer}", "One small habit that makes a difference"],
            openings: ["Here's a quick tip we share with almost everyone.", "Small habits make a big difference with {offer}."],
            bodies: [
                "Before you start, be clear about what you want to achieve and share it with whoever's helping you. A clear goal makes every decision about {offer} easier.",
                "Consistency beats intensity. A little attention regularly will usually do more than one big effort once in a while, and it's easier to keep up.",
            ]
        ),
        PostAngle(
            titles: ["The most common mistake we see", "A mistake worth avoiding"],
            openings: ["There's one mistake we see more than any other.", "Let's talk about a mistake that's easy to make."],
            bodies: [
                "Leaving things until they become urgent. With {offer}, a little planning ahead gives you more options, better timing and far less stress.",
                "Trying to do everything at once. Break it into steps, start with what matters most, and build from there. It's how we approach {offer} too.",
            ]
        ),
        PostAngle(
            titles: ["Myth vs fact: {offer}", "Let's bust a myth"],
            openings: ["Myth: getting started with {offer} is complicated. Fact: it doesn't have to be.", "There's a lot of advice out there about {offer}, and not all of it holds up."],
            bodies: [
                "Most of the confusion comes from jargon. Once the steps are explained plainly, the choices become much clearer. That's why we always explain what we're doing and why.",
                "If something you've read sounds too good to be true, it's worth asking a professional. We're always happy to tell you what we know, and what we don't.",
            ]
        ),
        PostAngle(
            titles: ["Jargon, explained", "The terms you'll hear, in plain English"],
            openings: ["Ever nodded along to a term you didn't quite understand?", "Every industry has its jargon, and ours is no exception."],
            bodies: [
                "If something we say about {offer} doesn't make sense, stop us and ask. Understanding the basics helps you make better choices, and we'd much rather explain than assume.",
                "We try to keep things in plain English. When a technical term is unavoidable, we'll tell you what it means and why it matters for you.",
            ]
        ),
        PostAngle(
            titles: ["How often should you think about {offer}?", "How often is often enough?"],
            openings: ["How often? It's one of the questions we're asked most.", "The honest answer to 'how often' is: it depends."],
            bodies: [
                "It depends on your goals, your situation and how things are going. A quick check-in with us can help you find a rhythm that makes sense, without overdoing it.",
                "Some people need a regular routine, others only check in now and then. We'll help you work out what fits, and adjust it as things change.",
            ]
        ),
        PostAngle(
            titles: ["How we approach {offer}, step by step", "Our process, explained"],
            openings: ["Curious how we actually approach {offer}?", "Good results start with a good process."],
            bodies: [
                "Step one: we listen. Step two: we explain the options. Step three: we do the work carefully. Step four: we check in afterwards. Simple, and it works.",
                "We start by understanding what you need, then plan, then do the work and review it together. Each step is there for a reason, and we're happy to explain any of them.",
            ]
        ),
        PostAngle(
            titles: ["Making the most of it between visits", "Keeping things on track between appointments"],
            openings: ["What you do between visits matters too.", "The work doesn't stop when you leave."],
            bodies: [
                "A few simple habits help you get the most out of {offer}. Ask us for the two or three that matter most in your case; we'll keep it practical.",
                "We always share a few practical pointers at the end of a visit. If you've forgotten them, just message us and we'll send a reminder.",
            ]
        ),
        PostAngle(
            titles: ["Signs it might be time for {offer}", "How to tell it's time"],
            openings: ["Not sure whether it's time to book in?", "Sometimes the signs are obvious. Sometimes they're not."],
            bodies: [
                "If you've been putting it off, if something doesn't feel quite right, or if it's simply been a while, that's usually a good moment to check in about {offer}.",
                "A good rule of thumb: if you're wondering, it's worth asking. A quick conversation costs nothing and can save time later.",
            ]
        ),
        PostAngle(
            titles: ["{Offer} or {otherOffer}? How to choose", "Choosing the right option"],
            openings: ["Trying to choose between {offer} and {otherOffer}?", "More options can make the choice harder, not easier."],
            bodies: [
                "The right choice depends on what you want to achieve, your timing and your budget. Tell us those three things and we'll recommend the option that fits.",
                "Start with the outcome you want, then work backwards. We're always happy to talk it through and explain the trade-offs honestly.",
            ]
        ),
        PostAngle(
            titles: ["Good questions to ask us", "Bring these questions to your next visit"],
            openings: ["The best visits start with good questions.", "Never sure what to ask? We've got you."],
            bodies: [
                "Try these: What would you recommend for me, and why? What should I expect afterwards? What can I do in the meantime? We love answering them.",
                "What are my options? What's involved? How will I know it's working? Ask us any of these about {offer} and you'll get a straight answer.",
            ]
        ),
        PostAngle(
            titles: ["Did you know?", "Something most people don't know about {offer}"],
            openings: ["Did you know most questions about {offer} have simple answers?", "Here's something that surprises a lot of people."],
            bodies: [
                "Plenty of people put off asking because they think the answer will be complicated. Usually it isn't. Bring us your question and we'll explain it in a few minutes.",
                "The details that matter most are often the simplest: timing, preparation and follow-up. Get those right and everything about {offer} is more straightforward.",
            ]
        ),
        PostAngle(
            titles: ["A simple checklist before you start", "Before you book: a quick checklist"],
            openings: ["Before you book, run through this quick checklist.", "A little preparation goes a long way."],
            bodies: [
                "Know what you'd like to achieve. Note down any questions. Pick a time that isn't rushed. That's it: you're ready for {offer}.",
                "Think about your goal, your timing and anything we should know in advance. Jot it down and bring it along; it helps us help you.",
            ]
        ),
    ]
}
