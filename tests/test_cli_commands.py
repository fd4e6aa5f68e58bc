"""The `cmecf-sim` commands as a user runs them (README "Using it"), in a subprocess with a private data
dir: schema, reset, progress, play, and every command's --help."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from datetime import date, datetime, time
from pathlib import Path

import jsonschema
import pytest

from simulator.cli import main as cli_main
from simulator.scenario.practice import generate
from simulator.tui.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "simulator" / "scenario" / "schema.json"
SCENARIOS = sorted((ROOT / "scenarios").rglob("*.toml"))
COMMANDS = ("run", "lint", "schema", "reset", "play", "serve", "practice", "progress")


def cmecf_sim(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CMECF_SIM_HOME": str(home), "CMECF_SIM_HASH_PROFILE": "fast"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)


def as_json_values(value):
    """TOML's dates and datetimes as the ISO strings a schema-aware editor sees."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_values(item) for item in value]
    return value


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def scenario_data(path: Path) -> dict:
    return as_json_values(tomllib.loads(path.read_text()))


# --- schema ---------------------------------------------------------------------------------------------------

def test_schema_prints_the_committed_schema(tmp_path):
    done = cmecf_sim(tmp_path, "schema")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(SCHEMA_PATH.read_text())


def test_there_are_bundled_scenarios():
    assert len(SCENARIOS) >= 20


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.relative_to(ROOT / "scenarios").as_posix())
def test_every_bundled_scenario_validates_against_the_schema(path):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(scenario_data(path))]
    assert errors == []


def test_the_practice_world_validates_against_the_schema():
    errors = [e.message for e in validator().iter_errors(scenario_data(ROOT / "seed" / "practice.toml"))]
    assert errors == []


def test_a_step_with_an_unknown_parameter_does_not_validate():
    data = scenario_data(ROOT / "scenarios" / "cod_link_on_go_live.toml")
    assert validator().is_valid(data)
    data["step"][0]["colour"] = "blue"  # visit takes court only
    assert not validator().is_valid(data)


def test_unknown_keys_elsewhere_do_not_validate():
    base = scenario_data(ROOT / "scenarios" / "cod_link_on_go_live.toml")
    for change in (
        lambda d: d["scenario"].__setitem__("titel", "x"),
        lambda d: d["pacer_account"][0].__setitem__("nickname", "JD"),
        lambda d: d["step"][0]["expect"].__setitem__("colour", "blue"),
        lambda d: d.__setitem__("stepz", []),
        lambda d: d["step"][0].__setitem__("do", "vist"),
    ):
        data = json.loads(json.dumps(base))
        change(data)
        assert not validator().is_valid(data)


# --- the practice world as committed ---------------------------------------------------------------------------

def test_committed_practice_world_is_what_the_generator_writes():
    assert (ROOT / "seed" / "practice.toml").read_text() == generate()


# --- reset ----------------------------------------------------------------------------------------------------

def test_reset_at_a_moment_prints_the_new_start(tmp_path):
    done = cmecf_sim(tmp_path, "reset", "--at", "2021-07-29T09:00:00-06:00")
    assert done.returncode == 0, done.stderr
    assert "2021-07-29T09:00:00-06:00" in done.stdout
    assert (tmp_path / "practice.db").exists()  # the practice world lives in CMECF_SIM_HOME


def test_reset_without_a_moment_starts_at_the_practice_start(tmp_path):
    done = cmecf_sim(tmp_path, "reset")
    assert done.returncode == 0, done.stderr
    assert "2021-01-25T09:00:00-06:00" in done.stdout


@pytest.mark.parametrize("moment", ["yesterday", "2021-07-29T09:00:00"])
def test_reset_at_something_not_a_moment_names_the_option(tmp_path, moment):
    done = cmecf_sim(tmp_path, "reset", "--at", moment)
    assert done.returncode != 0
    assert "--at" in done.stderr
    assert moment in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


# --- progress -------------------------------------------------------------------------------------------------

def test_progress_on_a_fresh_home_says_nothing_was_played(tmp_path):
    done = cmecf_sim(tmp_path, "progress")
    assert done.returncode == 0, done.stderr
    assert "No exercise played" in done.stdout


