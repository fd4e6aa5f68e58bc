"""The world's tables. One database holds one world; datetimes are stored as UTC and read back aware.

Rules do not live here: these are rows, and the services in this package are the only writers.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 5  # 2: emails keep their sender and HTML part; 3: the whole court catalog; 4: unknown sign-ins, API tokens;
# 5: MFA secrets sealed (core/sealing.py)


def _json(default_factory):
    return Field(default_factory=default_factory, sa_column=Column(JSON, nullable=False))


class World(SQLModel, table=True):
    """The single row of settings and the simulated clock (R1)."""

    id: int = Field(default=1, primary_key=True)
    schema_version: int = SCHEMA_VERSION
    title: str = ""
    now: datetime
    seed: int = 1
    display_zone: str = "America/Chicago"
    lockout_attempts: int = 5
    lockout_minutes: int = 30
    password_rotation_days: int | None = None
    holidays_add: list[str] = _json(list)
    receipt_counter: int = 0


class Court(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    type: str  # district | bankruptcy | appellate
    time_zone: str
    nextgen_go_live: datetime | None = None
    nextgen_always: bool = False  # NextGen at every instant: the feed says it is, not since when
    link_review: str = "immediate"  # immediate | clerk
    max_pdf_mb: float = 50
    help_desk: str = ""
    login_url: str = ""
    states: list[str] = _json(list)  # the states and territories whose counties it serves
    locations: list[Any] = _json(list)  # {name, address, phone, email, hours}


class Window(SQLModel, table=True):
    """A span [start, end) when the court's CM/ECF is unavailable (R2, R3)."""

    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    start: datetime
    end: datetime
    reason: str = ""
    extends_deadlines: bool = True


class PacerAccount(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True)
    former_usernames: list[str] = _json(list)
    password_hash: str
    password_changed: datetime
    name: str
    email: str
    account_number: str = Field(index=True, unique=True)
    kind: str = "individual"  # individual | shared | firm
    type: str = "upgraded"  # legacy | upgraded
    created: date
    date_of_birth: date | None = None
    county: str = ""
    address: str = ""
    security_questions: list[Any] = _json(list)
    mfa_secret: str | None = None
    mfa_skips: int = 0
    failed_attempts: int = 0
    locked_until: datetime | None = None
    firm_id: int | None = Field(default=None, foreign_key="paceraccount.id")
    password_skips: int = 0


class UnknownSignIn(SQLModel, table=True):
    """Failed sign-ins under a name no account has, counted and locked as a real account's are (R10):
    a stranger cannot tell a real username from an unknown one by the answer or its timing."""

    realm: str = Field(primary_key=True)  # "pacer", or the court whose login page it was
    name: str = Field(primary_key=True)  # the name as typed, lowercased
    failed_attempts: int = 0
    locked_until: datetime | None = None
    password_hash: str | None = None  # never set: checking against it costs a real hash's time and fails


class ApiToken(SQLModel, table=True):
    """A NextGenCSO token the Authentication API issued: the sign-on of its own browser session, which
    a NextGen court's pages accept as the NextGenCSO cookie (R13), until cso-logout ends it."""

    token: str = Field(primary_key=True)
    browser_id: int = Field(foreign_key="browsersession.id")
    created: datetime
    ended: datetime | None = None


class BackupCode(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="paceraccount.id", index=True)
    code: str
    used: datetime | None = None


class FirmInvitation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    firm_id: int = Field(foreign_key="paceraccount.id")
    member_id: int = Field(foreign_key="paceraccount.id")
    status: str = "pending"  # pending | accepted
    created: datetime


class EcfAccount(SQLModel, table=True):
    """A court-issued CM/ECF account (R11), or the filer account a NextGen registration creates."""

    __table_args__ = (UniqueConstraint("court_id", "login"),)
    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    login: str
    password_hash: str | None = None
    name: str
    email: str = ""
    role: str = "attorney"  # attorney | trustee | filing_agent | pro_se | creditor
    secondary_emails: list[str] = _json(list)
    failed_attempts: int = 0
    locked_until: datetime | None = None


