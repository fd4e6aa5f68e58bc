"""Case numbers (R23): full, short and judge-initial forms per court type; canonical(); find()."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.core import cases
from simulator.core.cases import CaseNumber
from simulator.core.context import Simulation
from simulator.core.errors import Code, SimError
from simulator.core.models import Court
from simulator.core.world import private_world
from simulator.scenario.loader import parse

DISTRICT = Court(id="tstd", name="District of Testing", type="district", time_zone="America/Denver")
BANKRUPTCY = Court(id="tstb", name="District of Testing (bankruptcy)", type="bankruptcy", time_zone="America/Denver")
APPELLATE = Court(id="ca99", name="Court of Appeals for the Test Circuit", type="appellate", time_zone="America/Denver")

WORLD = """
[scenario]
title = "case numbers"
start = 2021-08-16T09:00:00-06:00

[[court]]
id = "cod"

[[court]]
id = "utb"

[[court]]
id = "ca99"
name = "Court of Appeals for the Test Circuit"
type = "appellate"
time_zone = "America/Denver"

[[ecf_account]]
court = "cod"
login = "atty"
password = "Password#1"
name = "Ann Atty"
role = "attorney"

[[case]]
court = "cod"
number = "1:21-cv-01234-ABC"
title = "Doe v. Acme Corp."

[[case]]
court = "cod"
number = "1:21-cv-01235"
title = "Roe v. Acme Corp."

[[case]]
court = "cod"
number = "1:21-cr-01235"
title = "United States v. Roe"

[[case]]
court = "cod"
number = "1:21-cv-00077"
title = "Able v. Baker"

[[case]]
court = "cod"
number = "2:21-cv-00077"
title = "Charlie v. Delta"

[[case]]
court = "cod"
number = "1:20-cv-01234"
title = "Old v. Case"

[[case]]
court = "cod"
number = "1:22-cv-00500-RM-KLM"
title = "Two v. Judges"

[[case]]
court = "utb"
number = "2:21-bk-20001"
title = "In re Smith"

[[case]]
court = "utb"
number = "2:21-ap-00012"
title = "Smith v. Bank"

[[case]]
court = "utb"
number = "2:21-bk-00005"
title = "In re Jones"

[[case]]
court = "utb"
number = "2:21-ap-00005"
title = "Jones v. Lender"

