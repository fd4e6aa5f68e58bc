"""The filing flow (R22, R23), the Notice of Electronic Filing (R25) and fees at filing time (R26).

A `FilingDraft` is what the wizard collects page by page. Each `check_*` judges one page; `validate`
judges them all in the wizard's order (event, fee choice, case, filer, documents, docket text), and
`submit` files. The scenario action `file` is `submit` on a draft filled at once.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from sqlmodel import select

from . import access, catalog, cases, documents, fees, mail, nef, signon
from .access import CourtSession
from .catalog import EventSpec
from .context import Ctx, Outcome
from .errors import Code, SimError, invalid
from .models import Case, CounselOfRecord, Court, DocketEntry, EcfAccount, Party, Transaction
from .names import last_first
from .timeutil import local, short_date

PAY_CHOICES = ("now", "later")


@dataclass
class FilingDraft:
    court_id: str
    event: str = ""
    case: str = ""
    party: str = ""  # empty: the party the filer represents (else the first party)
    document: str = ""
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (document reference, description)
    modifier: str = ""
    text: str = ""
    pay: str = "later"


@dataclass
class ValidFiling:
    session: CourtSession
    primary: EcfAccount
    event: EventSpec
    case: Case
    party: str
    main: documents.Document
    attachments: list[tuple[documents.Document, str]]
    docket_text: str


# --- who may file ----------------------------------------------------------------------------------

def open_filing(ctx: Ctx, court_id: str) -> CourtSession:
    """Choosing a filing menu: the court gate, then R22's 'who may file'."""
    session = signon.court_session(ctx, court_id)
    refusal = access.filing_refusal(ctx, session)
    if refusal is not None:
        raise refusal
    return session


# --- one page at a time ----------------------------------------------------------------------------

def events_for(court: Court, menu: str = "") -> list[EventSpec]:
    found = catalog.events_for(court.type)
    return [e for e in found if not menu or menu in e.menus]


def check_event(court: Court, query: str) -> EventSpec:
    """An event by id, or by a name that matches one event."""
    query = (query or "").strip()
    available = events_for(court)
    exact = next((e for e in available if e.id == query.lower() or e.name.lower() == query.lower()), None)
    if exact is not None:
        return exact
    partial = [e for e in available if query and query.lower() in e.name.lower()]
    if len(partial) == 1:
        return partial[0]
    raise invalid(
        f"'{query}' is not a filing event at a {court.type} court. Events: {', '.join(dict.fromkeys(e.id for e in available))}."
    )


def matching_events(events: list[EventSpec], text: str) -> list[EventSpec]:
    """The events "Find an event" keeps as the filer types: every word in the category, name or id."""
    words = (text or "").lower().split()
    return [e for e in events if all(word in f"{e.category} {e.name} {e.id}".lower() for word in words)]


def fee_summary(ctx: Ctx, court_id: str, event: EventSpec) -> str:
    """The wizard's fee page (R26): the charge, and the two ways on."""
    return (
        f"Summary of current charges: {event.name}, filing fee {fees.dollars(fees.fee_for(ctx, ctx.court(court_id), event))}.\n"
        f"Pay Now pays it when you submit. Continue Filing files now; pay by {fees.pay_by(ctx, ctx.court(court_id))} "
        "in Utilities > Internet Payments Due, or filing at this court locks."
    )


def check_payment(ctx: Ctx, session: CourtSession, event: EventSpec, pay: str) -> None:
    if pay not in PAY_CHOICES:
        raise invalid(f"Choose Pay Now (pay = \"now\") or Continue Filing (pay = \"later\"), not '{pay}'.")
    if pay == "now" and event.has_fee:
        check_may_pay(ctx, session)


def check_may_pay(ctx: Ctx, session: CourtSession) -> EcfAccount:
    """Who pays: the primary, or an agent with Internet Payment permission (R19, R26)."""
    primary = access.acting_primary(ctx, session)
    if primary is None:
        raise access.filing_refusal(ctx, session) or SimError(Code.NOT_AUTHORIZED, "Choose whom you act for first.")
    if session.is_agent:
        grant = access.assignment(ctx, session.login, primary)
        if grant is None or not grant.internet_payment:
            raise SimError(
                Code.NOT_AUTHORIZED,
                f"Your filing agent permissions for {primary.name} do not include Internet Payment, so you cannot pay. "
                f"Choose Continue Filing; {primary.name} pays in Utilities > Internet Payments Due before "
                f"{fees.pay_by(ctx, session.court)}, or gives you the permission.",
            )
    return primary


def check_case(ctx: Ctx, court: Court, number: str) -> Case:
    if not (number or "").strip():
        raise invalid("Enter the case number, like 1:21-cv-01234 or the short form 21-1234.")
    return cases.find(ctx, court, number)


def parties(ctx: Ctx, case: Case) -> list[Party]:
    return list(ctx.db.exec(select(Party).where(Party.case_id == case.id).order_by(Party.id)))


