"""Filing agents: created by the primary at a legacy court (R12); at a NextGen court registered in
PACER and added by the primary with permissions, removed, and chosen with Change User (R19)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from . import access, signon
from .access import CourtSession
from .context import Ctx, Outcome
from .credentials import enforce_court_password, find_ecf, find_pacer_any
from .errors import Code, SimError, invalid, not_found
from .models import AgentAssignment, EcfAccount, Link, PacerAccount
from .security import hash_password


def _require_primary(ctx: Ctx, session: CourtSession) -> EcfAccount:
    refusal = access.account_refusal(ctx, session)
    if refusal is not None:
        raise refusal
    if session.login is None:
        raise access.filing_refusal(ctx, session)
    if session.login.role not in access.PRIMARY_ROLES:
        who = "Filing agents cannot add or manage filing agents" if session.is_agent else "Only attorneys and trustees have filing agents"
        raise SimError(Code.NOT_AUTHORIZED, f"{who}. Ask the attorney or trustee you work for.")
    return session.login


# --- legacy courts: the primary creates the agent's login (R12) -------------------------------------

def open_create_agent(ctx: Ctx, court_id: str) -> EcfAccount:
    """Utilities > Create a new Filing Agent (legacy courts): who may use it."""
    session = signon.court_session(ctx, court_id)
    court = session.court
    if session.nextgen:
        raise SimError(
            Code.NOT_LEGACY,
            f"{court.name} is on NextGen: agents no longer get logins from you. The agent registers in PACER (Manage My "
            "Account > Maintenance > Non-Attorney E-File Registration, role Filing Agent), then you add them with "
            "Utilities > Maintain Your ECF Account > More User Information > Find Filing Agent.",
        )
    return _require_primary(ctx, session)


def create_filing_agent(ctx: Ctx, court_id: str, login: str, password: str, name: str, email: str) -> Outcome:
    primary = open_create_agent(ctx, court_id)
    court = ctx.court(court_id)
    if not (login or "").strip() or not (name or "").strip() or not (email or "").strip():
        raise invalid("Enter the agent's login, name and email address.")
    enforce_court_password(password or "")
    if find_ecf(ctx, court.id, login) is not None:
        raise SimError(Code.USERNAME_TAKEN, f"The login '{login}' is already in use at {court.name}. Choose another.")
    agent = EcfAccount(
        court_id=court.id, login=login.strip(), password_hash=hash_password(password), name=name.strip(),
        email=email.strip(), role="filing_agent",
    )
    ctx.db.add(agent)
    ctx.db.flush()
    ctx.db.add(AgentAssignment(court_id=court.id, agent_ecf_id=agent.id, primary_ecf_id=primary.id))
    ctx.db.flush()
    return Outcome(
        f"Filing agent login '{agent.login}' created for {agent.name}. They sign in to {court.name} CM/ECF with it and "
        f"file on behalf of {primary.name}."
    )


# --- NextGen courts: Find Filing Agent, permissions, removal (R19) ----------------------------------

@dataclass
class AgentRow:
    username: str
    name: str
    ecf_login: str
    internet_payment: bool


def open_agents(ctx: Ctx, court_id: str) -> tuple[CourtSession, EcfAccount]:
    """Utilities > Maintain Your ECF Account > More User Information: the primary's agents."""
    session = signon.court_session(ctx, court_id)
    return session, _require_primary(ctx, session)


def agents_of(ctx: Ctx, primary: EcfAccount) -> list[AgentRow]:
    rows = []
    for grant in ctx.db.exec(select(AgentAssignment).where(AgentAssignment.primary_ecf_id == primary.id).order_by(AgentAssignment.id)):
        agent = ctx.db.get(EcfAccount, grant.agent_ecf_id)
        pacer = access.linked_pacer(ctx, agent)
        rows.append(AgentRow(pacer.username if pacer else "", agent.name, agent.login, grant.internet_payment))
    return rows


def registered_agent(ctx: Ctx, court_id: str, pacer: PacerAccount) -> EcfAccount | None:
    """The PACER account's filing-agent account at the court, registered and approved (or linked)."""
    link = ctx.db.exec(
        select(Link).where(Link.court_id == court_id, Link.pacer_account_id == pacer.id, Link.status == "linked")
    ).first()
    ecf = ctx.db.get(EcfAccount, link.ecf_account_id) if link else None
    return ecf if ecf is not None and ecf.role == "filing_agent" else None


