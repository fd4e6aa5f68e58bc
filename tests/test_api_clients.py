"""Real clients written for the real service, pointed at the simulator: juriscraper's PacerSession
(the login CourtListener and RECAP use) signs in, is refused for a wrong password, and meets a locked
account; schemathesis sends what the OpenAPI document allows and checks every answer against it."""

from __future__ import annotations

import logging

import pytest
import schemathesis
from schemathesis import GenerationMode
from hypothesis import HealthCheck, settings
from juriscraper.pacer.http import PacerLoginException, PacerSession

from api_server import serving, world
from simulator.api.openapi import DOCUMENT

logging.getLogger("juriscraper").setLevel(logging.CRITICAL)

WORLD = """
[[court]]
id = "cod"

[[pacer_account]]
username = "jdoe2021"
password = "Training#Pass2021"
name = "Jane Doe"
"""


@pytest.fixture(scope="module")
def base():
    with serving(world(WORLD)) as url:
        yield url


async def login(base: str, password: str) -> PacerSession:
    session = PacerSession(username="jdoe2021", password=password)
    await session.login(url=f"{base}/services/cso-auth")
    return session


async def test_juriscraper_signs_in_and_holds_the_nextgencso_cookie(base):
    session = await login(base, "Training#Pass2021")
    token = session.cookies.get("NextGenCSO", domain=".uscourts.gov")
    assert token and len(token) == 128
    assert session.cookies.get("PacerSession", domain=".uscourts.gov") == token  # its CurrentGen copy


@pytest.fixture
def own():
    """A world of its own: the test that uses it locks the account."""
    with serving(world(WORLD)) as url:
        yield url


async def test_juriscraper_is_refused_for_a_wrong_password_then_a_locked_account(own):
    with pytest.raises(PacerLoginException, match="Invalid username/password: Invalid username or password. 4 attempts"):
        await login(own, "wrong")
    for attempt in range(4):
        with pytest.raises(PacerLoginException):
            await login(own, f"wrong{attempt}")
    with pytest.raises(PacerLoginException, match="This account is locked"):
        await login(own, "Training#Pass2021")


SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
SCHEMA.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])  # what it allows, and not


@pytest.fixture(scope="module")
def fuzzed_server():
    with serving(world(WORLD)) as url:
        yield url


@SCHEMA.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_input_gets_an_answer_the_document_describes_and_never_a_5xx(case, fuzzed_server):
    case.call_and_validate(base_url=fuzzed_server)
