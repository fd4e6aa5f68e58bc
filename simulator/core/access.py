"""Who the learner is at a court and what they may do there (R15, R19, R22).

Filing access, menus and every court action read the same `CourtSession`, so a screen never has to
decide anything: it asks here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from . import courts, fees
from .context import Ctx
from .credentials import locked_until, refuse_if_locked
from .errors import Code, SimError
from .models import AgentAssignment, Court, EcfAccount, Link, PacerAccount, Registration

PRIMARY_ROLES = ("attorney", "trustee")


@dataclass
class CourtSession:
    court: Court
    nextgen: bool
    pacer: PacerAccount | None  # the PACER sign-on, at a NextGen court
    login: EcfAccount | None  # the CM/ECF account the learner files with here
    link: Link | None  # NextGen: this PACER account's link (pending or made) at this court

    @property
    def is_agent(self) -> bool:
        return self.login is not None and self.login.role == "filing_agent"


def link_of(ctx: Ctx, court_id: str, pacer: PacerAccount) -> Link | None:
    """The PACER account's live link at the court: made, else pending."""
    links = ctx.db.exec(
        select(Link).where(
            Link.court_id == court_id, Link.pacer_account_id == pacer.id, Link.status.in_(("linked", "pending"))
        )
    ).all()
    return next((l for l in links if l.status == "linked"), links[0] if links else None)


def live_link_of_ecf(ctx: Ctx, ecf: EcfAccount) -> Link | None:
    """The court login's link, made or awaiting the clerk: either way no one else may link it."""
    return ctx.db.exec(
        select(Link).where(Link.ecf_account_id == ecf.id, Link.status.in_(("linked", "pending")))
    ).first()


def linked_pacer(ctx: Ctx, ecf: EcfAccount) -> PacerAccount | None:
    link = ctx.db.exec(select(Link).where(Link.ecf_account_id == ecf.id, Link.status == "linked")).first()
    return ctx.db.get(PacerAccount, link.pacer_account_id) if link else None


def has_filing_access(ctx: Ctx, pacer: PacerAccount) -> bool:
    """Any court where this PACER account files (R9 'accounts with filing access'; the redaction notice)."""
    return ctx.db.exec(
        select(Link).where(Link.pacer_account_id == pacer.id, Link.status == "linked")
    ).first() is not None


def pending_registration(ctx: Ctx, court_id: str, pacer: PacerAccount) -> Registration | None:
    return ctx.db.exec(
        select(Registration).where(
            Registration.court_id == court_id,
            Registration.pacer_account_id == pacer.id,
            Registration.status == "pending",
        )
    ).first()


def build(ctx: Ctx, court: Court) -> CourtSession:
    """The learner's identity at `court` from their browser session (not yet judged)."""
    browser = ctx.browser
    nextgen = courts.is_nextgen(court, ctx.now)
    if not nextgen:
        login_id = browser.court_logins.get(court.id)
        login = ctx.db.get(EcfAccount, login_id) if login_id else None
        return CourtSession(court, False, None, login, None)
    pacer = ctx.db.get(PacerAccount, browser.pacer_account_id) if browser.pacer_state == "signed_in" else None
    link = link_of(ctx, court.id, pacer) if pacer else None
    login = ctx.db.get(EcfAccount, link.ecf_account_id) if link and link.status == "linked" else None
    return CourtSession(court, True, pacer, login, link)


def is_signed_in(session: CourtSession) -> bool:
    return session.pacer is not None if session.nextgen else session.login is not None


def primaries_of(ctx: Ctx, agent: EcfAccount) -> list[EcfAccount]:
    assignments = ctx.db.exec(
        select(AgentAssignment).where(AgentAssignment.agent_ecf_id == agent.id).order_by(AgentAssignment.id)
    ).all()
    return [ctx.db.get(EcfAccount, a.primary_ecf_id) for a in assignments]


def assignment(ctx: Ctx, agent: EcfAccount, primary: EcfAccount) -> AgentAssignment | None:
    return ctx.db.exec(
        select(AgentAssignment).where(
            AgentAssignment.agent_ecf_id == agent.id, AgentAssignment.primary_ecf_id == primary.id
        )
    ).first()


