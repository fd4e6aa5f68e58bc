"""Reading and validating scenario files. A file that is not a valid scenario gives one
`ScenarioError` naming the file, where in it (a table entry or a step) and the problem."""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..core.errors import Code, SimError
from ..core.timeutil import out_of_range, parse_duration
from .spec import ACTIONS, COMMON_FIELDS, FIELD_KINDS, OPERATORS, PACER_KINDS, PACER_TYPES, TABLES, WORLD_TABLE_KEYS, Action

_DURATION = re.compile(r"^\s*(?:\d+\s*[wdhms]\s*)+$", re.IGNORECASE)
_BASE32 = re.compile(r"^[A-Z2-7]{16,}$")
_ACCOUNT_NUMBER = re.compile(r"^\d{7}$")
WINDOW_KINDS = {"start": "court_datetime", "end": "court_datetime", "reason": "str", "extends_deadlines": "bool"}
WINDOW_KEYS = tuple(WINDOW_KINDS)
PARTY_KEYS = ("name", "role", "attorney")
LOCATION_KEYS = ("name", "address", "phone", "email", "hours")
ATTACHMENT_KEYS = ("document", "description")


class ScenarioError(Exception):
    def __init__(self, path: Path | str, where: str, problem: str) -> None:
        self.path, self.where, self.problem = str(path), where, problem
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.problem}" if self.where else f"{self.path}: {self.problem}"


@dataclass
class Step:
    number: int
    action: str
    params: dict[str, Any]
    expect: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def spec(self) -> Action:
        return ACTIONS[self.action]


@dataclass
class Objective:
    text: str
    check: Step


@dataclass
class Scenario:
    path: Path
    title: str
    start: datetime
    world: dict[str, Any]
    steps: list[Step]
    objectives: list[Objective] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    briefing: str = ""
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    level: str = ""
    personas: list[dict] = field(default_factory=list)

    @property
    def directory(self) -> Path:
        return self.path.parent


