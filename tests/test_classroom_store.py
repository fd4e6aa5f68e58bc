"""The class record store, on a SQLite file and on a real PostgreSQL: joining by name (a second
join rejoins), names cleaned, steps, hints and ticks kept, the report's rows; and two store
handles (two servers) on one PostgreSQL see one class."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from simulator.classroom import store
from simulator.cli import main

from databases import database, postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    with database(request.param, tmp_path) as url:
        engine = store.open_store(url)
        yield engine
        engine.dispose()


def test_a_second_join_with_the_same_name_rejoins_that_trainee(engine):
    store.create_class(engine, "Denver 2021-08")
    first, rejoined_first = store.join(engine, "Denver 2021-08", "Ana Ruiz")
    again, rejoined_again = store.join(engine, "Denver 2021-08", "  ana   RUIZ ")
    assert (rejoined_first, rejoined_again) == (False, True)
    assert again.id == first.id and again.name == "Ana Ruiz" and again.joins == 2


@pytest.mark.parametrize("raw, kept", [("Ana\x1b[31m Ruiz", "Ana [31m Ruiz"), ("Ｂｏｂ", "Bob"),
                                       ("Li\u202eWei", "Li Wei"), ("a\nb\tc", "a b c")])
def test_names_are_cleaned_of_control_characters_and_normalised(raw, kept):
    assert store.clean_name(raw) == kept


@pytest.mark.parametrize("raw", ["", "   \x07 ", "x" * (store.NAME_LIMIT + 1)])
def test_an_empty_or_long_name_is_refused_with_what_to_do(raw):
    with pytest.raises(store.ClassroomError, match="name"):
        store.clean_name(raw)


def test_joining_a_class_that_does_not_exist_says_how_to_start_it(engine):
    with pytest.raises(store.ClassroomError, match="cmecf-sim serve --class"):
        store.join(engine, "Nowhere", "Ana")


def test_steps_hints_and_ticks_make_the_report(engine):
    store.create_class(engine, "C", exercises=["link.toml"])
    ana, _ = store.join(engine, "C", "Ana")
    bo, _ = store.join(engine, "C", "Bo")
    store.record_step(engine, ana.id, action="pacer_sign_in", ok=True, location="pacer_account")
    store.record_step(engine, ana.id, action="submit_court_login", ok=False, error_code="NOT_LINKED", court="cod")
    store.record_hint(engine, ana.id)
    store.record_ticks(engine, ana.id, "link.toml", ["Link", "File"], [True, False])
    store.record_ticks(engine, ana.id, "link.toml", ["Link", "File"], [True, False])  # ticked again: kept once
    rows = store.report_rows(engine, "C", lambda exercise: ["Link", "File"])
    by_key = {(row["trainee"], row["objective"]): row for row in rows}
    assert len(rows) == 4
    assert by_key[("Ana", "Link")]["done"] is True and by_key[("Ana", "Link")]["ticked_at"]
    assert by_key[("Ana", "File")]["done"] is False
    assert (by_key[("Ana", "Link")]["steps"], by_key[("Ana", "Link")]["errors"], by_key[("Ana", "Link")]["hints_used"]) == (2, 1, 1)
    assert by_key[("Bo", "Link")]["steps"] == 0 and by_key[("Bo", "Link")]["done"] is False
    parsed = list(csv.DictReader(io.StringIO(store.report_text(rows, "csv"))))
    assert [row["trainee"] for row in parsed] == ["Ana", "Ana", "Bo", "Bo"]
    assert json.loads(store.report_text(rows, "json")) == rows


def test_the_trainer_passcode_is_stored_hashed_and_checked(engine):
    classroom = store.create_class(engine, "C", passcode="Trainer#2021")
    assert "Trainer#2021" not in classroom.passcode_hash
    assert store.check_passcode(classroom, "Trainer#2021")
    assert not store.check_passcode(classroom, "trainer#2021")


def test_two_servers_on_one_postgresql_show_one_class():
    with postgres_database() as url:
        first, second = store.open_store(url), store.open_store(url)
        store.create_class(first, "Shared")
        store.create_class(second, "Shared")  # the second server finds it rather than making another
        ana, _ = store.join(first, "Shared", "Ana")
        again, rejoined = store.join(second, "Shared", "Ana")
        store.record_step(second, again.id, action="go_home", ok=True)
        assert rejoined and again.id == ana.id
        assert [row["steps"] for row in store.report_rows(first, "Shared")] == [1]
        first.dispose(), second.dispose()


def test_class_report_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    runner = CliRunner()
    created = runner.invoke(main, ["class", "create", "Denver", "--exercise", "cod_link_on_go_live"])
    assert created.exit_code == 0, created.output
    engine = store.open_store()
    ana, _ = store.join(engine, "Denver", "Ana")
    store.record_step(engine, ana.id, action="go_home", ok=True)
    result = runner.invoke(main, ["class", "report", "Denver", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {row["trainee"] for row in rows} == {"Ana"}
    assert all(row["exercise"] == "cod_link_on_go_live.toml" for row in rows)
    missing = runner.invoke(main, ["class", "report", "Nowhere"])
    assert missing.exit_code == 1 and "There is no class 'Nowhere'" in missing.output


def test_a_trainees_world_is_kept_and_a_reset_forgets_it_at_once(engine):
    store.create_class(engine, "C", exercises=["link.toml"])
    ana, _ = store.join(engine, "C", "Ana")
    store.save_world(engine, ana.id, "link.toml", b"first", browser_id=1)
    store.save_world(engine, ana.id, "link.toml", b"second" * 40_000, browser_id=2)  # replaced, and big
    kept = store.saved_world(engine, ana.id, "link.toml")
    assert (kept.world[:6], kept.browser_id) == (b"second", 2)
    assert store.saved_world(engine, ana.id, "other.toml") is None  # a world of another exercise is not theirs
    with pytest.raises(store.ClassroomError, match="No trainee 'Cy'"):
        store.send_command(engine, "C", "reset", trainee_name="Cy")
    store.send_command(engine, "C", "reset", trainee_name="ana")
    assert store.saved_world(engine, ana.id, "link.toml") is None


def test_a_template_is_built_once_and_then_copied(engine):
    built = []
    assert store.template_world(engine, "k", lambda: built.append(1) or b"w") == b"w"
    assert store.template_world(engine, "k", lambda: built.append(1) or b"x") == b"w"
    assert built == [1]


def test_class_actions_reach_the_trainees_they_are_for(engine):
    classroom = store.create_class(engine, "C")
    ana, _ = store.join(engine, "C", "Ana")
    bo, _ = store.join(engine, "C", "Bo")
    start = store.last_command_id(engine, classroom.id)
    store.send_command(engine, "C", "broadcast", "Hello")
    store.send_command(engine, "C", "reset", trainee_name="Bo")
    store.send_command(engine, "C", "pause")
    assert [c.kind for c in store.commands_after(engine, classroom.id, ana.id, start)] == ["broadcast", "pause"]
    assert [c.kind for c in store.commands_after(engine, classroom.id, bo.id, start)] == ["broadcast", "reset", "pause"]
    assert store.is_paused(engine, classroom.id)
    store.send_command(engine, "C", "resume")
    assert not store.is_paused(engine, classroom.id)
    with pytest.raises(store.ClassroomError, match="no class action 'dance'"):
        store.send_command(engine, "C", "dance")


def test_class_status_is_the_dashboards_rows(engine):
    store.create_class(engine, "C", exercises=["link.toml"])
    ana, _ = store.join(engine, "C", "Ana")
    store.join(engine, "C", "Bo")
    store.record_step(engine, ana.id, action="pacer_sign_in", ok=True, location="pacer_account")
    store.record_step(engine, ana.id, action="file", ok=False, error_code="NOT_LINKED", message="Link first.",
                      location="court_menu", court="cod")
    store.record_ticks(engine, ana.id, "link.toml", ["Link", "File"], [True, False])
    status = store.class_status(engine, "C", lambda _: ["Link", "File"])
    rows = {row.name: row for row in status.trainees}
    assert (rows["Ana"].ticked, rows["Ana"].steps, rows["Ana"].errors) == ([True, False], 2, 1)
    assert (rows["Ana"].court, rows["Ana"].location, rows["Ana"].last_error) == ("cod", "court_menu", "NOT_LINKED: Link first.")
    assert (rows["Bo"].ticked, rows["Bo"].steps, rows["Bo"].last_step) == ([False, False], 0, None)
    assert len(status.ticks) == 1 and status.started is not None
