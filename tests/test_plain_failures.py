"""Failures a user meets outside the simulation, each said in words with exit 1 (setup) or 2 (a scenario
file), never a traceback: an unreadable practice database, a data folder that cannot be made, scenario
paths that are not files, TOML nested too deeply, dates out of range, durations too long."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.core import db

ROOT = Path(__file__).resolve().parent.parent


def cmecf_sim(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "CMECF_SIM_HOME": str(home), "CMECF_SIM_HASH_PROFILE": "fast"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)


def said(done: subprocess.CompletedProcess) -> str:
    return done.stdout + done.stderr


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in said(done) and "sqlalchemy" not in said(done).lower(), said(done)


# --- the practice database -------------------------------------------------------------------------------------

@pytest.fixture
def practice_home(tmp_path) -> Path:
    done = cmecf_sim(tmp_path, "reset")
    assert done.returncode == 0, said(done)
    return tmp_path


@pytest.mark.parametrize("damage", ["overwritten", "truncated"])
def test_an_unreadable_practice_database_is_named_and_reset_replaces_it_keeping_the_old_file(practice_home, damage):
    database = practice_home / "practice.db"
    if damage == "overwritten":
        database.write_bytes(b"not a database at all\n" * 100)
    else:
        database.write_bytes(database.read_bytes()[:5000])
    original = database.read_bytes()

    opened = cmecf_sim(practice_home, timeout=30)
    assert opened.returncode == 1
    no_traceback(opened)
    assert str(database) in said(opened) and "cmecf-sim reset" in said(opened)

    reset = cmecf_sim(practice_home, "reset")
    assert reset.returncode == 0, said(reset)
    assert "could not be read; it is kept as" in reset.stdout
    kept = [path for path in practice_home.iterdir() if path.name.startswith("practice.db.unreadable-")]
    assert len(kept) == 1 and kept[0].read_bytes() == original  # nothing is lost
    assert db.unreadable(f"sqlite:///{database}") is None


def test_a_readable_database_is_not_called_unreadable(practice_home):
    assert db.unreadable(f"sqlite:///{practice_home / 'practice.db'}") is None
    assert db.unreadable(f"sqlite:///{practice_home / 'none-yet.db'}") is None
    assert db.unreadable("postgresql://localhost/test") is None and db.unreadable("sqlite://") is None


def test_a_data_folder_that_cannot_be_made_is_said_with_what_to_set(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    done = cmecf_sim(blocker / "home", "reset")
    assert done.returncode == 1
    no_traceback(done)
    assert f"The data folder {blocker / 'home'} cannot be created" in said(done) and "CMECF_SIM_HOME" in said(done)


# --- scenario paths and contents -------------------------------------------------------------------------------

def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    done = cmecf_sim(tmp_path, "lint", str(fifo), timeout=20)
    assert done.returncode == 2
    assert "is not a regular file" in done.stdout


def test_a_link_to_a_device_is_refused_not_read_forever(tmp_path):
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    done = cmecf_sim(tmp_path, "run", str(link), timeout=20)
    assert done.returncode == 2
    assert "is not a regular file" in done.stdout and done.stdout.strip().endswith("0 passed, 0 failed, 1 invalid")


def test_a_file_too_large_to_be_a_scenario_is_refused(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text("# padding\n" * 200_000)
    done = cmecf_sim(tmp_path, "lint", str(big))
    assert done.returncode == 2 and "is larger than 1024 KB" in done.stdout


def test_toml_nested_thousands_deep_is_a_scenario_error_not_a_recursion_traceback(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    done = cmecf_sim(tmp_path, "lint", str(deep))
    assert done.returncode == 2
    no_traceback(done)
    assert "nests tables or arrays too deeply" in done.stdout


SCENARIO = '[scenario]\ntitle = "t"\nstart = {start}\n\n[[step]]\ndo = "advance_clock"\nby = "{by}"\n'


@pytest.mark.parametrize(("start", "by", "words"), [
    ("9999-12-31T20:00:00-06:00", "1d", "[scenario]: start is out of range: give a date from 1900 to 2999"),
    ("0001-01-01T00:00:00+06:00", "1d", "[scenario]: start is out of range"),
    ("2021-01-25T09:00:00-06:00", "999999999d", "step 1 (advance_clock): by is longer than the clock moves in one step"),
])
def test_dates_out_of_range_name_the_key_not_overflowerror(tmp_path, start, by, words):
    path = tmp_path / "range.toml"
    path.write_text(SCENARIO.format(start=start, by=by))
    done = cmecf_sim(tmp_path, "run", str(path))
    assert done.returncode == 2
    no_traceback(done)
    assert words in done.stdout and "Overflow" not in done.stdout
