"""The world loader and the simulated clock (R1).

`load_world` turns a scenario's world tables (or the default practice world, written in the same
tables) into rows. Every face loads worlds through it. A world is loaded as given: no password
policy, no approvals. References between tables are checked here and reported as `WorldError`
naming the table entry and the problem.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from . import catalog, courts, mfa
from .cases import parse as parse_case_number
from .accounts import LEGACY_BEFORE
from .context import Ctx, Outcome
from .credentials import new_account_number
from .db import create_schema, drop_schema, make_engine
from .errors import invalid
from .models import (
    AgentAssignment,
    Case,
    CounselOfRecord,
    Court,
    EcfAccount,
    Link,
    PacerAccount,
    Party,
    Window,
    World,
)
from .security import hash_password
from .signon import display_zone
from .timeutil import local, parse_duration, zone

ROLES = ("attorney", "trustee", "filing_agent", "pro_se", "creditor")
MAINTENANCE = re.compile(r"maintenance", re.IGNORECASE)


class WorldError(ValueError):
    """A world table that cannot be loaded: `where` names the entry (e.g. "[[ecf_account]] 2")."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def court_datetime(value: Any, time_zone: str, where: str, field: str) -> datetime:
    """A catalog datetime: with an offset it is an instant; without one it is court time."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone(time_zone))
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time(), tzinfo=zone(time_zone))
    raise WorldError(where, f"{field} must be a datetime, like 2021-08-02T00:01:00-06:00")


def merged_courts(overrides: list[dict] | None) -> list[dict]:
    """The whole catalog, or only the courts the scenario names, each catalog entry overridden by the
    scenario's fields; a court outside the catalog must give every required field."""
    known = catalog.courts()
    if not overrides:
        return [dict(entry) for entry in known.values()]
    result = []
    for index, entry in enumerate(overrides, start=1):
        court_id = entry.get("id")
        if any(earlier["id"] == court_id for earlier in result):
            raise WorldError(f"[[court]] {index} ({court_id})", "another [[court]] has this id")
        base = dict(known.get(court_id, {}))
        if "nextgen_go_live" in entry and "nextgen_always" not in entry:
            base.pop("nextgen_always", None)  # the scenario dates this court's go-live itself
        base.update(entry)
        missing = [f for f in catalog.REQUIRED_COURT_FIELDS if f not in base]
        if missing:
            raise WorldError(
                f"[[court]] {index} ({court_id})",
                f"'{court_id}' is not in the catalog, so it must give {', '.join(missing)}",
            )
        result.append(base)
    return result


def _pdf_limit(entry: dict, where: str) -> float:
    limit = entry.get("max_pdf_mb", 50)
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or limit <= 0:
        raise WorldError(where, "max_pdf_mb must be a number of megabytes above 0, like 50")
    return limit


def _window_extends(window: dict) -> bool:
    """Outages and go-live windows extend deadlines; routine maintenance does not (SPEC R4). A window
    that does not say is judged by its reason."""
    if "extends_deadlines" in window:
        return bool(window["extends_deadlines"])
    return not MAINTENANCE.search(window.get("reason", ""))


def load_world(engine: Engine, spec: dict, *, fresh: bool = True) -> None:
    """Replace the database's contents with the world `spec` describes, in one transaction: a reset
    that is interrupted, or a world that does not load, leaves the old world as it was (`fresh=False`:
    the database is new and empty, so there is nothing to drop)."""
    with engine.begin() as connection:
        if fresh:
            drop_schema(connection)
        create_schema(connection)
        with Session(bind=connection) as db:
            _load(db, spec)
            db.flush()


def private_world(spec: dict) -> Engine:
    """A new in-memory database holding the world `spec` describes: a scenario run's, an exercise's."""
    engine = make_engine("sqlite://")
    load_world(engine, spec, fresh=False)
    return engine


def _check_settings(settings: dict) -> None:
    for key in ("lockout_attempts", "lockout_minutes", "password_rotation_days"):
        if key in settings and settings[key] < 1:
            raise WorldError("[settings]", f"{key} must be at least 1")
    if "display_zone" in settings:
        try:
            zone(settings["display_zone"])
        except (ValueError, KeyError):
            raise WorldError("[settings]", f"display_zone '{settings['display_zone']}' is not a time zone "
                                           "(use names like America/Chicago)") from None