def check_party(ctx: Ctx, case: Case, primary: EcfAccount, name: str) -> str:
    found = parties(ctx, case)
    if (name or "").strip():
        match = next((p for p in found if p.name.lower() == name.strip().lower()), None)
        if match is None:
            raise invalid(f"'{name}' is not a party in {case.number}. Parties: {', '.join(p.name for p in found)}.")
        return match.name
    mine = next((p for p in found if p.attorney_ecf_id == primary.id), None)
    return (mine or found[0]).name if found else case.title


def largest_limit(ctx: Ctx) -> int:
    """The largest court limit in whole MB, rounded up: `sample:large.pdf` is sized past it."""
    limits = list(ctx.db.exec(select(Court.max_pdf_mb)))
    limits += [entry.get("max_pdf_mb", 50) for entry in catalog.courts().values()]
    return math.ceil(max(limits))


def check_documents(
    ctx: Ctx, court: Court, main: str, attachments: list[tuple[str, str]]
) -> tuple[documents.Document, list[tuple[documents.Document, str]]]:
    limit = largest_limit(ctx)
    if not (main or "").strip():
        raise invalid("Attach the main document: you cannot go on without one.")
    main_doc = documents.load(main, limit, samples_only=ctx.samples_only)
    documents.check(main_doc, court.max_pdf_mb, court.name)
    attached = []
    for number, (reference, description) in enumerate(attachments, start=1):
        doc = documents.load(reference, limit, samples_only=ctx.samples_only)
        documents.check(doc, court.max_pdf_mb, court.name)
        attached.append((doc, description or f"Exhibit {number}"))
    return main_doc, attached


def check_modifier(modifier: str) -> str:
    modifier = (modifier or "").strip()
    if not modifier:
        return ""
    match = next((m for m in catalog.modifiers() if m.lower() == modifier.lower()), None)
    if match is None:
        raise invalid(f"'{modifier}' is not a docket text modifier. Modifiers: {', '.join(catalog.modifiers())}.")
    return match


def docket_text(event: EventSpec, modifier: str, text: str, party: str, attachments: list[str], filer_name: str) -> str:
    """The final docket text: event text with modifier and free text, 'filed by <party>', the
    attachments, and the filing user's name as (Last, First)."""
    body = " ".join(part for part in (modifier, event.text, (text or "").strip()) if part)
    listed = ""
    if attachments:
        listed = " (Attachments: " + ", ".join(f"# {i} {d}" for i, d in enumerate(attachments, start=1)) + ")"
    stop = "" if party.endswith(".") else "."
    return f"{body} filed by {party}{stop}{listed} ({last_first(filer_name)})"


def validate(ctx: Ctx, draft: FilingDraft) -> ValidFiling:
    session = open_filing(ctx, draft.court_id)
    court = session.court
    primary = access.acting_primary(ctx, session)
    event = check_event(court, draft.event)
    check_payment(ctx, session, event, draft.pay)
    case = check_case(ctx, court, draft.case)
    party = check_party(ctx, case, primary, draft.party)
    main, attached = check_documents(ctx, court, draft.document, draft.attachments)
    modifier = check_modifier(draft.modifier)
    text = docket_text(event, modifier, draft.text, party, [d for _, d in attached], primary.name)
    return ValidFiling(session, primary, event, case, party, main, attached, text)


# --- submit ----------------------------------------------------------------------------------------

def submit(ctx: Ctx, draft: FilingDraft) -> Outcome:
    valid = validate(ctx, draft)
    session, court, case, primary = valid.session, valid.session.court, valid.case, valid.primary
    number = len(list(ctx.db.exec(select(DocketEntry.id).where(DocketEntry.case_id == case.id)))) + 1
    docs = [(valid.main, "Main Document")] + valid.attachments
    entry = DocketEntry(
        case_id=case.id,
        number=number,
        event=valid.event.id,
        text=valid.docket_text,
        filed=ctx.now,
        filer_ecf_id=primary.id,
        party=valid.party,
        documents=[
            {"description": description, "filename": doc.filename, "stamp": _stamp(ctx, court, case, number, i, doc)}
            for i, (doc, description) in enumerate(docs)
        ],
        notified=_recipients(ctx, case),
    )
    ctx.db.add(entry)
    ctx.db.flush()
    by = "" if session.login.id == primary.id else f" by filing agent {session.login.name}"
    ctx.db.add(
        Transaction(
            court_id=court.id,
            owner_ecf_id=primary.id,
            actor_ecf_id=session.login.id,
            at=ctx.now,
            description=f"{valid.event.name} filed in {case.number} (document {number}){by}",
        )
    )
    paid_note = ""
    if valid.event.has_fee:
        fee = fees.charge(ctx, court, primary, entry, fees.fee_for(ctx, court, valid.event))
        if draft.pay == "now":
            receipt = fees.pay(ctx, court, primary, fee)
            paid_note = f" Paid {fees.dollars(fee.amount_cents)} (receipt {receipt})."
        else:
            paid_note = (
                f" Filing fee {fees.dollars(fee.amount_cents)} is due: pay it in Utilities > Internet Payments Due "
                f"before {fees.pay_by(ctx, court)}, or filing here locks."
            )
    ctx.db.refresh(entry)
    notice = nef.notice(ctx, court, case, entry, primary)
    _email_nef(ctx, court, case, valid.event, entry, notice)
    signon.move(ctx, signon.FILING_RECEIPT, court.id)
    due = fees.due_cents(ctx, court, primary)
    return Outcome(
        f"Filed: document {number} in {case.number}.{paid_note}",
        {
            "document_number": number,
            "docket_text": entry.text,
            "filer": primary.name,
            "entered_by": primary.name,
            "party": valid.party,
            "fee_due": due / 100,
            "notice": nef.plain_text(notice, emailed=False),
        },
    )


