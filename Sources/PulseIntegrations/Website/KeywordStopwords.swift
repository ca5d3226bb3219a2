/// Words that never name what a business offers: English function words and the vocabulary
/// every website's chrome shares (navigation, legal, social, calls to action).
enum KeywordStopwords {
    static let all: Set<String> = english.union(web)

    private static let english: Set<String> = [
        "a", "about", "above", "across", "after", "again", "against", "all", "along", "also", "am", "among", "an", "and", "any",
        "are", "aren't", "around", "as", "away", "behind", "beyond", "near", "per", "via",
        "at", "be", "because", "been", "before", "being", "below", "best", "better", "between", "both", "but", "by", "can",
        "can't", "cannot", "could", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each",
        "even", "every", "few", "for", "from", "further", "get", "gets", "getting", "give", "go", "going", "good", "great",
        "had", "has", "hasn't", "have", "haven't", "having", "he", "her", "here", "here's", "hers", "herself", "him",
        "himself", "his", "how", "i", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself",
        "just", "know", "let", "let's", "like", "look", "made", "make", "makes", "many", "may", "me", "more", "most",
        "much", "must", "my", "myself", "need", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only",
        "or", "other", "others", "our", "ours", "ourselves", "out", "over", "own", "really", "right", "same", "say", "see",
        "she", "should", "since", "so", "some", "still", "such", "take", "than", "that", "that's", "the", "their",
        "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they're", "thing", "things", "this",
        "those", "through", "to", "today", "too", "two", "under", "until", "up", "upon", "us", "use", "used", "using",
        "very", "want", "was", "wasn't", "way", "we", "we're", "we've", "well", "were", "weren't", "what", "what's",
        "when", "where", "which", "while", "who", "who's", "whom", "why", "will", "with", "within", "without", "won't",
        "would", "year", "years", "yes", "yet", "you", "you're", "you've", "your", "yours", "yourself", "yourselves",
    ]

    private static let web: Set<String> = [
        "account", "back", "blog", "book", "browser", "call", "cart", "checkout", "click", "close", "com",
        "contact", "content", "cookie", "cookies", "copyright", "details", "email", "enable", "explore", "facebook",
        "faq", "faqs", "find", "follow", "footer", "header", "here", "home", "homepage", "href", "html", "http", "https",
        "info", "instagram", "javascript", "learn", "linkedin", "log", "login", "main", "menu", "navigation", "newsletter",
        "next", "online", "open", "page", "pages", "phone", "pinterest", "please", "policy", "previous", "privacy",
        "read", "reserved", "rights", "search", "share", "shop", "sign", "site", "skip", "submit", "subscribe", "terms",
        "tiktok", "toggle", "twitter", "view", "website", "welcome", "www", "youtube",
    ]
}
