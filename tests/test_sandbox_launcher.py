"""The sandbox launcher shared by both test harnesses: start, health check, stop.

These tests start their own servers, so they also run when ``$QOO10_SANDBOX_URL``
points at a sandbox started by someone else.
"""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def _health(url):
    with urllib.request.urlopen(url + "/_sandbox/health", timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def test_start_answers_health_on_loopback_then_stop_ends_it(sandbox_launcher):
    process, url = sandbox_launcher.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        assert not url.endswith("/")
        assert _health(url) == {"ok": True}
    finally:
        sandbox_launcher.stop(process)
    assert process.poll() is not None
    assert process.stdout.closed
    with pytest.raises(urllib.error.URLError):
        _health(url)


def test_stop_twice_is_harmless(sandbox_launcher):
    process, _url = sandbox_launcher.start()
    sandbox_launcher.stop(process)
    sandbox_launcher.stop(process)
    assert process.poll() is not None


def test_extra_args_reach_the_server(sandbox_launcher):
    process, url = sandbox_launcher.start(args=("--seed-orders", "3", "--seed", "1"))
    try:
        with urllib.request.urlopen(url + "/_sandbox/state", timeout=10) as response:
            orders = json.loads(response.read().decode("utf-8"))["orders"]
        assert orders
    finally:
        sandbox_launcher.stop(process)


def test_a_server_that_cannot_start_raises(sandbox_launcher):
    with pytest.raises(RuntimeError, match="did not start"):
        sandbox_launcher.start(args=("--no-such-flag",))


def test_both_harnesses_start_the_sandbox_only_through_the_launcher():
    root = Path(__file__).resolve().parent.parent
    for harness in ("tests/conftest.py", "qoo10_connector/tests/common.py"):
        text = (root / harness).read_text(encoding="utf-8")
        assert "launcher.py" in text, harness
        assert "import subprocess" not in text, harness