[[case]]
court = "ca99"
number = "1:21-ca-00042"
title = "Appellant v. Appellee"
"""


@pytest.fixture(scope="module")
def sim() -> Simulation:
    spec = parse(tomllib.loads(WORLD), Path("t.toml"), require_steps=False)
    return Simulation(private_world(spec.world))


def find(sim: Simulation, court_id: str, text: str) -> str:
    with sim.ctx() as ctx:
        return cases.find(ctx, ctx.court(court_id), text).number


def find_error(sim: Simulation, court_id: str, text: str) -> SimError:
    with pytest.raises(SimError) as info, sim.ctx() as ctx:
        cases.find(ctx, ctx.court(court_id), text)
    return info.value


# --- parse ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("court", "text", "expected"),
    [
        (DISTRICT, "1:21-cv-01234", CaseNumber(21, 1234, 1, "cv", "")),
        (DISTRICT, "1:21-cr-00007", CaseNumber(21, 7, 1, "cr", "")),
        (DISTRICT, "1:21-CV-01234", CaseNumber(21, 1234, 1, "cv", "")),
        (DISTRICT, " 1:21-cv-01234 ", CaseNumber(21, 1234, 1, "cv", "")),
        (DISTRICT, "1:21-cv-01234-ABC", CaseNumber(21, 1234, 1, "cv", "ABC")),
        (DISTRICT, "1:22-cv-00500-RM-KLM", CaseNumber(22, 500, 1, "cv", "RM-KLM")),
        (DISTRICT, "21-1234", CaseNumber(21, 1234)),
        (DISTRICT, "21-01234", CaseNumber(21, 1234)),
        (BANKRUPTCY, "2:21-bk-20001", CaseNumber(21, 20001, 2, "bk", "")),
        (BANKRUPTCY, "2:21-ap-00012", CaseNumber(21, 12, 2, "ap", "")),
        (BANKRUPTCY, "21-20001", CaseNumber(21, 20001)),
        (APPELLATE, "1:21-ca-00042", CaseNumber(21, 42, 1, "ca", "")),
        (APPELLATE, "21-42", CaseNumber(21, 42)),
    ],
)
def test_parse_forms(court, text, expected):
    number = cases.parse(text, court)
    assert number == expected
    assert number.is_full == (expected.office is not None and expected.case_type is not None)


def test_short_form_is_not_full():
    assert not cases.parse("21-1234", DISTRICT).is_full
    assert cases.parse("1:21-cv-01234", DISTRICT).is_full


@pytest.mark.parametrize(
    ("court", "text", "bad_type"),
    [
        (DISTRICT, "1:21-bk-01234", "bk"),
        (DISTRICT, "1:21-ap-01234", "ap"),
        (BANKRUPTCY, "2:21-cv-20001", "cv"),
        (BANKRUPTCY, "2:21-cr-20001", "cr"),
        (APPELLATE, "1:21-cv-00042", "cv"),
    ],
)
def test_parse_refuses_case_type_of_another_kind_of_court(court, text, bad_type):
    with pytest.raises(SimError) as info:
        cases.parse(text, court)
    assert info.value.code == Code.INVALID_INPUT
    assert f"not a {court.type} court case number" in info.value.message
    assert f"'{bad_type}'" in info.value.message
    assert cases.EXAMPLES[court.type] in info.value.message  # says how to write it


@pytest.mark.parametrize("text", ["", "abc", "1234", "21/1234", "1:21-cv-123456", "21-cv", "1:21-cv-01234-ABCDE"])
def test_parse_refuses_what_is_not_a_case_number(text):
    with pytest.raises(SimError) as info:
        cases.parse(text, DISTRICT)
    assert info.value.code == Code.INVALID_INPUT
    assert "is not a case number" in info.value.message
    assert "1:21-cv-01234" in info.value.message


# --- canonical --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("number", "text"),
    [
        (CaseNumber(21, 1234, 1, "cv"), "1:21-cv-01234"),
        (CaseNumber(21, 1234, 1, "cv", "ABC"), "1:21-cv-01234-ABC"),
        (CaseNumber(5, 7, 3, "bk"), "3:05-bk-00007"),
        (CaseNumber(21, 99999, 2, "ap"), "2:21-ap-99999"),
        (CaseNumber(22, 500, 1, "cv", "RM-KLM"), "1:22-cv-00500-RM-KLM"),
    ],
)
def test_canonical(number, text):
    assert number.canonical() == text


judges = st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4), max_size=3).map("-".join)


@st.composite
def full_numbers(draw):
    court = draw(st.sampled_from([DISTRICT, BANKRUPTCY, APPELLATE]))
    number = CaseNumber(
        year=draw(st.integers(0, 99)),
        sequence=draw(st.integers(0, 99999)),
        office=draw(st.integers(0, 9)),
        case_type=draw(st.sampled_from(cases.TYPES_BY_COURT[court.type])),
        judges=draw(judges),
    )
    return court, number


@settings(max_examples=300, deadline=None)
@given(full_numbers())
def test_canonical_then_parse_round_trips(pair):
    court, number = pair
    assert cases.parse(number.canonical(), court) == number


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 99), st.integers(1, 99999), st.sampled_from([DISTRICT, BANKRUPTCY, APPELLATE]))
def test_short_form_parses_year_and_sequence(year, sequence, court):
    number = cases.parse(f"{year:02d}-{sequence}", court)
    assert (number.year, number.sequence, number.office, number.case_type, number.judges) == (year, sequence, None, None, "")


# --- find -------------------------------------------------------------------------------------

def test_world_stores_canonical_numbers(sim):
    assert find(sim, "cod", "1:21-cv-01234-ABC") == "1:21-cv-01234-ABC"
    assert find(sim, "cod", "1:22-cv-00500-RM-KLM") == "1:22-cv-00500-RM-KLM"


@pytest.mark.parametrize(
    ("court", "text", "expected"),
    [
        ("cod", "21-1234", "1:21-cv-01234-ABC"),  # short form, and the case has judge initials
        ("cod", "21-01234", "1:21-cv-01234-ABC"),
        ("cod", "1:21-cv-01234", "1:21-cv-01234-ABC"),  # without initials finds the case that has them
        ("cod", "1:21-cv-1234", "1:21-cv-01234-ABC"),
        ("cod", "1:21-cv-01234-abc", "1:21-cv-01234-ABC"),
        ("cod", "20-1234", "1:20-cv-01234"),  # the year tells apart
        ("cod", "1:21-cv-01235", "1:21-cv-01235"),
        ("cod", "1:21-cr-01235", "1:21-cr-01235"),
        ("cod", "2:21-cv-77", "2:21-cv-00077"),
        ("cod", "22-500", "1:22-cv-00500-RM-KLM"),
        ("utb", "21-20001", "2:21-bk-20001"),
        ("utb", "21-12", "2:21-ap-00012"),
        ("utb", "2:21-ap-12", "2:21-ap-00012"),
        ("utb", "2:21-bk-00005", "2:21-bk-00005"),
        ("ca99", "21-42", "1:21-ca-00042"),
    ],
)
def test_find(sim, court, text, expected):
    assert find(sim, court, text) == expected


@pytest.mark.parametrize(
    ("court", "text", "matches"),
    [
        ("cod", "21-1235", ["1:21-cr-01235", "1:21-cv-01235"]),  # civil and criminal, same sequence
        ("cod", "21-77", ["1:21-cv-00077", "2:21-cv-00077"]),  # two offices
        ("cod", "21-cv-77", ["1:21-cv-00077", "2:21-cv-00077"]),
        ("utb", "21-5", ["2:21-ap-00005", "2:21-bk-00005"]),  # a case and its adversary
    ],
)
def test_find_ambiguous_lists_the_cases(sim, court, text, matches):
    error = find_error(sim, court, text)
    assert error.code == Code.INVALID_INPUT
    for number in matches:
        assert number in error.message
    assert "Enter the full number" in error.message


@pytest.mark.parametrize(
    ("court", "text"),
    [
        ("cod", "1:21-cv-09999"),
        ("cod", "21-9999"),
        ("cod", "1:21-cv-01234-XYZ"),  # the initials name another judge
        ("cod", "3:21-cv-01234"),  # another office
        ("cod", "1:21-mc-01234"),  # another district case type
        ("utb", "2:21-bk-00012"),  # the number is an adversary, not a main case
        ("utb", "21-1234"),  # a district number at the bankruptcy court
    ],
)
def test_find_not_found(sim, court, text):
    error = find_error(sim, court, text)
    assert error.code == Code.NOT_FOUND
    assert text in error.message
    with sim.ctx() as ctx:
        assert ctx.court(court).name in error.message


@pytest.mark.parametrize(
    ("court", "text"),
    [("cod", "1:21-bk-20001"), ("cod", "2:21-ap-00012"), ("utb", "1:21-cv-01234"), ("ca99", "1:21-cv-00042")],
)
def test_find_wrong_case_type_for_the_court(sim, court, text):
    error = find_error(sim, court, text)
    assert error.code == Code.INVALID_INPUT
    assert "court case number" in error.message

