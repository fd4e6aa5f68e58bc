"""What a class costs: N trainees arriving at once at one `cmecf-sim serve --class` on this machine.

    python benchmarks/bench_classroom.py [--trainees 30] [--exercise cod_link_on_go_live] [--json FILE]

Each trainee is a WebSocket session, as a browser tab opens it (the bytes the page would draw are
read, not drawn). Reported:
- time to the first screen: from opening the socket until the join screen's words arrive
  (median and slowest over the class: all arrive together, so the slowest is what the last waits);
- time to the exercise: from sending the name and Enter until the briefing arrives (its world is
  a copy of the class's template, not built from TOML);
- memory per trainee: the proportional set size (PSS: shared pages divided among the processes
  sharing them) and resident set size (RSS) of every process the server started (each trainee's
  shell and app), summed and divided by N, read from /proc once every trainee has their exercise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return fields.get("Pss", 0), fields.get("Rss", 0)


async def trainee(port: int, name: str, timings: dict, ready: asyncio.Event) -> None:
    url = f"ws://127.0.0.1:{port}/ws?width=120&height=36"
    async with aiohttp.ClientSession() as session:
        opened = time.perf_counter()
        async with session.ws_connect(url, headers={"Origin": f"http://127.0.0.1:{port}"}, max_msg_size=0) as ws:
            seen = b""

            async def until(words: bytes) -> None:
                nonlocal seen
                while words not in seen:
                    message = await ws.receive()
                    if message.type == aiohttp.WSMsgType.BINARY:
                        seen = (seen + message.data)[-200_000:]
                    elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                        raise RuntimeError(f"{name}'s session closed")

            await until(b"Type your name")
            timings["first_screen"] = time.perf_counter() - opened
            seen = b""
            await ws.send_str(json.dumps(["stdin", name + "\r"]))
            sent = time.perf_counter()
            await until(b"Start")
            timings["exercise"] = time.perf_counter() - sent
            ready.set()
            async for _ in ws:  # read on, as the page does, until the measurement is done
                pass


async def run_class(port: int, server_pid: int, count: int) -> dict:
    timings = [dict() for _ in range(count)]
    readies = [asyncio.Event() for _ in range(count)]
    tasks = [asyncio.create_task(trainee(port, f"Trainee {n:02d}", timings[n], readies[n])) for n in range(count)]
    waiting = asyncio.gather(*(ready.wait() for ready in readies))
    await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED, timeout=600)
    failed = [task for task in tasks if task.done() and task.exception()]
    if failed:
        raise failed[0].exception()
    await asyncio.sleep(2)  # let the sessions settle after their briefing
    processes = descendants(server_pid)  # every trainee's session: its shell and its app
    pss, rss = (sum(values) for values in zip(*(memory_kib(pid) for pid in processes)))
    for task in tasks:
        task.cancel()
    first = [t["first_screen"] for t in timings]
    exercise = [t["exercise"] for t in timings]
    return {
        "trainees": count,
        "processes": len(processes),
        "first_screen_median_s": round(statistics.median(first), 2),
        "first_screen_slowest_s": round(max(first), 2),
        "exercise_median_s": round(statistics.median(exercise), 2),
        "exercise_slowest_s": round(max(exercise), 2),
        "pss_per_trainee_mib": round(pss / count / 1024, 1),
        "rss_per_trainee_mib": round(rss / count / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--exercise", default="cod_link_on_go_live")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "CMECF_SIM_HOME": home}
        env.pop("DATABASE_URL", None)
        server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--class", "Benchmark", "--exercise",
                                   args.exercise, "--port", str(port), "--max-trainees", str(args.trainees + 5)],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), 0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            result = asyncio.run(run_class(port, server.pid, args.trainees))
        finally:
            server.terminate()
            server.wait(timeout=30)
    result["cpus"] = os.cpu_count()
    for key, value in result.items():
        print(f"{key:24} {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
