"""Filing fees (R26): what a filer owes at a court, the 11:59 p.m. lock, and paying."""

from __future__ import annotations

from datetime import datetime, time

from sqlmodel import select

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


def lock_time(court: Court, fee: Fee) -> datetime:
    """11:59 p.m. court time on the day the fee was incurred."""
    day = local(fee.incurred, court.time_zone).date()
    return datetime.combine(day, LOCK_AT, tzinfo=zone(court.time_zone))


def lock(ctx: Ctx, court: Court, owner: EcfAccount) -> str | None:
    """The FEES_DUE message when unpaid fees have passed their lock time, else None."""
    overdue = [fee for fee in unpaid(ctx, court, owner) if ctx.now >= lock_time(court, fee)]
    if not overdue:
        return None
    first_day = local(overdue[0].incurred, court.time_zone).date()
    return (
        f"Filing is locked at {court.name}: {dollars(due_cents(ctx, court, owner))} in filing fees was not paid by "
        f"11:59 p.m. on {long_date(first_day)}. Pay in Utilities > Internet Payments Due; filing reopens as soon "
        "as the fees are paid."
    )


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


def pay_all(ctx: Ctx, court: Court, owner: EcfAccount) -> tuple[int, list[str]]:
    """Pay every unpaid fee of `owner` at the court. Each receipt number joins its docket entry's text;
    paying adds no docket entry."""
    paid_cents, receipts = 0, []
    for fee in unpaid(ctx, court, owner):
        receipt = _next_receipt(ctx, court)
        fee.paid = ctx.now
        fee.receipt = receipt
        ctx.db.add(fee)
        entry = ctx.db.get(DocketEntry, fee.docket_entry_id)
        entry.text = with_receipt(entry.text, owner.name, f"( Filing fee {dollars(fee.amount_cents)}, receipt number {receipt})")
        ctx.db.add(entry)
        paid_cents += fee.amount_cents
        receipts.append(receipt)
    ctx.db.flush()
    return paid_cents, receipts
