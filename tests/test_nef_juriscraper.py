"""Notices of Electronic Filing judged by an outside parser built for the real ones: juriscraper's
(PyPI), which reads court notices for RECAP. Every NEF every bundled scenario sends is written as
the MIME message a court sends; juriscraper must read each fully, from the text part (what it reads
first in the message) and from the HTML part, and every field must be the world's own record."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest
from juriscraper.lib.string_utils import harmonize
from juriscraper.pacer.email import NotificationEmail, S3NotificationEmail
from sqlmodel import select

from simulator.core import mail, nef
from simulator.core.models import Case, Court, DocketEntry, Email, Fee
from simulator.core.timeutil import local
from simulator.scenario.core_driver import CoreDriver
from simulator.scenario.loader import load
from simulator.tui.play import bundled_exercises

logging.getLogger("juriscraper").setLevel(logging.CRITICAL)  # it logs courts it has no tests for


RECEIPT_NOTE = re.compile(r" \( Filing fee \$[\d.,]+, receipt number [A-Z0-9-]+\)")  # added when paid


def sent_notices():
    """(scenario, email, its docket entry, case, court, document link, date filed, docket text as it
    was when the notice went out: paying later adds the receipt to the docket text) for every NEF of
    every bundled scenario."""
    found = []
    for scenario in bundled_exercises():
        driver = CoreDriver(load(scenario.path))
        for step in driver.scenario.steps:
            driver.do(step)
        with driver.simulation.ctx() as ctx:
            for entry in ctx.db.exec(select(DocketEntry)):
                case = ctx.db.get(Case, entry.case_id)
                court = ctx.db.get(Court, case.court_id)
                link = nef.document_link(ctx, court, case, entry)
                fee = ctx.db.exec(select(Fee).where(Fee.docket_entry_id == entry.id)).first()
                for email in ctx.db.exec(select(Email).where(Email.subject.contains(case.number))):
                    if f"Document Number: {entry.number}\n" in email.body:
                        paid_later = fee is not None and fee.paid is not None and fee.paid > email.sent
                        text = RECEIPT_NOTE.sub("", entry.text) if paid_later else entry.text
                        found.append((scenario.path.stem, email, entry, case, court, link,
                                      local(entry.filed, court.time_zone).date(), text))
    return found


NOTICES = sent_notices()


def test_the_bundled_scenarios_send_notices():
    assert len(NOTICES) >= 10 and len({n[0] for n in NOTICES}) >= 3


def expected_entry(entry: DocketEntry, link: nef.DocumentLink, filed: date, text: str) -> dict:
    return {"document_number": str(entry.number), "date_filed": filed, "description": " ".join(text.replace("# ", "").split()),  # the parser drops the "#" of "# 1 Exhibit"
            "pacer_case_id": link.case_id, "pacer_doc_id": link.doc_id, "pacer_magic_num": link.magic,
            "pacer_seq_no": link.seq, "document_url": link.url}


def check(parsed: dict, entry: DocketEntry, case: Case, court: Court, link, filed: date, text: str) -> None:
    assert parsed["court_id"] == court.id
    [docket] = parsed["dockets"]
    docket_number = case.number.rsplit("-", 1)[0] if case.judges else case.number
    assert docket["docket_number"] == docket_number
    assert docket["case_name"] == harmonize(case.title)
    [parsed_entry] = docket["docket_entries"]
    expected = expected_entry(entry, link, filed, text)
    assert {key: parsed_entry[key] for key in expected} == expected
    recipients = [{"name": r["name"], "email_addresses": r["addresses"]} for r in entry.notified]
    assert parsed["email_recipients"] == recipients
    assert parsed["contains_attachments"] == (len(entry.documents) > 1)


@pytest.mark.parametrize("notice", NOTICES, ids=[f"{n[0]}-{n[1].to_address}-{n[2].number}" for n in NOTICES])
def test_juriscraper_reads_the_whole_mime_notice(notice):
    name, email, entry, case, court, link, filed, text = notice
    message = mail.mime(email)
    assert message.get_content_type() == "multipart/alternative"
    assert message["From"].endswith(f"@{court.id}.uscourts.gov") and message["Message-ID"].endswith(f"@{court.id}.uscourts.gov>")
    report = S3NotificationEmail(court.id)
    report._parse_text(message.as_string())
    check(report.data, entry, case, court, link, filed, text)


@pytest.mark.parametrize("notice", NOTICES, ids=[f"{n[0]}-{n[1].to_address}-{n[2].number}" for n in NOTICES])
def test_juriscraper_reads_the_html_notice(notice):
    name, email, entry, case, court, link, filed, text = notice
    report = NotificationEmail(court.id)
    report._parse_text(email.html)
    check(report.data, entry, case, court, link, filed, text)
