"""Shared pytest fixtures: the Qoo10 sandbox server over loopback HTTP.

* ``sandbox_url`` (session): ``$QOO10_SANDBOX_URL`` if set, otherwise starts
  ``setup/qoo10_sandbox/server.py`` on 127.0.0.1 through the sandbox's launcher
  (the one the addons' tests use too) and stops it when the session ends.
* ``sandbox_launcher`` (session): the launcher module itself.
* ``sandbox`` (function): resets the sandbox (``POST /_sandbox/reset``) and
  returns a small helper with ``.url``, ``.base``, ``.control(path, payload=None)``
  and ``.qapi(method, key=..., **params)``.
* ``sleeps`` (function): ``time.sleep`` replaced by a recorder; the list of seconds asked
  for (the client's back-off waits) is returned.

Only the standard library is used; nothing here imports the connector's client.
"""

import importlib.util
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SANDBOX_DIR = REPO_ROOT / "setup" / "qoo10_sandbox"
QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi"


def _load_launcher():
    """The sandbox's launcher module, loaded from its file (it is stdlib-only)."""
    path = SANDBOX_DIR / "qoo10_sandbox" / "launcher.py"
    spec = importlib.util.spec_from_file_location("qoo10_sandbox_launcher", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sandbox_launcher():
    """``start()``/``stop()`` of a sandbox server process, as the addons' tests use them."""
    return _load_launcher()


@pytest.fixture(scope="session")
def sandbox_url(sandbox_launcher):
    url = os.environ.get("QOO10_SANDBOX_URL")
    if url:
        yield url.rstrip("/")
        return
    proc, url = sandbox_launcher.start()
    try:
        yield url
    finally:
        sandbox_launcher.stop(proc)


class SandboxHelper:
    """Tiny urllib helper around one running sandbox."""

    def __init__(self, url):
        self.url = url
        self.base = url + QAPI_PATH

    def control(self, path, payload=None, timeout=60):
        """POST ``payload`` as JSON to ``url + path`` (GET when payload is None)."""
        if not path.startswith("/"):
            path = "/" + path
        if payload is None:
            req = urllib.request.Request(self.url + path, method="GET")
        else:
            req = urllib.request.Request(
                self.url + path,
                data=json.dumps(payload).encode("utf-8"),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))

    def issue_key(self, user_id="demo_shop"):
        """Seller auth key for ``user_id`` via the control API (test shortcut)."""
        return self.control("/_sandbox/keys", {"user_id": user_id, "issue": True})[
            "key"
        ]

    def qapi_raw(self, method, key=None, version="1.0", timeout=30, **params):
        """Form-A QAPI call; returns (http_status, body_text)."""
        params.setdefault("returnType", "application/json")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "QAPIVersion": version,
        }
        if key is not None:
            headers["GiosisCertificationKey"] = key
        req = urllib.request.Request(
            self.base + "/" + method,
            data=urllib.parse.urlencode(params).encode("utf-8"),
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def qapi(self, method, key=None, version="1.0", **params):
        """Form-A QAPI call; returns the parsed JSON body."""
        _status, body = self.qapi_raw(method, key=key, version=version, **params)
        return json.loads(body.lstrip("\ufeff \r\n\t"))


@pytest.fixture
def sandbox(sandbox_url):
    helper = SandboxHelper(sandbox_url)
    helper.control("/_sandbox/reset", {})
    return helper


@pytest.fixture
def sleeps(monkeypatch):
    recorded = []
    monkeypatch.setattr(time, "sleep", recorded.append)
    return recorded


# --- the client against the sandbox (tests/test_qapi_sandbox*.py) ----------------------------
@pytest.fixture
def sbx(sandbox):
    """The sandbox with its clock frozen at the suites' NOW."""
    from qapi_sandbox_helpers import NOW  # noqa: PLC0415 - loads the client

    sandbox.control("/_sandbox/clock", {"now": NOW})
    return sandbox


@pytest.fixture
def sak(sbx):
    """A seller authorization key of the suites' seller."""
    from qapi_sandbox_helpers import USER  # noqa: PLC0415 - loads the client

    return sbx.issue_key(USER)


@pytest.fixture
def client(sbx, sak):
    """The connector's client, talking to the sandbox with that key."""
    from qapi_sandbox_helpers import make_client  # noqa: PLC0415 - loads the client

    return make_client(sbx, sak)
