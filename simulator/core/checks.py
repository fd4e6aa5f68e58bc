"""Checks: read what is, without moving the learner (SPEC §4). They fail only for an unknown court,
account or case, and `check_menu` for a learner not signed in at that court."""

from __future__ import annotations

from sqlmodel import select

from . import access, cases, courts, firms, linking, mail, menus, mfa, registration
from .context import Ctx, Outcome
from .credentials import find_ecf, find_pacer_any, locked_until
from .errors import Code, SimError, not_found
from .models import DocketEntry, EcfAccount, Transaction


def _account(ctx: Ctx, username: str):
    account = find_pacer_any(ctx, username)
    if account is None:
        raise not_found(f"There is no PACER account '{username}' in this world.")
    return account


def check_account(ctx: Ctx, username: str) -> Outcome:
    account = _account(ctx, username)
    firm = firms.firm_of(ctx, account)
    return Outcome(
        f"{account.username}: {account.type} {account.kind} account {account.account_number}.",
        {
            "type": account.type,
            "kind": account.kind,
            "locked": locked_until(ctx, account) is not None,
            "account_number": account.account_number,
            "mfa": mfa.enrolled(account),
            "username": account.username,
            "firm": firm.account_number if firm else "",
        },
    )


def check_court(ctx: Ctx, court: str) -> Outcome:
    row = ctx.court(court)
    available = courts.is_available(ctx, row)
    generation = courts.generation(row, ctx.now)
    state = "available" if available else "unavailable"
    return Outcome(f"{row.name}: {generation} CM/ECF, {state}.", {"generation": generation, "available": available})


def check_menu(ctx: Ctx, court: str) -> Outcome:
    row = ctx.court(court)
    session = access.build(ctx, row)
    if not access.is_signed_in(session):
        raise SimError(Code.NOT_SIGNED_IN, f"The learner is not signed in to {row.name} CM/ECF.")
    labels = menus.available_labels(menus.menu_bar(ctx, session))
    return Outcome(f"{row.name} menu: {' | '.join(labels)}", {"menu": labels})


def check_link(ctx: Ctx, court: str, username: str) -> Outcome:
    found = linking.link_status(ctx, court, username)
    return Outcome(f"Link of {username} at {court}: {found['status']}.", found)


def check_registration(ctx: Ctx, court: str, username: str) -> Outcome:
    found = registration.registration_status(ctx, court, _account(ctx, username))
    return Outcome(f"Registration of {username} at {court}: {found['status']}.", found)


def check_docket(ctx: Ctx, court: str, case: str) -> Outcome:
    row = ctx.court(court)
    found = cases.find(ctx, row, case)
    entries = list(ctx.db.exec(select(DocketEntry).where(DocketEntry.case_id == found.id).order_by(DocketEntry.number)))
    last = entries[-1] if entries else None
    filer = ctx.db.get(EcfAccount, last.filer_ecf_id).name if last else ""
    return Outcome(
        f"Docket of {found.number}: {len(entries)} entries.",
        # SPEC R25: filer and entered_by both name the filing user, the primary for an agent's filing;
        # the agent shows in the primary's transaction log (R19).
        {"count": len(entries), "last_text": last.text if last else "", "last_filer": filer, "last_entered_by": filer},
    )


def check_email(ctx: Ctx, to: str) -> Outcome:
    address = mail.address_of(ctx, to)
    box = mail.mailbox(ctx, address)
    last = box[-1] if box else None
    return Outcome(
        f"Mailbox {address}: {len(box)} messages.",
        {"count": len(box), "last_subject": last.subject if last else "", "last_body": last.body if last else ""},
    )


def _owner(ctx: Ctx, court_id: str, user: str) -> EcfAccount:
    account = find_pacer_any(ctx, user)
    if account is not None:
        link = access.link_of(ctx, court_id, account)
        if link is not None and link.status == "linked":
            return ctx.db.get(EcfAccount, link.ecf_account_id)
    ecf = find_ecf(ctx, court_id, user)
    if ecf is None:
        raise not_found(f"'{user}' has no CM/ECF account at {court_id}.")
    return ecf


def check_transactions(ctx: Ctx, court: str, user: str) -> Outcome:
    row = ctx.court(court)
    owner = _owner(ctx, row.id, user)
    log = list(
        ctx.db.exec(
            select(Transaction).where(Transaction.court_id == row.id, Transaction.owner_ecf_id == owner.id).order_by(Transaction.id)
        )
    )
    last = log[-1] if log else None
    return Outcome(
        f"Transaction log of {owner.name} at {row.name}: {len(log)} entries.",
        {
            "count": len(log),
            "last_text": last.description if last else "",
            "last_by": ctx.db.get(EcfAccount, last.actor_ecf_id).name if last else "",
        },
    )
