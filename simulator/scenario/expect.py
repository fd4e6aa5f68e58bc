"""Judging a step's result against its `expect` (SPEC §4), and comparing two drivers' results."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any


def same(a: Any, b: Any) -> bool:
    """Plain equality, with dates and datetimes compared as instants and numbers as numbers."""
    if isinstance(a, datetime) or isinstance(b, datetime):
        return isinstance(a, datetime) and isinstance(b, datetime) and a == b
    if isinstance(a, date) or isinstance(b, date):
        return isinstance(a, date) and isinstance(b, date) and a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def show(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 160 else value[:157] + "..."
        return '"' + text.replace("\n", "\\n") + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return repr(value)


def _operator(name: str, operand: Any, actual: Any) -> bool:
    if name == "contains":
        if isinstance(actual, str):
            return isinstance(operand, str) and operand.lower() in actual.lower()
        if isinstance(actual, list):
            return any(
                (isinstance(item, str) and isinstance(operand, str) and item.lower() == operand.lower()) or same(item, operand)
                for item in actual
            )
        return False
    if name == "matches":
        return isinstance(actual, str) and re.search(operand, actual) is not None
    try:
        if name == "at_least":
            return actual >= operand
        if name == "at_most":
            return actual <= operand
    except TypeError:
        return False
    raise ValueError(name)


def mismatches(expect: dict, result: dict) -> list[str]:
    """Why `result` does not meet `expect`; empty when it does. ok = true is implied unless the
    expectation names an error or ok = false."""
    problems = []
    implied = dict(expect)
    if "ok" not in implied and "error" not in implied:
        implied["ok"] = True
    for key, wanted in implied.items():
        if key not in result:
            problems.append(f"expected {key} = {_describe(wanted)}, but the result has no {key}")
            continue
        actual = result[key]
        if isinstance(wanted, dict):
            for operator, operand in wanted.items():
                if not _operator(operator, operand, actual):
                    problems.append(f"expected {key} {operator} {show(operand)}, got {show(actual)}")
        elif not same(wanted, actual):
            problems.append(f"expected {key} = {show(wanted)}, got {show(actual)}")
    if problems and "error" in result and "error" not in implied:
        problems.append(f"(the step failed with {result['error']}: {show(result.get('message', ''))})")
    return problems


def _describe(wanted: Any) -> str:
    if isinstance(wanted, dict):
        return "{ " + ", ".join(f"{k} = {show(v)}" for k, v in wanted.items()) + " }"
    return show(wanted)


def first_difference(a: dict, b: dict) -> str | None:
    """The first field on which two drivers' results differ (fields in a stable order), or None."""
    for key in sorted(set(a) | set(b), key=lambda k: (k not in ("ok", "error", "location", "message"), k)):
        if key not in a or key not in b:
            return f"{key}: {'missing' if key not in a else show(a[key])} vs {'missing' if key not in b else show(b[key])}"
        if not same(a[key], b[key]):
            return f"{key}: {show(a[key])} vs {show(b[key])}"
    return None
