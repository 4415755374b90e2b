#!/usr/bin/env python3
"""Qoo10 QAPI sandbox: a stateful fake of Qoo10's QAPI over HTTP (stdlib only).

Run:  python3 setup/qoo10_sandbox/server.py --host 127.0.0.1 --port 8899 [--seed-orders N --seed 1]
With --port 0 a free port is picked; the first stdout line is always
``QOO10_SANDBOX_URL=http://HOST:PORT``. See README.md beside this file.

This file is only the command line; the sandbox is the package ``qoo10_sandbox`` beside
it. ``make_server`` is re-exported for callers that load this file by its path.
"""

import argparse
import os
import sys
from datetime import timedelta

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from qoo10_sandbox.httpd import make_server  # noqa: E402
from qoo10_sandbox.seed import seed  # noqa: E402
from qoo10_sandbox.util import fmt_dt  # noqa: E402

__all__ = ["main", "make_server"]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Qoo10 QAPI sandbox server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8899)
    parser.add_argument(
        "--seed-orders",
        type=int,
        default=0,
        help="seed N carts for demo_shop at start-up",
    )
    parser.add_argument("--seed", default="1", help="random seed for --seed-orders")
    parser.add_argument(
        "--seed-days",
        type=int,
        default=7,
        help="spread seeded orders over the last N days",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="log every request to stderr"
    )
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, args.verbose)
    print("QOO10_SANDBOX_URL=%s" % server.url, flush=True)
    if args.seed_orders:
        with server.state.lock:
            now = server.state.now()
            result = seed(
                server.state,
                {
                    "user_id": "demo_shop",
                    "orders": args.seed_orders,
                    "seed": args.seed,
                    "start": fmt_dt(now - timedelta(days=args.seed_days)),
                    "end": fmt_dt(now),
                },
            )
        print(
            "seeded %d carts / %d lines for demo_shop"
            % (result["carts"], result["lines"]),
            flush=True,
        )
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