def find_filing_agents(ctx: Ctx, court_id: str, query: str) -> list[AgentRow]:
    """Find Filing Agent: registered agents at the court whose name or PACER username matches."""
    wanted = (query or "").strip().lower()
    rows = []
    links = ctx.db.exec(select(Link).where(Link.court_id == court_id, Link.status == "linked"))
    for link in links:
        ecf = ctx.db.get(EcfAccount, link.ecf_account_id)
        pacer = ctx.db.get(PacerAccount, link.pacer_account_id)
        if ecf.role == "filing_agent" and (wanted in ecf.name.lower() or wanted in pacer.username.lower()):
            rows.append(AgentRow(pacer.username, ecf.name, ecf.login, False))
    return rows


def _agent_account(ctx: Ctx, court_name: str, court_id: str, username: str) -> EcfAccount:
    pacer = find_pacer_any(ctx, username)
    if pacer is None:
        raise not_found(f"There is no PACER account '{username}'. Search by the agent's name with Find Filing Agent.")
    agent = registered_agent(ctx, court_id, pacer)
    if agent is None:
        raise not_found(
            f"'{pacer.username}' is not registered as a filing agent at {court_name}. The agent registers in PACER "
            "(Manage My Account > Maintenance > Non-Attorney E-File Registration, role Filing Agent); once the court "
            "approves it, you can add them."
        )
    return agent


def add_filing_agent(ctx: Ctx, court_id: str, agent: str, internet_payment: bool = False) -> Outcome:
    session = signon.court_session(ctx, court_id)
    court = session.court
    if not session.nextgen:  # a legacy court has no such page, whoever asks
        raise SimError(
            Code.NOT_NEXTGEN,
            f"{court.name} is not on NextGen: create your agent a login with Utilities > Create a new Filing Agent.",
        )
    primary = _require_primary(ctx, session)
    agent_ecf = _agent_account(ctx, court.name, court.id, agent)
    grant = access.assignment(ctx, agent_ecf, primary)
    verb = "updated" if grant else "added"
    if grant is None:
        grant = AgentAssignment(court_id=court.id, agent_ecf_id=agent_ecf.id, primary_ecf_id=primary.id)
    grant.internet_payment = bool(internet_payment)
    ctx.db.add(grant)
    ctx.db.flush()
    payment = "may" if grant.internet_payment else "may not"
    return Outcome(
        f"Filing agent {agent_ecf.name} {verb} for {primary.name} at {court.name}; they {payment} pay fees (Internet "
        "Payment). Their filings name you as the filer, and your transaction log shows them."
    )


def remove_filing_agent(ctx: Ctx, court_id: str, agent: str) -> Outcome:
    session, primary = open_agents(ctx, court_id)
    court = session.court
    pacer = find_pacer_any(ctx, agent)
    agent_ecf = registered_agent(ctx, court.id, pacer) if pacer else find_ecf(ctx, court.id, agent)
    grant = access.assignment(ctx, agent_ecf, primary) if agent_ecf else None
    if grant is None:
        raise not_found(f"'{agent}' is not one of your filing agents at {court.name}.")
    ctx.db.delete(grant)
    ctx.db.flush()
    return Outcome(f"{agent_ecf.name} is no longer your filing agent at {court.name}: they can no longer file for you.")


def open_change_user(ctx: Ctx, court_id: str) -> tuple[CourtSession, list[EcfAccount]]:
    """Change User: for filing agents; returns the primaries they may act for."""
    session = signon.court_session(ctx, court_id)
    refusal = access.account_refusal(ctx, session)
    if refusal is not None:
        raise refusal
    if not session.is_agent:
        raise SimError(Code.NOT_AUTHORIZED, "Change User is for filing agents who work for several attorneys or trustees.")
    return session, access.primaries_of(ctx, session.login)


def change_user(ctx: Ctx, court_id: str, primary: str) -> Outcome:
    """An agent of several primaries chooses whom they act for (R19)."""
    session, choices = open_change_user(ctx, court_id)
    wanted = (primary or "").strip().lower()
    chosen = None
    for candidate in choices:
        pacer = access.linked_pacer(ctx, candidate)
        if wanted in (candidate.login.lower(), candidate.name.lower()) or (pacer and pacer.username.lower() == wanted):
            chosen = candidate
    if chosen is None:
        names = ", ".join(c.name for c in choices) or "no one yet"
        raise not_found(f"'{primary}' is not one of the filers you act for at {session.court.name}. You act for: {names}.")
    browser = ctx.browser
    browser.acting_for = {**browser.acting_for, session.court.id: chosen.id}
    ctx.db.add(browser)
    return Outcome(f"You are now filing for {chosen.name} at {session.court.name}.", {"acting_for": chosen.name})
