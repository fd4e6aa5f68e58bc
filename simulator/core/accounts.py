"""PACER Manage My Account and account upkeep: registration (R5), the upgrade wizard (R6), passwords
(R7, R11), MFA enrolment (R9), contact details moving to PACER (R21)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import select

from . import access, agents, courts, credentials, mail, mfa, signon
from .context import Ctx, Outcome
from .credentials import (
    check_password,
    enforce_court_password,
    enforce_password_policy,
    find_ecf,
    find_pacer,
    new_account_number,
    record_success,
    username_taken,
)
from .errors import Code, SimError, invalid, not_found
from .models import EcfAccount, Email, PacerAccount, PasswordReset
from .security import hash_answer, hash_password
from .timeutil import local

LEGACY_BEFORE = date(2014, 8, 11)
RESET_VALID = timedelta(hours=24)
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{8,45}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def account_type_label(account: PacerAccount) -> str:
    return "Upgraded PACER Account" if account.type == "upgraded" else "Legacy PACER Account"


def _check_username(ctx: Ctx, username: str) -> str:
    username = (username or "").strip()
    if not _USERNAME.match(username):
        raise invalid(
            "Choose a username of 8 to 45 characters: letters, digits, and . _ - only (upgraded PACER usernames "
            "are at least 8 characters)."
        )
    if username_taken(ctx, username):
        raise SimError(Code.USERNAME_TAKEN, f"The username '{username}' is taken. Choose another.")
    return username


def _check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if len(name.split()) < 2:
        raise invalid("Enter a first and a last name.")
    return name


def _check_email(email: str) -> str:
    email = (email or "").strip()
    if not _EMAIL.match(email):
        raise invalid(f"'{email}' is not an email address. Enter one like name@example.com.")
    return email


# --- registration (R5) --------------------------------------------------------------------------

def open_registration(ctx: Ctx) -> Outcome:
    signon.move(ctx, signon.PACER_REGISTER)
    return Outcome("Register for a PACER account. New accounts are individual, upgraded accounts.")


def register_pacer_account(ctx: Ctx, username: str, password: str, name: str, email: str, kind: str = "individual") -> Outcome:
    """Register for an Account (does not sign in). `kind="firm"` registers a PACER Administrative Account (R8)."""
    signon.go_home(ctx)
    open_registration(ctx)
    username = _check_username(ctx, username)
    name = _check_name(name)
    email = _check_email(email)
    enforce_password_policy(ctx, password or "", name=name, username=username, email=email)
    account = PacerAccount(
        username=username,
        password_hash=hash_password(password),
        password_changed=ctx.now,
        name=name,
        email=email,
        account_number=new_account_number(ctx, username),
        kind=kind,
        type="upgraded",
        created=local(ctx.now, ctx.world.display_zone).date(),
    )
    ctx.db.add(account)
    ctx.db.flush()
    what = "PACER Administrative Account (firm billing)" if kind == "firm" else "PACER account"
    mail.send(
        ctx,
        email,
        f"Your new {what}",
        f"Welcome to PACER, {name}.\n\nUsername: {username}\nAccount number: {account.account_number}\n\n"
        "Keep your account number: PACER asks for it when you call about your account.",
    )
    return Outcome(
        f"Your {what} is registered. Username {username}, account number {account.account_number}. Sign in with it "
        "from the PACER login.",
        {"account_number": account.account_number},
    )


# --- the upgrade wizard (R6) -------------------------------------------------------------------

def open_upgrade(ctx: Ctx) -> PacerAccount:
    account = signon.manage_account(ctx)
    if account.type == "upgraded":
        raise SimError(
            Code.NOT_LEGACY,
            "This account is already upgraded (Account Type: Upgraded PACER Account). There is nothing to upgrade.",
        )
    return account


def check_person(ctx: Ctx, date_of_birth: date | str) -> date:
    """Person page: date of birth (permanent to the account), user type Individual."""
    if isinstance(date_of_birth, str):
        try:
            date_of_birth = date.fromisoformat(date_of_birth.strip())
        except ValueError:
            raise invalid(f"'{date_of_birth}' is not a date. Enter your date of birth like 1980-04-15.") from None
    if isinstance(date_of_birth, datetime) or not isinstance(date_of_birth, date):
        raise invalid("Enter your date of birth as a date, like 1980-04-15.")
    today = local(ctx.now, ctx.world.display_zone).date()
    age = today.year - date_of_birth.year - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))
    if age < 18:  # counted, not by date arithmetic: on 29 February there is no such day 18 years ago
        raise invalid("The date of birth must be at least 18 years ago. It is permanent to the account: check it.")
    return date_of_birth


def check_address(county: str) -> str:
    county = (county or "").strip()
    if not county:
        raise invalid("Choose your county (the County list appears after the state).")
    return county


SECURITY_QUESTIONS = (
    "What was the name of your first pet?",
    "In what city were you born?",
    "What was your first car?",
    "What is the name of the street you grew up on?",
    "What was the name of your elementary school?",
    "What is your oldest sibling's middle name?",
    "In what city did your parents meet?",
)  # offered on the upgrade's Security page; a filer may also write a question of their own


def check_security(ctx: Ctx, account: PacerAccount, new_username: str, new_password: str, security) -> list:
    username = _check_username(ctx, new_username)
    enforce_password_policy(ctx, new_password or "", name=account.name, username=username, email=account.email)
    questions = [list(pair) for pair in (security or [])]
    for pair in questions:
        if len(pair) != 2 or not all(str(part).strip() for part in pair):
            raise invalid("Each security question needs a question and an answer.")
    return [[str(question).strip(), hash_answer(str(answer))] for question, answer in questions]


def upgrade_account(ctx: Ctx, date_of_birth, county: str, new_username: str, new_password: str, security=None) -> Outcome:
    account = open_upgrade(ctx)
    dob = check_person(ctx, date_of_birth)
    county = check_address(county)
    questions = check_security(ctx, account, new_username, new_password, security)
    old = account.username
    account.former_usernames = [*account.former_usernames, old]
    account.username = new_username.strip()
    account.password_hash = hash_password(new_password)
    account.password_changed = ctx.now
    account.type = "upgraded"
    account.date_of_birth = dob
    account.county = county
    account.security_questions = questions
    ctx.db.add(account)
    mail.send(
        ctx,
        account.email,
        "Your PACER account has been upgraded",
        f"Your PACER account {account.account_number} is now an Upgraded PACER Account. Your username is "
        f"{account.username}; the old username {old} no longer signs in.",
    )
    return Outcome(
        f"Upgrade is complete. Account Type: Upgraded PACER Account. Your username is now {account.username}; your "
        f"account number {account.account_number} is unchanged. Sign in with the new username from now on.",
        {"type": "upgraded"},
    )


# --- passwords (R7, R11) ---------------------------------------------------------------------------

def change_password(ctx: Ctx, current_password: str, new_password: str) -> Outcome:
    account = signon.manage_account(ctx, allow_update=True)
    if account.type == "legacy":
        raise SimError(Code.LEGACY_ACCOUNT, "A legacy PACER account cannot change its password: upgrade it first.")
    credentials.refuse_if_locked(ctx, account, signon.display_zone(ctx))
    if not check_password(account, current_password):  # a guess at the password, like a failed sign-in (R10)
        credentials.record_failure(ctx, account)
        raise SimError(Code.BAD_CREDENTIALS, "The current password is not right. Enter it again."
                       f"{credentials.attempts_left_note(ctx, account)}")
    enforce_password_policy(ctx, new_password or "", name=account.name, username=account.username, email=account.email)
    account.password_hash = hash_password(new_password)
    account.password_changed = ctx.now
    account.password_skips = 0
    ctx.db.add(account)
    lead = "Your PACER password has been changed."
    finished = signon.finish_update(ctx, account, lead)
    if finished is not None:
        return finished
    signon.move(ctx, signon.PACER_ACCOUNT)
    return Outcome(lead)


def _masked(email: str) -> str:
    local_part, _, domain = email.partition("@")
    return f"{local_part[:1]}***@{domain}" if domain else email


def forgot_password(ctx: Ctx, court: str | None = None, login: str | None = None, username: str | None = None) -> Outcome:
    """A reset link to the primary email, valid 24 hours (R11). A forgotten court login needs the court."""
    if court:
        signon.go_home(ctx)
        signon.open_court_login(ctx, court)
        court_row = ctx.court(court)
        if courts.is_nextgen(court_row, ctx.now):
            raise SimError(
                Code.USE_PACER_LOGIN,
                f"{court_row.name} is on NextGen: there is no court login to reset. Use PACER's Forgot Password for your "
                f"PACER account; for your old CM/ECF password, contact the court's help desk"
                f"{': ' + court_row.help_desk if court_row.help_desk else ''}.",
            )
        ecf = find_ecf(ctx, court_row.id, login or "")
        if ecf is None or not ecf.password_hash:
            raise not_found(
                f"There is no login '{login}' at {court_row.name}. A forgotten login needs the court's help desk"
                f"{': ' + court_row.help_desk if court_row.help_desk else ''}."
            )
        reset = PasswordReset(kind="ecf", account_id=ecf.id, requested=ctx.now)
        ctx.db.add(reset)
        ctx.db.flush()
        mail.send(
            ctx, ecf.email, f"{court_row.name} CM/ECF password reset",
            f"Someone asked to reset the password of CM/ECF login '{ecf.login}' at {court_row.name}. Use the reset link "
            "within 24 hours. If it was not you, ignore this email.", link_kind="ecf_reset", link_target=reset.id,
        )
        return Outcome(f"A reset link has gone to the primary email on file ({_masked(ecf.email)}). It works for 24 hours.")
    signon.go_home(ctx)
    signon.open_pacer_login(ctx)
    account = find_pacer(ctx, username or "")
    if account is None:
        raise not_found(f"No PACER account has the username '{username}'. Check it, or call PACER at (800) 676-6856.")
    reset = PasswordReset(kind="pacer", account_id=account.id, requested=ctx.now)
    ctx.db.add(reset)
    ctx.db.flush()
    mail.send(
        ctx, account.email, "PACER password reset",
        f"Someone asked to reset the password of PACER account '{account.username}'. Use the reset link within 24 "
        "hours. If it was not you, ignore this email.", link_kind="pacer_reset", link_target=reset.id,
    )
    return Outcome(f"A reset link has gone to the primary email on file ({_masked(account.email)}). It works for 24 hours.")


def _live_reset(ctx: Ctx, kind: str, account_id: int) -> PasswordReset:
    reset = ctx.db.exec(
        select(PasswordReset)
        .where(PasswordReset.kind == kind, PasswordReset.account_id == account_id, PasswordReset.used.is_(None))
        .order_by(PasswordReset.id.desc())
    ).first()
    if reset is None or ctx.now - reset.requested > RESET_VALID:
        raise invalid("There is no valid reset link: links expire 24 hours after you ask. Use Forgot password again.")
    return reset


def open_reset_link(ctx: Ctx, email_id: int) -> Outcome:
    """Follow a reset link from the inbox: the login page, with the new-password form."""
    email = ctx.db.get(Email, email_id)
    reset = ctx.db.get(PasswordReset, email.link_target) if email and email.link_target else None
    if reset is None:
        raise invalid("This email has no reset link.")
    if reset.kind == "pacer":
        account = ctx.db.get(PacerAccount, reset.account_id)
        signon.go_home(ctx)
        signon.open_pacer_login(ctx)
        _live_reset(ctx, "pacer", account.id)
        return Outcome(f"Choose a new password for PACER account '{account.username}'.", {"account": account.username})
    ecf = ctx.db.get(EcfAccount, reset.account_id)
    signon.go_home(ctx)
    signon.open_court_login(ctx, ecf.court_id)
    _live_reset(ctx, "ecf", ecf.id)
    return Outcome(f"Choose a new password for CM/ECF login '{ecf.login}'.", {"account": ecf.login})


def reset_password(ctx: Ctx, new_password: str, court: str | None = None, login: str | None = None,
                   username: str | None = None) -> Outcome:
    """Follow the emailed link and choose a new password."""
    if court:
        court_row = ctx.court(court)
        signon.move(ctx, signon.COURT_LOGIN, court_row.id)
        ecf = find_ecf(ctx, court_row.id, login or "")
        if ecf is None:
            raise not_found(f"There is no login '{login}' at {court_row.name}.")
        reset = _live_reset(ctx, "ecf", ecf.id)
        enforce_court_password(new_password or "")
        ecf.password_hash = hash_password(new_password)
        record_success(ctx, ecf)
    else:
        account = find_pacer(ctx, username or "")
        signon.move(ctx, signon.PACER_LOGIN)
        if account is None:
            raise not_found(f"No PACER account has the username '{username}'.")
        reset = _live_reset(ctx, "pacer", account.id)
        enforce_password_policy(ctx, new_password or "", name=account.name, username=account.username, email=account.email)
        account.password_hash = hash_password(new_password)
        account.password_changed = ctx.now
        record_success(ctx, account)
    reset.used = ctx.now
    ctx.db.add(reset)
    return Outcome("Your password has been reset. Sign in with the new password.")


# --- MFA enrolment (R9) -----------------------------------------------------------------------------

def enroll_mfa(ctx: Ctx) -> Outcome:
    account = signon.manage_account(ctx, allow_update=True)
    if not mfa.available(ctx):
        raise SimError(
            Code.NOT_AUTHORIZED,
            f"Multifactor authentication opens to all PACER accounts on {mfa.AVAILABLE_FROM:%B} {mfa.AVAILABLE_FROM.day}, "
            f"{mfa.AVAILABLE_FROM.year}. Come back then (the time machine can take you there).",
        )
    secret = mfa.new_secret(ctx, account)
    codes = mfa.new_backup_codes(ctx, account)
    mfa.install(ctx, account, secret, codes)
    mail.send(
        ctx, account.email, "PACER: multifactor authentication enabled",
        f"An authentication app was added to PACER account '{account.username}'. From now on, sign in with your password "
        "and a code from the app (or a backup code). If this was not you, call PACER at (800) 676-6856.",
    )
    # the screen shows the key as a QR code: it needs the account and the otpauth URI too
    fields = {"secret": secret, "backup_codes": codes, "username": account.username,
              "provisioning_uri": mfa.provisioning_uri(account)}
    lead = (
        f"Multifactor authentication is on for {account.username}. Add the key to your authentication app (scan the QR "
        "code) and keep the ten backup codes somewhere safe: each works once."
    )
    finished = signon.finish_update(ctx, account, lead)
    if finished is not None:
        finished.fields.update(fields)
        return finished
    signon.move(ctx, signon.PACER_ACCOUNT)
    return Outcome(lead, fields)


# --- contact details (R21) ---------------------------------------------------------------------------

def update_contact(ctx: Ctx, name: str | None = None, email: str | None = None, address: str | None = None) -> Outcome:
    """Manage My Account > Maintenance > Update Personal Information: name, address, primary email."""
    account = signon.manage_account(ctx)
    if account.type == "legacy":
        raise SimError(Code.LEGACY_ACCOUNT, "A legacy PACER account cannot update its contact information: upgrade it first.")
    if name is not None:
        account.name = _check_name(name)
    if email is not None:
        account.email = _check_email(email)
    if address is not None:
        account.address = address.strip()
    ctx.db.add(account)
    return Outcome(
        f"Your PACER contact information is updated. NextGen courts send notices to {account.email}; PACER account "
        f"number {account.account_number}."
    )


@dataclass
class MaintainPage:
    """Utilities > Maintain Your ECF Account, as the filer sees it."""

    nextgen: bool  # name, address and primary email then live in PACER (R21)
    name: str
    email: str
    secondary_emails: list[str]
    agents: list[agents.AgentRow]  # a primary's filing agents (R19); none for anyone else


def maintain_page(ctx: Ctx, court: str) -> MaintainPage:
    """What the Maintain Your ECF Account screen shows, decided here so the screen only lays it out."""
    login = open_maintain(ctx, court).login
    rows = agents.agents_of(ctx, login) if login.role in access.PRIMARY_ROLES else []
    return MaintainPage(courts.generation(ctx.court(court), ctx.now) == "nextgen", login.name, login.email,
                        list(login.secondary_emails), rows)


def open_maintain(ctx: Ctx, court: str) -> access.CourtSession:
    """Utilities > Maintain Your (ECF) Account: for the court's filers."""
    session = signon.court_session(ctx, court)
    refusal = access.account_refusal(ctx, session)
    if refusal is not None:
        raise refusal
    if session.login is None:
        raise access.filing_refusal(ctx, session)
    return session


def update_ecf_account(ctx: Ctx, court: str, email: str | None = None, secondary_emails: list[str] | None = None,
                       name: str | None = None) -> Outcome:
    """Utilities > Maintain Your (ECF) Account. After go-live, name and primary email live in PACER (R21);
    secondary noticing addresses stay at the court."""
    session = open_maintain(ctx, court)
    ecf: EcfAccount = session.login
    if session.nextgen and (email is not None or name is not None):
        pacer = session.pacer
        raise SimError(
            Code.NOT_AUTHORIZED,
            f"Since {session.court.name} moved to NextGen, your name, address and primary email are kept in PACER: "
            f"Manage My Account > Maintenance > Update Personal Information (PACER account number {pacer.account_number}). "
            "Secondary noticing addresses are still kept here.",
        )
    if email is not None:
        ecf.email = _check_email(email)
    if name is not None:
        ecf.name = _check_name(name)
    if secondary_emails is not None:
        ecf.secondary_emails = [_check_email(address) for address in secondary_emails]
    ctx.db.add(ecf)
    return Outcome(f"Your CM/ECF account at {session.court.name} is updated.")
