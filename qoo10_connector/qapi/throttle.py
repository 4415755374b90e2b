"""Per-seller-key call spacing (QAPI.md §4: no published limit; ~300 ms between calls).

One ``Throttle`` per seller key, shared by every client (and thread) using that key.
The registry is keyed by a hash of the key, so no key is kept in clear here.
"""

import hashlib
import threading
import time

_registry = {}
_registry_lock = threading.Lock()


class Throttle:
    """Keeps at least ``interval`` seconds between the starts of two calls."""

    def __init__(self, clock=time.monotonic, sleep=time.sleep):
        self._lock = threading.Lock()
        self._last = None
        self._clock = clock
        self._sleep = sleep

    def wait(self, interval):
        """Block until ``interval`` seconds have passed since the previous call started."""
        if not interval or interval <= 0:
            return 0.0
        with self._lock:
            waited = 0.0
            if self._last is not None:
                waited = self._last + interval - self._clock()
                if waited > 0:
                    self._sleep(waited)
            self._last = self._clock()
            return max(waited, 0.0)


def key_hash(key):
    """A stable, non-reversible id for a key."""
    return hashlib.sha256((key or "").encode("utf-8")).hexdigest()


def throttle_for(key):
    """The shared ``Throttle`` of a seller key (created on first use)."""
    digest = key_hash(key)
    with _registry_lock:
        if digest not in _registry:
            _registry[digest] = Throttle()
        return _registry[digest]
