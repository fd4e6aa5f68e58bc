"""The learner's browser: navigation, court-issued logins (R11, R14), PACER Central Sign-On (R13) with
MFA (R9) and lockout (R10), and the gate every court action passes (R3, SPEC §4 Navigation).

Every navigation a person makes in the TUI is a function here, and every scenario action starts by
making the same navigation, so the two faces always leave the learner in the same place.
"""

from __future__ import annotations

from datetime import date

from . import access, courts, menus, mfa
from .context import Ctx, Outcome
from .credentials import (
    attempts_left_note,
    check_password,
    find_ecf,
    find_pacer,
    password_expired,
    record_failure,
    record_success,
    refuse_if_locked,
    stand_in,
)
from .errors import Code, SimError
from .models import Court, PacerAccount
from .timeutil import local, long_date
from .views import (  # noqa: F401 - the locations are the core's words too: signon.HOME, signon.FILING_RECEIPT
    COURT_LOGIN,
    COURT_MENU,
    COURT_PAGE,
    COURT_UNAVAILABLE,
    FILING_RECEIPT,
    HOME,
    PACER_ACCOUNT,
    PACER_LOGIN,
    PACER_MFA,
    PACER_PROMPT,
    PACER_REGISTER,
    PACER_UPDATE_REQUIRED,
)

SIGN_IN_FLOW = (PACER_LOGIN, PACER_MFA, PACER_PROMPT, PACER_UPDATE_REQUIRED)
CLIENT_CODE_RULES_FROM = date(2024, 4, 14)


# --- where the learner stands -------------------------------------------------------------------

def move(ctx: Ctx, location: str, court_id: str | None = None, return_to: str | None = None) -> None:
    browser = ctx.browser
    browser.location, browser.court_id, browser.return_to = location, court_id, return_to
    ctx.db.add(browser)


def signed_in_pacer(ctx: Ctx) -> PacerAccount | None:
    browser = ctx.browser
    if browser.pacer_state != "signed_in" or browser.pacer_account_id is None:
        return None
    return ctx.db.get(PacerAccount, browser.pacer_account_id)


def display_zone(ctx: Ctx) -> str:
    """The zone times are shown in: the court the learner is at (or signing in for), else the world's."""
    court_id = ctx.browser.court_id or ctx.browser.return_to
    court = ctx.db.get(Court, court_id) if court_id else None
    return court.time_zone if court else ctx.world.display_zone


def _court_from_home(ctx: Ctx, court_id: str) -> Court:
    """Find a court the way a person does, from the court list; an unknown court leaves them there."""
    try:
        return ctx.court(court_id)
    except SimError:
        move(ctx, HOME)
        raise


def _refuse_if_unavailable(ctx: Ctx, court: Court) -> None:
    if not courts.is_available(ctx, court):
        move(ctx, COURT_UNAVAILABLE, court.id)
        courts.require_available(ctx, court)


def go_home(ctx: Ctx) -> Outcome:
    move(ctx, HOME)
    return Outcome("")


def open_court_page(ctx: Ctx, court_id: str) -> Outcome:
    """The court's own web page: its Document Filing System link and notices."""
    court = _court_from_home(ctx, court_id)
    move(ctx, COURT_PAGE, court.id)
    return Outcome("")


# --- court-issued logins (legacy courts) --------------------------------------------------------

def open_court_login(ctx: Ctx, court_id: str) -> Outcome:
    """The court's own CM/ECF login page (login.pl), reachable at any generation."""
    open_court_page(ctx, court_id)
    court = ctx.court(court_id)
    _refuse_if_unavailable(ctx, court)
    move(ctx, COURT_LOGIN, court.id)
    if courts.is_nextgen(court, ctx.now):
        return Outcome(_use_pacer_message(court))
    return Outcome(f"{court.name}: sign in with the CM/ECF login and password this court issued you.")


def _use_pacer_message(court: Court) -> str:
    since = f" since {long_date(local(court.nextgen_go_live, court.time_zone).date())}" if court.nextgen_go_live else ""
    return (
        f"{court.name} has used NextGen CM/ECF{since}: court-issued logins no longer sign in here. Use the "
        "Document Filing System link and sign in with your individual PACER username and password. Your old "
        "CM/ECF login and password are still what the one-time link asks for."
    )


