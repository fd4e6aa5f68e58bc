"""The mail a world sent, delivered into a Maildir, which mutt, Thunderbird or any mail tool opens.

Each message is the MIME message the sender would have sent (`mail.mime`). Delivery skips what a
Maildir already holds (by Message-ID), so delivering again after more steps adds only the new mail."""

from __future__ import annotations

import mailbox
from pathlib import Path

from sqlmodel import Session, select

from . import mail
from .models import Email


def delivered_ids(directory: Path) -> set[str]:
    """The Message-IDs a Maildir already holds (none when it does not exist yet)."""
    if not (directory / "cur").is_dir():
        return set()
    return {message["Message-ID"] for message in mailbox.Maildir(directory, create=False)}


def deliver(engine, directory: Path, known: set[str] | None = None) -> set[str]:
    """Put every message of the world in `engine` not yet in the Maildir there (into new/); the
    Message-IDs it holds afterwards. `known`: those already delivered, when the caller keeps them."""
    known = set(delivered_ids(directory) if known is None else known)
    box = mailbox.Maildir(directory, create=True)
    with Session(engine) as session:
        for email in session.exec(select(Email).order_by(Email.id)):
            message = mail.mime(email)
            if message["Message-ID"] not in known:
                box.add(mailbox.MaildirMessage(message))
                known.add(message["Message-ID"])
    return known
