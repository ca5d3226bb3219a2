"""What the SDK compatibility scripts share: the sandbox's address and admin API, and running
steps in order, reporting each."""

import json
import os
import traceback
import urllib.request

SANDBOX_URL = os.environ.get("SANDBOX_URL", "http://127.0.0.1:8090").rstrip("/")


def admin(method, path, body=None):
    """Calls the sandbox's admin API with plain urllib and returns the decoded JSON."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(SANDBOX_URL + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def run_steps(steps):
    """Runs each step, reporting ok or FAIL (with the traceback) and going on; returns the
    process exit status: 1 if any failed."""
    passed = failed = 0
    for step in steps:
        try:
            step()
        except Exception:  # a failed assertion or an unexpected answer: report it and go on
            failed += 1
            print("FAIL %s" % step.__name__)
            traceback.print_exc()
        else:
            passed += 1
            print("ok   %s" % step.__name__)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0
