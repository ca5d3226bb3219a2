import Hummingbird

/// The tiny HTML pages behind the stub's hosted URLs: the checkout page (what a developer clicks
/// in `scripts/run` instead of paying) and the billing portal. Their forms post to the admin actions.
enum StripeStubPages {
    /// The session, with forms to complete it and, once it has a subscription, to fail a payment or cancel.
    static func checkout(_ session: StubCheckoutSession) -> Response {
        let lines = session.lineItems.map { "<li>\(escape($0.price)) × \($0.quantity)</li>" }.joined()
        let subscription = session.subscription
        let body = """
            <h1>Sandbox checkout</h1>
            <dl><dt>Session</dt><dd>\(escape(session.id))</dd><dt>Status</dt><dd>\(escape(session.status))</dd>
            <dt>Customer</dt><dd>\(escape(session.customer ?? "created on completion"))</dd>
            <dt>Client reference</dt><dd>\(escape(session.clientReferenceId ?? "none"))</dd>
            <dt>Subscription</dt><dd>\(escape(subscription ?? "none yet"))</dd></dl>
            <ul>\(lines)</ul>
            \(form("/sandbox/stripe/checkout/\(session.id)/complete", "Pay and complete checkout", enabled: session.status == "open"))
            \(form(subscription.map { "/sandbox/stripe/subscriptions/\($0)/fail-payment" }, "Fail the next payment", enabled: subscription != nil))
            \(form(subscription.map { "/sandbox/stripe/subscriptions/\($0)/cancel" }, "Cancel the subscription", enabled: subscription != nil))
            \(link(session.cancelUrl, "Back (cancel_url)"))
            """
        return Self.page("Sandbox checkout", body)
    }

    /// The customer's subscriptions, each with forms to fail a payment or cancel, and the way back.
    static func portal(_ session: StubPortalSession, subscriptions: [StubSubscription]) -> Response {
        let rows = subscriptions.map { subscription in
            let prices = subscription.items.data.map(\.price.id).joined(separator: ", ")
            let open = subscription.status != "canceled"
            return """
                <h2>\(escape(subscription.id)): \(escape(subscription.status))</h2><p>\(escape(prices))</p>
                \(form("/sandbox/stripe/subscriptions/\(subscription.id)/fail-payment", "Fail the next payment", enabled: open))
                \(form("/sandbox/stripe/subscriptions/\(subscription.id)/cancel", "Cancel the subscription", enabled: open))
                """
        }.joined()
        let body = """
            <h1>Sandbox billing portal</h1><p>Customer \(escape(session.customer))</p>
            \(rows.isEmpty ? "<p>No subscriptions.</p>" : rows)
            \(link(session.returnUrl, "Return (return_url)"))
            """
        return Self.page("Sandbox billing portal", body)
    }

    /// A form posting to `action`, with the `duplicate` and `reverse` delivery options.
    private static func form(_ action: String?, _ label: String, enabled: Bool) -> String {
        let disabled = enabled && action != nil ? "" : " disabled"
        return """
            <form method="post" action="\(escape(action ?? ""))"><fieldset\(disabled)><legend>\(escape(label))</legend>
            <label><input type="checkbox" name="duplicate" value="true"> deliver every event twice</label>
            <label><input type="checkbox" name="reverse" value="true"> deliver in reverse order</label>
            <button type="submit">\(escape(label))</button></fieldset></form>
            """
    }

    /// A link to `url` when it is an http(s) URL (a client-supplied `javascript:` URL is not one).
    private static func link(_ url: String?, _ label: String) -> String {
        guard let url, url.hasPrefix("http://") || url.hasPrefix("https://") else { return "" }
        return "<p><a href=\"\(escape(url))\">\(escape(label))</a></p>"
    }

    private static func page(_ title: String, _ body: String) -> Response {
        let html = """
            <!doctype html><html><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto}fieldset{margin:1rem 0}label{display:block}</style>
            </head><body>\(body)</body></html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `text` safe inside HTML text and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
