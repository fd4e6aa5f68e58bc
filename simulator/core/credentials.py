"""Credentials shared by PACER accounts and court-issued logins: lookup, lockout (R10), password rules (R7)."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import select

from .context import Ctx
from .errors import Code, SimError, invalid
from .models import EcfAccount, PacerAccount, UnknownSignIn
from .security import verify_password
from .timeutil import clock_time, local, long_date

NEW_POLICY_FROM = date(2025, 8, 25)
SPECIALS = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""


# --- lookup -----------------------------------------------------------------------------------

def find_pacer(ctx: Ctx, username: str) -> PacerAccount | None:
    """The account whose current username this is (usernames are not case-sensitive)."""
    if not username:
        return None
    return ctx.db.exec(
        select(PacerAccount).where(func.lower(PacerAccount.username) == username.strip().lower())
    ).first()


def find_pacer_any(ctx: Ctx, username: str) -> PacerAccount | None:
    """Also by a former username: checks report on an upgraded account under its old name too."""
    account = find_pacer(ctx, username)
    if account is not None:
        return account
    wanted = username.strip().lower()
    return next(
        (a for a in ctx.db.exec(select(PacerAccount)) if wanted in (u.lower() for u in a.former_usernames)),
        None,
    )


def username_taken(ctx: Ctx, username: str) -> bool:
    return find_pacer_any(ctx, username) is not None


def find_ecf(ctx: Ctx, court_id: str, login: str) -> EcfAccount | None:
    if not login:
        return None
    return ctx.db.exec(
        select(EcfAccount).where(
            EcfAccount.court_id == court_id, func.lower(EcfAccount.login) == login.strip().lower()
        )
    ).first()


def new_account_number(ctx: Ctx, key: str) -> str:
    """A 7-digit PACER account number, derived from the world's seed so that every run of a
    scenario (and both drivers) issues the same numbers."""
    taken = {a.account_number for a in ctx.db.exec(select(PacerAccount))}
    for attempt in range(1000):
        digest = hashlib.sha256(f"{ctx.world.seed}:account:{key}:{attempt}".encode()).digest()
        number = str(1_000_000 + int.from_bytes(digest[:8], "big") % 9_000_000)
        if number not in taken:
            return number
    raise RuntimeError("no free account number")


# --- lockout (R10) ----------------------------------------------------------------------------

Lockable = PacerAccount | EcfAccount | UnknownSignIn


def stand_in(ctx: Ctx, realm: str, name: str) -> UnknownSignIn:
    """What a sign-in under an unknown name is judged against: refused like a wrong password (the
    same message, the same hash's time, attempts counted and a lockout), never signed in."""
    key = (realm, (name or "").strip().lower())
    found = ctx.db.get(UnknownSignIn, key)
    if found is None:
        found = UnknownSignIn(realm=key[0], name=key[1])
        ctx.db.add(found)
    return found


def locked_until(ctx: Ctx, account: Lockable) -> datetime | None:
    until = account.locked_until
    return until if until is not None and until > ctx.now else None


def refuse_if_locked(ctx: Ctx, account: Lockable, zone_name: str) -> None:
    until = locked_until(ctx, account)
    if until is None:
        return
    there = local(until, zone_name)
    raise SimError(
        Code.ACCOUNT_LOCKED,
        f"This account is locked after {ctx.world.lockout_attempts} failed sign-in attempts in a row. "
        f"It unlocks at {clock_time(there)} {there.tzname()} on {long_date(there.date())}; try again then. "
        "If you have forgotten the password, reset it with Forgot password.",
    )


def record_failure(ctx: Ctx, account: Lockable) -> None:
    """Count a failed sign-in; the last allowed failure locks the account for the world's lockout time."""
    if locked_until(ctx, account) is not None:
        return  # attempts during a lock neither count nor extend it
    account.failed_attempts += 1
    if account.failed_attempts >= ctx.world.lockout_attempts:
        account.locked_until = ctx.now + timedelta(minutes=ctx.world.lockout_minutes)
        account.failed_attempts = 0
    ctx.db.add(account)


def record_success(ctx: Ctx, account: Lockable) -> None:
    account.failed_attempts = 0
    account.locked_until = None
    ctx.db.add(account)


def check_password(account: Lockable, password: str) -> bool:
    return verify_password(account.password_hash, password or "")


def attempts_left_note(ctx: Ctx, account: Lockable) -> str:
    left = ctx.world.lockout_attempts - account.failed_attempts
    if account.failed_attempts == 0 or left <= 0:
        return ""
    return f" {left} attempt{'s' if left != 1 else ''} left before the account locks for {ctx.world.lockout_minutes} minutes."


# --- password rules (R7) ----------------------------------------------------------------------

def password_problems(password: str, on: date, *, name: str = "", username: str = "", email: str = "") -> list[str]:
    """The unmet rules of the PACER password standard in force on `on`."""
    problems: list[str] = []
    if on < NEW_POLICY_FROM:
        if len(password) < 8:
            problems.append("be at least 8 characters long")
        if not re.search(r"[A-Za-z]", password):
            problems.append("contain a letter")
        if not re.search(r"[0-9]", password) and not any(c in SPECIALS for c in password):
            problems.append("contain a digit or a symbol")
        return problems
    if not 14 <= len(password) <= 45:
        problems.append("be 14 to 45 characters long")
    if not re.search(r"[a-z]", password):
        problems.append("contain a lower-case letter")
    if not re.search(r"[A-Z]", password):
        problems.append("contain an upper-case letter")
    if not any(c in SPECIALS for c in password):
        problems.append("contain a special character such as ! # $ %")
    lowered = password.lower()
    parts = name.split()
    personal = [
        ("your first name", parts[0] if parts else ""),
        ("your last name", parts[-1] if len(parts) > 1 else ""),
        ("your username", username),
        ("your email address", email),
        ("your email address", email.split("@")[0] if "@" in email else ""),
    ]
    for label, value in personal:
        if len(value) >= 2 and value.lower() in lowered:
            problem = f"not contain {label}"
            if problem not in problems:
                problems.append(problem)
    return problems


def password_rules_in_force(ctx: Ctx) -> str:
    """The PACER password rules on the world's date, said before the filer chooses, not after a refusal."""
    if local(ctx.now, ctx.world.display_zone).date() < NEW_POLICY_FROM:
        return "Password: at least 8 characters, with a letter and a digit or a symbol."
    return ("Password (2025 PACER standard): 14 to 45 characters, with a lower-case and an upper-case letter and a "
            "special character such as ! # $ %; not your name, username or email address.")


def enforce_password_policy(ctx: Ctx, password: str, *, name: str, username: str, email: str) -> None:
    on = local(ctx.now, ctx.world.display_zone).date()
    problems = password_problems(password, on, name=name, username=username, email=email)
    if problems:
        standard = "2025 PACER password standard" if on >= NEW_POLICY_FROM else "PACER password rules"
        raise SimError(
            Code.PASSWORD_POLICY,
            f"The password does not meet the {standard}. It must {'; '.join(problems)}. Choose another password.",
        )


def court_password_problems(password: str) -> list[str]:
    """The rules legacy courts set for their own logins (CM/ECF v4.2 and v5.0)."""
    problems = []
    if len(password) < 8:
        problems.append("be at least 8 characters long")
    if not (re.search(r"[a-z]", password) and re.search(r"[A-Z]", password)):
        problems.append("mix upper- and lower-case letters")
    if not re.search(r"[0-9]", password) and not any(c in SPECIALS for c in password):
        problems.append("contain a digit or a special character")
    return problems


def enforce_court_password(password: str) -> None:
    problems = court_password_problems(password)
    if problems:
        raise invalid(f"The court's CM/ECF passwords must {'; '.join(problems)}. Choose another password.")


def password_expired(ctx: Ctx, account: PacerAccount) -> bool:
    """With the world's rotation setting on, a PACER password older than that many days has expired."""
    days = ctx.world.password_rotation_days
    if not days:
        return False
    return ctx.now - account.password_changed > timedelta(days=days)
