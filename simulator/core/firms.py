"""Firm billing: the PACER Administrative Account (R8). It groups members' accounts and pays their
PACER access fees; it cannot search, file, or pay court fees."""

from __future__ import annotations

from sqlmodel import select

from . import mail, signon
from .accounts import register_pacer_account
from .context import Ctx, Outcome
from .credentials import find_pacer_any
from .errors import Code, SimError, invalid, not_found
from .models import FirmInvitation, PacerAccount


def register_firm_account(ctx: Ctx, username: str, password: str, name: str, email: str) -> Outcome:
    return register_pacer_account(ctx, username, password, name, email, kind="firm")


def _signed_in_firm(ctx: Ctx) -> PacerAccount:
    account = signon.manage_account(ctx)
    if account.kind != "firm":
        raise SimError(Code.NOT_AUTHORIZED, "Only a PACER Administrative Account can invite accounts to firm billing.")
    return account


def invite_to_firm(ctx: Ctx, account_number: str, last_name: str) -> Outcome:
    """PAA Maintenance: add an existing individual account by its 7-digit number and the holder's last name."""
    firm = _signed_in_firm(ctx)
    number = (account_number or "").strip()
    member = ctx.db.exec(select(PacerAccount).where(PacerAccount.account_number == number)).first()
    if member is None or member.name.split()[-1].lower() != (last_name or "").strip().lower():
        raise not_found(f"No PACER account matches account number '{number}' and last name '{last_name}'.")
    if member.kind == "firm":
        raise invalid("A PACER Administrative Account cannot join another one.")
    if member.firm_id == firm.id:
        raise invalid(f"{member.name}'s account is already billed to {firm.name}.")
    ctx.db.add(FirmInvitation(firm_id=firm.id, member_id=member.id, created=ctx.now))
    mail.send(
        ctx, member.email, f"{firm.name} invites you to firm billing",
        f"{firm.name} (PACER Administrative Account {firm.account_number}) invites your PACER account {member.account_number} "
        "to its firm billing. Accept it in Manage My Account. A user cannot be added without accepting.",
    )
    return Outcome(f"Invitation sent to {member.name} ({member.account_number}). Their account joins when they accept it.")


def accept_firm_invitation(ctx: Ctx, firm: str) -> Outcome:
    member = signon.manage_account(ctx)
    firm_account = find_pacer_any(ctx, firm) or ctx.db.exec(
        select(PacerAccount).where(PacerAccount.account_number == (firm or "").strip())
    ).first()
    invitation = None
    if firm_account is not None:
        invitation = ctx.db.exec(
            select(FirmInvitation).where(
                FirmInvitation.firm_id == firm_account.id,
                FirmInvitation.member_id == member.id,
                FirmInvitation.status == "pending",
            )
        ).first()
    if invitation is None:
        raise not_found(f"There is no firm billing invitation from '{firm}' for your account.")
    invitation.status = "accepted"
    member.firm_id = firm_account.id
    ctx.db.add(invitation)
    ctx.db.add(member)
    for address in (member.email, firm_account.email):
        mail.send(ctx, address, "Firm billing: account added",
                  f"PACER account {member.account_number} ({member.name}) is now billed to {firm_account.name}.")
    return Outcome(
        f"Your PACER access fees are now billed to {firm_account.name}. Filing fees are still paid from your own account."
    )


def firm_of(ctx: Ctx, account: PacerAccount) -> PacerAccount | None:
    return ctx.db.get(PacerAccount, account.firm_id) if account.firm_id else None