def _load(db: Session, spec: dict) -> None:
    settings = spec.get("settings", {})
    _check_settings(settings)
    start: datetime = spec["start"]
    world = World(
        title=spec.get("title", ""),
        now=start,
        seed=int(settings.get("seed", 1)),
        display_zone=settings.get("display_zone", "America/Chicago"),
        lockout_attempts=int(settings.get("lockout_attempts", 5)),
        lockout_minutes=int(settings.get("lockout_minutes", 30)),
        password_rotation_days=settings.get("password_rotation_days"),
        holidays_add=[d.isoformat() for d in settings.get("holidays_add", [])],
    )
    db.add(world)
    db.flush()
    ctx = Ctx(db, None)

    court_ids = set()
    for index, entry in enumerate(merged_courts(spec.get("courts")), start=1):
        where = f"[[court]] {index} ({entry['id']})"
        if entry["type"] not in catalog.COURT_TYPES:
            raise WorldError(where, f"type must be one of {', '.join(catalog.COURT_TYPES)}")
        review = entry.get("link_review", "immediate")
        if review not in catalog.LINK_REVIEWS:
            raise WorldError(where, f"link_review must be one of {', '.join(catalog.LINK_REVIEWS)}")
        try:
            zone(entry["time_zone"])
        except Exception:
            raise WorldError(where, f"'{entry['time_zone']}' is not a time zone (use names like America/Denver)") from None
        go_live = entry.get("nextgen_go_live")
        db.add(
            Court(
                id=entry["id"],
                name=entry["name"],
                type=entry["type"],
                time_zone=entry["time_zone"],
                nextgen_go_live=court_datetime(go_live, entry["time_zone"], where, "nextgen_go_live") if go_live else None,
                nextgen_always=bool(entry.get("nextgen_always", False)),
                link_review=review,
                max_pdf_mb=_pdf_limit(entry, where),
                help_desk=entry.get("help_desk", ""),
                login_url=entry.get("login_url") or f"https://ecf.{entry['id']}.uscourts.gov",
                states=list(entry.get("states", [])),
                locations=list(entry.get("locations", [])),
            )
        )
        for number, window in enumerate(entry.get("windows", []), start=1):
            w_where = f"{where} window {number}"
            begin = court_datetime(window.get("start"), entry["time_zone"], w_where, "start")
            end = court_datetime(window.get("end"), entry["time_zone"], w_where, "end")
            if end <= begin:
                raise WorldError(w_where, "its end must come after its start")
            db.add(
                Window(court_id=entry["id"], start=begin, end=end, reason=window.get("reason", ""),
                       extends_deadlines=_window_extends(window))
            )
        court_ids.add(entry["id"])
    db.flush()

    pacer_by_name: dict[str, PacerAccount] = {}
    for index, entry in enumerate(spec.get("pacer_accounts", []), start=1):
        where = f"[[pacer_account]] {index} ({entry['username']})"
        if entry["username"].lower() in pacer_by_name:
            raise WorldError(where, "another [[pacer_account]] has this username")
        if entry.get("account_number") in {account.account_number for account in pacer_by_name.values()}:
            raise WorldError(where, "another [[pacer_account]] has this account_number")
        created = entry.get("created", local(start, world.display_zone).date())
        account_type = entry.get("type") or ("legacy" if created < LEGACY_BEFORE else "upgraded")
        account = PacerAccount(
            username=entry["username"],
            password_hash=hash_password(entry["password"]),
            password_changed=start,
            name=entry["name"],
            email=entry.get("email") or f"{entry['username'].lower()}@example.com",
            account_number=entry.get("account_number") or new_account_number(ctx, entry["username"]),
            kind=entry.get("kind", "individual"),
            type=account_type,
            created=created,
        )
        db.add(account)
        db.flush()
        if entry.get("mfa_secret"):
            codes = entry.get("mfa_backup_codes") or mfa.new_backup_codes(ctx, account)
            mfa.install(ctx, account, entry["mfa_secret"], codes)
        pacer_by_name[entry["username"].lower()] = account
    for index, entry in enumerate(spec.get("pacer_accounts", []), start=1):
        if entry.get("firm"):
            firm = pacer_by_name.get(entry["firm"].lower())
            if firm is None or firm.kind != "firm":
                raise WorldError(f"[[pacer_account]] {index} ({entry['username']})",
                                 f"firm '{entry['firm']}' is not a [[pacer_account]] with kind = \"firm\"")
            pacer_by_name[entry["username"].lower()].firm_id = firm.id

    ecf_by_key: dict[tuple[str, str], EcfAccount] = {}
    linked_pairs: set[tuple[str, int]] = set()
    for index, entry in enumerate(spec.get("ecf_accounts", []), start=1):
        where = f"[[ecf_account]] {index} ({entry['court']}/{entry['login']})"
        if entry["court"] not in court_ids:
            raise WorldError(where, f"court '{entry['court']}' is not in this world")
        if entry["role"] not in ROLES:
            raise WorldError(where, f"role must be one of {', '.join(ROLES)}")
        key = (entry["court"], entry["login"].lower())
        if key in ecf_by_key:
            raise WorldError(where, "another [[ecf_account]] at this court has this login")
        linked_to = entry.get("linked_to")
        if not entry.get("password") and not linked_to:
            raise WorldError(where, "give a password, or linked_to (a PACER username) for an already linked account")
        pacer = None
        if linked_to:
            pacer = pacer_by_name.get(linked_to.lower())
            if pacer is None:
                raise WorldError(where, f"linked_to '{linked_to}' is not a [[pacer_account]] username")
            if (entry["court"], pacer.id) in linked_pairs:
                raise WorldError(where, f"'{linked_to}' is already linked to another CM/ECF account at {entry['court']}")
            linked_pairs.add((entry["court"], pacer.id))
        ecf = EcfAccount(
            court_id=entry["court"],
            login=entry["login"],
            password_hash=hash_password(entry["password"]) if entry.get("password") else None,
            name=entry["name"],
            email=entry.get("email") or (pacer.email if pacer else f"{entry['login'].lower()}@example.com"),
            role=entry["role"],
            secondary_emails=list(entry.get("secondary_emails", [])),
        )
        db.add(ecf)
        db.flush()
        if pacer is not None:
            db.add(Link(court_id=entry["court"], pacer_account_id=pacer.id, ecf_account_id=ecf.id, status="linked",
                        requested=start, decided=start))
        ecf_by_key[key] = ecf
    for index, entry in enumerate(spec.get("ecf_accounts", []), start=1):
        where = f"[[ecf_account]] {index} ({entry['court']}/{entry['login']})"
        primaries = entry.get("agent_for", [])
        if primaries and entry["role"] != "filing_agent":
            raise WorldError(where, "agent_for is for accounts with role = \"filing_agent\"")
        for login in primaries:
            primary = ecf_by_key.get((entry["court"], login.lower()))
            if primary is None:
                raise WorldError(where, f"agent_for '{login}' is not an [[ecf_account]] login at {entry['court']}")
            if primary.role not in ("attorney", "trustee"):
                raise WorldError(where, f"agent_for '{login}' is a {primary.role}; agents act for attorneys and trustees")
            db.add(AgentAssignment(court_id=entry["court"], agent_ecf_id=ecf_by_key[(entry["court"], entry["login"].lower())].id,
                                   primary_ecf_id=primary.id, internet_payment=bool(entry.get("internet_payment", False))))

    for index, entry in enumerate(spec.get("cases", []), start=1):
        where = f"[[case]] {index} ({entry['number']})"
        court = db.get(Court, entry["court"])
        if court is None:
            raise WorldError(where, f"court '{entry['court']}' is not in this world")
        try:
            number = parse_case_number(entry["number"], court)
        except Exception as error:
            raise WorldError(where, getattr(error, "message", str(error))) from None
        if not number.is_full:
            raise WorldError(where, "give the full case number, like 1:21-cv-01234 (office, year, type and number)")
        case = Case(court_id=court.id, number=number.canonical(), office=number.office, year=number.year,
                    case_type=number.case_type, sequence=number.sequence, judges=number.judges, title=entry["title"])
        db.add(case)
        db.flush()
        counsel = []
        for login in entry.get("attorneys", []):
            ecf = ecf_by_key.get((court.id, login.lower()))
            if ecf is None:
                raise WorldError(where, f"attorney '{login}' is not an [[ecf_account]] login at {court.id}")
            counsel.append(ecf)
            db.add(CounselOfRecord(case_id=case.id, ecf_account_id=ecf.id))
        for party in _parties(entry, counsel, ecf_by_key, court.id, where):
            party.case_id = case.id
            db.add(party)
    db.flush()