def acting_primary(ctx: Ctx, session: CourtSession) -> EcfAccount | None:
    """Whom the learner files for: themselves, or for an agent the primary chosen with Change User
    (the only one when there is one)."""
    if session.login is None:
        return None
    if not session.is_agent:
        return session.login
    primaries = primaries_of(ctx, session.login)
    chosen = ctx.browser.acting_for.get(session.court.id)
    for primary in primaries:
        if primary.id == chosen:
            return primary
    return primaries[0] if len(primaries) == 1 else None


def account_refusal(ctx: Ctx, session: CourtSession) -> SimError | None:
    """Refusals about the PACER account itself at a NextGen court, in SPEC §4 order."""
    pacer = session.pacer
    if pacer is None:
        return None
    if locked_until(ctx, pacer):
        try:
            refuse_if_locked(ctx, pacer, session.court.time_zone)
        except SimError as error:
            return error
    if pacer.kind == "firm":
        return SimError(
            Code.NOT_AUTHORIZED,
            "A PACER Administrative Account (firm billing) cannot search or file. Sign in with your own "
            "individual PACER account.",
        )
    if pacer.kind == "shared":
        return SimError(
            Code.SHARED_ACCOUNT,
            "You are signed in with a shared PACER account, which cannot be used to file or link at a "
            "NextGen court. Each filer needs their own individual PACER account: register one (PACER > "
            "Register for an Account), sign in with it, and link your CM/ECF account.",
        )
    if pacer.type == "legacy":
        return SimError(
            Code.LEGACY_ACCOUNT,
            "Your PACER account is a legacy account (created before August 11, 2014). Upgrade it first: "
            "Manage My Account > Account Type: Upgrade. Then sign in with your new username and link.",
        )
    return None


def filing_refusal(ctx: Ctx, session: CourtSession) -> SimError | None:
    """Why the learner may not file at this court now (R22), or None. Sign-in and availability are
    judged before this, by the court gate."""
    court = session.court
    if session.nextgen:
        refusal = account_refusal(ctx, session)
        if refusal is not None:
            return refusal
        if session.login is None:
            if session.link is not None and session.link.status == "pending":
                login = ctx.db.get(EcfAccount, session.link.ecf_account_id)
                return SimError(
                    Code.LINK_PENDING,
                    f"Your request to link CM/ECF account '{login.login}' is waiting for the clerk's review at "
                    f"{court.name}. You will get an email when it is approved, and can file from then on.",
                )
            if pending_registration(ctx, court.id, session.pacer) is not None:
                return SimError(
                    Code.REGISTRATION_PENDING,
                    f"Your e-file registration at {court.name} is waiting for the court's approval. You will "
                    "get an email when it is processed, and can file from then on.",
                )
            return SimError(
                Code.NOT_LINKED,
                f"Your PACER account is not linked to a CM/ECF filing account at {court.name}. Choose "
                "Utilities > Link a CM/ECF account to my PACER account and enter the CM/ECF login and password "
                "the court issued you. New filers register in PACER Manage My Account > Maintenance.",
            )
    elif session.login is not None and locked_until(ctx, session.login):
        try:
            refuse_if_locked(ctx, session.login, court.time_zone)
        except SimError as error:
            return error
    primary = acting_primary(ctx, session)
    if primary is None:
        choices = primaries_of(ctx, session.login) if session.login else []
        if choices:
            return SimError(
                Code.NOT_AUTHORIZED,
                "You are a filing agent for several filers. Choose whom you are filing for with Change User "
                f"({', '.join(p.name for p in choices)}).",
            )
        return SimError(
            Code.NOT_AUTHORIZED,
            f"You are a filing agent at {court.name} but no attorney or trustee has added you yet. Ask them to "
            "add you (Utilities > Maintain Your ECF Account > More User Information > Find Filing Agent).",
        )
    due = fees.lock(ctx, court, primary)
    if due is not None:
        return SimError(Code.FEES_DUE, due)
    return None
