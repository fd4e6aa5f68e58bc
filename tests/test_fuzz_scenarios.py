"""A fuzz of the scenario language: whatever a scenario file holds, loading it, loading its world and
running its steps through the core either works or ends in a ScenarioError, a WorldError or a step's
error code, never in another exception (which `cmecf-sim run` would report as an internal error).

Two generators: `anything` throws arbitrary values at every key (it mostly exercises the loader's
refusals); `well_typed` gives every key a value of its kind from a small vocabulary of courts,
accounts and cases, so that most scenarios load and their steps reach deep into the core. Documents
are kept to the built-in samples: a path beside the scenario is read from disk, no business of a fuzz."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from simulator.core import security, world
from simulator.scenario.core_driver import CoreDriver
from simulator.scenario.loader import ScenarioError, load, parse
from simulator.scenario.spec import ACTIONS, COMMON_FIELDS, FIELD_KINDS, OPERATORS, TABLES

FAKE_PATH = Path(__file__).resolve().parent.parent / "scenarios" / "fuzzed.toml"

zones = st.sampled_from([timezone.utc, timezone(timedelta(hours=-6)), timezone(timedelta(hours=-5))])
moments = st.datetimes(min_value=datetime(2020, 6, 1), max_value=datetime(2026, 6, 1), timezones=zones)
naive_moments = moments.map(lambda moment: moment.replace(tzinfo=None))
days = st.dates(date(2020, 6, 1), date(2026, 6, 1))
COURTS = ["cod", "caed", "mowd", "mowb", "utb", "arwb", "areb"]
USERNAMES = ["jdoe2021", "psmith2016", "agent2020"]
WORDS = COURTS + USERNAMES + [
    "zzz", "", "jdoe", "psmith", "attorney", "filing_agent", "trustee", "motion", "complaint", "notice",
    "voluntary_petition", "1:21-cv-00012", "21-12", "2:21-bk-00007", "sample:motion.pdf", "sample:large.pdf",
    "sample:encrypted.pdf", "sample:not-a-pdf.txt", "sample:nothing.pdf", "now", "later", "auto", "000000",
    "Training#Pass2021!", "Court!Login2", "short", "jdoe@example.com", "linked", "pending", "days",
    "hours", "America/Denver", "Nowhere/Zone", "legacy", "upgraded", "individual", "shared", "firm",
    "Denver", "maintenance", "outage",
]
words = st.sampled_from(WORDS)

# --- anything ---------------------------------------------------------------------------------------

scalars = st.one_of(words, st.text(max_size=12), st.integers(-5, 10**8), st.booleans(), st.floats(allow_nan=False),
                    moments, naive_moments, days, st.just(time(12, 0)))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3),
                      max_leaves=6)


def any_entry(name: str) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from([*TABLES[name].keys, "extra"]), values, max_size=len(TABLES[name].keys) + 1)


def any_step() -> st.SearchStrategy[dict]:
    def for_action(name: str) -> st.SearchStrategy[dict]:
        params = [p.name for p in ACTIONS[name].params] + ["expect", "note", "bogus"]
        return st.fixed_dictionaries({"do": st.just(name)}, optional={param: values for param in params})
    return st.sampled_from([*sorted(ACTIONS), "no_such_action"]).flatmap(for_action_or_unknown(for_action))


def for_action_or_unknown(for_action):
    return lambda name: for_action(name) if name in ACTIONS else st.just({"do": name})


anything = st.fixed_dictionaries(
    {"scenario": st.fixed_dictionaries({"title": st.text(max_size=10), "start": moments | values}),
     "step": st.lists(any_step(), min_size=1, max_size=6)},
    optional={**{name: st.lists(any_entry(name), max_size=2) for name in ("court", "pacer_account", "ecf_account",
                                                                          "case")},
              "settings": any_entry("settings"), "hint": values, "unknown_table": values},
)

# --- well typed -------------------------------------------------------------------------------------

KINDS: dict[str, st.SearchStrategy] = {
    "str": words,
    "bool": st.booleans(),
    "int": st.integers(-1, 40),
    "number": st.integers(0, 600) | st.floats(0, 600),
    "datetime": moments,
    "court_datetime": moments | naive_moments,
    "date": days,
    "date_or_datetime": days | moments,
    "duration": st.sampled_from(["1m", "90m", "2h", "1d", "3d", "1d2h", "30d", "400d"]),
    "str_list": st.lists(words, max_size=3),
    "date_list": st.lists(days, max_size=2),
    "table": st.dictionaries(words, words, max_size=2),
    "attachments": st.lists(words | st.fixed_dictionaries({"document": words}, optional={"description": words}),
                            max_size=2),
    "security": st.lists(st.tuples(words, words).map(list), max_size=3),
    "windows": st.lists(st.fixed_dictionaries({"start": moments | naive_moments, "end": moments | naive_moments},
                                              optional={"reason": words, "extends_deadlines": st.booleans()}),
                        max_size=2),
    "parties": st.lists(st.fixed_dictionaries({"name": words}, optional={"role": words, "attorney": words}),
                        max_size=3),
    "locations": st.lists(st.fixed_dictionaries({}, optional={"name": words, "phone": words}), max_size=2),
}


def typed_entry(name: str, **fixed: st.SearchStrategy) -> st.SearchStrategy[dict]:
    table = TABLES[name]
    required = {key: fixed.get(key, KINDS[table.kind_of(key)]) for key in table.required}
    optional = {key: fixed.get(key, KINDS[table.kind_of(key)]) for key in table.optional}
    return st.fixed_dictionaries(required, optional=optional)


def typed_step(kinds=("learner", "world", "check")) -> st.SearchStrategy[dict]:
    def for_action(name: str) -> st.SearchStrategy[dict]:
        action = ACTIONS[name]
        def value(param):
            return st.sampled_from(param.choices) if param.choices else KINDS[param.kind]
        required = {p.name: value(p) for p in action.params if p.required}
        optional = {p.name: value(p) for p in action.params if not p.required}
        fields = [*COMMON_FIELDS, *action.fields]
        expected = st.sampled_from(fields).flatmap(lambda f: st.fixed_dictionaries(
            {f: KINDS[FIELD_KINDS[f]] | st.sampled_from(OPERATORS).flatmap(
                lambda op: st.fixed_dictionaries({op: st.integers(0, 3) if op.startswith("at_") else words}))}))
        return st.fixed_dictionaries({"do": st.just(name), **required},
                                     optional={**optional, "expect": expected, "note": words})
    names = sorted(name for name, action in ACTIONS.items() if action.kind in kinds)
    return st.sampled_from(names).flatmap(for_action)


well_typed = st.fixed_dictionaries(
    {"scenario": st.fixed_dictionaries({"title": words, "start": moments}),
     "step": st.lists(typed_step(), min_size=1, max_size=12)},
    optional={
        "settings": typed_entry("settings", display_zone=st.sampled_from(["America/Denver", "Nowhere/Zone"])),
        "court": st.lists(typed_entry("court", id=st.sampled_from(COURTS), type=st.sampled_from(
            ["district", "bankruptcy", "appellate", "county"])), max_size=2),
        "pacer_account": st.lists(typed_entry("pacer_account", username=st.sampled_from(USERNAMES),
                                              kind=st.sampled_from(["individual", "shared", "firm"]),
                                              type=st.sampled_from(["legacy", "upgraded"]),
                                              account_number=st.sampled_from(["1234567", "7654321"]),
                                              mfa_secret=st.just("JBSWY3DPEHPK3PXPJBSWY3DP")), max_size=3),
        "ecf_account": st.lists(typed_entry("ecf_account", court=st.sampled_from(COURTS),
                                            linked_to=st.sampled_from(USERNAMES)), max_size=3),
        "case": st.lists(typed_entry("case", court=st.sampled_from(COURTS)), max_size=2),
        "objective": st.lists(st.fixed_dictionaries({"text": words, "check": typed_step(("check",))}), max_size=2),
    },
)


def reads_no_files(data: dict) -> bool:
    steps = [step for step in data.get("step", []) if isinstance(step, dict)]
    return all(str(step.get("document", "sample:")).startswith("sample:") and "attachments" not in step
               for step in steps)


async def play_in_the_core(data: dict) -> None:
    try:
        scenario = parse(data, FAKE_PATH)
    except ScenarioError as error:
        assert error.problem
        event(f"refused by the loader: {error.problem[:50]}")
        return
    try:
        world.private_world(scenario.world).dispose()
    except world.WorldError as error:
        assert error.problem
        event(f"refused by the world loader: {error.problem[:50]}")
        return
    event("ran")
    async with CoreDriver(scenario) as driver:
        for step in scenario.steps + [objective.check for objective in scenario.objectives]:
            result = await driver.perform(step)
            assert result["ok"] or result["error"]
            event(f"a step {'succeeded' if result['ok'] else 'was refused'}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(anything.filter(reads_no_files))
async def test_anything_is_loaded_or_refused_without_a_traceback(data):
    security.use_profile("fast")
    await play_in_the_core(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(well_typed.filter(reads_no_files))
async def test_well_typed_scenarios_run_through_the_core_without_a_traceback(data):
    security.use_profile("fast")
    await play_in_the_core(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_a_scenario_or_a_scenario_error(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "any.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load(path)
    except ScenarioError as error:
        assert error.problem
    else:
        assert tomllib.loads(text)["scenario"]
