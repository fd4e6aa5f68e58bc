"""Speed of the two drivers over the bundled scenarios.

    python benchmarks/bench_drivers.py [--repeat N] [--json FILE]

Prints, for each driver, the time per step over every bundled scenario:
- "in process": one batch as the runner runs it (worlds loaded per scenario; the UI app started once
  and kept from scenario to scenario), divided by the number of steps (objectives' checks count);
  and for the UI driver also with a new app per scenario, as pytest runs each scenario on its own;
- "whole process": `cmecf-sim run --driver X scenarios/` as a subprocess, wall time divided by steps,
  so interpreter start, imports and lint are in it too.
Times are medians over --repeat runs; peak memory (max RSS) of each whole-process run is printed too.
The app's start to its first screen is benchmarks/bench_startup.py's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

def steps_of(paths: list[Path]) -> int:
    from simulator.scenario.loader import load

    return sum(len(s.steps) + len(s.objectives) for s in (load(p) for p in paths))


def in_process(paths: list[Path], driver: str, *, fresh_app: bool = False) -> float:
    """The runner's way (one batch, the UI app kept from scenario to scenario), or with `fresh_app`
    pytest's way (each scenario on its own, a new app each)."""
    from simulator.faces import FACES
    from simulator.scenario.runner import run_batch

    batches = [[path] for path in paths] if fresh_app else [paths]
    started = time.perf_counter()
    for batch in batches:
        for pairs in asyncio.run(run_batch(batch, (driver,), "fast", faces=FACES)):
            for pair in pairs:
                if not pair.passed:
                    raise SystemExit(f"{pair.path} [{driver}] failed: {pair.detail}")
    return time.perf_counter() - started


MEASURED_RUN = """
import resource, runpy, sys
sys.argv = ["cmecf-sim", "run", "--driver", {driver!r}, {scenarios!r}]
try:
    runpy.run_module("simulator", run_name="__main__")
except SystemExit as done:
    code = done.code
try:  # this process's own peak (VmHWM restarts at exec; ru_maxrss would count the parent's fork)
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("maxrss", peak, "exit", code, file=sys.stderr)
"""


def whole_process(driver: str) -> tuple[float, int]:
    """`cmecf-sim run --driver X scenarios/` in a fresh interpreter: wall time and peak RSS (KB)."""
    started = time.perf_counter()
    # posix_spawn (no cwd, close_fds=False): a forked child would count this process's memory in its peak
    done = subprocess.run([sys.executable, "-c", MEASURED_RUN.format(driver=driver, scenarios=str(ROOT / "scenarios"))],
                          capture_output=True, text=True, close_fds=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.perf_counter() - started
    words = done.stderr.split()
    if "exit" not in words or words[words.index("exit") + 1] != "0":
        raise SystemExit(f"cmecf-sim run --driver {driver} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed, int(words[words.index("maxrss") + 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()

    from simulator.core import security
    from simulator.scenario.runner import collect

    security.use_profile("fast")
    paths = collect([str(ROOT / "scenarios")])
    steps = steps_of(paths)
    figures: dict[str, float] = {"scenarios": len(paths), "steps": steps}
    print(f"{len(paths)} bundled scenarios, {steps} steps (objectives' checks included)")
    from simulator.scenario.runner import tune_gc_for_batch

    tune_gc_for_batch()
    fresh = [in_process(paths, "ui", fresh_app=True) for _ in range(args.repeat)]
    figures["ui_fresh_app_per_scenario_ms_per_step"] = statistics.median(fresh) / steps * 1000
    print(f"  ui: {figures['ui_fresh_app_per_scenario_ms_per_step']:6.1f} ms/step with a new app per scenario (pytest's way)")
    for driver in ("core", "ui"):
        runs = [in_process(paths, driver) for _ in range(args.repeat)]
        figures[f"{driver}_in_process_ms_per_step"] = statistics.median(runs) / steps * 1000
        whole = [whole_process(driver) for _ in range(args.repeat)]
        figures[f"{driver}_whole_process_ms_per_step"] = statistics.median(w[0] for w in whole) / steps * 1000
        figures[f"{driver}_whole_process_max_rss_mb"] = max(w[1] for w in whole) / 1024
        print(f"{driver:>4}: {figures[f'{driver}_in_process_ms_per_step']:6.1f} ms/step in process, "
              f"{figures[f'{driver}_whole_process_ms_per_step']:6.1f} ms/step whole process, "
              f"max RSS {figures[f'{driver}_whole_process_max_rss_mb']:.0f} MB")
    ratio = figures["ui_whole_process_ms_per_step"] / figures["core_whole_process_ms_per_step"]
    figures["ui_to_core_ratio"] = ratio
    print(f"UI driver / core driver, whole process: {ratio:.1f}x")
    in_process_ratio = figures["ui_in_process_ms_per_step"] / figures["core_in_process_ms_per_step"]
    figures["ui_to_core_in_process_ratio"] = in_process_ratio
    print(f"UI driver / core driver, in process: {in_process_ratio:.1f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