class Link(SQLModel, table=True):
    """A PACER account's claim on a CM/ECF account at one court (R16)."""

    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    pacer_account_id: int = Field(foreign_key="paceraccount.id", index=True)
    ecf_account_id: int = Field(foreign_key="ecfaccount.id", index=True)
    status: str = "pending"  # pending | linked | rejected
    requested: datetime
    decided: datetime | None = None
    reason: str = ""


class Registration(SQLModel, table=True):
    """An e-file registration made in PACER Manage My Account > Maintenance (R18)."""

    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    pacer_account_id: int = Field(foreign_key="paceraccount.id", index=True)
    role: str
    status: str = "pending"  # pending | approved | rejected
    requested: datetime
    decided: datetime | None = None
    reason: str = ""


class AgentAssignment(SQLModel, table=True):
    """A filing agent acting for a primary (attorney or trustee) at one court (R12, R19)."""

    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    agent_ecf_id: int = Field(foreign_key="ecfaccount.id")
    primary_ecf_id: int = Field(foreign_key="ecfaccount.id")
    internet_payment: bool = False


class Case(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    number: str  # canonical, with judge initials when the case has them
    office: int
    year: int
    case_type: str
    sequence: int
    judges: str = ""
    title: str


class Party(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    name: str
    role: str = ""
    attorney_ecf_id: int | None = Field(default=None, foreign_key="ecfaccount.id")


class CounselOfRecord(SQLModel, table=True):
    case_id: int = Field(foreign_key="case.id", primary_key=True)
    ecf_account_id: int = Field(foreign_key="ecfaccount.id", primary_key=True)


class DocketEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    number: int
    event: str
    text: str
    filed: datetime
    filer_ecf_id: int = Field(foreign_key="ecfaccount.id")  # the primary, for an agent's filing (R19)
    party: str = ""
    documents: list[Any] = _json(list)
    notified: list[Any] = _json(list)


class Fee(SQLModel, table=True):
    """A filing fee owed by the filer (the primary, for an agent's filing) at one court (R26)."""

    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    owner_ecf_id: int = Field(foreign_key="ecfaccount.id", index=True)
    docket_entry_id: int = Field(foreign_key="docketentry.id")
    amount_cents: int
    incurred: datetime
    paid: datetime | None = None
    receipt: str = ""


class Transaction(SQLModel, table=True):
    """A line of a filer's transaction log (Utilities > View Your Transaction Log)."""

    id: int | None = Field(default=None, primary_key=True)
    court_id: str = Field(foreign_key="court.id", index=True)
    owner_ecf_id: int = Field(foreign_key="ecfaccount.id", index=True)
    actor_ecf_id: int = Field(foreign_key="ecfaccount.id")
    at: datetime
    description: str


class Email(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(index=True)
    subject: str
    body: str  # the text/plain part
    html: str = ""  # the text/html part; without one, the text is shown as HTML too
    sender: str = ""  # the From address; PACER's when empty
    sent: datetime
    link_kind: str = ""  # "pacer_reset" | "ecf_reset": the email carries a password reset link
    link_target: int | None = None
    read: bool = False


class PasswordReset(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str  # pacer | ecf
    account_id: int
    requested: datetime
    used: datetime | None = None


class BrowserSession(SQLModel, table=True):
    """The learner's one browser (SPEC §4, Navigation): where they stand and what they are signed in to."""

    id: int | None = Field(default=None, primary_key=True)
    location: str = "home"
    court_id: str | None = None
    return_to: str | None = None
    pacer_account_id: int | None = Field(default=None, foreign_key="paceraccount.id")
    pacer_state: str = "signed_out"  # signed_out | mfa_code | mfa_prompt | update_required | signed_in
    court_logins: dict[str, int] = _json(dict)
    acting_for: dict[str, int] = _json(dict)
