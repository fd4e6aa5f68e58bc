"""PACER's Authentication API: Central Sign-On as a service (`cmecf-sim api`), over the same sign-on
as the PACER login page. A sign-in opens a browser session of its own and signs it in with the very
rules the screens use (lockout, client code, redaction, MFA, pending updates); the token it returns
is that session's sign-on, so a NextGen court accepts it as the NextGenCSO cookie (R13)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from . import checks, signon
from .context import Ctx, Outcome
from .errors import Code, SimError
from .models import ApiToken, BrowserSession

TOKEN_BYTES = 64  # 128 hexadecimal characters, the length of a real NextGenCSO token


@dataclass(frozen=True)
class SignOn:
    token: str
    pending: str  # the account actions PACER asks for (a password or MFA due), "" when none


def authenticate(ctx: Ctx, login_id: str, password: str, client_code: str = "", otp_code: str = "",
                 redact_flag: str = "") -> SignOn:
    """Sign in as the PACER login page would; a refusal is the SimError the page would show. A
    pending update does not stop the sign-on: it is reported, and uses one of its skips as Skip on
    the page does, so a program that never updates is stopped as a person would be."""
    browser = BrowserSession()
    ctx.db.add(browser)
    ctx.db.flush()
    session = Ctx(ctx.db, browser.id, ctx.world)
    try:
        outcome = _sign_in(session, login_id, password, client_code, otp_code, redact_flag == "1")
    except SimError:
        ctx.db.delete(browser)  # the failed attempt is counted on the account; no session is left open
        raise
    pending = ""
    if browser.pacer_state == "prompt":
        pending = outcome.message
        signon.skip_update(session)
    token = secrets.token_hex(TOKEN_BYTES)
    ctx.db.add(ApiToken(token=token, browser_id=browser.id, created=ctx.now))
    return SignOn(token, pending)


def _sign_in(session: Ctx, login_id: str, password: str, client_code: str, otp_code: str, redacted: bool) -> Outcome:
    try:
        return signon.pacer_sign_in(session, login_id, password, client_code, redacted)
    except SimError as error:
        if error.code != Code.MFA_REQUIRED or session.browser.pacer_state != "mfa_code":
            raise
        if not otp_code:
            raise SimError(Code.MFA_REQUIRED, "This account uses multifactor authentication: send the current 6-digit "
                                              "code from its authentication app (or a backup code) as otpCode.") from None
        return signon.submit_otp(session, otp_code)


def browser_of(ctx: Ctx, token: str) -> int | None:
    """The browser session a live token signs on, or None (unknown, or logged out)."""
    found = ctx.db.get(ApiToken, token) if token else None
    return found.browser_id if found is not None and found.ended is None else None


def logout(ctx: Ctx, token: str) -> None:
    found = ctx.db.get(ApiToken, token) if token else None
    if found is None or found.ended is not None:
        raise SimError(Code.NOT_SIGNED_IN, "That token is not signed in: it was logged out, or never issued.")
    signon.logout(Ctx(ctx.db, found.browser_id, ctx.world))
    found.ended = ctx.now
    ctx.db.add(found)


def court_menu(ctx: Ctx, token: str, court_id: str) -> Outcome:
    """A court's CM/ECF menu as the token's sign-on sees it: what a NextGen page shows for the cookie."""
    browser_id = browser_of(ctx, token)
    if browser_id is None:
        raise SimError(Code.NOT_SIGNED_IN, "Sign in through /services/cso-auth and send its token as the NextGenCSO "
                                           "cookie.")
    return checks.check_menu(Ctx(ctx.db, browser_id, ctx.world), court_id)


def carry_over(ctx: Ctx, old_browser_id: int, new_browser_id: int) -> None:
    """The court logins and acting-for choices of one browser session, in the one a token signs on:
    the same person's client holds both kinds of cookie."""
    old, new = ctx.db.get(BrowserSession, old_browser_id), ctx.db.get(BrowserSession, new_browser_id)
    new.court_logins = {**old.court_logins, **new.court_logins}
    new.acting_for = {**old.acting_for, **new.acting_for}
    ctx.db.add(new)
