/// SEASONAL: posts hooked on the month itself. Worded to read true in either hemisphere and
/// whenever in the month they go out: no seasons, no weather, no "halfway through".
enum SeasonalAngles {
    static let all: [PostAngle] = [
        PostAngle(
            titles: ["Hello, {month}", "Welcome to {month}"],
            openings: ["Hello, {month}! A new month is a great excuse for a fresh start.", "{month} is here, and we're ready for it."],
            bodies: [
                "We've got plenty planned at {brand} this month, from {offer} to {otherOffer}. Keep an eye on our page for what's coming up.",
                "New month, new plans. If something's been on your to-do list, this is a good time to tick it off, and we're here to help with {offer}.",
            ]
        ),
        PostAngle(
            titles: ["Your {month} checklist", "Three things for your {month} list"],
            openings: ["Here's a simple checklist to make the most of {month}.", "Making a list for {month}? Add these."],
            bodies: [
                "Plan ahead for the busy weeks. Book the things you keep putting off. Set aside a little time for yourself. And if {offer} is on the list, we've got you covered.",
                "Look at the month ahead, block out time for what matters and sort the small jobs early. Future you will be grateful.",
            ]
        ),
        PostAngle(
            titles: ["What's on at {brand} this {month}", "This month at {brand}"],
            openings: ["Here's what's happening at {brand} this {month}.", "A quick look at our month ahead."],
            bodies: [
                "We're focusing on {offer}, making time for the questions we get most and keeping things running smoothly. Follow along for updates.",
                "Expect a few updates, a few tips and plenty of {offer}. If there's something you'd like to see from us this month, tell us.",
            ]
        ),
        PostAngle(
            titles: ["Plan ahead for {month}", "Beat the {month} rush"],
            openings: ["{month} calendars fill up fast.", "If you can, plan ahead this month."],
            bodies: [
                "The earlier you get in touch, the more choice you'll have. If {offer} is on your list, now is a good time to lock in a time that suits you.",
                "Busy periods sneak up on everyone. A little planning now means less scrambling later, and a better chance of getting the time you want.",
            ]
        ),
        PostAngle(
            titles: ["Making the most of {monthPhrase}", "A moment to take stock this {month}"],
            openings: ["With {monthPhrase} here, it's a good moment to take stock.", "{month} marks {monthPhrase}, and that's worth a pause."],
            bodies: [
                "What's gone well so far? What would you like to do differently? A little reflection now makes the next few months easier to plan.",
                "We're using this moment to look back, say thanks and plan ahead. Maybe it's a good time for you to do the same.",
            ]
        ),
        PostAngle(
            titles: ["A {month} check-in", "How's {month} going?"],
            openings: ["How's {month} treating you so far?", "Quick {month} check-in: how are your plans going?"],
            bodies: [
                "If your plans for the month have slipped a little, there's still time to get back on track, and {offer} is an easy place to start.",
                "Time flies. If there's something you meant to book this month, this is your friendly reminder to get in touch.",
            ]
        ),
        PostAngle(
            titles: ["Already thinking about {nextMonth}?", "Planning ahead for {nextMonth}"],
            openings: ["It's never too early to think about {nextMonth}.", "Some of our customers are already planning for {nextMonth}."],
            bodies: [
                "If you'd like something sorted before then, it helps to get in early. We're happy to pencil you in for {offer} now.",
                "Planning a step ahead takes the pressure off. Let us know what you need and we'll help you line it up.",
            ]
        ),
        PostAngle(
            titles: ["Whatever the weather this {month}", "Come rain or shine"],
            openings: ["Whatever the weather is doing this {month}, we're here for you.", "Rain or shine, {brand} is here."],
            bodies: [
                "Some things don't depend on the forecast, and {offer} is one of them. Get in touch whenever suits you.",
                "Plans change with the weather, but our welcome doesn't. If you need {offer}, we're just a message away.",
            ]
        ),
        PostAngle(
            titles: ["Treat someone this {month}", "A little something for someone special"],
            openings: ["Looking for a way to say thanks to someone this {month}?", "Sometimes the best gift is an experience."],
            bodies: [
                "A booking for {offer} makes a thoughtful gift for friends, family or even yourself. Ask us about gift options.",
                "Treat a friend, a family member or yourself to {offer}. It's a small thing that can make someone's month.",
            ]
        ),
        PostAngle(
            titles: ["Make time for yourself this {month}", "Put yourself on the calendar"],
            openings: ["Busy month? Don't forget to put yourself on the calendar.", "Between everything else going on, it's easy to put yourself last."],
            bodies: [
                "Block out a little time this {month} for something that's just for you. If that's {offer}, we'd love to see you.",
                "Looking after yourself isn't a luxury. Book in that thing you've been meaning to do, and enjoy having it done.",
            ]
        ),
        PostAngle(
            titles: ["Our {month} favourites", "What we're loving this {month}"],
            openings: ["Every month has its favourites. Here are ours for {month}.", "We've been asked what's popular right now."],
            bodies: [
                "This {month}, {offer} and {otherOffer} are at the top of our list. Ask us why next time you're in.",
                "Right now, we're seeing a lot of love for {offer}. Curious? We're happy to tell you more.",
            ]
        ),
        PostAngle(
            titles: ["A fresh routine for {month}", "Reset your routine this {month}"],
            openings: ["A new month is a natural moment to reset.", "Fancy a fresh start this {month}?"],
            bodies: [
                "Pick one small habit to improve, one thing to finally book and one thing to let go of. Simple goals are the ones that stick.",
                "Start small: one change, one booking, one thing crossed off. We can help with {offer} whenever you're ready.",
            ]
        ),
    ]
}