def test_progress_reports_what_progress_json_records(tmp_path):
    progress = Progress(tmp_path / "progress.json")
    progress.started("cod_link_on_go_live.toml", "Link your CM/ECF account on go-live day")
    progress.finished("cod_link_on_go_live.toml", "Link your CM/ECF account on go-live day", 95.4, 1)
    progress.started("filing_pdf_rules.toml", "PDF rules")
    played = progress.records["cod_link_on_go_live.toml"].last_played

    done = cmecf_sim(tmp_path, "progress", "--csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["exercise", "title", "done", "attempts", "best_seconds", "hints_at_best", "last_played"]
    assert rows[1] == ["cod_link_on_go_live.toml", "Link your CM/ECF account on go-live day", "yes", "1", "95", "1", played]
    assert rows[2][:6] == ["filing_pdf_rules.toml", "PDF rules", "no", "1", "", ""]
    assert len(rows) == 3

    done = cmecf_sim(tmp_path, "progress")
    assert done.returncode == 0, done.stderr
    assert "1/2 exercises done" in done.stdout
    assert "[x] Link your CM/ECF account on go-live day" in done.stdout
    assert "[ ] PDF rules" in done.stdout


# --- play -----------------------------------------------------------------------------------------------------

def test_play_a_missing_exercise_fails_clearly(tmp_path):
    done = cmecf_sim(tmp_path, "play", "no-such-exercise.toml")
    assert done.returncode != 0
    assert "no-such-exercise.toml" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_play_an_invalid_scenario_fails_clearly(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[scenario]\ntitle = "x"\nstart = 2021-08-02T09:00:00-06:00\n\n[[step]]\ndo = "vist"\ncourt = "cod"\n')
    done = cmecf_sim(tmp_path, "play", str(broken))
    assert done.returncode != 0
    assert "vist" in done.stderr and "visit" in done.stderr  # did you mean
    assert "Traceback" not in done.stderr + done.stdout


# --- help -----------------------------------------------------------------------------------------------------

def test_every_documented_command_exists():
    assert set(COMMANDS) <= set(cli_main.commands)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_each_command_exits_zero(tmp_path, command):
    args = ["--help"] if command is None else [command, "--help"]
    done = cmecf_sim(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    if command is not None:
        assert command in done.stdout


# --- serve ------------------------------------------------------------------------------------------------------

def test_a_classroom_session_is_a_sandbox_that_leaves_nothing_on_the_server():
    from simulator.cli import classroom_command

    assert classroom_command(None).endswith(" -m simulator practice --sandbox")
    exercise = classroom_command("cod_link_on_go_live")
    assert exercise.endswith(f" -m simulator play {ROOT / 'scenarios' / 'cod_link_on_go_live.toml'} --sandbox")


def test_serve_with_an_exercise_that_does_not_load_says_so_and_serves_nothing(tmp_path):
    done = cmecf_sim(tmp_path, "serve", "--exercise", "no_such_exercise", "--port", "1")
    assert done.returncode == 1
    assert "Error: no_such_exercise: no such file" in done.stderr
    assert "Traceback" not in done.stderr


# --- setup problems -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "setting, words",
    [
        ({"CMECF_SIM_HASH_PROFILE": "bogus"}, ("'bogus' is not a hash profile", "secure, fast")),
        ({"DATABASE_URL": "nonsense://"}, ("DATABASE_URL='nonsense://' cannot be used", "unset it")),
        ({"DATABASE_URL": "sqlitex://practice"}, ("DATABASE_URL='sqlitex://practice' cannot be used", "unset it")),
        ({"DATABASE_URL": "postgresql+pg8000://trainer:s3cret@localhost/cmecf"}, ("driver is installed", "***")),
        ({"DATABASE_URL": "postgresql+psycopg://trainer:s3cret@127.0.0.1:1/cmecf"}, ("cannot be opened", "DATABASE_URL")),
        ({"DATABASE_URL": "sqlite:////no/such/folder/practice.db"}, ("cannot be opened", "CMECF_SIM_HOME")),
    ],
    ids=["hash-profile", "unknown-database", "sqlite-lookalike", "missing-driver", "no-server", "unopenable-file"],
)
def test_a_setting_that_cannot_work_is_named_with_the_fix(tmp_path, setting, words):
    env = {**os.environ, "CMECF_SIM_HOME": str(tmp_path), "CMECF_SIM_HASH_PROFILE": "fast", **setting}
    done = subprocess.run([sys.executable, "-m", "simulator", "practice"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr
    assert "s3cret" not in done.stderr


def test_play_a_scenario_whose_world_does_not_load_fails_clearly(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[scenario]\ntitle = "x"\nstart = 2021-08-02T09:00:00-06:00\n\n[[court]]\nid = "nowhere"\n\n'
                      '[[step]]\ndo = "visit"\ncourt = "cod"\n')
    done = cmecf_sim(tmp_path, "play", str(broken))
    assert done.returncode == 1
    assert str(broken) in done.stderr and "nowhere" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
