"""The scenario loader (SPEC §4): valid files load into a Scenario; every kind of invalid file gives one
ScenarioError that names the file, where in it (a table entry or a step) and the problem."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from simulator.scenario.loader import Scenario, ScenarioError, load

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted((ROOT / "scenarios").glob("*.toml"))

HEAD = '''[scenario]
title = "Loader test"
start = 2021-08-02T09:00:00-06:00
'''

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
number = "1:21-cv-01234"
title = "Doe v. Acme Corp."
attorneys = ["jdoe"]
'''

VISIT = '''
[[step]]
do = "visit"
court = "cod"
'''

LOGIN = '''
[[step]]
do = "pacer_login"
username = "jdoe2021"
password = "Training#Pass2021"
'''


def write(tmp_path: Path, text: str, name: str = "scenario.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def step(body: str) -> str:
    return "\n[[step]]\n" + body.strip() + "\n"


def with_steps(*bodies: str, world: str = WORLD) -> str:
    return HEAD + world + "".join(step(b) for b in bodies)


def invalid(path: Path, where: str, *problem_parts: str) -> ScenarioError:
    """Load `path`, which must fail with a ScenarioError at `where` whose problem mentions every part."""
    with pytest.raises(ScenarioError) as info:
        load(path)
    error = info.value
    text = str(error)
    assert error.path == str(path)
    assert str(path) in text
    assert error.where == where, f"where: {error.where!r}, wanted {where!r} ({text})"
    if where:
        assert where in text
    for part in problem_parts:
        assert part in error.problem, f"{part!r} not in problem {error.problem!r}"
        assert part in text
    return error


# --------------------------------------------------------------------------------------------------
# valid files


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenarios_load(path):
    scenario = load(path)
    assert isinstance(scenario, Scenario)
    assert scenario.title
    assert scenario.start.tzinfo is not None
    assert scenario.steps
    assert [s.number for s in scenario.steps] == list(range(1, len(scenario.steps) + 1))


def test_bundled_scenarios_exist():
    assert len(BUNDLED) >= 5


def test_full_valid_file_loads_every_part(tmp_path):
    text = '''[scenario]
title = "Link your CM/ECF account on go-live day"
start = 2021-08-02T09:00:00-06:00
rules = ["R13", "R15"]
briefing = """Two
lines."""
summary = "short"
tags = ["linking", "colorado"]
level = "beginner"

[settings]
lockout_attempts = 3
lockout_minutes = 15
holidays_add = [2021-08-09]
''' + WORLD + '''
[[step]]
do = "visit"
court = "cod"
expect = { location = "pacer.login" }
note = "The DFS link sends you to PACER."

[[step]]
do = "pacer_login"
username = "jdoe2021"
password = "Training#Pass2021"
expect = { location = "court.menu", menu = ["Query", "Reports", "Utilities", "Help", "Log Out"] }

[[step]]
do = "link_account"
court = "cod"
ecf_login = "jdoe"
ecf_password = "OldEcfPass1"
expect = { status = "linked", message = { contains = "linked" } }

[[objective]]
text = "Linked at Colorado"
check = { do = "check_link", court = "cod", username = "jdoe2021", expect = { status = "linked" } }

[[hint]]
text = "Utilities holds the link command."

[[hint]]
text = "Second hint."
'''
    scenario = load(write(tmp_path, text))
    assert scenario.path == tmp_path / "scenario.toml"
    assert scenario.directory == tmp_path
    assert scenario.title == "Link your CM/ECF account on go-live day"
    assert scenario.start == datetime(2021, 8, 2, 15, 0, tzinfo=timezone.utc)
    assert scenario.start.utcoffset() == timedelta(hours=-6)
    assert scenario.rules == ["R13", "R15"]
    assert scenario.briefing == "Two\nlines."
    assert scenario.summary == "short"
    assert scenario.tags == ["linking", "colorado"]
    assert scenario.level == "beginner"
    assert scenario.world["settings"]["lockout_attempts"] == 3
    assert scenario.world["settings"]["holidays_add"] == [date(2021, 8, 9)]
    assert [c["id"] for c in scenario.world["courts"]] == ["cod"]
    assert [a["username"] for a in scenario.world["pacer_accounts"]] == ["jdoe2021"]
    assert [a["login"] for a in scenario.world["ecf_accounts"]] == ["jdoe"]
    assert [c["number"] for c in scenario.world["cases"]] == ["1:21-cv-01234"]
    assert [s.action for s in scenario.steps] == ["visit", "pacer_login", "link_account"]
    assert [s.number for s in scenario.steps] == [1, 2, 3]
    first, second, third = scenario.steps
    assert first.params == {"court": "cod"}
    assert first.expect == {"location": "pacer.login"}
    assert first.note == "The DFS link sends you to PACER."
    assert second.params == {"username": "jdoe2021", "password": "Training#Pass2021"}
    assert second.expect["menu"] == ["Query", "Reports", "Utilities", "Help", "Log Out"]
    assert third.params == {"court": "cod", "ecf_login": "jdoe", "ecf_password": "OldEcfPass1"}
    assert third.expect == {"status": "linked", "message": {"contains": "linked"}}
    assert third.note == ""
    assert len(scenario.objectives) == 1
    objective = scenario.objectives[0]
    assert objective.text == "Linked at Colorado"
    assert objective.check.action == "check_link"
    assert objective.check.params == {"court": "cod", "username": "jdoe2021"}
    assert objective.check.expect == {"status": "linked"}
    assert scenario.hints == ["Utilities holds the link command.", "Second hint."]


def test_minimal_file_without_courts_uses_whole_catalog(tmp_path):
    scenario = load(write(tmp_path, HEAD + step('do = "check_court"\ncourt = "cod"')))
    assert scenario.world["courts"] is None  # no [[court]]: the whole catalog
    assert scenario.world["pacer_accounts"] == []
    assert scenario.objectives == [] and scenario.hints == []
    assert scenario.steps[0].expect == {}


def test_start_in_utc_z_is_accepted(tmp_path):
    text = HEAD.replace("2021-08-02T09:00:00-06:00", "2021-08-02T15:00:00Z") + VISIT
    scenario = load(write(tmp_path, text + WORLD))
    assert scenario.start == datetime(2021, 8, 2, 9, 0, tzinfo=timezone(timedelta(hours=-6)))


def test_valid_parameters_of_every_kind(tmp_path):
    text = with_steps(
        'do = "advance_clock"\nby = "1d2h"',
        'do = "advance_clock"\nby = "90m"',
        'do = "advance_clock"\nto = 2021-08-05T12:00:00-06:00\nexpect = { now = 2021-08-05T18:00:00Z }',
        'do = "ecf_login"\ncourt = "cod"\nlogin = "jdoe"\npassword = "x"\nredaction_ack = false',
        'do = "file"\ncourt = "cod"\ncase = "1:21-cv-01234"\nevent = "motion"\ndocument = "sample:motion.pdf"\n'
        'attachments = ["sample:complaint.pdf", { document = "sample:motion.pdf", description = "Exhibit A" }]\n'
        'text = "to Extend Time"\npay = "now"\nexpect = { fee_due = 0, document_number = { at_least = 1 } }',
        'do = "file"\ncourt = "cod"\ncase = "1:21-cv-01234"\nevent = "motion"\ndocument = "sample:motion.pdf"\npay = "later"',
        'do = "check_deadline"\ncourt = "cod"\ndue = 2021-09-06',
        'do = "check_deadline"\ncourt = "cod"\ndue = 2021-09-06T17:00:00-06:00\nkind = "hours"',
        'do = "upgrade_account"\ndate_of_birth = 1980-01-31\ncounty = "Denver"\nnew_username = "a"\n'
        'new_password = "b"\nsecurity = [["First pet?", "Rex"]]',
        'do = "forgot_password"\nusername = "jdoe2021"',
        'do = "forgot_password"\ncourt = "cod"\nlogin = "jdoe"',
        'do = "declare_outage"\ncourt = "cod"\nuntil = 2021-08-06T12:00:00-06:00\nextends_deadlines = false',
        'do = "logout"\nexpect = { location = "home" }',
        'do = "visit"\ncourt = "cod"\nexpect = { error = "COURT_UNAVAILABLE", location = "court.unavailable" }',
        'do = "check_account"\nusername = "jdoe2021"\nexpect = { ok = false, locked = false }',
    )
    scenario = load(write(tmp_path, text))
    assert len(scenario.steps) == 15
    assert scenario.steps[0].params == {"by": "1d2h"}
    assert scenario.steps[2].params["to"] == datetime(2021, 8, 5, 18, 0, tzinfo=timezone.utc)
    assert scenario.steps[3].params["redaction_ack"] is False
    assert scenario.steps[4].params["pay"] == "now"
    assert scenario.steps[6].params["due"] == date(2021, 9, 6)


def test_expect_may_name_common_fields_on_any_action(tmp_path):
    text = with_steps(
        'do = "logout"\nexpect = { ok = true, location = "home", message = { matches = ".*" } }',
        'do = "visit"\ncourt = "cod"\nexpect = { error = "NOT_FOUND" }',
    )
    scenario = load(write(tmp_path, text))
    assert scenario.steps[1].expect == {"error": "NOT_FOUND"}


def test_every_error_code_is_accepted_in_expect(tmp_path):
    codes = [
        "BAD_CREDENTIALS", "ACCOUNT_LOCKED", "REDACTION_ACK_REQUIRED", "MFA_REQUIRED", "BAD_OTP",
        "PASSWORD_POLICY", "USERNAME_TAKEN", "NOT_SIGNED_IN", "USE_PACER_LOGIN", "NOT_NEXTGEN", "LEGACY_ACCOUNT",
        "SHARED_ACCOUNT", "ALREADY_LINKED", "NOT_LINKED", "LINK_PENDING", "NOT_AUTHORIZED", "NOT_FOUND",
        "INVALID_INPUT", "COURT_UNAVAILABLE", "PDF_REJECTED", "FEES_DUE", "NOT_LEGACY", "REGISTRATION_PENDING",
    ]
    text = with_steps(*[f'do = "visit"\ncourt = "cod"\nexpect = {{ error = "{code}" }}' for code in codes])
    scenario = load(write(tmp_path, text))
    assert [s.expect["error"] for s in scenario.steps] == codes


# --------------------------------------------------------------------------------------------------
# the file itself


def test_not_toml(tmp_path):
    path = write(tmp_path, '[scenario\ntitle = "x"\n')
    error = invalid(path, "")
    assert "TOML" in error.problem


def test_not_toml_duplicate_key(tmp_path):
    path = write(tmp_path, HEAD + 'title = "again"\n' + VISIT)
    error = invalid(path, "")
    assert "TOML" in error.problem


def test_not_utf8_is_a_scenario_error(tmp_path):
    """A file of bytes that are not UTF-8 is not TOML: a ScenarioError naming the file, not a crash."""
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00\x01 garbage \x80\x81\n")
    with pytest.raises(ScenarioError) as info:
        load(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ScenarioError) as info:
        load(path)
    assert str(path) in str(info.value)
    assert info.value.problem


def test_missing_scenario_table(tmp_path):
    path = write(tmp_path, WORLD + VISIT)
    invalid(path, "", "missing [scenario]")


def test_scenario_written_as_array_of_tables(tmp_path):
    path = write(tmp_path, '[[scenario]]\ntitle = "x"\nstart = 2021-08-02T09:00:00-06:00\n' + VISIT)
    invalid(path, "", "[scenario]")


def test_step_written_as_single_table(tmp_path):
    path = write(tmp_path, HEAD + '\n[step]\ndo = "visit"\ncourt = "cod"\n')
    invalid(path, "", "[[step]]")


def test_missing_start(tmp_path):
    path = write(tmp_path, '[scenario]\ntitle = "No start"\n' + VISIT)
    invalid(path, "[scenario]", "missing", "'start'")


def test_missing_title(tmp_path):
    path = write(tmp_path, '[scenario]\nstart = 2021-08-02T09:00:00-06:00\n' + VISIT)
    invalid(path, "[scenario]", "missing", "'title'")


def test_start_without_offset(tmp_path):
    path = write(tmp_path, '[scenario]\ntitle = "x"\nstart = 2021-08-02T09:00:00\n' + VISIT)
    invalid(path, "[scenario]", "start", "offset")


def test_start_as_a_date(tmp_path):
    path = write(tmp_path, '[scenario]\ntitle = "x"\nstart = 2021-08-02\n' + VISIT)
    invalid(path, "[scenario]", "start", "offset")


def test_start_as_a_string(tmp_path):
    path = write(tmp_path, '[scenario]\ntitle = "x"\nstart = "2021-08-02T09:00:00-06:00"\n' + VISIT)
    invalid(path, "[scenario]", "start")


def test_no_steps(tmp_path):
    path = write(tmp_path, HEAD + WORLD)
    invalid(path, "", "[[step]]")


# --------------------------------------------------------------------------------------------------
# tables and keys


def test_unknown_table_with_suggestion(tmp_path):
    path = write(tmp_path, HEAD + '\n[[steps]]\ndo = "visit"\ncourt = "cod"\n')
    invalid(path, "", "unknown table", "steps", "did you mean 'step'")


def test_unknown_table_without_close_match(tmp_path):
    path = write(tmp_path, HEAD + '\n[zebra]\nstripes = 3\n' + VISIT)
    error = invalid(path, "", "unknown table", "zebra")
    assert "did you mean" not in error.problem


def test_unknown_key_in_scenario(tmp_path):
    path = write(tmp_path, '[scenario]\ntitel = "x"\ntitle = "x"\nstart = 2021-08-02T09:00:00-06:00\n' + VISIT)
    invalid(path, "[scenario]", "unknown key 'titel'", "did you mean 'title'")


def test_unknown_key_in_settings(tmp_path):
    path = write(tmp_path, HEAD + '\n[settings]\nlockout_attempt = 3\n' + VISIT)
    invalid(path, "[settings]", "unknown key 'lockout_attempt'", "did you mean 'lockout_attempts'")


def test_unknown_key_in_second_ecf_account(tmp_path):
    text = HEAD + WORLD + '''
[[ecf_account]]
court = "cod"
login = "bsmith"
pasword = "Secret123"
name = "Bob Smith"
role = "attorney"
''' + VISIT
    invalid(write(tmp_path, text), "[[ecf_account]] 2", "unknown key 'pasword'", "did you mean 'password'")


def test_unknown_key_in_pacer_account(tmp_path):
    text = HEAD + '''
[[pacer_account]]
username = "jdoe2021"
password = "Training#Pass2021"
name = "Jane Doe"
emial = "jane@example.com"
''' + VISIT
    invalid(write(tmp_path, text), "[[pacer_account]] 1", "unknown key 'emial'", "did you mean 'email'")


def test_unknown_key_in_case(tmp_path):
    text = HEAD + WORLD.replace('attorneys = ["jdoe"]', 'attorney = ["jdoe"]') + VISIT
    invalid(write(tmp_path, text), "[[case]] 1", "unknown key 'attorney'", "did you mean 'attorneys'")


def test_missing_required_key_in_world_table(tmp_path):
    text = HEAD + WORLD.replace('title = "Doe v. Acme Corp."\n', "") + VISIT
    invalid(write(tmp_path, text), "[[case]] 1", "missing", "'title'")


def test_wrong_type_in_world_table(tmp_path):
    text = HEAD + '''
[[pacer_account]]
username = "jdoe2021"
password = "Training#Pass2021"
name = "Jane Doe"
created = "2019-03-01"
''' + VISIT
    invalid(write(tmp_path, text), "[[pacer_account]] 1", "created", "date")


def test_agent_for_must_be_a_list(tmp_path):
    text = HEAD + WORLD + '''
[[ecf_account]]
court = "cod"
login = "agent"
password = "AgentPass1"
name = "An Agent"
role = "filing_agent"
agent_for = "jdoe"
''' + VISIT
    invalid(write(tmp_path, text), "[[ecf_account]] 2", "agent_for", "list")


def test_unknown_key_in_hint(tmp_path):
    path = write(tmp_path, HEAD + VISIT + '\n[[hint]]\ntext = "a"\n\n[[hint]]\ntxt = "b"\n')
    invalid(path, "[[hint]] 2", "unknown key 'txt'", "did you mean 'text'")


def test_unknown_key_in_step_is_an_unknown_parameter(tmp_path):
    path = write(tmp_path, with_steps('do = "visit"\ncourt = "cod"\nexpected = { location = "home" }'))
    invalid(path, "step 1 (visit)", "unknown parameter 'expected'", "did you mean 'expect'")


# --------------------------------------------------------------------------------------------------
# steps: actions and parameters


def test_unknown_action_with_did_you_mean(tmp_path):
    text = HEAD + WORLD + VISIT + LOGIN + step('do = "lnk_account"\ncourt = "cod"\necf_login = "jdoe"\necf_password = "x"')
    invalid(write(tmp_path, text), "step 3 (lnk_account)", "unknown action 'lnk_account'", "did you mean 'link_account'")


def test_unknown_action_without_close_match(tmp_path):
    path = write(tmp_path, with_steps('do = "fly_to_the_moon"'))
    error = invalid(path, "step 1 (fly_to_the_moon)", "unknown action 'fly_to_the_moon'")
    assert "did you mean" not in error.problem


def test_step_without_do(tmp_path):
    path = write(tmp_path, HEAD + WORLD + VISIT + step('court = "cod"'))
    invalid(path, "step 2", "do")


def test_step_with_non_string_do(tmp_path):
    path = write(tmp_path, with_steps('do = 5'))
    invalid(path, "step 1", "do")


def test_unknown_parameter(tmp_path):
    text = with_steps('do = "link_account"\ncourt = "cod"\necf_logn = "jdoe"\necf_password = "x"')
    invalid(write(tmp_path, text), "step 1 (link_account)", "unknown parameter 'ecf_logn'", "did you mean 'ecf_login'")


def test_parameter_of_another_action(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nusername = "jdoe2021"')
    invalid(write(tmp_path, text), "step 1 (visit)", "unknown parameter 'username'")


def test_missing_required_parameter(tmp_path):
    text = HEAD + WORLD + VISIT + LOGIN + step('do = "link_account"\ncourt = "cod"\necf_login = "jdoe"')
    invalid(write(tmp_path, text), "step 3 (link_account)", "missing parameter 'ecf_password'")


def test_missing_court(tmp_path):
    invalid(write(tmp_path, with_steps('do = "visit"')), "step 1 (visit)", "missing parameter 'court'")


def test_missing_required_parameter_of_file(tmp_path):
    text = with_steps('do = "file"\ncourt = "cod"\ncase = "1:21-cv-01234"\nevent = "motion"')
    invalid(write(tmp_path, text), "step 1 (file)", "missing parameter 'document'")


@pytest.mark.parametrize(
    "body, where, parts",
    [
        ('do = "advance_clock"\nto = "2021-08-02T12:00:00-06:00"', "step 1 (advance_clock)", ("to",)),
        ('do = "advance_clock"\nto = 2021-08-02T12:00:00', "step 1 (advance_clock)", ("to", "offset")),
        ('do = "advance_clock"\nto = 2021-08-03', "step 1 (advance_clock)", ("to",)),
        ('do = "advance_clock"\nby = "soon"', "step 1 (advance_clock)", ("by", "duration")),
        ('do = "advance_clock"\nby = 90', "step 1 (advance_clock)", ("by", "duration")),
        ('do = "ecf_login"\ncourt = "cod"\nlogin = "jdoe"\npassword = "x"\nredaction_ack = [true]',
         "step 1 (ecf_login)", ("redaction_ack", "true or false")),
        ('do = "ecf_login"\ncourt = "cod"\nlogin = "jdoe"\npassword = "x"\nredaction_ack = "yes"',
         "step 1 (ecf_login)", ("redaction_ack", "true or false")),
        ('do = "visit"\ncourt = 5', "step 1 (visit)", ("court", "string")),
        ('do = "visit"\ncourt = ["cod"]', "step 1 (visit)", ("court", "string")),
        ('do = "declare_outage"\ncourt = "cod"\nuntil = "tomorrow"', "step 1 (declare_outage)", ("until",)),
        ('do = "declare_outage"\ncourt = "cod"\nuntil = 2021-08-03T12:00:00-06:00\nextends_deadlines = "no"',
         "step 1 (declare_outage)", ("extends_deadlines", "true or false")),
        ('do = "check_deadline"\ncourt = "cod"\ndue = "2021-09-06"', "step 1 (check_deadline)", ("due", "date")),
        ('do = "upgrade_account"\ndate_of_birth = "1980-01-31"\ncounty = "Denver"\nnew_username = "a"\nnew_password = "b"',
         "step 1 (upgrade_account)", ("date_of_birth", "date")),
        ('do = "add_filing_agent"\ncourt = "cod"\nagent = "x"\ninternet_payment = 1',
         "step 1 (add_filing_agent)", ("internet_payment", "true or false")),
        ('do = "file"\ncourt = "cod"\ncase = "1:21-cv-01234"\nevent = "motion"\ndocument = "sample:motion.pdf"\n'
         'attachments = "sample:complaint.pdf"', "step 1 (file)", ("attachments",)),
    ],
    ids=[
        "string-for-datetime", "datetime-without-offset", "date-for-datetime", "bad-duration", "number-for-duration",
        "list-for-bool", "string-for-bool", "number-for-string", "list-for-string", "string-for-until",
        "string-for-bool-outage", "string-for-date", "string-for-date-of-birth", "int-for-bool", "string-for-attachments",
    ],
)
def test_wrong_parameter_type(tmp_path, body, where, parts):
    invalid(write(tmp_path, with_steps(body)), where, *parts)


def test_choices_pay(tmp_path):
    text = with_steps(
        'do = "file"\ncourt = "cod"\ncase = "1:21-cv-01234"\nevent = "motion"\ndocument = "sample:motion.pdf"\npay = "soon"'
    )
    invalid(write(tmp_path, text), "step 1 (file)", "pay", "now", "later", "'soon'")


def test_choices_role(tmp_path):
    text = with_steps('do = "request_registration"\ncourt = "cod"\nrole = "judge"')
    invalid(write(tmp_path, text), "step 1 (request_registration)", "role", "attorney", "'judge'")


def test_choices_deadline_kind(tmp_path):
    text = with_steps('do = "check_deadline"\ncourt = "cod"\ndue = 2021-09-06\nkind = "weeks"')
    invalid(write(tmp_path, text), "step 1 (check_deadline)", "kind", "days", "hours", "'weeks'")


def test_one_of_both_given(tmp_path):
    text = with_steps('do = "advance_clock"\nby = "2h"\nto = 2021-08-02T12:00:00-06:00')
    invalid(write(tmp_path, text), "step 1 (advance_clock)", "by", "to", "one")


def test_one_of_neither_given(tmp_path):
    invalid(write(tmp_path, with_steps('do = "advance_clock"')), "step 1 (advance_clock)", "by", "to", "one")


def test_forgot_password_needs_court_and_login_or_username(tmp_path):
    invalid(write(tmp_path, with_steps('do = "forgot_password"')), "step 1 (forgot_password)", "court", "username")


def test_forgot_password_with_both_court_and_username(tmp_path):
    text = with_steps('do = "forgot_password"\ncourt = "cod"\nlogin = "jdoe"\nusername = "jdoe2021"')
    invalid(write(tmp_path, text), "step 1 (forgot_password)", "court", "username")


def test_forgot_password_court_without_login(tmp_path):
    text = with_steps('do = "forgot_password"\ncourt = "cod"')
    invalid(write(tmp_path, text), "step 1 (forgot_password)", "login")


def test_note_must_be_a_string(tmp_path):
    invalid(write(tmp_path, with_steps('do = "visit"\ncourt = "cod"\nnote = 5')), "step 1 (visit)", "note")


def test_error_is_reported_at_the_right_step_number(tmp_path):
    text = HEAD + WORLD + VISIT + VISIT + VISIT + VISIT + step('do = "visit"\ncourt = "cod"\nexpect = { menu = 3, bogus = 1 }')
    invalid(write(tmp_path, text), "step 5 (visit)", "'bogus'")


# --------------------------------------------------------------------------------------------------
# expect


def test_expect_must_be_a_table(tmp_path):
    invalid(write(tmp_path, with_steps('do = "visit"\ncourt = "cod"\nexpect = "ok"')), "step 1 (visit)", "expect")


def test_expect_names_a_field_the_action_does_not_return(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { status = "linked" }')
    invalid(write(tmp_path, text), "step 1 (visit)", "'status'", "visit")


def test_expect_field_typo_with_suggestion(tmp_path):
    text = HEAD + WORLD + VISIT + LOGIN + step(
        'do = "link_account"\ncourt = "cod"\necf_login = "jdoe"\necf_password = "OldEcfPass1"\nexpect = { statu = "linked" }'
    )
    invalid(write(tmp_path, text), "step 3 (link_account)", "'statu'", "did you mean 'status'")


def test_expect_field_of_another_check(tmp_path):
    text = with_steps('do = "check_link"\ncourt = "cod"\nusername = "jdoe2021"\nexpect = { count = 1 }')
    invalid(write(tmp_path, text), "step 1 (check_link)", "'count'", "check_link")


def test_unknown_operator(tmp_path):
    text = with_steps('do = "check_docket"\ncourt = "cod"\ncase = "1:21-cv-01234"\nexpect = { count = { equals = 1 } }')
    invalid(write(tmp_path, text), "step 1 (check_docket)", "unknown operator 'equals'")


def test_unknown_operator_with_suggestion(tmp_path):
    text = with_steps('do = "check_menu"\ncourt = "cod"\nexpect = { menu = { contain = "Civil" } }')
    invalid(write(tmp_path, text), "step 1 (check_menu)", "unknown operator 'contain'", "did you mean 'contains'")


def test_unknown_operator_beside_a_valid_one(tmp_path):
    text = with_steps(
        'do = "check_docket"\ncourt = "cod"\ncase = "1:21-cv-01234"\nexpect = { count = { at_least = 1, atmost = 3 } }'
    )
    invalid(write(tmp_path, text), "step 1 (check_docket)", "unknown operator 'atmost'", "did you mean 'at_most'")


def test_empty_operator_table(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { location = {} }')
    invalid(write(tmp_path, text), "step 1 (visit)", "location")


def test_bad_regex_in_matches(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { message = { matches = "([unclosed" } }')
    invalid(write(tmp_path, text), "step 1 (visit)", "message", "regular expression")


def test_matches_operand_not_a_string(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { message = { matches = 5 } }')
    invalid(write(tmp_path, text), "step 1 (visit)", "message")


def test_expect_error_not_a_code(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { error = "NOT_A_CODE" }')
    invalid(write(tmp_path, text), "step 1 (visit)", "'NOT_A_CODE'", "not an error code")


def test_expect_error_typo_gets_suggestion(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { error = "NOT_LINKD" }')
    invalid(write(tmp_path, text), "step 1 (visit)", "not an error code", "did you mean 'NOT_LINKED'")


def test_expect_error_lowercase_is_not_a_code(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { error = "not_linked" }')
    invalid(write(tmp_path, text), "step 1 (visit)", "not an error code")


def test_expect_error_number_is_not_a_code(tmp_path):
    """expect.error must be a code from SPEC §5; a number is not one and can never match."""
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { error = 5 }')
    with pytest.raises(ScenarioError) as info:
        load(write(tmp_path, text))
    assert info.value.where == "step 1 (visit)"
    assert "error" in info.value.problem


def test_expect_ok_must_be_bool(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { ok = "yes" }')
    invalid(write(tmp_path, text), "step 1 (visit)", "ok")


def test_at_least_needs_a_number(tmp_path):
    """SPEC §4: `{ at_least = n }` compares with a number; a string operand is not a valid scenario."""
    text = with_steps('do = "check_docket"\ncourt = "cod"\ncase = "1:21-cv-01234"\nexpect = { count = { at_least = "two" } }')
    with pytest.raises(ScenarioError) as info:
        load(write(tmp_path, text))
    assert info.value.where == "step 1 (check_docket)"
    assert "at_least" in info.value.problem


@pytest.mark.parametrize(("expect", "words"), [
    ('{ available = "yes" }', "expect.available can never match: available is true or false, not 'yes'"),
    ("{ generation = 5 }", "expect.generation can never match: generation is text, not 5"),
    ("{ generation = { at_least = 3 } }", "'at_least' works on numbers and dates"),
    ('{ available = { contains = "x" } }', "'contains' works on text and lists"),
    ("{ message = { contains = 5 } }", "'contains' needs text, not 5"),
    ('{ now = { at_least = 3 } }', "'at_least' needs a date, not 3"),
])
def test_an_expectation_that_can_never_match_its_fields_type_is_named(tmp_path, expect, words):
    step = 'do = "advance_clock"\nby = "1h"' if "now" in expect else 'do = "check_court"\ncourt = "cod"'
    with pytest.raises(ScenarioError) as info:
        load(write(tmp_path, with_steps(f"{step}\nexpect = {expect}")))
    assert info.value.where.startswith("step 1 (")
    assert words in info.value.problem


@pytest.mark.parametrize("expect", ['{ available = true, generation = "nextgen" }', '{ generation = { matches = "^next" } }',
                                    "{ now = { at_least = 2021-01-01T00:00:00Z } }", '{ message = { contains = "CM/ECF" } }'])
def test_expectations_of_the_right_type_still_load(tmp_path, expect):
    step = 'do = "advance_clock"\nby = "1h"' if "now" in expect else 'do = "check_court"\ncourt = "cod"'
    load(write(tmp_path, with_steps(f"{step}\nexpect = {expect}")))


# --------------------------------------------------------------------------------------------------
# objectives


def objective(check: str, text: str = 'text = "Linked"') -> str:
    return f"\n[[objective]]\n{text}\ncheck = {check}\n"


def test_objective_check_not_a_check_action(tmp_path):
    path = write(tmp_path, with_steps('do = "visit"\ncourt = "cod"') + objective('{ do = "visit", court = "cod" }'))
    invalid(path, "[[objective]] 1", "check", "'visit'")


def test_second_objective_check_is_a_world_action(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"') + objective(
        '{ do = "check_link", court = "cod", username = "jdoe2021" }'
    ) + objective('{ do = "advance_clock", by = "1h" }')
    invalid(write(tmp_path, text), "[[objective]] 2", "check", "'advance_clock'")


def test_objective_check_unknown_action(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"') + objective('{ do = "chek_link", court = "cod", username = "jdoe2021" }')
    with pytest.raises(ScenarioError) as info:
        load(write(tmp_path, text))
    assert info.value.where.startswith("[[objective]] 1")
    assert "did you mean 'check_link'" in info.value.problem


def test_objective_check_expect_field_not_returned(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"') + objective(
        '{ do = "check_link", court = "cod", username = "jdoe2021", expect = { count = 1 } }'
    )
    with pytest.raises(ScenarioError) as info:
        load(write(tmp_path, text))
    assert info.value.where.startswith("[[objective]] 1")
    assert "'count'" in info.value.problem


def test_objective_check_missing_parameter(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"') + objective('{ do = "check_link", court = "cod" }')
    with pytest.raises(ScenarioError) as info:
        load(write(tmp_path, text))
    assert info.value.where.startswith("[[objective]] 1")
    assert "missing parameter 'username'" in info.value.problem


def test_objective_without_check(tmp_path):
    path = write(tmp_path, with_steps('do = "visit"\ncourt = "cod"') + '\n[[objective]]\ntext = "x"\n')
    invalid(path, "[[objective]] 1", "missing", "'check'")


def test_objective_check_not_a_table(tmp_path):
    path = write(tmp_path, with_steps('do = "visit"\ncourt = "cod"') + '\n[[objective]]\ntext = "x"\ncheck = "check_link"\n')
    invalid(path, "[[objective]] 1", "check")


# --------------------------------------------------------------------------------------------------
# the error itself


def test_scenario_error_string_is_file_where_problem(tmp_path):
    text = with_steps('do = "visit"\ncourt = "cod"\nexpect = { status = "linked" }')
    path = write(tmp_path, text, name="nested name.toml")
    with pytest.raises(ScenarioError) as info:
        load(path)
    text = str(info.value)
    assert text.startswith(str(path))
    assert text.index(str(path)) < text.index("step 1 (visit)") < text.index("status")


def test_load_accepts_a_string_path(tmp_path):
    path = write(tmp_path, with_steps('do = "visit"\ncourt = "cod"'))
    assert load(str(path)).steps[0].action == "visit"


SPEC_ACTIONS = {  # SPEC §4's action table, which is a contract
    "advance_clock", "declare_outage", "clerk_approve", "clerk_reject", "visit", "ecf_login", "pacer_login",
    "logout", "forgot_password", "register_pacer_account", "upgrade_account", "enroll_mfa", "link_account",
    "request_registration", "create_filing_agent", "add_filing_agent", "remove_filing_agent", "change_user",
    "file", "pay_fees", "check_account", "check_court", "check_menu", "check_link", "check_docket",
    "check_email", "check_deadline",
}


def test_actions_marked_extension_are_exactly_those_beyond_spec():
    """Every SPEC action exists; our additions say so in the schema's descriptions."""
    from simulator.scenario.spec import ACTIONS

    assert SPEC_ACTIONS <= set(ACTIONS)
    extensions = {name for name, action in ACTIONS.items() if action.extension}
    assert extensions == set(ACTIONS) - SPEC_ACTIONS


def test_a_step_s_court_is_read_as_a_person_types_it(tmp_path):
    """The court list and Go to take a court id in any case; the core driver must see what the UI sees."""
    scenario = load(write(tmp_path, with_steps('do = "visit"\ncourt = " COD "')))
    assert scenario.steps[0].params == {"court": "cod"}