def _check_client_code(ctx: Ctx, client_code: str) -> None:
    code = client_code or ""
    if len(code) > 32:
        raise SimError(Code.INVALID_INPUT, "A client code is at most 32 characters. Shorten it and sign in again.")
    if local(ctx.now, display_zone(ctx)).date() >= CLIENT_CODE_RULES_FROM and any(c in code for c in " ,"):
        raise SimError(
            Code.INVALID_INPUT,
            "Client codes may not contain spaces or commas (since April 14, 2024). Use . _ - or / instead.",
        )


def submit_court_login(
    ctx: Ctx, court_id: str, login: str, password: str, client_code: str = "", redaction_ack: bool = True
) -> Outcome:
    court = ctx.court(court_id)
    _refuse_if_unavailable(ctx, court)
    move(ctx, COURT_LOGIN, court.id)
    if courts.is_nextgen(court, ctx.now):
        raise SimError(Code.USE_PACER_LOGIN, _use_pacer_message(court))
    account = find_ecf(ctx, court.id, login) or stand_in(ctx, court.id, login)
    refuse_if_locked(ctx, account, court.time_zone)
    if not redaction_ack:
        raise SimError(
            Code.REDACTION_ACK_REQUIRED,
            "Tick the redaction acknowledgement (\"I understand that, if I file, I must comply with the redaction "
            "rules. I have read this notice.\") and sign in again.",
        )
    _check_client_code(ctx, client_code)
    if not check_password(account, password):  # an unknown login takes this path too, alike in words and time
        record_failure(ctx, account)
        raise SimError(
            Code.BAD_CREDENTIALS,
            f"Invalid ID or password. Use the CM/ECF login {court.name} issued you (each court issues its own)."
            f"{attempts_left_note(ctx, account)}",
        )
    record_success(ctx, account)
    browser = ctx.browser
    browser.court_logins = {**browser.court_logins, court.id: account.id}
    browser.acting_for = {k: v for k, v in browser.acting_for.items() if k != court.id}
    ctx.db.add(browser)
    return land_at_court(ctx, court, f"Signed in to {court.name} CM/ECF as {account.login} ({account.name}).")


def ecf_login(ctx: Ctx, court_id: str, login: str, password: str, client_code: str = "", redaction_ack: bool = True) -> Outcome:
    """The scenario action: open the court's login page, then sign in."""
    open_court_login(ctx, court_id)
    return submit_court_login(ctx, court_id, login, password, client_code, redaction_ack)


# --- courts' Document Filing System --------------------------------------------------------------

def visit(ctx: Ctx, court_id: str) -> Outcome:
    """Follow the court's Document Filing System link (SPEC §4 Navigation)."""
    open_court_page(ctx, court_id)
    court = ctx.court(court_id)
    _refuse_if_unavailable(ctx, court)
    session = access.build(ctx, court)
    if access.is_signed_in(session):
        if session.pacer is not None and session.pacer.kind == "firm":
            raise access.account_refusal(ctx, session)
        return land_at_court(ctx, court, "")
    if session.nextgen:
        move(ctx, PACER_LOGIN, court.id, return_to=court.id)
        return Outcome(
            f"{court.name} uses NextGen CM/ECF: sign in with your PACER username and password, and you will come "
            "back to the court."
        )
    move(ctx, COURT_LOGIN, court.id)
    return Outcome(f"{court.name}: sign in with the CM/ECF login and password this court issued you.")


def land_at_court(ctx: Ctx, court: Court, lead: str) -> Outcome:
    move(ctx, COURT_MENU, court.id)
    session = access.build(ctx, court)
    bar = menus.menu_bar(ctx, session)
    note = menus.access_note(ctx, session)
    message = " ".join(part for part in (lead, note) if part)
    return Outcome(message, {"menu": menus.available_labels(bar)})


