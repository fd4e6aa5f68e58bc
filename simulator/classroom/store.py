"""The class record store (see the package docstring). Every function opens its own short
transaction, so several processes can record into one store at once."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, UniqueConstraint, func, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import registry
from sqlmodel import JSON, Field, Session, SQLModel, select

from ..core import db, security

NAME_LIMIT = 40


class ClassroomError(Exception):
    """A trainer's or trainee's request the store refuses; the message says what to do."""


class StoreModel(SQLModel, registry=registry()):
    """Base of the store's tables: a registry and metadata apart from the world's."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    """A stored moment in UTC (SQLite gives it back without its zone; it was stored as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


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


def store_url() -> str:
    """DATABASE_URL when set (a PostgreSQL several servers share), else classroom.db in the data dir."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{db.data_dir() / 'classroom.db'}"


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
