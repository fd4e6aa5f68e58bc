"""What the whole court catalog (208 courts) costs beside a world of one court.

    python benchmarks/bench_catalog.py [--repeat N]

Prints medians over --repeat runs of: building a world of one court and of the whole catalog (the
practice world is the latter), reading the court list from it (`courts.listing`), and one search
keystroke's filtering (`views.matching`) over every court; with the whole catalog's ratio to one court.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.core import courts, views  # noqa: E402
from simulator.core.context import Simulation  # noqa: E402
from simulator.core.security import use_profile  # noqa: E402
from simulator.core.world import private_world  # noqa: E402
from simulator.scenario.loader import parse  # noqa: E402

HEADER = '[scenario]\ntitle = "bench"\nstart = 2021-01-25T09:00:00-06:00\n'


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def world(tables: str):
    return parse(tomllib.loads(HEADER + tables), Path("bench.toml"), require_steps=False).world


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    use_profile("fast")
    one, whole = world('[[court]]\nid = "cod"\n'), world("")
    build_one = median_seconds(lambda: Simulation(private_world(one)), repeat)
    build_whole = median_seconds(lambda: Simulation(private_world(whole)), repeat)
    sim_one, sim_whole = Simulation(private_world(one)), Simulation(private_world(whole))

    def listing(sim):
        with sim.ctx() as ctx:
            return courts.listing(ctx)

    list_one = median_seconds(lambda: listing(sim_one), repeat)
    list_whole = median_seconds(lambda: listing(sim_whole), repeat)
    rows = listing(sim_whole)
    search = median_seconds(lambda: views.matching(rows, "eastern cal", court_type="district"), repeat * 20)
    print(f"courts in the whole catalog: {len(rows)}")
    print(f"build a world:     one court {build_one * 1000:7.1f} ms   whole catalog {build_whole * 1000:7.1f} ms"
          f"   ratio {build_whole / build_one:.2f}x")
    print(f"read court list:   one court {list_one * 1000:7.2f} ms   whole catalog {list_whole * 1000:7.2f} ms"
          f"   ratio {list_whole / list_one:.2f}x")
    print(f"filter on a keystroke over {len(rows)} courts: {search * 1000:.3f} ms")


if __name__ == "__main__":
    main()