def court_session(ctx: Ctx, court_id: str, *, move_learner: bool = True) -> access.CourtSession:
    """The gate of every court action: the court exists and is up, and the learner is signed in there.
    Refused, the learner lands where a person would (the unavailable page, or the login page)."""
    court = ctx.court(court_id)
    if not courts.is_available(ctx, court):
        if move_learner:
            move(ctx, COURT_UNAVAILABLE, court.id)
        courts.require_available(ctx, court)
    session = access.build(ctx, court)
    if not access.is_signed_in(session):
        if session.nextgen:
            if move_learner:
                move(ctx, PACER_LOGIN, court.id, return_to=court.id)
            raise SimError(
                Code.NOT_SIGNED_IN,
                f"You are not signed in to {court.name} CM/ECF. Sign in with your PACER username and password, then "
                "try again.",
            )
        if move_learner:
            move(ctx, COURT_LOGIN, court.id)
        raise SimError(
            Code.NOT_SIGNED_IN,
            f"You are not signed in to {court.name} CM/ECF. Sign in with the CM/ECF login this court issued you, "
            "then try again.",
        )
    if session.pacer is not None and session.pacer.kind == "firm":
        raise access.account_refusal(ctx, session)
    if move_learner:
        move(ctx, COURT_MENU, court.id)
    return session


# --- PACER Central Sign-On ------------------------------------------------------------------------

def open_pacer_login(ctx: Ctx, *, keep_return: bool = False) -> Outcome:
    """The PACER login page. Reached from a court's link (`keep_return`: from a step of the sign-in,
    or from a NextGen court's own login page, which sends its users to PACER), it remembers the
    court to return to."""
    browser = ctx.browser
    return_to = None
    if keep_return and browser.location in SIGN_IN_FLOW:
        return_to = browser.return_to
    elif keep_return and browser.location == COURT_LOGIN and browser.court_id:
        court = ctx.db.get(Court, browser.court_id)
        return_to = court.id if court is not None and courts.is_nextgen(court, ctx.now) else None
    if browser.pacer_state != "signed_in":
        browser.pacer_state = "signed_out"
        browser.pacer_account_id = None
    move(ctx, PACER_LOGIN, return_to, return_to)
    return Outcome("Sign in with your PACER username and password.")


def pacer_sign_in(ctx: Ctx, username: str, password: str, client_code: str = "", redaction_ack: bool = True) -> Outcome:
    """Submit the PACER login form. Ends signed in (landing at the court that sent the learner, else
    Manage My Account), or at the MFA code page, an update prompt, or 'User Update Required'."""
    browser = ctx.browser
    open_pacer_login(ctx, keep_return=True)
    zone_name = display_zone(ctx)
    account = find_pacer(ctx, username) or stand_in(ctx, "pacer", username)
    refuse_if_locked(ctx, account, zone_name)
    _check_client_code(ctx, client_code)
    if not check_password(account, password):  # an unknown username takes this path too, alike in words and time
        record_failure(ctx, account)
        raise SimError(
            Code.BAD_CREDENTIALS,
            f"Invalid username or password.{attempts_left_note(ctx, account)} If your account was upgraded, sign in "
            "with the new username you chose.",
        )
    if not redaction_ack and access.has_filing_access(ctx, account):
        raise SimError(
            Code.REDACTION_ACK_REQUIRED,
            "This is a filer account: acknowledge the redaction rules (Fed. R. Civ. P. 5.2, Fed. R. Crim. P. 49.1, "
            "Fed. R. Bankr. P. 9037) by ticking the box, and sign in again.",
        )
    browser.pacer_account_id = account.id
    if mfa.enrolled(account):
        browser.pacer_state = "mfa_code"
        move(ctx, PACER_MFA, browser.return_to, browser.return_to)
        raise SimError(
            Code.MFA_REQUIRED,
            "Multifactor authentication: enter the 6-digit code from your authentication app, or one of your "
            "backup codes.",
        )  # failures still count until the code is right: a wrong code is a failed sign-in (R10)
    record_success(ctx, account)
    return _after_authentication(ctx, account)