def file(
    ctx: Ctx,
    court: str,
    case: str,
    event: str,
    document: str,
    attachments: list[tuple[str, str]] | None = None,
    text: str = "",
    pay: str = "later",
    party: str = "",
    modifier: str = "",
) -> Outcome:
    return submit(
        ctx,
        FilingDraft(court, event, case, party, document, list(attachments or []), modifier, text, pay),
    )


def _stamp(ctx: Ctx, court: Court, case: Case, number: int, index: int, doc: documents.Document) -> str:
    kind = "bkecfStamp_ID" if court.type == "bankruptcy" else "dcecfStamp_ID"
    digest = hashlib.sha256(doc.data).hexdigest()
    stamp_id = 1_000_000 + int(hashlib.sha256(f"{ctx.world.seed}:{court.id}".encode()).hexdigest(), 16) % 9_000_000
    day = short_date(local(ctx.now, court.time_zone).date())
    return f"[STAMP {kind}={stamp_id} [Date={day}] [FileNumber={case.id * 1000 + number}-{index}] [{digest[:64]}]]"


def _recipients(ctx: Ctx, case: Case) -> list[dict]:
    """Counsel of record (and the attorneys of parties) with their notice addresses: the linked PACER
    account's primary email at a NextGen court, else the CM/ECF account's; then secondary addresses."""
    counsel_ids = [row.ecf_account_id for row in ctx.db.exec(select(CounselOfRecord).where(CounselOfRecord.case_id == case.id))]
    counsel_ids += [p.attorney_ecf_id for p in parties(ctx, case) if p.attorney_ecf_id]
    found = []
    for ecf_id in dict.fromkeys(counsel_ids):
        ecf = ctx.db.get(EcfAccount, ecf_id)
        pacer = access.linked_pacer(ctx, ecf)
        addresses = [pacer.email if pacer else ecf.email] + list(ecf.secondary_emails)
        found.append({"name": ecf.name, "addresses": [a for a in dict.fromkeys(addresses) if a]})
    return found


def _email_nef(ctx: Ctx, court: Court, case: Case, event: EventSpec, entry: DocketEntry, notice: nef.Notice) -> None:
    if court.type == "bankruptcy":
        subject = f"{case.number} {event.name}; {case.title}"
    else:
        subject = f"Activity in Case {case.number} {case.title} {event.name}"
    text, markup = nef.plain_text(notice), nef.html_text(notice)
    for recipient in entry.notified:
        for address in recipient["addresses"]:
            mail.send(ctx, address, subject, text, html=markup, sender=nef.sender(court))


# --- paying later ------------------------------------------------------------------------------------

def open_payments(ctx: Ctx, court_id: str) -> tuple[CourtSession, EcfAccount]:
    """Utilities > Internet Payments Due: open to a filer even while fees lock filing."""
    session = signon.court_session(ctx, court_id)
    refusal = access.account_refusal(ctx, session)
    if refusal is not None:
        raise refusal
    if session.login is None:
        raise access.filing_refusal(ctx, session)
    return session, check_may_pay(ctx, session)


def pay_fees(ctx: Ctx, court_id: str) -> Outcome:
    session, primary = open_payments(ctx, court_id)
    court = session.court
    paid, receipts = fees.pay_all(ctx, court, primary)
    if not paid:
        return Outcome(f"Nothing is due at {court.name}.", {"paid": 0.0})
    return Outcome(
        f"Paid {fees.dollars(paid)} at {court.name} (receipt {', '.join(receipts)}). Filing is open.",
        {"paid": paid / 100},
    )


def docket_report(ctx: Ctx, court_id: str, number: str) -> Outcome:
    """Query > Docket Report: the case's entries, each dated in court time."""
    court = signon.court_session(ctx, court_id).court
    case = cases.find(ctx, court, number)
    entries = ctx.db.exec(select(DocketEntry).where(DocketEntry.case_id == case.id).order_by(DocketEntry.number))
    rows = [(entry.number, local(entry.filed, court.time_zone).date(), entry.text) for entry in entries]
    return Outcome(f"{case.number} {case.title}: {len(rows)} docket entries.", {"entries": rows})


def transaction_log(ctx: Ctx, court_id: str) -> list[Transaction]:
    session = signon.court_session(ctx, court_id)
    primary = access.acting_primary(ctx, session) or session.login
    if primary is None:
        raise access.filing_refusal(ctx, session)
    return list(
        ctx.db.exec(
            select(Transaction).where(Transaction.court_id == court_id, Transaction.owner_ecf_id == primary.id).order_by(Transaction.id)
        )
    )
