"""Judging a step's result against its `expect` (SPEC §4, "Step results and expectations"), and the
field-by-field comparison of two drivers' results (`first_difference`)."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta, timezone

import pytest

from simulator.scenario.expect import first_difference, mismatches

MDT = timezone(timedelta(hours=-6))
UTC = timezone.utc


def ok(**fields):
    return {"ok": True, "message": "Done.", "location": "court.menu", **fields}


def failed(code: str, **fields):
    return {"ok": False, "error": code, "message": "Refused: do this next.", "location": "court.menu", **fields}


def passes(expect: dict, result: dict) -> bool:
    problems = mismatches(expect, result)
    assert isinstance(problems, list)
    assert all(isinstance(p, str) and p for p in problems)
    return not problems


def toml_expect(text: str) -> dict:
    """An expect table exactly as a scenario file gives it."""
    return tomllib.loads(f"expect = {text}")["expect"]


# --------------------------------------------------------------------------------------------------
# plain equality


def test_string_equal():
    assert passes({"status": "linked"}, ok(status="linked"))


@pytest.mark.parametrize("actual", ["Linked", "LINKED", "linked ", " linked", "link", "linked."])
def test_strings_compare_exactly(actual):
    assert not passes({"status": "linked"}, ok(status=actual))


def test_string_mismatch_names_field_expected_and_actual():
    problems = mismatches({"status": "linked"}, ok(status="pending"))
    assert len(problems) == 1
    assert "status" in problems[0]
    assert "linked" in problems[0]
    assert "pending" in problems[0]


def test_location_is_compared_like_any_field():
    assert passes({"location": "court.menu"}, ok())
    assert not passes({"location": "pacer.login"}, ok())


@pytest.mark.parametrize(
    "wanted, actual",
    [
        (datetime(2021, 8, 2, 0, 0, tzinfo=MDT), datetime(2021, 8, 2, 6, 0, tzinfo=UTC)),
        (datetime(2021, 8, 2, 6, 0, tzinfo=UTC), datetime(2021, 8, 2, 0, 0, tzinfo=MDT)),
        (datetime(2021, 8, 2, 9, 0, tzinfo=MDT), datetime(2021, 8, 2, 11, 0, tzinfo=timezone(timedelta(hours=-4)))),
        (datetime(2021, 8, 2, 23, 30, tzinfo=MDT), datetime(2021, 8, 3, 5, 30, tzinfo=UTC)),
    ],
)
def test_datetimes_compare_as_instants(wanted, actual):
    assert passes({"now": wanted}, ok(now=actual))


def test_datetimes_from_toml_compare_as_instants():
    expect = toml_expect("{ now = 2021-08-02T00:00:00-06:00 }")
    assert passes(expect, ok(now=datetime(2021, 8, 2, 6, 0, tzinfo=UTC)))
    expect = toml_expect("{ now = 2021-08-02T06:00:00Z }")
    assert passes(expect, ok(now=datetime(2021, 8, 2, 0, 0, tzinfo=MDT)))


@pytest.mark.parametrize(
    "actual",
    [
        datetime(2021, 8, 2, 0, 0, tzinfo=UTC),  # same wall time, another instant
        datetime(2021, 8, 2, 6, 0, 1, tzinfo=UTC),
        datetime(2021, 8, 2, 5, 59, tzinfo=UTC),
    ],
)
def test_different_instants_differ(actual):
    assert not passes({"now": datetime(2021, 8, 2, 0, 0, tzinfo=MDT)}, ok(now=actual))


def test_datetime_is_not_equal_to_its_string():
    wanted = datetime(2021, 8, 2, 0, 0, tzinfo=MDT)
    assert not passes({"now": wanted}, ok(now="2021-08-02T00:00:00-06:00"))


def test_dates_equal():
    expect = toml_expect("{ extended_to = 2021-09-07 }")
    assert passes(expect, ok(extended_to=date(2021, 9, 7)))
    assert not passes(expect, ok(extended_to=date(2021, 9, 6)))


@pytest.mark.parametrize("wanted, actual", [(405, 405.0), (405.0, 405), (0, 0.0), (0.0, 0), (2, 2)])
def test_numbers_compare_as_numbers(wanted, actual):
    assert passes({"fee_due": wanted}, ok(fee_due=actual))


@pytest.mark.parametrize("wanted, actual", [(405, 404.99), (405, 406), (0, 0.01), (1, "1"), (405, "405.00")])
def test_different_numbers_differ(wanted, actual):
    assert not passes({"fee_due": wanted}, ok(fee_due=actual))


def test_bools():
    assert passes({"locked": True}, ok(locked=True))
    assert passes({"locked": False}, ok(locked=False))
    assert not passes({"locked": True}, ok(locked=False))
    assert not passes({"locked": False}, ok(locked=True))


def test_lists_equal_in_order():
    menu = ["Query", "Reports", "Utilities", "Help", "Log Out"]
    assert passes({"menu": list(menu)}, ok(menu=menu))
    assert not passes({"menu": menu[:-1]}, ok(menu=menu))
    assert not passes({"menu": menu + ["Civil"]}, ok(menu=menu))
    assert not passes({"menu": list(reversed(menu))}, ok(menu=menu))
    assert not passes({"menu": [m.lower() for m in menu]}, ok(menu=menu))


def test_every_field_must_hold():
    expect = {"status": "linked", "location": "court.menu"}
    assert passes(expect, ok(status="linked"))
    assert not passes(expect, {**ok(status="linked"), "location": "home"})
    assert not passes(expect, ok(status="pending"))


# --------------------------------------------------------------------------------------------------
# contains


@pytest.mark.parametrize("needle", ["now linked", "NOW LINKED", "Now Linked", "linked", "Your", "."])
def test_contains_on_string_is_case_insensitive_substring(needle):
    assert passes({"message": {"contains": needle}}, ok(message="Your account is now linked."))


@pytest.mark.parametrize("needle", ["unlinked", "now  linked", "pending"])
def test_contains_on_string_fails_when_absent(needle):
    result = ok(message="Your account is now linked.")
    problems = mismatches({"message": {"contains": needle}}, result)
    assert problems
    assert any("message" in p and "contains" in p for p in problems)


@pytest.mark.parametrize("needle", ["Civil", "civil", "CIVIL", "log out", "Log Out"])
def test_contains_on_list_is_an_element_equal_ignoring_case(needle):
    assert passes({"menu": {"contains": needle}}, ok(menu=["Civil", "Query", "Log Out"]))


@pytest.mark.parametrize("needle", ["Civ", "ivil", "Criminal", "Query Reports", "Log"])
def test_contains_on_list_needs_a_whole_element(needle):
    assert not passes({"menu": {"contains": needle}}, ok(menu=["Civil", "Query", "Log Out"]))


def test_contains_on_empty_list():
    assert not passes({"menu": {"contains": "Civil"}}, ok(menu=[]))


def test_contains_from_toml():
    assert passes(toml_expect('{ menu = { contains = "utilities" } }'), ok(menu=["Query", "Utilities"]))
    assert passes(toml_expect('{ message = { contains = "BEFORE 11:59 P.M." } }'),
                  ok(message="Pay before 11:59 p.m. today."))


# --------------------------------------------------------------------------------------------------
# matches


@pytest.mark.parametrize(
    "pattern",
    [
        "Extend",
        "to Extend Time",
        r"^MOTION to Extend Time filed by Doe\. \(Doe, Jane\)$",
        r"\(Doe, Jane\)$",
        "^MOTION",
        r"filed by \w+",
        "",
    ],
)
def test_matches_searches_anywhere(pattern):
    result = ok(docket_text="MOTION to Extend Time filed by Doe. (Doe, Jane)")
    assert passes({"docket_text": {"matches": pattern}}, result)


@pytest.mark.parametrize("pattern", ["^Extend", "Time$", r"filed by Roe", r"^\(Doe", "MOTION to Dismiss"])
def test_matches_fails_when_no_match(pattern):
    result = ok(docket_text="MOTION to Extend Time filed by Doe. (Doe, Jane)")
    problems = mismatches({"docket_text": {"matches": pattern}}, result)
    assert problems
    assert any("docket_text" in p for p in problems)


def test_matches_from_toml_with_escapes():
    expect = toml_expect(r'{ docket_text = { matches = "receipt number ACODC-[0-9]{7}\\) \\(Cruz, Elena\\)$" } }')
    assert passes(expect, ok(docket_text="COMPLAINT (Filing fee $405, receipt number ACODC-1234567) (Cruz, Elena)"))
    assert not passes(expect, ok(docket_text="COMPLAINT (Filing fee $405, receipt number ACODC-123456) (Cruz, Elena)"))


def test_matches_on_a_number_does_not_pass():
    assert not passes({"document_number": {"matches": "1"}}, ok(document_number=2))


# --------------------------------------------------------------------------------------------------
# at_least / at_most


@pytest.mark.parametrize("actual, holds", [(2, True), (3, True), (100, True), (1, False), (0, False), (2.0, True), (1.99, False)])
def test_at_least_is_inclusive(actual, holds):
    assert passes({"count": {"at_least": 2}}, ok(count=actual)) is holds


@pytest.mark.parametrize("actual, holds", [(2, True), (1, True), (0, True), (3, False), (2.01, False)])
def test_at_most_is_inclusive(actual, holds):
    assert passes({"count": {"at_most": 2}}, ok(count=actual)) is holds


@pytest.mark.parametrize("actual, holds", [(1, False), (2, True), (3, True), (4, True), (5, False)])
def test_at_least_and_at_most_together(actual, holds):
    assert passes({"count": {"at_least": 2, "at_most": 4}}, ok(count=actual)) is holds


def test_at_least_with_float_operand():
    assert passes({"fee_due": {"at_least": 404.5}}, ok(fee_due=405))
    assert not passes({"fee_due": {"at_most": 404.5}}, ok(fee_due=405))


def test_at_least_on_non_number_does_not_pass_and_does_not_crash():
    assert not passes({"count": {"at_least": 1}}, ok(count="three"))
    assert not passes({"count": {"at_least": 1}}, ok(count=None))


def test_failed_operator_reports_expected_and_actual():
    problems = mismatches({"count": {"at_least": 5}}, ok(count=3))
    assert len(problems) == 1
    assert "count" in problems[0] and "at_least" in problems[0] and "5" in problems[0] and "3" in problems[0]


def test_several_operators_on_one_field_all_must_hold():
    expect = {"docket_text": {"contains": "motion", "matches": "Jane\\)$"}}
    assert passes(expect, ok(docket_text="MOTION filed by Doe. (Doe, Jane)"))
    assert not passes(expect, ok(docket_text="MOTION filed by Doe. (Doe, John)"))
    assert not passes(expect, ok(docket_text="NOTICE filed by Doe. (Doe, Jane)"))


# --------------------------------------------------------------------------------------------------
# the implied ok = true


def test_empty_expect_passes_a_success():
    assert passes({}, ok())


def test_empty_expect_fails_a_failure():
    problems = mismatches({}, failed("NOT_LINKED"))
    assert problems
    assert any("ok" in p for p in problems)


def test_implied_ok_applies_beside_other_fields():
    result = failed("NOT_LINKED")
    assert not passes({"location": "court.menu"}, result)  # location matches, but ok = true is implied


def test_failure_explains_the_error_when_ok_was_implied():
    problems = mismatches({"location": "court.menu"}, failed("NOT_LINKED"))
    assert any("NOT_LINKED" in p for p in problems)


def test_expect_error_drops_the_implied_ok():
    assert passes({"error": "NOT_LINKED"}, failed("NOT_LINKED"))
    assert passes({"error": "NOT_LINKED", "location": "court.menu"}, failed("NOT_LINKED"))


def test_expect_error_with_another_code_fails():
    problems = mismatches({"error": "NOT_LINKED"}, failed("LINK_PENDING"))
    assert problems
    assert any("NOT_LINKED" in p and "LINK_PENDING" in p for p in problems)


def test_expect_error_on_a_success_fails():
    problems = mismatches({"error": "NOT_LINKED"}, ok(status="linked"))
    assert problems
    assert any("error" in p for p in problems)


def test_expect_ok_false_drops_the_implied_ok():
    assert passes({"ok": False}, failed("BAD_CREDENTIALS"))
    assert passes({"ok": False, "location": "court.menu"}, failed("BAD_CREDENTIALS"))


def test_expect_ok_false_on_a_success_fails():
    assert not passes({"ok": False}, ok())


def test_explicit_ok_true():
    assert passes({"ok": True}, ok())
    assert not passes({"ok": True}, failed("NOT_FOUND"))


def test_expect_error_with_operator():
    assert passes({"error": {"contains": "link"}}, failed("NOT_LINKED"))
    assert not passes({"error": {"contains": "link"}}, failed("NOT_FOUND"))


def test_expect_message_of_an_expected_error():
    result = failed("NOT_LINKED", message="Link your CM/ECF account first (Utilities).")
    assert passes({"error": "NOT_LINKED", "message": {"contains": "utilities"}}, result)
    assert not passes({"error": "NOT_LINKED", "message": {"contains": "payment"}}, result)


# --------------------------------------------------------------------------------------------------
# a field missing from the result


def test_field_missing_from_result_fails():
    problems = mismatches({"status": "linked"}, ok())
    assert problems
    assert any("status" in p for p in problems)


def test_field_missing_from_result_with_operator_fails():
    assert not passes({"menu": {"contains": "Civil"}}, ok())
    assert not passes({"count": {"at_least": 0}}, ok())
    assert not passes({"docket_text": {"matches": ""}}, ok())


def test_field_missing_is_not_equal_to_none_or_empty():
    assert not passes({"status": ""}, ok())
    assert not passes({"menu": []}, ok())


def test_error_missing_from_a_success():
    assert not passes({"error": "NOT_FOUND"}, {"ok": True})


# --------------------------------------------------------------------------------------------------
# first_difference (--driver both)


def test_first_difference_none_for_equal_results():
    a = ok(status="linked", menu=["Civil", "Query"])
    assert first_difference(a, dict(a)) is None


def test_first_difference_none_for_equal_instants_and_numbers():
    a = ok(now=datetime(2021, 8, 2, 0, 0, tzinfo=MDT), fee_due=405, extended_to=date(2021, 9, 7))
    b = ok(now=datetime(2021, 8, 2, 6, 0, tzinfo=UTC), fee_due=405.0, extended_to=date(2021, 9, 7))
    assert first_difference(a, b) is None


def test_first_difference_names_the_field_and_both_values():
    difference = first_difference(ok(status="linked"), ok(status="pending"))
    assert difference is not None
    assert difference.startswith("status")
    assert "linked" in difference and "pending" in difference
    assert difference.index("linked") < difference.index("pending")  # first argument first


def test_first_difference_is_case_sensitive():
    assert first_difference(ok(status="linked"), ok(status="Linked")) is not None


def test_first_difference_on_instants():
    difference = first_difference(ok(now=datetime(2021, 8, 2, 0, 0, tzinfo=MDT)),
                                  ok(now=datetime(2021, 8, 2, 0, 0, tzinfo=UTC)))
    assert difference is not None and difference.startswith("now")


def test_first_difference_on_numbers():
    difference = first_difference(ok(fee_due=405), ok(fee_due=0))
    assert difference is not None and difference.startswith("fee_due") and "405" in difference


def test_first_difference_on_lists():
    difference = first_difference(ok(menu=["Civil", "Query"]), ok(menu=["Query", "Civil"]))
    assert difference is not None and difference.startswith("menu")


def test_first_difference_field_missing_on_one_side():
    difference = first_difference(ok(status="linked"), ok())
    assert difference is not None
    assert difference.startswith("status")
    assert "missing" in difference
    difference = first_difference(ok(), ok(status="linked"))
    assert difference is not None and difference.startswith("status") and "missing" in difference


def test_first_difference_common_fields_come_first():
    a = {"ok": True, "message": "A", "location": "court.menu", "account_number": "1"}
    b = {"ok": True, "message": "B", "location": "court.menu", "account_number": "2"}
    assert first_difference(a, b).startswith("message")


def test_first_difference_outcome_before_action_fields():
    a = {"ok": True, "message": "A", "location": "home", "status": "linked"}
    b = {"ok": False, "error": "NOT_LINKED", "message": "B", "location": "court.menu"}
    difference = first_difference(a, b)
    assert difference.split(":")[0] in ("ok", "error", "location", "message")


def test_first_difference_is_stable_among_other_fields():
    a = ok(docket_text="x", document_number=1, filer="A")
    b = ok(docket_text="y", document_number=2, filer="B")
    first = first_difference(a, b)
    assert first == first_difference(dict(reversed(list(a.items()))), dict(reversed(list(b.items()))))
    assert first.startswith("docket_text")


def test_first_difference_bool_is_not_a_number():
    assert first_difference(ok(locked=True), ok(locked=1)) is not None
