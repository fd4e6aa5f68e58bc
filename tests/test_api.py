"""The HTTP face (issue 12): PACER's Authentication API over a world, answering as the real one is
published to (loginResult "0"/"1", nextGenCSO, errorDescription), with the world's own sign-on rules;
its token is the sign-on a NextGen court's pages accept as the NextGenCSO cookie (R13)."""

from __future__ import annotations

import json
import urllib.request

import pyotp
import pytest

from api_server import serving, world
from simulator.core import checks, signon, world as world_actions

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"
WORLD = f"""
[settings]
password_rotation_days = 180

[[court]]
id = "cod"

[[court]]
id = "utb"

[[pacer_account]]
username = "jdoe2021"
password = "Training#Pass2021"
name = "Jane Doe"

[[pacer_account]]
username = "mfa2021"
password = "Training#Mfa2021"
name = "Mo Factor"
mfa_secret = "{SECRET}"

[[ecf_account]]
court = "cod"
login = "jdoe"
password = "OldEcfPass1"
name = "Jane Doe"
role = "attorney"
linked_to = "jdoe2021"
"""


def post(base: str, path: str, body) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def menu(base: str, court: str, token: str | None) -> tuple[int, dict]:
    request = urllib.request.Request(f"{base}/courts/{court}/menu", headers={"Cookie": f"NextGenCSO={token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


@pytest.fixture
def api():
    simulation = world(WORLD)
    with serving(simulation) as base:
        yield base, simulation


def sign_in(base: str, **fields) -> dict:
    status, answer = post(base, "/services/cso-auth", {"redactFlag": "1", **fields})
    assert status == 200
    return answer


def test_a_sign_in_gives_a_token_that_a_nextgen_court_accepts_as_the_cookie_until_logout(api):
    base, simulation = api
    answer = sign_in(base, loginId="jdoe2021", password="Training#Pass2021")
    assert answer["loginResult"] == "0" and answer["errorDescription"] == "" and len(answer["nextGenCSO"]) == 128
    status, shown = menu(base, "cod", answer["nextGenCSO"])
    with simulation.ctx() as ctx:  # the screens' own sign-on sees the same menus
        signon.pacer_login(ctx, "jdoe2021", "Training#Pass2021")
        expected = checks.check_menu(ctx, "cod").fields["menu"]
    assert status == 200 and shown["menu"] == expected and shown["menu"][0] == "Civil"
    assert post(base, "/services/cso-logout", {"nextGenCSO": answer["nextGenCSO"]}) == (200, {"loginResult": "0"})
    assert menu(base, "cod", answer["nextGenCSO"])[0] == 401
    status, again = post(base, "/services/cso-logout", {"nextGenCSO": answer["nextGenCSO"]})
    assert status == 200 and again["loginResult"] == "1" and "not signed in" in again["errorDescription"]


def test_wrong_password_and_unknown_user_are_refused_alike_and_five_lock(api):
    base, _ = api
    wrong = [sign_in(base, loginId="jdoe2021", password=f"bad{i}") for i in range(5)]
    unknown = [sign_in(base, loginId="nobody2021", password=f"bad{i}") for i in range(5)]
    assert [a["loginResult"] for a in wrong + unknown] == ["1"] * 10
    assert [a["errorDescription"] for a in wrong] == [a["errorDescription"] for a in unknown]
    assert "4 attempts left" in wrong[0]["errorDescription"] and "nextGenCSO" not in wrong[0]
    locked = sign_in(base, loginId="jdoe2021", password="Training#Pass2021")
    assert locked["loginResult"] == "1" and "locked" in locked["errorDescription"]


def test_a_filer_must_send_the_redaction_flag(api):
    base, _ = api
    status, answer = post(base, "/services/cso-auth", {"loginId": "jdoe2021", "password": "Training#Pass2021"})
    assert status == 200 and answer["loginResult"] == "1" and "redaction" in answer["errorDescription"]


def test_an_mfa_account_needs_its_one_time_code_at_the_worlds_time(api):
    base, simulation = api
    with simulation.ctx() as ctx:
        code_now = pyotp.TOTP(SECRET).at(ctx.now)  # codes are judged at the simulated instant (R1)
    missing = sign_in(base, loginId="mfa2021", password="Training#Mfa2021")
    assert missing["loginResult"] == "1" and "otpCode" in missing["errorDescription"]
    wrong = sign_in(base, loginId="mfa2021", password="Training#Mfa2021", otpCode="000000")
    assert wrong["loginResult"] == "1" and "code is not right" in wrong["errorDescription"]
    right = sign_in(base, loginId="mfa2021", password="Training#Mfa2021", otpCode=code_now)
    assert right["loginResult"] == "0" and len(right["nextGenCSO"]) == 128


def test_pending_account_actions_sign_in_with_loginresult_0_and_say_what_is_due(api):
    base, simulation = api
    with simulation.ctx() as ctx:
        world_actions.advance_clock(ctx, by="200d")  # past PACER's password rotation
    answer = sign_in(base, loginId="jdoe2021", password="Training#Pass2021")
    assert answer["loginResult"] == "0" and answer["nextGenCSO"]
    assert "Action needed" in answer["errorDescription"]


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"loginId": "x"}', b'{"loginId": 5, "password": "p"}', b"\xff"])
def test_a_body_the_api_cannot_read_is_a_400_in_the_answers_shape(api, body):
    base, _ = api
    status, answer = post(base, "/services/cso-auth", body)
    assert status == 400 and answer["loginResult"] == "1" and answer["errorDescription"]


def test_fifty_clients_at_once_lose_no_failed_attempt():
    """Every failed attempt is counted exactly once however many arrive together: the core runs one unit
    of work at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from simulator.core.credentials import find_pacer

    simulation = world(WORLD.replace("[settings]\n", "[settings]\nlockout_attempts = 1000\n"))
    with serving(simulation) as base, ThreadPoolExecutor(max_workers=50) as clients:
        answers = list(clients.map(lambda n: sign_in(base, loginId="jdoe2021", password=f"bad{n}"), range(50)))
    assert [answer["loginResult"] for answer in answers] == ["1"] * 50
    with simulation.ctx() as ctx:
        assert find_pacer(ctx, "jdoe2021").failed_attempts == 50
    left = sorted(int(answer["errorDescription"].split(" attempts left")[0].rsplit(" ", 1)[1]) for answer in answers)
    assert left == list(range(950, 1000))  # each saw its own count: none lost, none counted twice


def test_the_api_driver_takes_the_sign_on_steps_over_http_and_agrees_with_the_core(tmp_path):
    from simulator.faces import FACES
    from simulator.scenario.runner import run

    lines = []
    scenarios = ["scenarios/cod_link_on_go_live.toml", "scenarios/lockout_after_five_failures.toml",
                 "scenarios/mfa_and_password_due_together.toml"]  # the last updates the account at User Update Required
    report = run(scenarios, driver="api", echo=lines.append, faces=FACES)
    assert report.exit_code == 0, lines
    api_lines = [line for line in lines if "[api]" in line]
    assert len(api_lines) == 3 and all(line.startswith("PASS") and "not applicable to this face" in line for line in api_lines)
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[scenario]\ntitle = "t"\nstart = 2021-08-02T09:00:00-06:00\n\n[[court]]\nid = "cod"\n\n'
                     '[[pacer_account]]\nusername = "jdoe2021"\npassword = "Training#Pass2021"\nname = "Jane Doe"\n\n'
                     '[[step]]\ndo = "pacer_login"\nusername = "jdoe2021"\npassword = "Training#Pass2021"\n'
                     'expect = { error = "BAD_CREDENTIALS" }\n')
    lines.clear()
    assert run([str(wrong)], driver="api", echo=lines.append, faces=FACES).exit_code == 1
    assert any(line.startswith("FAIL") and "[api]" in line and "expected ok = false" in line for line in lines)
