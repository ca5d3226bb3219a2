#!/usr/bin/env python3
"""The official Ayrshare Python SDK (PyPI `social-post-api`, module `ayrshare`) against the sandbox.

Proves the sandbox speaks the wire format the real SDK expects: the SDK is used unchanged except
for its module-level base URL. scripts/test starts the sandbox and runs this with
SANDBOX_URL=http://127.0.0.1:<port> and AYRSHARE_API_KEY set to the key the sandbox expects.
Prints `N passed, M failed` last and exits non-zero when anything failed.
"""

import os
import sys
import uuid

import ayrshare.ayrshare as sdk
from ayrshare import SocialPost

from sandbox_steps import SANDBOX_URL, admin, run_steps
API_KEY = os.environ.get("AYRSHARE_API_KEY", "sandbox-api-key")

# The SDK builds every URL from this global; nothing else about it is changed.
sdk.base = SANDBOX_URL + "/api/"


class Run:
    """State shared by the steps, which run in order: each builds on the one before."""

    def __init__(self):
        self.client = SocialPost(API_KEY)
        self.title = "SDK test " + uuid.uuid4().hex[:8]
        self.idempotency_key = "sdk-" + uuid.uuid4().hex
        self.profile_key = None
        self.ref_id = None
        self.post_id = None

    def create_profile(self):
        result = self.client.createProfile({"title": self.title})
        assert result.get("status") == "success", result
        assert result.get("title") == self.title, result
        self.profile_key = result.get("profileKey")
        self.ref_id = result.get("refId")
        assert isinstance(self.profile_key, str) and len(self.profile_key) >= 20, result
        assert isinstance(self.ref_id, str) and self.ref_id, result

    def duplicate_profile_is_an_error(self):
        result = self.client.createProfile({"title": self.title})
        assert result.get("status") == "error", result
        assert result.get("code") == 146, result

    def set_profile_key(self):
        self.client.setProfileKey(self.profile_key)
        user = self.client.user()
        assert user.get("title") == self.title, user
        assert user.get("refId") == self.ref_id, user
        assert "activeSocialAccounts" not in user, user

    def link_facebook(self):
        profile = admin(
            "POST",
            "/sandbox/profiles/%s/link" % self.ref_id,
            {"platform": "facebook", "id": "104923", "displayName": "SDK Bakery"},
        )
        assert [a["platform"] for a in profile["linked"]] == ["facebook"], profile
        user = self.client.user()
        assert user.get("activeSocialAccounts") == ["facebook"], user

    def post(self):
        result = self.client.post(
            {"post": "Fresh sourdough from the SDK", "platforms": ["facebook"], "idempotencyKey": self.idempotency_key}
        )
        assert result.get("status") == "success", result
        self.post_id = result.get("id")
        assert isinstance(self.post_id, str) and self.post_id, result
        assert result.get("refId") == self.ref_id, result
        assert [p.get("platform") for p in result.get("postIds", [])] == ["facebook"], result

    def repeated_idempotency_key_publishes_once(self):
        result = self.client.post(
            {"post": "Fresh sourdough from the SDK", "platforms": ["facebook"], "idempotencyKey": self.idempotency_key}
        )
        assert result.get("status") == "success", result
        assert result.get("id") == self.post_id, result
        posts = [p for p in admin("GET", "/sandbox/posts") if p["id"] == self.post_id]
        assert len(posts) == 1, posts
        assert posts[0]["publishCount"] == 1, posts
        assert posts[0]["idempotencyKey"] == self.idempotency_key, posts

    def get_post(self):
        result = self.client.getPost({"id": self.post_id})
        assert result.get("id") == self.post_id, result
        assert result.get("status") == "success", result
        assert result.get("platforms") == ["facebook"], result

    def history(self):
        result = self.client.history()
        assert isinstance(result, list), result
        assert [p.get("id") for p in result] == [self.post_id], result

    def delete(self):
        result = self.client.delete({"id": self.post_id})
        assert result.get("status") == "success", result
        assert result.get("id") == self.post_id, result
        after = self.client.getPost({"id": self.post_id})
        assert after.get("status") == "deleted", after


def main():
    run = Run()
    steps = [
        run.create_profile,
        run.duplicate_profile_is_an_error,
        run.set_profile_key,
        run.link_facebook,
        run.post,
        run.repeated_idempotency_key_publishes_once,
        run.get_post,
        run.history,
        run.delete,
    ]
    return run_steps(steps)


if __name__ == "__main__":
    sys.exit(main())