def submit_otp(ctx: Ctx, code: str) -> Outcome:
    browser = ctx.browser
    account = ctx.db.get(PacerAccount, browser.pacer_account_id) if browser.pacer_account_id else None
    if browser.pacer_state != "mfa_code" or account is None:
        open_pacer_login(ctx, keep_return=True)
        raise SimError(Code.NOT_SIGNED_IN, "Sign in with your username and password first, then enter the code.")
    move(ctx, PACER_MFA, browser.return_to, browser.return_to)
    refuse_if_locked(ctx, account, display_zone(ctx))
    if not mfa.accept_code(ctx, account, code):
        record_failure(ctx, account)
        raise SimError(
            Code.BAD_OTP,
            "That code is not right. Enter the current 6-digit code from your authentication app (codes change "
            f"every 30 seconds), or an unused backup code.{attempts_left_note(ctx, account)}",
        )
    record_success(ctx, account)
    return _after_authentication(ctx, account)


def pending_updates(ctx: Ctx, account: PacerAccount) -> list[str]:
    """What the account must do at sign-in: 'mfa' (R9, filers from 2025-12-31) and 'password' (rotation)."""
    updates = []
    if mfa.required(ctx) and not mfa.enrolled(account) and access.has_filing_access(ctx, account):
        updates.append("mfa")
    if password_expired(ctx, account):
        updates.append("password")
    return updates


def _skips_used(account: PacerAccount, update: str) -> int:
    return account.mfa_skips if update == "mfa" else account.password_skips


UPDATE_TEXT = {
    "mfa": "enrol in multifactor authentication (Manage My Account > Manage MFA Settings)",
    "password": "change your password, which is older than the world's rotation period (Settings > Change Password)",
}


def updates_text(updates: list[str]) -> str:
    return " and ".join(UPDATE_TEXT[update] for update in updates)


def _after_authentication(ctx: Ctx, account: PacerAccount) -> Outcome:
    """Every pending update is asked for at once: any with no Skip left stops the sign-in at 'User
    Update Required'; otherwise one prompt, whose Skip uses a skip of each."""
    browser = ctx.browser
    updates = pending_updates(ctx, account)
    if updates:
        exhausted = [update for update in updates if _skips_used(account, update) >= mfa.SKIPS_ALLOWED]
        if exhausted:
            browser.pacer_state = "update_required"
            move(ctx, PACER_UPDATE_REQUIRED, browser.return_to, browser.return_to)
            raise SimError(
                Code.MFA_REQUIRED if exhausted[0] == "mfa" else Code.PASSWORD_POLICY,
                f"User Update Required: access to your account is restricted until you {updates_text(exhausted)}. "
                "There is no Skip left.",
            )
        browser.pacer_state = "prompt"
        move(ctx, PACER_PROMPT, browser.return_to, browser.return_to)
        left = min(mfa.SKIPS_ALLOWED - _skips_used(account, update) for update in updates)
        return Outcome(f"Action needed: {updates_text(updates)}. You may skip this {left} more time{'s' if left != 1 else ''}.")
    browser.pacer_state = "signed_in"
    ctx.db.add(browser)
    return land_after_sign_in(ctx, account, f"Signed in to PACER as {account.username}.")


def skip_update(ctx: Ctx) -> Outcome:
    browser = ctx.browser
    account = ctx.db.get(PacerAccount, browser.pacer_account_id) if browser.pacer_account_id else None
    if browser.pacer_state != "prompt" or account is None:
        raise SimError(Code.NOT_SIGNED_IN, "There is nothing to skip: sign in first.")
    skipped = []
    for update in pending_updates(ctx, account):
        if update == "mfa":
            account.mfa_skips += 1
        else:
            account.password_skips += 1
        skipped.append(f"to {UPDATE_TEXT[update].split(' (')[0]} ({_skips_used(account, update)} of "
                       f"{mfa.SKIPS_ALLOWED} skips used)")
    ctx.db.add(account)
    browser.pacer_state = "signed_in"
    ctx.db.add(browser)
    return land_after_sign_in(
        ctx, account, f"Signed in to PACER as {account.username}. You skipped the request {' and '.join(skipped)}."
    )


