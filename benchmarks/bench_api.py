"""Sign-ins per second through `cmecf-sim api`, with wrk (Debian's `wrk`), and whether any was lost.

    python benchmarks/bench_api.py [--profile secure|fast] [--connections 50] [--seconds 10]

Starts the API on a world of one account in a subprocess, drives it with wrk (POST /services/cso-auth,
wrong passwords, so every request is a full argon2 verify and a counted failure), prints wrk's figures
(requests per second, latency percentiles), then checks the account's failed-attempt count against the
number of answers wrk got: every failed attempt counted exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORLD = """\
[scenario]
title = "API load"
start = 2021-08-02T09:00:00-06:00

[settings]
lockout_attempts = 100000000

[[court]]
id = "cod"

[[pacer_account]]
username = "load2021"
password = "Training#Load2021"
name = "Lo Ad"

[[step]]
do = "check_court"
court = "cod"
"""
WRK_SCRIPT = textwrap.dedent("""\
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.body = '{"loginId": "load2021", "password": "wrong-password", "redactFlag": "1"}'
    done = function(summary, latency, requests)
      io.write(string.format("JSON {\\"requests\\": %d, \\"non2xx\\": %d, \\"p50_ms\\": %.1f, \\"p90_ms\\": %.1f, \\"p99_ms\\": %.1f}\\n",
        summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000))
    end
    """)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="secure", choices=["secure", "fast"])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as scratch:
        world = Path(scratch) / "load.toml"
        world.write_text(WORLD)
        script = Path(scratch) / "signin.lua"
        script.write_text(WRK_SCRIPT)
        port = free_port()
        env = {**os.environ, "CMECF_SIM_HOME": scratch, "CMECF_SIM_HASH_PROFILE": args.profile, "PYTHONPATH": str(ROOT)}
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(world), str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.PIPE, text=True)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            done = subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.seconds}s", "--latency",
                                   "-s", str(script), f"http://127.0.0.1:{port}/services/cso-auth"],
                                  capture_output=True, text=True, check=True)
            figures = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("JSON "))[5:])
            counted = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/count", timeout=10).read())["failed"]
        finally:
            server.terminate()
            server.wait(timeout=10)
    rate = figures["requests"] / args.seconds
    print(f"argon2 profile {args.profile}, {args.connections} connections, {args.seconds} s:")
    print(f"  {rate:.1f} sign-ins per second; latency p50 {figures['p50_ms']:.0f} ms, p90 {figures['p90_ms']:.0f} ms, "
          f"p99 {figures['p99_ms']:.0f} ms; non-2xx answers {figures['non2xx']}")
    print(f"  failed attempts counted {counted} for {figures['requests']} answers wrk received "
          f"(wrk stops with up to {args.connections} requests in flight, which the server may still count)")


SERVER = """
import json, sys
from aiohttp import web
from simulator.api.server import AuthApi
from simulator.core.context import Simulation
from simulator.core.credentials import find_pacer
from simulator.core.world import private_world
from simulator.scenario.loader import load

simulation = Simulation(private_world(load(sys.argv[1]).world))
api = AuthApi(simulation)
app = api.app()

async def count(_request):
    def read(ctx):
        return find_pacer(ctx, "load2021").failed_attempts
    return web.json_response({"failed": await api.in_core(read)})

app.router.add_get("/count", count)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[2]), print=None)
"""

if __name__ == "__main__":
    main()