def _parties(entry: dict, counsel: list[EcfAccount], ecf_by_key, court_id: str, where: str) -> list[Party]:
    """The case's parties; without a list, each side of the title, the first represented by counsel."""
    given = entry.get("parties")
    if given:
        parties = []
        for item in given:
            attorney = None
            if item.get("attorney"):
                attorney = ecf_by_key.get((court_id, item["attorney"].lower()))
                if attorney is None:
                    raise WorldError(where, f"party attorney '{item['attorney']}' is not an [[ecf_account]] login at {court_id}")
            parties.append(Party(name=item["name"], role=item.get("role", ""), attorney_ecf_id=attorney.id if attorney else None))
        return parties
    title = entry["title"]
    sides = re.split(r"\s+v(?:s)?\.?\s+", title, maxsplit=1)
    if len(sides) == 2:
        first_attorney = counsel[0].id if counsel else None
        return [
            Party(name=sides[0].strip(), role="plaintiff", attorney_ecf_id=first_attorney),
            Party(name=sides[1].strip().rstrip("."), role="defendant"),
        ]
    name = re.sub(r"^in re:?\s+", "", title, flags=re.IGNORECASE).strip()
    return [Party(name=name, role="debtor", attorney_ecf_id=counsel[0].id if counsel else None)]


