"""New e-filer registration at a NextGen court, made in PACER Manage My Account > Maintenance (R18)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

from . import access, courts, mail, signon
from .context import Ctx, Outcome
from .credentials import find_ecf
from .errors import Code, SimError, invalid
from .models import Court, EcfAccount, Link, PacerAccount, Registration

ROLES = {
    "attorney": "Attorney Admissions / E-File Registration",
    "filing_agent": "Non-Attorney E-File Registration (filing agent)",
    "trustee": "Non-Attorney E-File Registration (trustee)",
    "creditor": "Non-Attorney E-File Registration (creditor)",
    "pro_se": "Non-Attorney E-File Registration (pro se filer)",
}


def request_registration(ctx: Ctx, court_id: str, role: str) -> Outcome:
    pacer = signon.manage_account(ctx)
    court = ctx.court(court_id)
    if not courts.is_nextgen(court, ctx.now):
        raise SimError(
            Code.NOT_NEXTGEN,
            f"{court.name} is not on NextGen CM/ECF yet: register for e-filing with the court itself, which will "
            "issue you a CM/ECF login.",
        )
    refusal = access.account_refusal(ctx, access.CourtSession(court, True, pacer, None, None))
    if refusal is not None:
        raise refusal
    if role not in ROLES:  # the form's own check, once the account may register at all
        raise invalid(f"'{role}' is not a registration role. Choose one of: {', '.join(ROLES)}.")
    if access.pending_registration(ctx, court.id, pacer) is not None:
        raise SimError(
            Code.REGISTRATION_PENDING,
            f"You already have a registration waiting for {court.name}'s approval. You will get an email when it is processed.",
        )
    link = access.link_of(ctx, court.id, pacer)
    if link is not None:
        raise SimError(
            Code.ALREADY_LINKED,
            f"You already file at {court.name} with this PACER account; there is nothing to register.",
        )
    existing = _existing_filer(ctx, court, pacer)
    if existing is not None:
        raise SimError(
            Code.NOT_LINKED,
            f"You already have a CM/ECF account at {court.name} (login '{existing.login}'). Do not register again (a "
            "new registration would be rejected): link it instead with Utilities > Link a CM/ECF account to my PACER "
            "account, using that login and its password.",
        )
    ctx.db.add(Registration(court_id=court.id, pacer_account_id=pacer.id, role=role, requested=ctx.now))
    ctx.db.flush()
    return Outcome(
        f"Your {ROLES[role]} request has gone to {court.name} for processing. You will get an email when the court "
        "approves it; until then you cannot file there.",
        {"status": "pending"},
    )


def _existing_filer(ctx: Ctx, court: Court, pacer: PacerAccount) -> EcfAccount | None:
    """A court-issued account at this court that is evidently the same person and is not linked yet."""
    candidates = ctx.db.exec(
        select(EcfAccount).where(
            EcfAccount.court_id == court.id,
            (func.lower(EcfAccount.name) == pacer.name.lower()) | (func.lower(EcfAccount.email) == pacer.email.lower()),
        )
    ).all()
    return next((ecf for ecf in candidates if ecf.password_hash and access.live_link_of_ecf(ctx, ecf) is None), None)


def approve(ctx: Ctx, court: Court, pacer: PacerAccount, reg: Registration) -> None:
    """The court approves: it creates the filer's CM/ECF account, already linked to the PACER account."""
    login = pacer.username
    suffix = 1
    while find_ecf(ctx, court.id, login) is not None:
        suffix += 1
        login = f"{pacer.username}{suffix}"
    ecf = EcfAccount(court_id=court.id, login=login, name=pacer.name, email=pacer.email, role=reg.role)
    ctx.db.add(ecf)
    ctx.db.flush()
    ctx.db.add(Link(court_id=court.id, pacer_account_id=pacer.id, ecf_account_id=ecf.id, status="linked",
                    requested=reg.requested, decided=ctx.now))
    reg.status, reg.decided = "approved", ctx.now
    ctx.db.add(reg)
    mail.send(
        ctx,
        pacer.email,
        f"{court.name}: e-file registration approved",
        f"{court.name} has approved your {ROLES[reg.role]} for PACER account '{pacer.username}'. Sign in to the "
        "court's CM/ECF with your PACER username and password to file.\n\n" + mail.NO_REPLY,
    )


def reject(ctx: Ctx, court: Court, pacer: PacerAccount, reg: Registration, reason: str) -> None:
    reg.status, reg.decided, reg.reason = "rejected", ctx.now, reason
    ctx.db.add(reg)
    mail.send(
        ctx,
        pacer.email,
        f"{court.name}: e-file registration not approved",
        f"{court.name} did not approve your {ROLES[reg.role]} for PACER account '{pacer.username}'.\n\nReason: {reason}\n\n"
        "Contact the clerk's office before registering again.\n\n" + mail.NO_REPLY,
    )


def registration_status(ctx: Ctx, court_id: str, pacer: PacerAccount) -> dict:
    court = ctx.court(court_id)
    latest = ctx.db.exec(
        select(Registration)
        .where(Registration.court_id == court.id, Registration.pacer_account_id == pacer.id)
        .order_by(Registration.id.desc())
    ).first()
    if latest is None:
        return {"status": "none", "role": ""}
    return {"status": latest.status, "role": latest.role}
