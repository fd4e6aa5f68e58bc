"""The class record store (see the package docstring). Every function opens its own short
transaction, so several processes can record into one store at once."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, LargeBinary, UniqueConstraint, delete, func, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import registry
from sqlmodel import JSON, Field, Session, SQLModel, select

from ..core import db, models, places, security

NAME_LIMIT = 40
STORE_URL_VARIABLE = "CMECF_SIM_CLASS_STORE"  # set by `serve` for its trainee processes


class ClassroomError(Exception):
    """A trainer's or trainee's request the store refuses; the message says what to do."""


class StoreModel(SQLModel, registry=registry()):
    """Base of the store's tables: a registry and metadata apart from the world's."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """A stored moment with its zone: SQLite gives it back without one; it was stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return _aware(moment).astimezone(UTC).isoformat(timespec="seconds")


def _when() -> Column:
    return Column(DateTime(timezone=True), nullable=False)


class Classroom(StoreModel, table=True):
    __tablename__ = "class_room"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    exercises: list[str] = Field(default_factory=list, sa_type=JSON)
    passcode_hash: str | None = None  # the trainer's dashboard passcode, hashed
    created: datetime = Field(default_factory=_utc_now, sa_column=_when())


class Trainee(StoreModel, table=True):
    __tablename__ = "class_trainee"
    __table_args__ = (UniqueConstraint("classroom_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    classroom_id: int = Field(foreign_key="class_room.id", index=True)
    name: str
    name_key: str  # the name folded, so "ana ruiz" rejoins "Ana Ruiz"
    joined: datetime = Field(default_factory=_utc_now, sa_column=_when())
    joins: int = 1
    hints_used: int = 0


class Step(StoreModel, table=True):
    __tablename__ = "class_step"
    id: int | None = Field(default=None, primary_key=True)
    trainee_id: int = Field(foreign_key="class_trainee.id", index=True)
    at: datetime = Field(default_factory=_utc_now, sa_column=_when())
    action: str
    ok: bool
    error_code: str = ""
    message: str = ""
    location: str = ""
    court: str = ""


class Tick(StoreModel, table=True):
    """An objective ticked in an exercise: kept once, with the moment it first ticked."""

    __tablename__ = "class_tick"
    __table_args__ = (UniqueConstraint("trainee_id", "exercise", "objective"),)
    id: int | None = Field(default=None, primary_key=True)
    trainee_id: int = Field(foreign_key="class_trainee.id", index=True)
    exercise: str
    objective: int
    text: str
    at: datetime = Field(default_factory=_utc_now, sa_column=_when())


class Template(StoreModel, table=True):
    """A class exercise's world, built once: every new trainee's world is a copy of it."""

    __tablename__ = "class_template"
    key: str = Field(primary_key=True)  # the exercise, its source's digest and the schema version
    world: bytes = Field(sa_type=LargeBinary)
    built: datetime = Field(default_factory=_utc_now, sa_column=_when())


class TraineeWorld(StoreModel, table=True):
    """A trainee's own world as it stood after their last step, and where their browser was in it."""

    __tablename__ = "class_trainee_world"
    trainee_id: int = Field(foreign_key="class_trainee.id", primary_key=True)
    exercise: str  # "" in free practice
    schema_version: int
    world: bytes = Field(sa_type=LargeBinary)
    browser_id: int
    saved: datetime = Field(default_factory=_utc_now, sa_column=_when())


COMMAND_KINDS = ("clock", "broadcast", "reset", "pause", "resume")  # what a trainer may send
TAKEN_OVER = "taken over"  # a trainee's newer tab tells their older ones to stop


class Command(StoreModel, table=True):
    """A trainer's class action; each trainee's session carries it out when it next looks (about
    once a second). `trainee_id` None: every trainee."""

    __tablename__ = "class_command"
    id: int | None = Field(default=None, primary_key=True)
    classroom_id: int = Field(foreign_key="class_room.id", index=True)
    trainee_id: int | None = Field(default=None, foreign_key="class_trainee.id")
    kind: str
    text: str = ""
    at: datetime = Field(default_factory=_utc_now, sa_column=_when())


def store_url() -> str:
    """The store `serve` handed its trainee processes, else DATABASE_URL (a PostgreSQL several
    servers share), else classroom.db in the data dir."""
    return (os.environ.get(STORE_URL_VARIABLE) or os.environ.get("DATABASE_URL")
            or f"sqlite:///{places.data_dir() / 'classroom.db'}")


def open_store(url: str | None = None) -> Engine:
    engine = db.make_engine(url or store_url())
    StoreModel.metadata.create_all(engine)
    return engine


def clean_name(raw: str) -> str:
    """A trainee's name as it may be shown to the trainer: NFKC, no control or format characters,
    spaces collapsed, at most NAME_LIMIT characters; refused when nothing is left."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise ClassroomError("Type your name (as your trainer knows you), then press Enter.")
    if len(text) > NAME_LIMIT:
        raise ClassroomError(f"That name is longer than {NAME_LIMIT} characters: use a shorter one.")
    return text


def create_class(engine: Engine, name: str, *, exercises: list[str] | None = None, passcode: str | None = None) -> Classroom:
    """The class `name`, created if new; given exercises or a passcode replace the stored ones."""
    name = name.strip()
    if not name or len(name) > NAME_LIMIT:
        raise ClassroomError(f"A class name is 1 to {NAME_LIMIT} characters, like \"Denver 2021-08\".")
    with Session(engine, expire_on_commit=False) as session:
        classroom = session.exec(select(Classroom).where(Classroom.name == name)).first()
        if classroom is None:
            classroom = Classroom(name=name)
        if exercises is not None:
            classroom.exercises = list(exercises)
        if passcode is not None:
            classroom.passcode_hash = security.hash_password(passcode)
        session.add(classroom)
        try:
            session.commit()
        except IntegrityError:  # another server created it at the same moment: that one it is
            session.rollback()
            return find_class(engine, name)
        return classroom


def find_class(engine: Engine, name: str) -> Classroom:
    with Session(engine, expire_on_commit=False) as session:
        classroom = session.exec(select(Classroom).where(Classroom.name == name.strip())).first()
    if classroom is None:
        raise ClassroomError(f"There is no class '{name}'. Start it with `cmecf-sim serve --class \"{name}\"`.")
    return classroom


def check_passcode(classroom: Classroom, passcode: str) -> bool:
    return classroom.passcode_hash is not None and security.verify_password(classroom.passcode_hash, passcode)


def join(engine: Engine, class_name: str, raw_name: str) -> tuple[Trainee, bool]:
    """The trainee `raw_name` in the class, and whether they had joined before (a second tab, a
    reload or a restarted server rejoins them rather than making a second trainee)."""
    name = clean_name(raw_name)
    classroom = find_class(engine, class_name)
    key = name.casefold()
    for _ in range(2):  # a second try when another tab joined the same name at the same moment
        with Session(engine, expire_on_commit=False) as session:
            trainee = session.exec(select(Trainee).where(Trainee.classroom_id == classroom.id,
                                                         Trainee.name_key == key)).first()
            rejoined = trainee is not None
            if rejoined:
                trainee.joins += 1
            else:
                trainee = Trainee(classroom_id=classroom.id, name=name, name_key=key)
            session.add(trainee)
            try:
                session.commit()
                return trainee, rejoined
            except IntegrityError:
                session.rollback()
    raise ClassroomError("Joining failed twice; press Enter to try again.")


def record_step(engine: Engine, trainee_id: int, *, action: str, ok: bool, error_code: str = "", message: str = "",
                location: str = "", court: str = "") -> None:
    with Session(engine) as session:
        session.add(Step(trainee_id=trainee_id, action=action, ok=ok, error_code=error_code, message=message[:500],
                         location=location, court=court or ""))
        session.commit()


def record_hint(engine: Engine, trainee_id: int) -> None:
    """One more hint, counted in the database itself so two tabs of one trainee lose none."""
    with Session(engine) as session:
        session.exec(update(Trainee).where(Trainee.id == trainee_id).values(hints_used=Trainee.hints_used + 1))
        session.commit()


def record_ticks(engine: Engine, trainee_id: int, exercise: str, objectives: list[str], ticked: list[bool]) -> None:
    """Keep each newly ticked objective once, with the moment it first ticked."""
    with Session(engine) as session:
        known = set(session.exec(select(Tick.objective).where(Tick.trainee_id == trainee_id, Tick.exercise == exercise)))
        for index, (text, done) in enumerate(zip(objectives, ticked)):
            if done and index not in known:
                session.add(Tick(trainee_id=trainee_id, exercise=exercise, objective=index, text=text))
        try:
            session.commit()
        except IntegrityError:  # the same tick from a second tab of this trainee: already kept
            session.rollback()


def template_world(engine: Engine, key: str, build) -> bytes:
    """The world every new trainee of this exercise starts from: built by `build()` (a snapshot)
    the first time, then copied. `serve` builds it before the first trainee arrives."""
    with Session(engine) as session:
        template = session.get(Template, key)
        if template is not None:
            return template.world
    data = build()
    with Session(engine) as session:
        session.add(Template(key=key, world=data))
        try:
            session.commit()
        except IntegrityError:  # another trainee's process built it at the same moment: the same world
            session.rollback()
    return data


def save_world(engine: Engine, trainee_id: int, exercise: str, data: bytes, browser_id: int) -> None:
    with Session(engine) as session:
        session.merge(TraineeWorld(trainee_id=trainee_id, exercise=exercise, schema_version=models.SCHEMA_VERSION,
                                   world=data, browser_id=browser_id, saved=_utc_now()))
        session.commit()


def saved_world(engine: Engine, trainee_id: int, exercise: str) -> TraineeWorld | None:
    """The trainee's kept world, if it is of this exercise and of this version of the simulator."""
    with Session(engine, expire_on_commit=False) as session:
        kept = session.get(TraineeWorld, trainee_id)
    if kept is None or kept.exercise != exercise or kept.schema_version != models.SCHEMA_VERSION:
        return None
    return kept


def send_command(engine: Engine, class_name: str, kind: str, text: str = "", trainee_name: str | None = None) -> Command:
    """A class action for every trainee, or for one (`trainee_name`). Resetting a trainee forgets
    their kept world at once, so it holds even if they are not connected now."""
    if kind not in COMMAND_KINDS:
        raise ClassroomError(f"There is no class action '{kind}'. Actions: {', '.join(COMMAND_KINDS)}.")
    classroom = find_class(engine, class_name)
    with Session(engine, expire_on_commit=False) as session:
        trainee_id = None
        if trainee_name is not None:
            trainee = session.exec(select(Trainee).where(Trainee.classroom_id == classroom.id,
                                                         Trainee.name_key == clean_name(trainee_name).casefold())).first()
            if trainee is None:
                raise ClassroomError(f"No trainee '{trainee_name}' has joined {classroom.name}.")
            trainee_id = trainee.id
        if kind == "reset":
            targets = [trainee_id] if trainee_id is not None else select(Trainee.id).where(
                Trainee.classroom_id == classroom.id)
            session.exec(delete(TraineeWorld).where(TraineeWorld.trainee_id.in_(targets)))
        command = Command(classroom_id=classroom.id, trainee_id=trainee_id, kind=kind, text=text[:500])
        session.add(command)
        session.commit()
    return command


def take_over(engine: Engine, classroom_id: int, trainee_id: int) -> int:
    """A trainee rejoined in a new tab: their older tabs stop (one world per trainee, never two
    drifting apart). The id of the notice, which the new tab itself skips."""
    with Session(engine, expire_on_commit=False) as session:
        notice = Command(classroom_id=classroom_id, trainee_id=trainee_id, kind=TAKEN_OVER)
        session.add(notice)
        session.commit()
        return notice.id


def commands_after(engine: Engine, classroom_id: int, trainee_id: int, after_id: int) -> list[Command]:
    """The class actions for this trainee sent after `after_id`, oldest first."""
    with Session(engine, expire_on_commit=False) as session:
        return list(session.exec(select(Command).where(
            Command.classroom_id == classroom_id, Command.id > after_id,
            (Command.trainee_id.is_(None)) | (Command.trainee_id == trainee_id)).order_by(Command.id)))


def last_command_id(engine: Engine, classroom_id: int) -> int:
    with Session(engine) as session:
        return session.exec(select(func.max(Command.id)).where(Command.classroom_id == classroom_id)).one() or 0


def is_paused(engine: Engine, classroom_id: int) -> bool:
    """Whether the trainer's last pause or resume was a pause."""
    with Session(engine) as session:
        last = session.exec(select(Command.kind).where(Command.classroom_id == classroom_id,
                                                       Command.kind.in_(("pause", "resume")))
                            .order_by(Command.id.desc())).first()
    return last == "pause"


IDLE_LIMIT = timedelta(minutes=5)  # a longer pause between two steps is not time on task


def time_on_task(moments: list[datetime]) -> timedelta:
    """The time between a trainee's steps, each gap counted up to IDLE_LIMIT (a break is not work)."""
    ordered = sorted(moments)
    return sum((min(later - earlier, IDLE_LIMIT) for earlier, later in zip(ordered, ordered[1:])), timedelta())


@dataclass
class TraineeStatus:
    """One row of the trainer's dashboard."""

    id: int
    name: str
    ticked: list[bool]  # per objective of the class's exercises, in order
    steps: int = 0
    errors: int = 0
    hints_used: int = 0
    court: str = ""
    location: str = ""
    last_error: str = ""
    last_step: datetime | None = None
    on_task: timedelta = timedelta()


@dataclass
class ClassStatus:
    name: str
    exercises: list[str]
    objectives: list[tuple[str, int, str]]  # (exercise, index, text)
    paused: bool
    trainees: list[TraineeStatus] = field(default_factory=list)
    ticks: list[datetime] = field(default_factory=list)  # every objective ticked, when: the progress chart
    started: datetime | None = None  # the first trainee's join


def class_status(engine: Engine, class_name: str, objectives_of=None) -> ClassStatus:
    """Everything the dashboard shows, read in a few queries (it is read about once a second)."""
    classroom = find_class(engine, class_name)
    objectives = [(exercise, index, text) for exercise in classroom.exercises
                  for index, text in enumerate(objectives_of(exercise) if objectives_of else [])]
    status = ClassStatus(classroom.name, list(classroom.exercises), objectives, is_paused(engine, classroom.id))
    position = {(exercise, index): place for place, (exercise, index, _) in enumerate(objectives)}
    with Session(engine) as session:
        rows = {}
        for trainee in session.exec(select(Trainee).where(Trainee.classroom_id == classroom.id).order_by(Trainee.name_key)):
            rows[trainee.id] = TraineeStatus(trainee.id, trainee.name, [False] * len(objectives),
                                             hints_used=trainee.hints_used)
            status.started = min(status.started or trainee.joined, trainee.joined)
        if not rows:
            return status
        moments: dict[int, list[datetime]] = {trainee_id: [] for trainee_id in rows}
        for step in session.exec(select(Step).where(Step.trainee_id.in_(rows)).order_by(Step.id)):
            row = rows[step.trainee_id]
            row.steps += 1
            row.court, row.location, row.last_step = step.court, step.location, _aware(step.at)
            if not step.ok:
                row.errors += 1
                row.last_error = f"{step.error_code}: {step.message}" if step.error_code else step.message
            moments[step.trainee_id].append(step.at)
        for row in rows.values():
            row.on_task = time_on_task(moments[row.id])
        for tick in session.exec(select(Tick).where(Tick.trainee_id.in_(rows)).order_by(Tick.at)):
            place = position.get((tick.exercise, tick.objective))
            if place is not None:
                rows[tick.trainee_id].ticked[place] = True
                status.ticks.append(tick.at)
    status.trainees = list(rows.values())
    return status


def trainee_steps(engine: Engine, class_name: str, trainee_id: int, limit: int = 500) -> list[Step]:
    """A trainee's last `limit` steps, oldest first: the dashboard's drill-down."""
    classroom = find_class(engine, class_name)
    with Session(engine, expire_on_commit=False) as session:
        trainee = session.get(Trainee, trainee_id)
        if trainee is None or trainee.classroom_id != classroom.id:
            raise ClassroomError(f"That trainee is not in {classroom.name}.")
        steps = session.exec(select(Step).where(Step.trainee_id == trainee_id).order_by(Step.id.desc()).limit(limit))
        return list(reversed(steps.all()))


def progress_series(moments: list[datetime], trainees: int, start: datetime, end: datetime,
                    points: int = 40) -> list[float]:
    """Objectives done per trainee from `start` (the first join) to `end` (now), in `points` equal
    slices: the dashboard's chart; its last value is the class's average progress."""
    if not trainees:
        return [0.0] * points
    start, end = _aware(start), _aware(end)
    moments = sorted(_aware(moment) for moment in moments)
    span = max(end - start, timedelta(seconds=1))
    return [sum(1 for moment in moments if moment <= start + span * point / points) / trainees
            for point in range(1, points + 1)]


REPORT_FIELDS = ["trainee", "exercise", "objective", "done", "ticked_at", "steps", "errors", "hints_used", "joined"]


def report_rows(engine: Engine, class_name: str, objectives_of=None) -> list[dict]:
    """One row per trainee per objective of the class's exercises (per trainee alone in free
    practice). `objectives_of(exercise)` gives an exercise's objective texts."""
    classroom = find_class(engine, class_name)
    objectives = [(exercise, index, text) for exercise in classroom.exercises
                  for index, text in enumerate(objectives_of(exercise) if objectives_of else [])]
    with Session(engine) as session:
        trainees = session.exec(select(Trainee).where(Trainee.classroom_id == classroom.id).order_by(Trainee.name_key)).all()
        rows = []
        for trainee in trainees:
            steps = session.exec(select(func.count()).select_from(Step).where(Step.trainee_id == trainee.id)).one()
            errors = session.exec(select(func.count()).select_from(Step).where(Step.trainee_id == trainee.id,
                                                                              Step.ok.is_(False))).one()
            ticks = {(tick.exercise, tick.objective): tick for tick in
                     session.exec(select(Tick).where(Tick.trainee_id == trainee.id))}
            base = {"trainee": trainee.name, "steps": steps, "errors": errors, "hints_used": trainee.hints_used,
                    "joined": _iso(trainee.joined)}
            if not objectives:
                rows.append({**base, "exercise": "", "objective": "", "done": "", "ticked_at": ""})
            for exercise, index, text in objectives:
                tick = ticks.get((exercise, index))
                rows.append({**base, "exercise": exercise, "objective": text, "done": tick is not None,
                             "ticked_at": _iso(tick.at) if tick else ""})
    return [{name: row[name] for name in REPORT_FIELDS} for row in rows]


def report_text(rows: list[dict], style: str) -> str:
    """The report as CSV, JSON or an aligned table (`style`: csv, json, table)."""
    if style == "json":
        return json.dumps(rows, indent=2) + "\n"
    if style == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=REPORT_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    if not rows:
        return "No trainee has joined this class yet.\n"
    widths = {name: max(len(name), *(len(str(row[name])) for row in rows)) for name in REPORT_FIELDS}
    lines = ["  ".join(name.ljust(widths[name]) for name in REPORT_FIELDS)]
    lines += ["  ".join(str(row[name]).ljust(widths[name]) for name in REPORT_FIELDS) for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"