def suggestion(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


MAX_SCENARIO_BYTES = 1024 * 1024  # the largest bundled scenario is under 10 KB


def _read_scenario_text(path: Path) -> bytes:
    """The file's bytes, refusing what would hang or fill memory: a FIFO or device (a link to /dev/zero
    reads forever) and anything over MAX_SCENARIO_BYTES. Opened without blocking, so a FIFO with no
    writer is refused instead of waited on."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ScenarioError(path, "", "is not a regular file (a FIFO, device or socket): give a .toml file")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_SCENARIO_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioError(path, "", f"is larger than {MAX_SCENARIO_BYTES // 1024} KB: a scenario is a short TOML file")
    return data


def load(path: Path | str, *, require_steps: bool = True) -> Scenario:
    path = Path(path)
    try:
        data = tomllib.loads(_read_scenario_text(path).decode("utf-8"))
    except FileNotFoundError:
        raise ScenarioError(path, "", "no such file") from None
    except IsADirectoryError:
        raise ScenarioError(path, "", "is a folder: give a .toml file, or the folder to run every *.toml in it") from None
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(path, "", f"not valid TOML: {error}") from None
    except RecursionError:
        raise ScenarioError(path, "", "nests tables or arrays too deeply to read: a scenario needs only a few levels") from None
    except UnicodeDecodeError:
        raise ScenarioError(path, "", "not a text file in UTF-8 (TOML files are UTF-8): save it as UTF-8") from None
    except OSError as error:
        raise ScenarioError(path, "", f"cannot be read: {error.strerror}") from None
    return parse(data, path, require_steps=require_steps)


def parse(data: dict, path: Path, *, require_steps: bool = True) -> Scenario:
    def fail(where: str, problem: str) -> ScenarioError:
        return ScenarioError(path, where, problem)

    for key in data:
        if key not in TABLES:
            raise fail("", f"unknown table [{key}]{suggestion(key, TABLES)}")
    for name, table in TABLES.items():
        if name in data:
            shape = isinstance(data[name], list) if table.array else isinstance(data[name], dict)
            if not shape:
                form = f"[[{name}]]" if table.array else f"[{name}]"
                raise fail("", f"'{name}' must be written as {form}")
    if "scenario" not in data:
        raise fail("", "missing [scenario] table (it needs title and start)")
    head = data["scenario"]
    _check_table("scenario", head, "[scenario]", fail)
    settings = data.get("settings", {})
    _check_table("settings", settings, "[settings]", fail)

    world: dict[str, Any] = {"title": head["title"], "start": head["start"], "settings": settings}
    world["courts"] = None
    for table_name, world_key in WORLD_TABLE_KEYS.items():
        entries = data.get(table_name, [])
        for index, entry in enumerate(entries, start=1):
            _check_table(table_name, entry, f"[[{table_name}]] {index}", fail)
        if entries or table_name != "court":
            world[world_key] = entries
    _check_world_values(world, fail)

    steps = [_step(entry, index, fail) for index, entry in enumerate(data.get("step", []), start=1)]
    if require_steps and not steps:
        raise fail("", "no [[step]] tables: a scenario needs at least one step")
    objectives = []
    for index, entry in enumerate(data.get("objective", []), start=1):
        where = f"[[objective]] {index}"
        _check_table("objective", entry, where, fail)
        check = _step(entry["check"], index, fail, where=f"{where} check")
        if check.spec.kind != "check":
            raise fail(where, f"an objective's check must be a check action (check_...), not '{check.action}'")
        objectives.append(Objective(entry["text"], check))
    hints = []
    for index, entry in enumerate(data.get("hint", []), start=1):
        _check_table("hint", entry, f"[[hint]] {index}", fail)
        hints.append(entry["text"])
    for index, entry in enumerate(data.get("persona", []), start=1):
        _check_table("persona", entry, f"[[persona]] {index}", fail)
    return Scenario(
        path=path,
        title=head["title"],
        start=head["start"],
        world=world,
        steps=steps,
        objectives=objectives,
        hints=hints,
        rules=list(head.get("rules", [])),
        briefing=head.get("briefing", ""),
        summary=head.get("summary", ""),
        tags=list(head.get("tags", [])),
        level=head.get("level", ""),
        personas=list(data.get("persona", [])),
    )


def _check_table(name: str, entry: Any, where: str, fail) -> None:
    table = TABLES[name]
    if not isinstance(entry, dict):
        raise fail(where, "must be a table")
    for key in entry:
        if key not in table.keys:
            raise fail(where, f"unknown key '{key}'{suggestion(key, table.keys)}")
    for key in table.required:
        if key not in entry:
            raise fail(where, f"missing required key '{key}'")
    for key, value in entry.items():
        problem = kind_problem(table.kind_of(key), value)
        if problem:
            raise fail(where, f"{key} {problem}")


def kind_problem(kind: str, value: Any) -> str | None:
    """Why `value` is not of `kind`, or None; dates must fall in the years a world may use."""
    problem = _shape_problem(kind, value)
    if problem:
        return problem
    for moment in value if isinstance(value, list) else [value]:
        if isinstance(moment, date) and out_of_range(moment):
            return out_of_range(moment)
    if kind == "duration":
        try:
            parse_duration(value)
        except SimError:
            return "is longer than the clock moves in one step: at most 100 years (36525d)"
    return None


def _shape_problem(kind: str, value: Any) -> str | None:
    if kind == "str":
        return None if isinstance(value, str) else "must be a string"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) else "must be a whole number"
    if kind == "number":
        return None if isinstance(value, (int, float)) and not isinstance(value, bool) else "must be a number"
    if kind == "datetime":
        if not isinstance(value, datetime):
            return "must be a date and time with an offset, like 2021-08-02T09:00:00-06:00"
        return None if value.tzinfo else "needs a UTC offset, like 2021-08-02T09:00:00-06:00"
    if kind == "court_datetime":
        return None if isinstance(value, (datetime, date)) else "must be a datetime, like 2021-08-02T00:01:00-06:00"
    if kind == "date":
        return None if isinstance(value, date) and not isinstance(value, datetime) else "must be a date, like 2021-08-02"
    if kind == "date_or_datetime":
        if isinstance(value, datetime):
            return None if value.tzinfo else "needs a UTC offset when it has a time"
        return None if isinstance(value, date) else "must be a date (or a date and time with an offset)"
    if kind == "duration":
        return None if isinstance(value, str) and _DURATION.match(value) else 'must be a duration like "90m", "2h", "3d" or "1d2h"'
    if kind == "str_list":
        return None if isinstance(value, list) and all(isinstance(v, str) for v in value) else "must be a list of strings"
    if kind == "date_list":
        ok = isinstance(value, list) and all(isinstance(v, date) and not isinstance(v, datetime) for v in value)
        return None if ok else "must be a list of dates"
    if kind == "table":
        return None if isinstance(value, dict) else "must be an inline table { ... }"
    if kind == "attachments":
        if not isinstance(value, list):
            return "must be a list of documents"
        for item in value:
            if isinstance(item, str):
                continue
            if (not isinstance(item, dict) or "document" not in item or set(item) - set(ATTACHMENT_KEYS)
                    or not all(isinstance(text, str) for text in item.values())):
                return 'items must be documents ("sample:exhibit.pdf") or { document = "...", description = "..." }'
        return None
    if kind == "security":
        ok = isinstance(value, list) and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in value
        )
        return None if ok else 'must be a list of [question, answer] pairs, like [["First pet?", "Rex"]]'
    if kind == "windows":
        if not isinstance(value, list):
            return "must be a list of { start, end, reason, extends_deadlines }"
        for item in value:
            if not isinstance(item, dict) or "start" not in item or "end" not in item:
                return "each window needs start and end"
            unknown = set(item) - set(WINDOW_KEYS)
            if unknown:
                key = sorted(unknown)[0]
                return f"window has unknown key '{key}'{suggestion(key, WINDOW_KEYS)}"
            for key, kind_of_key in WINDOW_KINDS.items():
                problem = kind_problem(kind_of_key, item[key]) if key in item else None
                if problem:
                    return f"window {key} {problem}"
        return None
    if kind == "locations":
        ok = isinstance(value, list) and all(
            isinstance(item, dict) and not set(item) - set(LOCATION_KEYS) and all(isinstance(t, str) for t in item.values())
            for item in value
        )
        return None if ok else f"must be a list of {{ {', '.join(LOCATION_KEYS)} }}, each a string"
    if kind == "parties":
        if not isinstance(value, list):
            return "must be a list of { name, role, attorney }"
        for item in value:
            if (not isinstance(item, dict) or "name" not in item or set(item) - set(PARTY_KEYS)
                    or not all(isinstance(text, str) for text in item.values())):
                return "each party is { name, role, attorney } with a name, each a string"
        return None
    raise ValueError(f"unknown kind {kind}")


def _check_world_values(world: dict, fail) -> None:
    for index, entry in enumerate(world.get("pacer_accounts", []), start=1):
        where = f"[[pacer_account]] {index}"
        if entry.get("kind", "individual") not in PACER_KINDS:
            raise fail(where, f"kind must be one of {', '.join(PACER_KINDS)}")
        if entry.get("type", "upgraded") not in PACER_TYPES:
            raise fail(where, f"type must be one of {', '.join(PACER_TYPES)}")
        if "account_number" in entry and not _ACCOUNT_NUMBER.match(entry["account_number"]):
            raise fail(where, "account_number must be a string of 7 digits, like \"1234567\"")
        if "mfa_secret" in entry and not _BASE32.match(entry["mfa_secret"]):
            raise fail(where, "mfa_secret must be unpadded base32 (A-Z, 2-7) of at least 16 characters")


def _step(entry: Any, number: int, fail, *, where: str | None = None) -> Step:
    where = where or f"step {number}"
    if not isinstance(entry, dict):
        raise fail(where, "must be a table")
    action_name = entry.get("do")
    if not isinstance(action_name, str):
        raise fail(where, "missing 'do' (the action to take)")
    where = f"{where} ({action_name})"
    action = ACTIONS.get(action_name)
    if action is None:
        raise fail(where, f"unknown action '{action_name}'{suggestion(action_name, ACTIONS)}")
    params = {}
    for key, value in entry.items():
        if key in ("do", "expect", "note"):
            continue
        param = action.param(key)
        if param is None:
            names = [p.name for p in action.params] + ["expect", "note"]
            raise fail(where, f"unknown parameter '{key}' for {action_name}{suggestion(key, names)}")
        problem = kind_problem(param.kind, value)
        if problem:
            raise fail(where, f"{key} {problem}")
        if param.choices and value not in param.choices:
            raise fail(where, f"{key} must be one of {', '.join(param.choices)}, not '{value}'")
        if key == "court":  # as a person types it into the court list or Go to, which take any case
            value = value.strip().lower()
        params[key] = value
    for param in action.params:
        if param.required and param.name not in params:
            raise fail(where, f"missing parameter '{param.name}'")
    for group in action.one_of:
        given = [name for name in group if name in params]
        if len(given) != 1:
            raise fail(where, f"give exactly one of {' or '.join(group)}")
    if action_name in ("forgot_password", "reset_password") and "court" in params and "login" not in params:
        raise fail(where, "with court, give the login too")
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise fail(where, "note must be a string")
    expect = entry.get("expect", {})
    if not isinstance(expect, dict):
        raise fail(where, "expect must be an inline table, like expect = { ok = true }")
    _check_expect(expect, action, where, fail)
    return Step(number, action_name, params, expect, note)


_KIND_WORDS = {"str": "text", "str_list": "a list of text", "bool": "true or false", "int": "a whole number",
               "number": "a number", "datetime": "a date and time", "date_or_datetime": "a date or a date and time"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _never_matches(kind: str, operator: str | None, operand: Any) -> str | None:
    """Why an expectation on a result field of `kind` can never be met (what the field is, so the
    author sees the type to write), or None when it can."""
    words = _KIND_WORDS.get(kind, kind)
    if operator is None:
        fits = {"str": lambda v: isinstance(v, str), "bool": lambda v: isinstance(v, bool),
                "int": _is_number, "number": _is_number, "datetime": lambda v: isinstance(v, datetime),
                "date_or_datetime": lambda v: isinstance(v, date),
                "str_list": lambda v: isinstance(v, list) and all(isinstance(item, str) for item in v)}.get(kind)
        return None if fits is None or fits(operand) else f"{words}, not {operand!r}"
    if operator in ("contains", "matches"):
        if kind not in ("str", "str_list") or (operator == "matches" and kind != "str"):
            return f"{words}: '{operator}' works on text" + (" and lists" if operator == "contains" else "")
        return None if isinstance(operand, str) else f"{words}: '{operator}' needs text, not {operand!r}"
    if kind in ("int", "number"):
        return None if _is_number(operand) else f"{words}: '{operator}' needs a number, not {operand!r}"
    if kind in ("datetime", "date_or_datetime"):
        return None if isinstance(operand, date) else f"{words}: '{operator}' needs a date, not {operand!r}"
    return f"{words}: '{operator}' works on numbers and dates"


def _check_expect(expect: dict, action: Action, where: str, fail) -> None:
    allowed = COMMON_FIELDS + action.fields
    for key in expect:  # a field the action never returns is the first thing to fix
        if key not in allowed:
            raise fail(where, f"expect names '{key}', which {action.name} does not return{suggestion(key, allowed)}")
    for key, value in expect.items():
        if isinstance(value, dict):
            if not value:
                raise fail(where, f"expect.{key} is an empty table")
            for operator, operand in value.items():
                if operator not in OPERATORS:
                    raise fail(where, f"expect.{key} uses unknown operator '{operator}'{suggestion(operator, OPERATORS)}")
                if operator == "matches":
                    try:
                        re.compile(operand)
                    except (re.error, TypeError) as error:
                        raise fail(where, f"expect.{key} matches an invalid regular expression: {error}") from None
                if operator in ("at_least", "at_most") and (
                    isinstance(operand, bool) or not isinstance(operand, (int, float, date, datetime))
                ):
                    raise fail(where, f"expect.{key} {operator} needs a number (or a date or datetime), not {operand!r}")
        kind = FIELD_KINDS.get(key)
        for operator, operand in (value.items() if isinstance(value, dict) else [(None, value)]):
            problem = kind and _never_matches(kind, operator, operand)
            if problem:
                written = f"expect.{key} {operator}" if operator else f"expect.{key}"
                raise fail(where, f"{written} can never match: {key} is {problem}")
        if key == "error" and not isinstance(value, dict):
            if not isinstance(value, str) or value not in Code.__members__:
                raise fail(where, f"expect.error {value!r} is not an error code{suggestion(str(value).upper(), Code.__members__)}")
        if key == "ok" and not isinstance(value, bool):
            raise fail(where, "expect.ok must be true or false")
