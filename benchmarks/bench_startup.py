"""How long `cmecf-sim` takes to show its first screen, beside a bare Textual app started the same way.

    python benchmarks/bench_startup.py [--repeat N]

Each figure is a fresh process, from its launch until the first screen has its table filled (headless;
the process prints the wall clock then, since free practice goes on opening its world behind that
screen), median of --repeat runs:
- bare: a Textual app of Header, DataTable (208 rows) and Footer, nothing else imported;
- existing world: `cmecf-sim` on a practice world already in the data dir;
- first launch: `cmecf-sim` on an empty data dir (the practice world is made then).
The ratios to the bare app are what issue 11 asks about (targets 1.5x and 2x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST_SCREEN = """
async def first_screen(pilot):
    while not (pilot.app.screen.query("DataTable") and pilot.app.screen.query_one("DataTable").row_count):
        await pilot.pause(0.005)
    print(time.time())
    pilot.app.exit()
"""

BARE = """
import time
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Court", "Name", "Type", "CM/ECF", "Now", "NextGen go-live")
        for n in range(208):
            table.add_row(f"c{n}", "A court", "district", "NextGen", "Available", "earlier")
""" + FIRST_SCREEN + """
Bare().run(headless=True, auto_pilot=first_screen)
"""

SIMULATOR = """
import time
from simulator.tui.launch import practice_app
""" + FIRST_SCREEN + """
practice_app().run(headless=True, auto_pilot=first_screen)
"""


def seconds(code: str, home: str) -> float:
    env = {**os.environ, "CMECF_SIM_HOME": home, "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    launched = time.time()  # the interpreter's own start is in every figure alike
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, cwd=ROOT, text=True)
    return float(done.stdout.split()[-1]) - launched


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as kept:
        seconds(SIMULATOR, kept)  # makes the practice world once
        bare = statistics.median(seconds(BARE, kept) for _ in range(repeat))
        existing = statistics.median(seconds(SIMULATOR, kept) for _ in range(repeat))
    first = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as empty:
            first.append(seconds(SIMULATOR, empty))
    first_launch = statistics.median(first)
    print(f"bare Textual app:            {bare:5.2f} s")
    print(f"cmecf-sim, existing world:   {existing:5.2f} s   {existing / bare:4.2f}x the bare app")
    print(f"cmecf-sim, first launch:     {first_launch:5.2f} s   {first_launch / bare:4.2f}x the bare app")


if __name__ == "__main__":
    main()
