"""The mail a world sends, where real mail tools read it: `run --mailbox DIR` writes a Maildir per
scenario, the app delivers into CMECF_SIM_MAILDIR after each step, and the inbox saves a message
as .eml. Read back with the standard library's Maildir and judged by juriscraper's NEF parser."""

from __future__ import annotations

import email
import mailbox
from pathlib import Path

from click.testing import CliRunner
from juriscraper.pacer.email import S3NotificationEmail
from sqlmodel import select

from simulator.cli import main
from simulator.core import maildir
from simulator.core.context import Simulation
from simulator.core.models import Email
from simulator.core.world import private_world
from simulator.scenario.loader import load
from simulator.tui.app import SimApp
from simulator.tui.driver import UiDriver
from simulator.tui.progress import Progress

NEF = Path("scenarios/nef_and_who_gets_notice.toml")


def messages(directory: Path) -> list[email.message.Message]:
    return list(mailbox.Maildir(directory, create=False))


def test_run_writes_each_scenarios_mail_into_a_maildir_of_its_own(tmp_path):
    target = tmp_path / "mail"
    for _ in range(2):  # a second run replaces the first run's mail, never doubles it
        result = CliRunner().invoke(main, ["run", "--mailbox", str(target), str(NEF),
                                           "scenarios/register_and_password_policy.toml"])
        assert result.exit_code == 0, result.output
    nefs = messages(target / "nef_and_who_gets_notice")
    assert len(nefs) == 3 and len(messages(target / "register_and_password_policy")) == 1
    for message in nefs:
        assert message.get_content_type() == "multipart/alternative"
        report = S3NotificationEmail("caed")
        report._parse_text(message.as_string())
        assert report.data["dockets"][0]["docket_number"] == "1:21-cv-00321"


def test_a_mailbox_that_cannot_be_written_is_said_before_the_run(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    result = CliRunner().invoke(main, ["run", "--mailbox", str(blocked / "mail"), str(NEF)])
    assert result.exit_code == 2
    assert "cannot write mail into" in result.output and "Traceback" not in result.output


def test_delivering_again_adds_only_the_new_mail(tmp_path):
    scenario = load(NEF)
    engine = private_world(scenario.world)
    with Simulation(engine).ctx() as ctx:
        ctx.db.add(Email(to_address="a@example.com", subject="One", body="first", sent=ctx.now))
    maildir.deliver(engine, tmp_path / "box")
    with Simulation(engine).ctx() as ctx:
        ctx.db.add(Email(to_address="a@example.com", subject="Two", body="second", sent=ctx.now))
    maildir.deliver(engine, tmp_path / "box")  # a new process: it reads what the Maildir holds
    assert sorted(m["Subject"] for m in messages(tmp_path / "box")) == ["One", "Two"]


async def test_the_app_delivers_the_learners_mail_and_saves_a_message_as_eml(tmp_path, monkeypatch):
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path / "home"))
    scenario = load(NEF)
    app = SimApp(Simulation(private_world(scenario.world)), progress=Progress(None), maildir=tmp_path / "inbox")
    async with UiDriver(scenario, app=app) as driver:
        for step in scenario.steps:
            await driver.perform(step)
        sent = app.simulation.read(lambda ctx: len(ctx.db.exec(select(Email)).all()))
        assert sent >= 3 and len(messages(tmp_path / "inbox")) == sent

        await driver.key("f3")
        await driver.press("#save-eml")
        saved = list((tmp_path / "home" / "mail").glob("*.eml"))
        assert len(saved) == 1 and "Saved" in driver.outcome()["message"]
        assert email.message_from_bytes(saved[0].read_bytes())["Message-ID"].endswith(".uscourts.gov>")
