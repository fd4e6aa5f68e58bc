"""Password hashing under each profile (README "Hashing"), and what it costs the core driver.

    python benchmarks/bench_hashing.py [--repeat N] [--json FILE]

For each profile, `secure` and `fast`:
- a hash, a verify of the right password and a verify of a wrong one (median of 20 each);
- the peak memory one hash adds to a fresh process (VmHWM after minus before), which is what a
  classroom pays per simultaneous sign-in, one process per trainee;
- the core driver over every bundled scenario in process: ms per step (objectives' checks count).
  Every world hashes its declared passwords when loaded, so this is where the profile shows.
Times are medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEAK_OF_ONE_HASH = """
from simulator.core import security
def peak():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
security.use_profile({profile!r})
before = peak()
security.hash_password("Training#Pass2021!")
print(peak() - before)
"""


def median_ms(work, count: int = 20) -> float:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def hash_figures(profile: str) -> dict[str, float]:
    from simulator.core import security

    security.use_profile(profile)
    stored = security.hash_password("Training#Pass2021!")
    done = subprocess.run([sys.executable, "-c", PEAK_OF_ONE_HASH.format(profile=profile)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return {
        "hash_ms": median_ms(lambda: security.hash_password("Training#Pass2021!")),
        "verify_right_ms": median_ms(lambda: security.verify_password(stored, "Training#Pass2021!")),
        "verify_wrong_ms": median_ms(lambda: security.verify_password(stored, "wrong")),
        "peak_kb_per_hash": float(done.stdout.strip()),
    }


def core_ms_per_step(profile: str, repeat: int) -> float:
    from simulator.scenario.loader import load
    from simulator.scenario.runner import collect, run_batch

    paths = collect([str(ROOT / "scenarios")])
    steps = sum(len(s.steps) + len(s.objectives) for s in (load(p) for p in paths))
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for pairs in asyncio.run(run_batch(paths, ("core",), profile)):
            for pair in pairs:
                if not pair.passed:
                    raise SystemExit(f"{pair.path} [core, {profile}] failed: {pair.detail}")
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) / steps * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()

    figures: dict[str, dict[str, float]] = {}
    for profile in ("secure", "fast"):
        found = hash_figures(profile)
        found["core_ms_per_step"] = core_ms_per_step(profile, args.repeat)
        figures[profile] = found
        print(f"{profile:>6}: hash {found['hash_ms']:7.2f} ms, verify {found['verify_right_ms']:7.2f} ms "
              f"(wrong password {found['verify_wrong_ms']:7.2f} ms), peak +{found['peak_kb_per_hash'] / 1024:5.1f} MB "
              f"a hash; core driver {found['core_ms_per_step']:5.1f} ms/step")
    print(f"secure / fast: a verify {figures['secure']['verify_right_ms'] / figures['fast']['verify_right_ms']:.0f}x, "
          f"core per step {figures['secure']['core_ms_per_step'] / figures['fast']['core_ms_per_step']:.1f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
