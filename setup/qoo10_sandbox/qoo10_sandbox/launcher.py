"""Start and stop a sandbox server as a subprocess, for the test harnesses.

Both the database-free suites (``tests/conftest.py``) and the addons' tests
(``qoo10_connector/tests/common.py``) use this one launcher. The addons load it by its
file path, so it imports nothing from the package: standard library only.

    process, url = start()  # http://127.0.0.1:NNNNN, already accepting connections
    ...
    stop(process)
"""

import subprocess
import sys
from pathlib import Path

SERVER_PY = Path(__file__).resolve().parent.parent / "server.py"
URL_PREFIX = "QOO10_SANDBOX_URL="


def start(host="127.0.0.1", port=0, args=()):
    """Run ``server.py`` and return ``(process, url)`` once it is listening.

    The server binds before it prints its URL as the first stdout line, so reading
    that line is enough to know it accepts connections. ``args`` are extra CLI flags
    (``--seed-orders``, ...). Raises ``RuntimeError`` when the server does not start.
    """
    command = [sys.executable, str(SERVER_PY), "--host", host, "--port", str(port)]
    process = subprocess.Popen(
        [*command, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    first = process.stdout.readline().strip()
    if not first.startswith(URL_PREFIX):
        stop(process)
        raise RuntimeError(
            "The Qoo10 sandbox did not start (exit code %s, first line %r); try: %s"
            % (process.returncode, first, " ".join(command))
        )
    return process, first[len(URL_PREFIX) :].rstrip("/")


def stop(process, timeout=10):
    """Terminate the server (kill it if it does not exit in time) and close its pipe.

    Safe to call twice, and on a process that has already exited.
    """
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout and not process.stdout.closed:
        process.stdout.close()
