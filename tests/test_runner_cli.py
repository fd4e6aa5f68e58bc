"""`cmecf-sim run` and `cmecf-sim lint` as a user runs them (SPEC §4, "The runner"): the real command in a
subprocess, its lines, its closing line, its exit code (0 pass, 1 fail, 2 invalid, 2 wins), JUnit XML,
-j, --fail-fast, folders, and never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[1]

WORLD = '''
[[court]]
id = "cod"

[[pacer_account]]
username = "jdoe2021"
password = "Training#Pass2021"
name = "Jane Doe"

[[ecf_account]]
court = "cod"
login = "jdoe"
password = "OldEcfPass1"
name = "Jane Doe"
role = "attorney"

[[case]]
court = "cod"
number = "1:21-cv-01234-ABC"
title = "Doe v. Acme Corp."
attorneys = ["jdoe"]
'''


def head(title: str) -> str:
    return f'[scenario]\ntitle = "{title}"\nstart = 2021-08-02T09:00:00-06:00\n'


SIGN_IN = '''
[[step]]
do = "visit"
court = "cod"
expect = { location = "pacer.login" }

[[step]]
do = "pacer_login"
username = "jdoe2021"
password = "Training#Pass2021"
expect = { location = "court.menu", menu = { contains = "utilities" } }
'''


def link(expect: str = '{ status = "linked", message = { contains = "linked" } }') -> str:
    return f'''
[[step]]
do = "link_account"
court = "cod"
ecf_login = "jdoe"
ecf_password = "OldEcfPass1"
expect = {expect}
'''


OBJECTIVE = '''
[[objective]]
text = "Linked at Colorado"
check = { do = "check_link", court = "cod", username = "jdoe2021", expect = { status = "linked", ecf_login = "jdoe" } }
'''


def passing(title: str = "Link on go-live day") -> str:
    return head(title) + WORLD + SIGN_IN + link() + '''
[[step]]
do = "check_menu"
court = "cod"
expect = { menu = { contains = "Civil" } }
''' + OBJECTIVE


def failing(title: str = "Expects the wrong link status") -> str:
    return head(title) + WORLD + SIGN_IN + link('{ status = "pending" }') + OBJECTIVE


def invalid_action(title: str = "Misspelled action") -> str:
    return head(title) + WORLD + SIGN_IN + '''
[[step]]
do = "lnk_account"
court = "cod"
ecf_login = "jdoe"
ecf_password = "OldEcfPass1"
'''


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "CMECF_SIM_HASH_PROFILE": "fast"}
    done = subprocess.run(
        [sys.executable, "-m", "simulator", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    assert "Traceback" not in done.stdout, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    return done


def lines(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stdout.splitlines() if line.strip()]


def last_line(done: subprocess.CompletedProcess) -> str:
    found = lines(done)
    assert found, f"no output; stderr: {done.stderr}"
    return found[-1].strip()


def lines_naming(done: subprocess.CompletedProcess, path: Path) -> list[str]:
    return [line for line in lines(done) if str(path) in line or path.name in line]


def normalised(done: subprocess.CompletedProcess) -> list[str]:
    """Output lines without timings, for comparing runs."""
    return [re.sub(r"\d+(\.\d+)?\s*s\b", "<t>", line) for line in lines(done)]


# --------------------------------------------------------------------------------------------------
# run: pass, fail, invalid


def test_passing_scenario_exits_0(tmp_path):
    path = write(tmp_path, "pass.toml", passing())
    done = cli("run", path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert last_line(done) == "1 passed, 0 failed"
    assert len(lines(done)) == 2  # one line per scenario and driver, then the summary
    named = lines_naming(done, path)
    assert len(named) == 1
    assert "FAIL" not in named[0]


def test_default_driver_is_core(tmp_path):
    path = write(tmp_path, "pass.toml", passing())
    default, core = cli("run", path), cli("run", "--driver", "core", path)
    assert default.returncode == core.returncode == 0
    assert normalised(default) == normalised(core)


def test_failing_scenario_exits_1_and_names_file_step_action_expected_actual(tmp_path):
    path = write(tmp_path, "fail.toml", failing())
    done = cli("run", path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert last_line(done) == "0 passed, 1 failed"
    named = lines_naming(done, path)
    assert len(named) == 1
    line = named[0]
    assert str(path) in line
    assert re.search(r"\bstep 3\b", line), line
    assert "link_account" in line
    detail = line.split("link_account", 1)[1]
    assert "pending" in detail  # expected
    assert "linked" in detail  # actual


def test_failure_at_a_later_step_names_that_step(tmp_path):
    text = head("Fails at step 5") + WORLD + SIGN_IN + link() + '''
[[step]]
do = "check_menu"
court = "cod"
expect = { menu = { contains = "Civil" } }

[[step]]
do = "check_docket"
court = "cod"
case = "1:21-cv-01234"
expect = { count = { at_least = 3 } }
'''
    path = write(tmp_path, "late.toml", text)
    done = cli("run", path)
    assert done.returncode == 1
    line = lines_naming(done, path)[0].replace(str(path), "")
    assert re.search(r"\bstep 5\b", line) and "check_docket" in line
    detail = line.split("check_docket", 1)[1]
    assert re.search(r"\b3\b", detail) and re.search(r"\b0\b", detail), line  # expected 3 or more, got 0


def test_unexpected_error_fails_with_the_code(tmp_path):
    """A step expected to succeed that is refused: ok = true is implied."""
    text = head("Files before linking") + WORLD + SIGN_IN + '''
[[step]]
do = "file"
court = "cod"
case = "1:21-cv-01234"
event = "motion"
document = "sample:motion.pdf"
'''
    path = write(tmp_path, "refused.toml", text)
    done = cli("run", path)
    assert done.returncode == 1
    line = lines_naming(done, path)[0]
    assert re.search(r"\bstep 3\b", line) and "file" in line and "NOT_LINKED" in line


def test_expected_error_passes(tmp_path):
    text = head("Filing before linking is refused") + WORLD + SIGN_IN + '''
[[step]]
do = "file"
court = "cod"
case = "1:21-cv-01234"
event = "motion"
document = "sample:motion.pdf"
expect = { error = "NOT_LINKED", location = "court.menu" }
'''
    done = cli("run", write(tmp_path, "refused_ok.toml", text))
    assert done.returncode == 0, done.stdout
    assert last_line(done) == "1 passed, 0 failed"


def test_failing_objective_fails_the_scenario(tmp_path):
    text = head("Never links") + WORLD + SIGN_IN + OBJECTIVE
    path = write(tmp_path, "objective.toml", text)
    done = cli("run", path)
    assert done.returncode == 1
    assert last_line(done) == "0 passed, 1 failed"
    line = lines_naming(done, path)[0]
    assert "check_link" in line and "linked" in line and "none" in line


def test_invalid_scenario_exits_2_naming_file_step_and_problem(tmp_path):
    path = write(tmp_path, "typo.toml", invalid_action())
    done = cli("run", path)
    assert done.returncode == 2, done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert str(path) in output
    assert "step 3" in output
    assert "lnk_account" in output
    assert "did you mean 'link_account'" in output


def test_invalid_world_exits_2(tmp_path):
    text = head("Unknown court") + WORLD.replace('court = "cod"\nlogin', 'court = "zzz"\nlogin') + SIGN_IN
    path = write(tmp_path, "world.toml", text)
    done = cli("run", path)
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert str(path) in output and "[[ecf_account]] 1" in output and "zzz" in output


def test_invalid_wins_over_failed(tmp_path):
    bad = write(tmp_path, "a_invalid.toml", invalid_action())
    fail = write(tmp_path, "b_fail.toml", failing())
    done = cli("run", bad, fail)
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert str(bad) in output and "lnk_account" in output
    assert any("step 3" in line for line in lines_naming(done, fail))  # the valid file still ran
    assert last_line(done) == "0 passed, 1 failed, 1 invalid"


def test_invalid_wins_over_failed_in_any_order(tmp_path):
    fail = write(tmp_path, "a_fail.toml", failing())
    bad = write(tmp_path, "b_invalid.toml", invalid_action())
    assert cli("run", fail, bad).returncode == 2


def test_invalid_beside_passing_exits_2(tmp_path):
    good = write(tmp_path, "a_pass.toml", passing())
    bad = write(tmp_path, "b_invalid.toml", invalid_action())
    done = cli("run", good, bad)
    assert done.returncode == 2
    assert last_line(done) == "1 passed, 0 failed, 1 invalid"  # every file is counted


def test_not_toml_exits_2(tmp_path):
    path = write(tmp_path, "broken.toml", "[scenario\ntitle = \n")
    done = cli("run", path)
    assert done.returncode == 2
    assert str(path) in done.stdout + done.stderr


def test_missing_file_exits_2(tmp_path):
    path = tmp_path / "nowhere.toml"
    done = cli("run", path)
    assert done.returncode == 2
    assert str(path) in done.stdout + done.stderr


def test_non_utf8_file_exits_2_without_traceback(tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00\x01 not text \x80\n")
    done = cli("run", path)  # cli() asserts there is no traceback
    assert done.returncode == 2
    assert str(path) in done.stdout + done.stderr


# --------------------------------------------------------------------------------------------------
# results through the core driver


def test_datetimes_compare_as_instants_in_a_run(tmp_path):
    text = head("Clock") + WORLD + '''
[[step]]
do = "advance_clock"
to = 2021-08-02T12:00:00-06:00
expect = { now = 2021-08-02T18:00:00Z }

[[step]]
do = "advance_clock"
by = "1d2h"
expect = { now = 2021-08-03T14:00:00-06:00 }
'''
    done = cli("run", write(tmp_path, "clock.toml", text))
    assert done.returncode == 0, done.stdout
    assert last_line(done) == "1 passed, 0 failed"


def test_wrong_instant_fails(tmp_path):
    text = head("Clock") + WORLD + '''
[[step]]
do = "advance_clock"
to = 2021-08-02T12:00:00-06:00
expect = { now = 2021-08-02T12:00:00Z }
'''
    path = write(tmp_path, "clock.toml", text)
    done = cli("run", path)
    assert done.returncode == 1
    line = lines_naming(done, path)[0]
    assert "step 1" in line and "advance_clock" in line and "now" in line


def test_fee_numbers_compare_as_numbers(tmp_path):
    text = head("Fees") + WORLD.replace('password = "OldEcfPass1"\n', 'linked_to = "jdoe2021"\n') + '''
[[step]]
do = "visit"
court = "cod"

[[step]]
do = "pacer_login"
username = "jdoe2021"
password = "Training#Pass2021"

[[step]]
do = "file"
court = "cod"
case = "1:21-cv-01234"
event = "complaint"
document = "sample:complaint.pdf"
expect = { fee_due = 402.0, document_number = 1, location = "filing.receipt" }

[[step]]
do = "check_docket"
court = "cod"
case = "21-1234"
expect = { count = { at_least = 1, at_most = 1 }, last_filer = "Jane Doe" }
'''
    done = cli("run", write(tmp_path, "fees.toml", text))
    assert done.returncode == 0, done.stdout
    assert last_line(done) == "1 passed, 0 failed"


def test_document_beside_the_scenario(tmp_path):
    from simulator.core.documents import simple_pdf

    folder = tmp_path / "deep" / "folder"
    folder.mkdir(parents=True)
    (folder / "my motion.pdf").write_bytes(simple_pdf("MOTION", ["to Extend Time"]))
    text = head("Own PDF") + WORLD.replace('password = "OldEcfPass1"\n', 'linked_to = "jdoe2021"\n') + '''
[[step]]
do = "visit"
court = "cod"

[[step]]
do = "pacer_login"
username = "jdoe2021"
password = "Training#Pass2021"

[[step]]
do = "file"
court = "cod"
case = "1:21-cv-01234"
event = "motion"
document = "my motion.pdf"
expect = { document_number = 1 }
'''
    done = cli("run", write(folder, "own.toml", text))  # run from /work/main: the path is beside the scenario
    assert done.returncode == 0, done.stdout
    assert last_line(done) == "1 passed, 0 failed"


# --------------------------------------------------------------------------------------------------
# folders, several paths


def test_folder_is_searched_recursively(tmp_path):
    a = write(tmp_path, "a.toml", passing("Top"))
    b = write(tmp_path, "sub/deeper/b.toml", passing("Deep"))
    c = write(tmp_path, "sub/c.toml", failing())
    write(tmp_path, "sub/notes.txt", "not a scenario [[[")
    write(tmp_path, "sub/readme.md", "# not a scenario")
    done = cli("run", tmp_path)
    assert done.returncode == 1
    assert last_line(done) == "2 passed, 1 failed"
    for path in (a, b, c):
        assert len(lines_naming(done, path)) == 1, done.stdout
    assert "notes.txt" not in done.stdout and "readme.md" not in done.stdout
    assert len(lines(done)) == 4


def test_folder_with_an_invalid_file_deep_inside(tmp_path):
    write(tmp_path, "a.toml", passing())
    write(tmp_path, "x/y/z/bad.toml", invalid_action())
    done = cli("run", tmp_path)
    assert done.returncode == 2
    assert "bad.toml" in done.stdout + done.stderr
    assert last_line(done) == "1 passed, 0 failed, 1 invalid"


def test_several_paths_files_and_folders(tmp_path):
    write(tmp_path, "one/a.toml", passing("A"))
    write(tmp_path, "one/b.toml", passing("B"))
    c = write(tmp_path, "c.toml", passing("C"))
    done = cli("run", tmp_path / "one", c)
    assert done.returncode == 0
    assert last_line(done) == "3 passed, 0 failed"


# --------------------------------------------------------------------------------------------------
# --junit


def test_junit_report(tmp_path):
    a = write(tmp_path, "s/a_pass.toml", passing("Alpha"))
    write(tmp_path, "s/b_fail.toml", failing("Bravo"))
    c = write(tmp_path, "s/c_pass.toml", passing("Charlie"))
    report = tmp_path / "out" / "junit.xml"
    report.parent.mkdir()
    done = cli("run", "--junit", report, tmp_path / "s")
    assert done.returncode == 1
    root = ElementTree.parse(report).getroot()
    cases = list(root.iter("testcase"))
    assert len(cases) == 3
    text_of = {case: ElementTree.tostring(case, encoding="unicode") for case in cases}
    failed = [case for case in cases if case.find("failure") is not None or case.find("error") is not None]
    assert len(failed) == 1
    described = text_of[failed[0]]
    assert "b_fail" in described or "Bravo" in described
    assert "step 3" in described
    passed_text = " ".join(text_of[case] for case in cases if case is not failed[0])
    assert ("Alpha" in passed_text or "a_pass" in passed_text) and ("Charlie" in passed_text or "c_pass" in passed_text)
    for case in cases:
        assert case.get("name")
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    assert suites
    assert sum(int(s.get("tests", 0)) for s in suites) == 3
    assert sum(int(s.get("failures", 0)) for s in suites) == 1
    assert str(a) not in described and str(c) not in described


def test_junit_for_all_passing(tmp_path):
    path = write(tmp_path, "pass.toml", passing())
    report = tmp_path / "junit.xml"
    done = cli("run", path, "--junit", report)
    assert done.returncode == 0
    root = ElementTree.parse(report).getroot()
    cases = list(root.iter("testcase"))
    assert len(cases) == 1
    assert cases[0].find("failure") is None and cases[0].find("error") is None


def test_junit_with_driver_both_has_a_testcase_per_driver(tmp_path):
    text = head("Tiny") + WORLD + '''
[[step]]
do = "visit"
court = "cod"
expect = { location = "pacer.login" }

[[step]]
do = "check_court"
court = "cod"
expect = { generation = "nextgen", available = true }
'''
    path = write(tmp_path, "tiny.toml", text)
    report = tmp_path / "junit.xml"
    done = cli("run", "--driver", "both", "--junit", report, path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert last_line(done) == "2 passed, 0 failed"
    named = lines_naming(done, path)
    assert len(named) == 2
    assert any("core" in line for line in named) and any("ui" in line for line in named)
    cases = list(ElementTree.parse(report).getroot().iter("testcase"))
    assert len(cases) == 2
    assert all(case.find("failure") is None and case.find("error") is None for case in cases)


# --------------------------------------------------------------------------------------------------
# -j and --fail-fast


def test_parallel_gives_the_same_results(tmp_path):
    write(tmp_path, "a_pass.toml", passing("A"))
    write(tmp_path, "b_fail.toml", failing("B"))
    write(tmp_path, "c_pass.toml", passing("C"))
    write(tmp_path, "d/d_pass.toml", passing("D"))
    write(tmp_path, "e_fail.toml", failing("E"))
    serial = cli("run", "-j", "1", tmp_path)
    parallel = cli("run", "-j", "2", tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert last_line(serial) == last_line(parallel) == "3 passed, 2 failed"
    assert sorted(normalised(serial)) == sorted(normalised(parallel))


def test_parallel_with_invalid_file_exits_2(tmp_path):
    write(tmp_path, "a_pass.toml", passing("A"))
    write(tmp_path, "b_pass.toml", passing("B"))
    write(tmp_path, "c_invalid.toml", invalid_action())
    done = cli("run", "-j", "2", tmp_path)
    assert done.returncode == 2
    assert last_line(done) == "2 passed, 0 failed, 1 invalid"


def test_fail_fast_stops_after_the_first_failure(tmp_path):
    write(tmp_path, "a_fail.toml", failing("A"))
    write(tmp_path, "b_pass.toml", passing("B"))
    write(tmp_path, "c_pass.toml", passing("C"))
    write(tmp_path, "d_fail.toml", failing("D"))
    full = cli("run", tmp_path)
    assert full.returncode == 1
    assert last_line(full) == "2 passed, 2 failed"
    fast = cli("run", "--fail-fast", tmp_path)
    assert fast.returncode == 1
    assert last_line(fast) == "0 passed, 1 failed"
    assert "b_pass" not in fast.stdout and "c_pass" not in fast.stdout and "d_fail" not in fast.stdout


def test_fail_fast_runs_passing_scenarios_before_the_failure(tmp_path):
    write(tmp_path, "a_pass.toml", passing("A"))
    write(tmp_path, "b_fail.toml", failing("B"))
    write(tmp_path, "c_pass.toml", passing("C"))
    done = cli("run", "--fail-fast", tmp_path)
    assert done.returncode == 1
    assert last_line(done) == "1 passed, 1 failed"
    assert "c_pass" not in done.stdout


def test_fail_fast_with_parallel_jobs(tmp_path):
    write(tmp_path, "a_fail.toml", failing("A"))
    for name in "bcdefg":
        write(tmp_path, f"{name}_pass.toml", passing(name))
    done = cli("run", "--fail-fast", "-j", "2", tmp_path)
    assert done.returncode == 1
    summary = last_line(done)
    match = re.fullmatch(r"(\d+) passed, (\d+) failed", summary)
    assert match, summary
    assert int(match.group(2)) == 1
    assert int(match.group(1)) < 6  # stopped before running everything


def test_fail_fast_when_all_pass_runs_all(tmp_path):
    write(tmp_path, "a.toml", passing("A"))
    write(tmp_path, "b.toml", passing("B"))
    done = cli("run", "--fail-fast", tmp_path)
    assert done.returncode == 0
    assert last_line(done) == "2 passed, 0 failed"


# --------------------------------------------------------------------------------------------------
# lint


def test_lint_valid_files_exit_0(tmp_path):
    write(tmp_path, "a.toml", passing())
    write(tmp_path, "sub/b.toml", failing())  # valid, though it would fail when run
    done = cli("lint", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_lint_does_not_run_steps(tmp_path):
    path = write(tmp_path, "fail.toml", failing())
    done = cli("lint", path)
    assert done.returncode == 0
    assert "pending" not in done.stdout


def test_lint_invalid_file_exits_2_naming_file_step_problem(tmp_path):
    good = write(tmp_path, "a.toml", passing())
    bad = write(tmp_path, "b.toml", invalid_action())
    done = cli("lint", good, bad)
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert str(bad) in output
    assert "step 3" in output
    assert "did you mean 'link_account'" in output


@pytest.mark.parametrize(
    "text, where",
    [
        (head("x") + WORLD + SIGN_IN.replace('expect = { location = "pacer.login" }', 'expect = { status = "linked" }'),
         "step 1"),
        (head("x") + WORLD + SIGN_IN + link('{ status = { matches = "([" } }'), "step 3"),
        (head("x") + WORLD + SIGN_IN + link('{ error = "NOPE" }'), "step 3"),
        (head("x") + WORLD + SIGN_IN + '\n[[step]]\ndo = "advance_clock"\nby = "1h"\nto = 2021-08-03T09:00:00-06:00\n',
         "step 3"),
        (head("x") + WORLD + SIGN_IN + '\n[[step]]\ndo = "file"\ncourt = "cod"\ncase = "21-1234"\nevent = "motion"\n'
         'document = "sample:motion.pdf"\npay = "soon"\n', "step 3"),
        (head("x") + WORLD + SIGN_IN + '\n[[objective]]\ntext = "t"\ncheck = { do = "visit", court = "cod" }\n',
         "[[objective]] 1"),
        ('[scenario]\ntitle = "x"\nstart = 2021-08-02T09:00:00\n' + WORLD + SIGN_IN, "[scenario]"),
        (head("x") + WORLD + '\n[[ecf_account]]\ncourt = "cod"\nlogin = "b"\npasword = "p"\nname = "B"\nrole = "attorney"\n'
         + SIGN_IN, "[[ecf_account]] 2"),
    ],
    ids=["field-not-returned", "bad-regex", "not-a-code", "one-of", "choices", "objective", "start-offset", "unknown-key"],
)
def test_lint_invalid_kinds(tmp_path, text, where):
    path = write(tmp_path, "bad.toml", text)
    done = cli("lint", path)
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert str(path) in output and where in output


def test_lint_non_utf8_exits_2_without_traceback(tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00\x01 not text \x80\n")
    done = cli("lint", path)
    assert done.returncode == 2
    assert str(path) in done.stdout + done.stderr


def test_lint_bundled_scenarios_are_valid():
    done = cli("lint", "scenarios")
    assert done.returncode == 0, done.stdout


def test_run_and_lint_agree_on_validity(tmp_path):
    path = write(tmp_path, "bad.toml", invalid_action())
    assert cli("lint", path).returncode == cli("run", path).returncode == 2


@pytest.mark.parametrize(
    "table, words",
    [
        ('[[court]]\nid = "mowd"\nwindows = [{ start = 2021-08-02T10:00:00, end = 2021-08-02T11:00:00, reason = 5 }]\n',
         ("[[court]] 2", "window reason must be a string")),
        ('[[court]]\nid = "mowd"\nwindows = [{ start = 2021-08-02T10:00:00, end = 2021-08-02T11:00:00, '
         'extends_deadlines = "yes" }]\n', ("[[court]] 2", "window extends_deadlines must be true or false")),
        ('[[court]]\nid = "mowd"\nwindows = [{ start = "soon", end = 2021-08-02T11:00:00 }]\n',
         ("[[court]] 2", "window start must be a datetime")),
        ('[[case]]\ncourt = "cod"\nnumber = "1:21-cv-04321"\ntitle = "A v. B"\nparties = [{ name = "A", attorney = 5 }]\n',
         ("[[case]]", "each a string")),
    ],
    ids=["window-reason", "window-extends", "window-start", "party-attorney"],
)
def test_lint_names_a_world_value_of_the_wrong_kind(tmp_path, table, words):
    path = write(tmp_path, "bad.toml", head("x") + WORLD + table + SIGN_IN)
    done = cli("lint", path)
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert str(path) in output
    for word in words:
        assert word in output


def test_attachment_description_must_be_text(tmp_path):
    step = ('\n[[step]]\ndo = "file"\ncourt = "cod"\ncase = "1:21-cv-01234"\nevent = "motion"\n'
            'document = "sample:motion.pdf"\nattachments = [{ document = "sample:exhibit.pdf", description = 3 }]\n')
    done = cli("lint", write(tmp_path, "bad.toml", head("x") + WORLD + SIGN_IN + step))
    assert done.returncode == 2
    assert "step 3" in done.stdout + done.stderr


def test_junit_to_a_place_that_cannot_be_written_says_so_before_running(tmp_path):
    path = write(tmp_path, "a.toml", passing())
    blocker = write(tmp_path, "out", "a file, not a folder")
    done = cli("run", path, "--junit", blocker / "junit.xml")
    assert done.returncode == 2
    assert f"cannot write the JUnit report to {blocker / 'junit.xml'}" in done.stdout
    assert "passed" not in done.stdout  # nothing was run


def test_junit_report_is_written_only_when_the_run_ends(tmp_path):
    """Checking the path early leaves no empty report behind for a run that is stopped."""
    from simulator.scenario.runner import Report, _report_writable

    target = tmp_path / "junit.xml"
    assert _report_writable(str(target), Report(), print)
    assert not target.exists()
