#!/usr/bin/env python3
"""The official Stripe Python library (PyPI `stripe`) against the sandbox's Stripe.

Proves the sandbox speaks the wire format the real library expects: requests go through the
library unchanged except for its base URL, and every webhook the sandbox delivers must pass
`stripe.Webhook.construct_event`. scripts/test starts the sandbox and runs this with
SANDBOX_URL=http://127.0.0.1:<port>, STRIPE_SECRET_KEY set to the key the sandbox expects and
STRIPE_WEBHOOK_SECRETS to the secrets it signs with (comma-separated).
Prints `N passed, M failed` last and exits non-zero when anything failed.
"""

import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import stripe

from sandbox_steps import SANDBOX_URL, admin, run_steps
API_KEY = os.environ.get("STRIPE_SECRET_KEY", "sk_test_sandbox")
WEBHOOK_SECRETS = [s for s in os.environ.get("STRIPE_WEBHOOK_SECRETS", "whsec_sandbox").split(",") if s]

# The library builds every URL from this global; nothing else about it is changed.
stripe.api_key = API_KEY
stripe.api_base = SANDBOX_URL
stripe.max_network_retries = 0

COMPLETE_EVENTS = ["checkout.session.completed", "customer.subscription.created", "invoice.paid"]


class Receiver:
    """A local webhook endpoint on a free port: records each delivery's raw body and
    Stripe-Signature header, and answers 200."""

    def __init__(self):
        self.deliveries = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    receiver.deliveries.append((body, self.headers.get("Stripe-Signature")))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/api/webhooks/stripe" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if len(self.deliveries) >= count:
                    return list(self.deliveries)
            time.sleep(0.05)
        raise AssertionError("expected %d webhook deliveries, got %d" % (count, len(self.deliveries)))

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Run:
    """State shared by the steps, which run in order: each builds on the one before."""

    def __init__(self):
        self.account_id = "acc_" + uuid.uuid4().hex[:12]
        self.customer = None
        self.session = None
        self.subscription_id = None
        self.receiver = Receiver()

    def create_customer(self):
        customer = stripe.Customer.create(
            email="owner+sdk@example.com", name="SDK Bakery & Co", metadata={"account_id": self.account_id}
        )
        assert customer.id.startswith("cus_"), customer
        assert customer.object == "customer", customer
        assert customer.email == "owner+sdk@example.com", customer
        assert customer.name == "SDK Bakery & Co", customer
        assert customer.metadata["account_id"] == self.account_id, customer
        self.customer = customer

    def idempotency_key_replays_and_conflicts(self):
        key = "sdk-" + uuid.uuid4().hex
        first = stripe.Customer.create(email="same@example.com", idempotency_key=key)
        again = stripe.Customer.create(email="same@example.com", idempotency_key=key)
        assert first.id == again.id, (first, again)
        try:
            stripe.Customer.create(email="other@example.com", idempotency_key=key)
        except stripe.error.StripeError as error:
            assert error.http_status == 409, error
            assert error.json_body["error"]["type"] == "idempotency_error", error.json_body
        else:
            raise AssertionError("a different request under the same Idempotency-Key was accepted")

    def wrong_key_is_refused(self):
        try:
            stripe.Customer.create(email="x@example.com", api_key="sk_test_wrong_" + uuid.uuid4().hex)
        except stripe.error.AuthenticationError:
            return
        raise AssertionError("a wrong API key was accepted (is STRIPE_SECRET_KEY set for the sandbox?)")

    def create_checkout_session(self):
        session = stripe.checkout.Session.create(
            mode="subscription",
            customer=self.customer.id,
            line_items=[{"price": "price_pro", "quantity": 1}, {"price": "price_extra_seat", "quantity": 2}],
            success_url="https://app.example/billing/success?session={CHECKOUT_SESSION_ID}",
            cancel_url="https://app.example/billing",
            client_reference_id=self.account_id,
            metadata={"account_id": self.account_id, "plan": "pro"},
        )
        assert session.id.startswith("cs_"), session
        assert session.object == "checkout.session", session
        assert session.status == "open", session
        assert session.url.endswith("/sandbox/stripe/checkout/" + session.id), session
        assert session.customer == self.customer.id, session
        assert session.client_reference_id == self.account_id, session
        self.session = session

    def create_portal_session_with_client(self):
        client = stripe.StripeClient(API_KEY, base_addresses={"api": SANDBOX_URL}, max_network_retries=0)
        portal = client.billing_portal.sessions.create(
            params={"customer": self.customer.id, "return_url": "https://app.example/billing"}
        )
        assert portal.id.startswith("bps_"), portal
        assert portal.url.endswith("/sandbox/stripe/portal/" + portal.id), portal

    def complete_checkout_delivers_signed_events(self):
        admin("POST", "/sandbox/stripe/webhook", {"url": self.receiver.url})
        result = admin("POST", "/sandbox/stripe/checkout/%s/complete" % self.session.id, {})
        assert [e["type"] for e in result["events"]] == COMPLETE_EVENTS, result
        self.subscription_id = result["subscription"]["id"]
        deliveries = self.receiver.wait_for(3)
        events = []
        for payload, header in deliveries:
            for secret in WEBHOOK_SECRETS:
                events.append(stripe.Webhook.construct_event(payload, header, secret))
        assert [e.type for e in events[:: len(WEBHOOK_SECRETS)]] == COMPLETE_EVENTS, [e.type for e in events]
        completed = events[0].data.object
        assert completed.subscription == self.subscription_id, completed
        assert completed.client_reference_id == self.account_id, completed
        assert completed.metadata["account_id"] == self.account_id, completed
        created = [e.created for e in events[:: len(WEBHOOK_SECRETS)]]
        assert created == sorted(created) and len(set(created)) == 3, created

    def tampered_event_is_rejected(self):
        payload, header = self.receiver.wait_for(1)[0]
        tampered = payload.replace(b'"livemode":false', b'"livemode":true')
        assert tampered != payload, payload
        for body, secret in [(tampered, WEBHOOK_SECRETS[0]), (payload, "whsec_not_the_secret")]:
            try:
                stripe.Webhook.construct_event(body, header, secret)
            except stripe.error.SignatureVerificationError:
                continue
            raise AssertionError("a tampered payload or wrong secret was accepted")

    def retrieve_subscription(self):
        subscription = stripe.Subscription.retrieve(self.subscription_id)
        assert subscription.status == "active", subscription
        assert subscription.customer == self.customer.id, subscription
        assert subscription.cancel_at_period_end is False, subscription
        assert [i.price.id for i in subscription["items"].data] == ["price_pro", "price_extra_seat"], subscription
        assert subscription["items"].data[0].current_period_end > time.time() + 29 * 86400, subscription
        assert subscription.metadata["plan"] == "pro", subscription


def main():
    run = Run()
    steps = [
        run.create_customer,
        run.idempotency_key_replays_and_conflicts,
        run.wrong_key_is_refused,
        run.create_checkout_session,
        run.create_portal_session_with_client,
        run.complete_checkout_delivers_signed_events,
        run.tampered_event_is_rejected,
        run.retrieve_subscription,
    ]
    try:
        return run_steps(steps)
    finally:
        run.receiver.close()

if __name__ == "__main__":
    sys.exit(main())
