"""Filing fees (R26): the 11:59 p.m. court-time lock, the receipt in the fee entry's text, and who
may pay (R19 Internet Payment permission)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core_worlds import refused, run, world_sim
from simulator.core import agents, fees, filing, signon, world
from simulator.core.context import Simulation
from simulator.core.errors import Code
from simulator.core.models import Case, DocketEntry, Fee

DENVER = ZoneInfo("America/Denver")

WORLD = """
[[court]]
id = "cod"

[[pacer_account]]
username = "ecruz2018"
password = "Training#Cruz2018"
name = "Elena Cruz"
created = 2018-08-08

[[pacer_account]]
username = "pagent2019"
password = "Training#Agent2019"
name = "Paul Agent"
created = 2019-01-01

[[pacer_account]]
username = "qpayer2019"
password = "Training#Payer2019"
name = "Quinn Payer"
created = 2019-01-01

[[ecf_account]]
court = "cod"
login = "ecruz"
name = "Elena Cruz"
role = "attorney"
linked_to = "ecruz2018"

[[ecf_account]]
court = "cod"
login = "pagent"
name = "Paul Agent"
role = "filing_agent"
linked_to = "pagent2019"
agent_for = ["ecruz"]

[[ecf_account]]
court = "cod"
login = "qpayer"
name = "Quinn Payer"
role = "filing_agent"
linked_to = "qpayer2019"
agent_for = ["ecruz"]
internet_payment = true

[[case]]
court = "cod"
number = "1:21-cv-02100"
title = "Cruz v. Alpine Ski Resorts Inc."
attorneys = ["ecruz"]

