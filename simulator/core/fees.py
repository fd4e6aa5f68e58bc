"""Filing fees (R26): what a filer owes at a court, the 11:59 p.m. lock, and paying."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlmodel import select

from .catalog import EventSpec
from .context import Ctx
from .models import Court, DocketEntry, EcfAccount, Fee
from .names import last_first
from .timeutil import local, long_date, zone

LOCK_AT = time(23, 59)


def dollars(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def unpaid(ctx: Ctx, court: Court, owner: EcfAccount) -> list[Fee]:
    return list(
        ctx.db.exec(
            select(Fee).where(Fee.court_id == court.id, Fee.owner_ecf_id == owner.id, Fee.paid.is_(None)).order_by(Fee.id)
        )
    )


def due_cents(ctx: Ctx, court: Court, owner: EcfAccount) -> int:
    return sum(fee.amount_cents for fee in unpaid(ctx, court, owner))


def next_lock(court: Court, moment: datetime) -> datetime:
    """The first 11:59 p.m. court time after `moment`: a fee incurred at 11:59:30 p.m. has until the
    next night, since it was not unpaid at that day's 11:59."""
    day = local(moment, court.time_zone).date()
    lock_at = datetime.combine(day, LOCK_AT, tzinfo=zone(court.time_zone))
    return lock_at if lock_at > moment else lock_at + timedelta(days=1)


def lock_time(court: Court, fee: Fee) -> datetime:
    return next_lock(court, fee.incurred)


def pay_by(ctx: Ctx, court: Court) -> str:
    """When a fee incurred now must be paid, in words: '11:59 p.m. today' or '11:59 p.m. on <date>'."""
    lock_at = next_lock(court, ctx.now)
    if lock_at.date() == local(ctx.now, court.time_zone).date():
        return "11:59 p.m. today"
    return f"11:59 p.m. on {long_date(lock_at.date())}"


def lock(ctx: Ctx, court: Court, owner: EcfAccount) -> str | None:
    """The FEES_DUE message when unpaid fees have passed their lock time, else None."""
    overdue = [fee for fee in unpaid(ctx, court, owner) if ctx.now >= lock_time(court, fee)]
    if not overdue:
        return None
    first_lock = lock_time(court, overdue[0])
    return (
        f"Filing is locked at {court.name}: {dollars(due_cents(ctx, court, owner))} in filing fees was not paid by "
        f"11:59 p.m. on {long_date(first_lock.date())}. Pay in Utilities > Internet Payments Due; filing reopens as soon "
        "as the fees are paid."
    )


def fee_for(ctx: Ctx, court: Court, event: EventSpec) -> int:
    """The event's fee in cents on the world's date at the court (fees change by the Judicial
    Conference's schedule: a 2021 world charges 2021's fees)."""
    return event.fee_cents(local(ctx.now, court.time_zone).date())


def charge(ctx: Ctx, court: Court, owner: EcfAccount, entry: DocketEntry, amount_cents: int) -> Fee:
    fee = Fee(court_id=court.id, owner_ecf_id=owner.id, docket_entry_id=entry.id, amount_cents=amount_cents, incurred=ctx.now)
    ctx.db.add(fee)
    ctx.db.flush()
    return fee


def _next_receipt(ctx: Ctx, court: Court) -> str:
    world = ctx.world
    world.receipt_counter += 1
    ctx.db.add(world)
    return f"A{court.id.upper()}C-{1_000_000 + world.receipt_counter:07d}"


def with_receipt(text: str, filer_name: str, receipt_note: str) -> str:
    """The receipt joins the fee entry's text just before the closing (Last, First)."""
    suffix = f" ({last_first(filer_name)})"
    if text.endswith(suffix):
        return f"{text[: -len(suffix)]} {receipt_note}{suffix}"
    return f"{text} {receipt_note}"


def pay(ctx: Ctx, court: Court, owner: EcfAccount, fee: Fee) -> str:
    """Pay one fee: its receipt number joins its docket entry's text; paying adds no docket entry."""
    receipt = _next_receipt(ctx, court)
    fee.paid = ctx.now
    fee.receipt = receipt
    ctx.db.add(fee)
    entry = ctx.db.get(DocketEntry, fee.docket_entry_id)
    entry.text = with_receipt(entry.text, owner.name, f"( Filing fee {dollars(fee.amount_cents)}, receipt number {receipt})")
    ctx.db.add(entry)
    ctx.db.flush()
    return receipt


def pay_all(ctx: Ctx, court: Court, owner: EcfAccount) -> tuple[int, list[str]]:
    """Internet Payments Due: every unpaid fee of `owner` at the court."""
    owed = unpaid(ctx, court, owner)
    return sum(fee.amount_cents for fee in owed), [pay(ctx, court, owner, fee) for fee in owed]
