"""Shared by the Qoo10Client-against-a-fake-session suites (test_qapi_client_*.py): a
session that replays canned answers and records every request, answer builders and a
client factory. Plain names (no fixtures), so importing them redefines no fixture.
"""

import json
from types import SimpleNamespace

from qapi_loader import load_qapi

qapi = load_qapi()

BASE = "https://qapi.example.invalid/GMKT.INC.Front.QAPIService/ebayjapan.qapi"
SAK = "SAK_TEST_0123456789abcdef_secret"
API_KEY = "APIKEY_TEST_fedcba9876543210_secret"
PASSWORD = "pa55-w0rd-secret"


class FakeResponse:
    def __init__(self, body, status=200, headers=None):
        self.content = body.encode("utf-8") if isinstance(body, str) else body
        self.status_code = status
        self.headers = headers or {}


class FakeSession:
    """Replays ``answers`` in order (the last one repeats); records every request."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests = []

    def post(self, url, data=None, headers=None, timeout=None):
        request = SimpleNamespace(
            url=url, data=dict(data), headers=dict(headers), timeout=timeout
        )
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer


def ok(result=None, message="SUCCESS"):
    body = {"ResultCode": 0, "ResultMsg": message}
    if result is not None:
        body["ResultObject"] = result
    return FakeResponse(json.dumps(body, ensure_ascii=False))


def fail(code, message="refused"):
    return FakeResponse(json.dumps({"ResultCode": code, "ResultMsg": message}))


BAD_GATEWAY = FakeResponse("<html><body>502 Bad Gateway</body></html>", status=502)


def make_client(*answers, key=SAK, **kwargs):
    session = FakeSession(*answers)
    kwargs.setdefault("min_interval", 0)
    client = qapi.Qoo10Client(BASE, seller_key=key, session=session, **kwargs)
    return client, session


def method_of(request):
    return request.url.rsplit("/", 1)[1]