[[case]]
court = "cod"
number = "1:21-cv-02101"
title = "Cruz v. Boulder Outfitters LLC"
attorneys = ["ecruz"]
"""

FILING_MENU = ["Civil", "Criminal", "Query", "Reports", "Utilities", "Help", "Log Out"]
NO_FILING = ["Query", "Reports", "Utilities", "Help", "Log Out"]


def make_sim(start: str = "2021-08-16T23:00:00-06:00", user: str = "ecruz2018", password: str = "Training#Cruz2018") -> Simulation:
    sim = world_sim(WORLD, start)
    with sim.ctx() as ctx:
        signon.visit(ctx, "cod")
        signon.pacer_login(ctx, user, password)
    return sim



def file(sim: Simulation, event: str = "notice", case: str = "21-2101", pay: str = "later"):
    document = "sample:complaint.pdf" if event == "complaint" else "sample:motion.pdf"
    return run(sim, filing.file, "cod", case, event, document, pay=pay)


def to(sim: Simulation, *clock: int) -> None:
    run(sim, world.advance_clock, to=datetime(*clock, tzinfo=DENVER))


def docket(sim: Simulation, number: str) -> list[DocketEntry]:
    with sim.ctx() as ctx:
        case = ctx.db.exec(select(Case).where(Case.number == number)).one()
        return list(ctx.db.exec(select(DocketEntry).where(DocketEntry.case_id == case.id).order_by(DocketEntry.number)))


def switch_user(sim: Simulation, user: str, password: str) -> None:
    run(sim, signon.logout)
    run(sim, signon.visit, "cod")
    run(sim, signon.pacer_login, user, password)


# --- the 11:59 p.m. lock ------------------------------------------------------------------------------

def test_fee_at_2300_locks_at_2359_the_same_day_and_not_before():
    sim = make_sim()
    outcome = file(sim, "complaint", case="21-2100")
    assert outcome.fields["fee_due"] == 402
    assert "11:59 p.m." in outcome.message
    to(sim, 2021, 8, 16, 23, 58, 59)
    assert file(sim).fields["document_number"] == 1
    assert run(sim, signon.visit, "cod").fields["menu"] == FILING_MENU
    to(sim, 2021, 8, 16, 23, 59)
    error = refused(sim, filing.file, "cod", "21-2101", "notice", "sample:motion.pdf")
    assert error.code == Code.FEES_DUE
    assert "$402.00" in error.message and "Internet Payments Due" in error.message
    assert "August 16, 2021" in error.message
    assert run(sim, signon.visit, "cod").fields["menu"] == NO_FILING


def test_lock_time_is_court_time_of_the_day_incurred():
    sim = make_sim()
    file(sim, "complaint", case="21-2100")
    with sim.ctx() as ctx:
        fee = ctx.db.exec(select(Fee)).one()
        assert fees.lock_time(ctx.court("cod"), fee) == datetime(2021, 8, 16, 23, 59, tzinfo=DENVER)


def test_fee_just_after_midnight_locks_that_night():
    sim = make_sim("2021-08-17T00:30:00-06:00")
    file(sim, "complaint", case="21-2100")
    to(sim, 2021, 8, 17, 23, 58)
    assert file(sim).fields["document_number"] == 1
    to(sim, 2021, 8, 17, 23, 59)
    assert refused(sim, filing.file, "cod", "21-2101", "notice", "sample:motion.pdf").code == Code.FEES_DUE


def test_fee_incurred_after_1159_pm_has_until_the_next_night():
    """Unpaid at 11:59 p.m. (R26): a fee incurred at 11:59:30 p.m. was not, that night."""
    sim = make_sim("2021-08-16T23:59:30-06:00")
    outcome = file(sim, "complaint", case="21-2100")
    assert "before 11:59 p.m. on Tuesday, August 17, 2021" in outcome.message
    to(sim, 2021, 8, 17, 23, 58)
    assert file(sim).fields["document_number"] == 1
    to(sim, 2021, 8, 17, 23, 59)
    error = refused(sim, filing.file, "cod", "21-2101", "notice", "sample:motion.pdf")
    assert error.code == Code.FEES_DUE and "11:59 p.m. on Tuesday, August 17, 2021" in error.message


def test_pay_now_pays_this_filing_s_fee_only():
    sim = make_sim("2021-08-16T10:00:00-06:00")
    file(sim, "complaint", case="21-2100")
    outcome = file(sim, "complaint", case="21-2101", pay="now")
    assert "Paid $402.00 (receipt ACODC-1000001)." in outcome.message
    assert outcome.fields["fee_due"] == 402
    assert "receipt number" not in docket(sim, "1:21-cv-02100")[0].text
    assert "receipt number ACODC-1000001" in docket(sim, "1:21-cv-02101")[0].text


def test_paying_reopens_filing_and_adds_no_docket_entry():
    sim = make_sim()
    file(sim, "complaint", case="21-2100")
    to(sim, 2021, 8, 17, 9, 0)
    assert refused(sim, filing.file, "cod", "21-2101", "notice", "sample:motion.pdf").code == Code.FEES_DUE
    assert len(docket(sim, "1:21-cv-02100")) == 1
    paid = run(sim, filing.pay_fees, "cod")
    assert paid.fields["paid"] == 402
    assert len(docket(sim, "1:21-cv-02100")) == 1
    assert file(sim).fields["document_number"] == 1
    assert run(sim, filing.pay_fees, "cod").fields["paid"] == 0


# --- the receipt joins the fee entry's text ---------------------------------------------------------------

def test_pay_later_puts_the_receipt_before_the_closing_name():
    sim = make_sim()
    before = file(sim, "complaint", case="21-2100").fields["docket_text"]
    assert before.endswith(" (Cruz, Elena)")
    run(sim, filing.pay_fees, "cod")
    text = docket(sim, "1:21-cv-02100")[0].text
    with sim.ctx() as ctx:
        receipt = ctx.db.exec(select(Fee)).one().receipt
    assert receipt.startswith("ACODC-")
    assert text == before[: -len(" (Cruz, Elena)")] + f" ( Filing fee $402.00, receipt number {receipt}) (Cruz, Elena)"


def test_pay_now_puts_the_receipt_before_the_closing_name():
    sim = make_sim()
    outcome = file(sim, "complaint", case="21-2100", pay="now")
    assert outcome.fields["fee_due"] == 0
    assert outcome.fields["docket_text"].endswith(") (Cruz, Elena)")
    assert "receipt number ACODC-" in outcome.fields["docket_text"]


def test_with_receipt():
    note = "( Filing fee $402.00, receipt number ACODC-1000001)"
    assert (
        fees.with_receipt("COMPLAINT filed by Elena Cruz. (Cruz, Elena)", "Elena Cruz", note)
        == "COMPLAINT filed by Elena Cruz. ( Filing fee $402.00, receipt number ACODC-1000001) (Cruz, Elena)"
    )
    # text without the closing name gets the note at the end
    assert fees.with_receipt("COMPLAINT", "Elena Cruz", note) == f"COMPLAINT {note}"


def test_each_fee_gets_its_own_receipt():
    sim = make_sim()
    file(sim, "complaint", case="21-2100")
    file(sim, "complaint", case="21-2101")
    assert run(sim, filing.pay_fees, "cod").fields["paid"] == 804
    texts = [docket(sim, n)[0].text for n in ("1:21-cv-02100", "1:21-cv-02101")]
    receipts = [t.split("receipt number ")[1].split(")")[0] for t in texts]
    assert len(set(receipts)) == 2
    assert all(t.endswith(") (Cruz, Elena)") for t in texts)


# --- agents and Internet Payment ------------------------------------------------------------------------

def test_agent_without_internet_payment_cannot_pay():
    sim = make_sim(user="pagent2019", password="Training#Agent2019")
    error = refused(sim, filing.file, "cod", "21-2100", "complaint", "sample:complaint.pdf", pay="now")
    assert error.code == Code.NOT_AUTHORIZED
    assert "Internet Payment" in error.message
    assert docket(sim, "1:21-cv-02100") == []
    outcome = file(sim, "complaint", case="21-2100")
    assert outcome.fields["fee_due"] == 402
    assert outcome.fields["filer"] == "Elena Cruz"
    assert outcome.fields["docket_text"].endswith("(Cruz, Elena)")
    error = refused(sim, filing.pay_fees, "cod")
    assert error.code == Code.NOT_AUTHORIZED and "Internet Payment" in error.message
    with sim.ctx() as ctx:
        assert ctx.db.exec(select(Fee)).one().paid is None


def test_agent_with_internet_payment_pays_for_the_primary():
    sim = make_sim(user="qpayer2019", password="Training#Payer2019")
    outcome = file(sim, "complaint", case="21-2100", pay="now")
    assert outcome.fields["fee_due"] == 0
    file(sim, "complaint", case="21-2101")
    assert run(sim, filing.pay_fees, "cod").fields["paid"] == 402


def test_primary_pays_what_the_agent_left_due():
    sim = make_sim(user="pagent2019", password="Training#Agent2019")
    file(sim, "complaint", case="21-2100")
    to(sim, 2021, 8, 17, 9, 0)
    assert refused(sim, filing.file, "cod", "21-2101", "notice", "sample:motion.pdf").code == Code.FEES_DUE
    switch_user(sim, "ecruz2018", "Training#Cruz2018")
    assert refused(sim, filing.file, "cod", "21-2101", "notice", "sample:motion.pdf").code == Code.FEES_DUE
    assert run(sim, filing.pay_fees, "cod").fields["paid"] == 402
    switch_user(sim, "pagent2019", "Training#Agent2019")
    assert file(sim).fields["document_number"] == 1


def test_agent_payment_permission_can_be_granted():
    sim = make_sim(user="pagent2019", password="Training#Agent2019")
    file(sim, "complaint", case="21-2100")
    switch_user(sim, "ecruz2018", "Training#Cruz2018")
    run(sim, agents.remove_filing_agent, "cod", "pagent2019")
    run(sim, agents.add_filing_agent, "cod", "pagent2019", internet_payment=True)
    switch_user(sim, "pagent2019", "Training#Agent2019")
    assert run(sim, filing.pay_fees, "cod").fields["paid"] == 402


@pytest.mark.parametrize("start, fee", [("2021-08-16T10:00:00-06:00", 402), ("2023-11-30T10:00:00-07:00", 402),
                                        ("2023-12-01T10:00:00-07:00", 405)])
def test_a_civil_complaint_costs_the_fee_in_force_on_the_worlds_date(start, fee):
    sim = make_sim(start)
    assert file(sim, "complaint", case="21-2100").fields["fee_due"] == fee


def test_fee_schedules_change_on_their_dates():
    from datetime import date

    from simulator.core import catalog

    appeal = catalog.event("district", "notice_of_appeal")
    chapter_7 = catalog.event("bankruptcy", "voluntary_petition")
    assert [appeal.fee_cents(date(2021, 8, 2)), appeal.fee_cents(date(2023, 12, 1))] == [50500, 60500]
    assert [chapter_7.fee_cents(date(2020, 11, 30)), chapter_7.fee_cents(date(2020, 12, 1))] == [33500, 33800]
    assert not catalog.event("district", "motion").has_fee