# --- the clock (R1) ---------------------------------------------------------------------------------

def advance_clock(ctx: Ctx, by: str | None = None, to: datetime | None = None) -> Outcome:
    """Move the simulated clock forward, never back (a scenario's clock only moves forward)."""
    if (by is None) == (to is None):
        raise invalid("Give either by (a duration like \"2h\") or to (a date and time with an offset).")
    target = ctx.now + parse_duration(by) if by is not None else to
    if target.tzinfo is None:
        raise invalid("Give the time with a UTC offset, like 2021-08-02T09:00:00-06:00.")
    if target < ctx.now:
        raise invalid(f"The clock only moves forward: {target.isoformat()} is before now ({ctx.now.isoformat()}).")
    return set_clock(ctx, target)


NEXT_GO_LIVE = "next go-live"  # a clock move to the first NextGen go-live after now


def advance_to_next_go_live(ctx: Ctx) -> Outcome:
    """The time machine's jump (F7, a trainer's class-wide move): to the first go-live after now."""
    found = courts.next_go_live(ctx)
    if found is None:
        return Outcome("No court has a NextGen go-live after now.")
    court, moment = found
    outcome = advance_clock(ctx, to=moment)
    outcome.message = f"{court.name} goes live on NextGen now. " + outcome.message
    return outcome


def move_class_clock(ctx: Ctx, target: str) -> Outcome:
    """A trainer's clock move in one trainee's world: NEXT_GO_LIVE, a duration or an ISO moment. A
    world already past the moment stays as it is, and that is not the trainee's error."""
    if target == NEXT_GO_LIVE:
        outcome = advance_to_next_go_live(ctx)
    else:
        try:
            moment = datetime.fromisoformat(target)
        except ValueError:
            moment = ctx.now + parse_duration(target)
        if moment < ctx.now:
            return Outcome(f"Your trainer moved the class's clock to {moment.isoformat()}; your world is already "
                           "past it.")
        outcome = set_clock(ctx, moment)
    outcome.message = "Your trainer moved the clock. " + outcome.message
    return outcome


def set_clock(ctx: Ctx, moment: datetime) -> Outcome:
    world = ctx.world
    world.now = moment
    ctx.db.add(world)
    here = local(moment, display_zone(ctx))
    return Outcome(f"The time is now {here:%A, %B} {here.day}, {here.year}, {here:%H:%M} {here.tzname()}.", {"now": here})