def finish_update(ctx: Ctx, account: PacerAccount, lead: str) -> Outcome | None:
    """After the learner enrols in MFA or changes the password at a prompt or at 'User Update
    Required', finish the sign-in; None when no sign-in was waiting on it. When another update is
    still due, the learner is asked for it next, and the step still succeeds: what it did is saved
    and must be told (a new MFA key shown once, a new password)."""
    browser = ctx.browser
    if browser.pacer_state not in ("prompt", "update_required") or browser.pacer_account_id != account.id:
        return None
    if pending_updates(ctx, account):
        try:
            next_request = _after_authentication(ctx, account)
        except SimError as still_required:
            return Outcome(f"{lead} {still_required.message}")
        return Outcome(f"{lead} {next_request.message}")
    browser.pacer_state = "signed_in"
    ctx.db.add(browser)
    return land_after_sign_in(ctx, account, lead)


def land_after_sign_in(ctx: Ctx, account: PacerAccount, lead: str) -> Outcome:
    browser = ctx.browser
    court = ctx.db.get(Court, browser.return_to) if browser.return_to else None
    if court is None or account.kind == "firm":
        move(ctx, PACER_ACCOUNT)
        return Outcome(f"{lead} This is Manage My Account.")
    if not courts.is_available(ctx, court):
        move(ctx, COURT_UNAVAILABLE, court.id)
        return Outcome(f"{lead} {courts.unavailable_message(ctx, court)}")
    return land_at_court(ctx, court, lead)


def pacer_login(
    ctx: Ctx,
    username: str,
    password: str,
    otp: str | None = None,
    client_code: str = "",
    redaction_ack: bool = True,
) -> Outcome:
    """The scenario action: sign in, enter the MFA code when one is given, and skip an update prompt
    (the prompt's Skip button; enrolling is its own action)."""
    if ctx.browser.location == COURT_LOGIN:
        open_pacer_login(ctx, keep_return=True)  # a NextGen court's login page links to PACER's, and back
    elif ctx.browser.location not in SIGN_IN_FLOW:
        go_home(ctx)
        open_pacer_login(ctx)
    try:
        outcome = pacer_sign_in(ctx, username, password, client_code, redaction_ack)
    except SimError as error:
        if error.code != Code.MFA_REQUIRED or not otp or ctx.browser.pacer_state != "mfa_code":
            raise
        outcome = submit_otp(ctx, otp)
    if ctx.browser.pacer_state == "prompt":
        outcome = skip_update(ctx)
    return outcome


def require_pacer(ctx: Ctx, *, allow_update: bool = False) -> PacerAccount:
    """PACER Manage My Account actions need a PACER sign-on (an update prompt counts when allowed)."""
    browser = ctx.browser
    states = ("signed_in", "prompt", "update_required") if allow_update else ("signed_in",)
    if browser.pacer_state in states and browser.pacer_account_id is not None:
        return ctx.db.get(PacerAccount, browser.pacer_account_id)
    if browser.pacer_state in ("prompt", "update_required"):
        raise SimError(Code.NOT_SIGNED_IN, "Finish the update PACER asks for at sign-in first (sign in again to see it), or log out.")
    open_pacer_login(ctx)
    raise SimError(Code.NOT_SIGNED_IN, "You are not signed in to PACER. Sign in with your PACER username and password first.")


def open_manage_account(ctx: Ctx) -> Outcome:
    account = require_pacer(ctx)
    move(ctx, PACER_ACCOUNT)
    return Outcome(f"Manage My Account: {account.name}, account number {account.account_number}.")


def manage_account(ctx: Ctx, *, allow_update: bool = False) -> PacerAccount:
    """Reach Manage My Account as a person does (court list > Manage My Account). At an update prompt
    the learner acts right there instead, when the action allows it (enrolling, changing a password)."""
    if allow_update and ctx.browser.location in (PACER_PROMPT, PACER_UPDATE_REQUIRED):
        return require_pacer(ctx, allow_update=True)
    go_home(ctx)
    open_manage_account(ctx)
    return signed_in_pacer(ctx)


def logout(ctx: Ctx) -> Outcome:
    browser = ctx.browser
    browser.pacer_account_id = None
    browser.pacer_state = "signed_out"
    browser.court_logins = {}
    browser.acting_for = {}
    move(ctx, HOME)
    return Outcome("You are signed out of PACER and of every court's CM/ECF.")
