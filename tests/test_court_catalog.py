"""The whole court catalog, from the judiciary's own court lookup feed: what the generator writes, what a
world made of it holds, and how the court list finds one court among 200-odd."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select, Static

from core_worlds import refused, run, world_sim
from simulator.core import catalog, courts, filing, pacer_feed, signon, views
from simulator.core.errors import Code
from simulator.tui.driver import UiDriver
from simulator.tui.screens.court_page import CourtPageScreen
from snapshot_app import app_for

START = "2021-01-25T09:00:00-06:00"


@pytest.mark.parametrize("name", sorted(pacer_feed.generated_files()))
def test_the_committed_seed_files_are_what_the_generator_writes(name):
    assert catalog.seed_path(name).read_text(encoding="utf-8") == pacer_feed.generated_files()[name]


def test_every_cmecf_court_of_the_feed_is_in_the_catalog():
    feed = pacer_feed.load_feed()
    with_cmecf = [row for row in feed["data"] if row["court_id"] not in pacer_feed.NOT_CMECF]
    known = catalog.courts()
    assert len(known) == len(with_cmecf) == 208
    assert {pacer_feed.court_id(row) for row in with_cmecf} == set(known)
    assert {"ca10", "bap10", "cadc", "cafc", "cit", "cofc", "jpml", "ohndad"} <= set(known)


def test_a_court_keeps_the_feeds_facts():
    kansas = catalog.courts()["ksd"]
    assert kansas["name"] == "Kansas District Court" and kansas["type"] == "district"
    assert kansas["login_url"] == "https://ecf.ksd.uscourts.gov" and kansas["time_zone"] == "America/Chicago"
    assert kansas["nextgen_always"] is True and "nextgen_go_live" not in kansas
    assert kansas["max_pdf_mb"] == 50 and kansas["states"] == ["Kansas"]
    assert "913-735-2200" in kansas["help_desk"]
    wichita = kansas["locations"][0]
    assert wichita["address"] == "Skyler B. O'Hara, Clerk, 204 United States Courthouse, 401 North Market, Wichita, Kansas 67202"
    assert catalog.courts()["ilcd"]["max_pdf_mb"] == 7.1  # "7.1 MB" in the feed
    assert catalog.courts()["tnmd"]["time_zone"] == "America/Chicago"  # Nashville, not Knoxville's zone
    assert catalog.courts()["ca9"]["time_zone"] == "America/Los_Angeles"


def test_the_notice_courts_keep_their_dates_and_take_the_rest_from_the_feed():
    cod = catalog.courts()["cod"]
    assert cod["nextgen_go_live"].isoformat() == "2021-08-02T00:01:00" and "nextgen_always" not in cod
    assert cod["windows"][0]["reason"] == "CM/ECF upgrade to NextGen (go-live outage)"
    assert cod["max_pdf_mb"] == 25 and "cod_cmecf@cod.uscourts.gov" in cod["help_desk"]
    assert catalog.courts()["arwb"]["link_review"] == "clerk"
    assert catalog.courts()["utb"]["help_desk"].startswith("Clerk's Office, 801-450-3443")  # the notice's own


@pytest.mark.parametrize(("text", "limit"), [("35", 35), ("50.0 MB", 50), ("10.1MB", 10.1), (None, 50),
                                             ("25.0 MB Per PDF Document.  There is NO Maximum", 25)])
def test_the_feeds_pdf_limits_read_as_megabytes(text, limit):
    assert pacer_feed.pdf_limit_mb(text) == limit


def test_feed_lists_written_as_numbered_objects_are_read_in_order():
    row = {"court_id": "SDDC", "locations": {"2": {"name": "Rapid City"}, "10": {"name": "Sioux Falls"}}}
    assert [place["name"] for place in pacer_feed._locations(row)] == ["Rapid City", "Sioux Falls"]


# --- a world of the whole catalog --------------------------------------------------------------------------

def test_a_world_without_court_tables_holds_every_court_nextgen_from_the_start():
    sim = world_sim("", START)
    with sim.ctx() as ctx:
        listed = courts.listing(ctx)
        assert len(listed) == 208
        by_id = {row.id: row for row in listed}
        assert by_id["ksd"].generation == "nextgen" and by_id["ksd"].go_live == ""
        assert by_id["cod"].generation == "legacy" and by_id["cod"].go_live == "2021-08-02"
        kansas = ctx.court("ksd")
        assert courts.is_nextgen(kansas, kansas.nextgen_go_live or ctx.now)
        assert "is on NextGen CM/ECF" in courts.go_live_notice(ctx, kansas)


def test_a_scenario_can_date_a_feed_courts_go_live_or_keep_it_legacy():
    sim = world_sim('[[court]]\nid = "ksd"\nnextgen_go_live = 2021-03-01T00:00:00\n'
                    '[[court]]\nid = "nysd"\nnextgen_always = false\n', START)
    with sim.ctx() as ctx:
        assert courts.generation(ctx.court("ksd"), ctx.now) == "legacy"
        assert courts.generation(ctx.court("nysd"), ctx.now) == "legacy"
        assert ctx.court("nysd").max_pdf_mb == 10.1  # the rest still comes from the catalog


def test_a_fractional_pdf_limit_is_judged_and_named_as_the_court_gives_it():
    sim = world_sim('[[court]]\nid = "ilcd"\nmax_pdf_mb = 7.5\n', START)
    assert run(sim, lambda ctx: ctx.court("ilcd").max_pdf_mb) == 7.5
    from simulator.core import documents
    big = documents.Document("brief.pdf", b"%PDF-1.7\n", int(7.6 * documents.MB))
    assert "at most 7.5 MB" in documents.rejection(big, 7.5, "Illinois Central District Court")
    assert run(sim, filing.largest_limit) == 250  # sample:large.pdf stays past Montana's 250 MB


def test_a_pdf_limit_that_is_not_a_number_is_refused_by_name():
    from simulator.core.world import WorldError
    with pytest.raises(WorldError) as info:
        world_sim('[[court]]\nid = "cod"\nmax_pdf_mb = 0\n', START)
    assert "max_pdf_mb must be a number" in info.value.problem


def test_the_court_login_at_a_court_nextgen_from_the_start_names_no_date():
    sim = world_sim('[[court]]\nid = "ksd"\n', START)
    outcome = run(sim, signon.open_court_login, "ksd")
    assert "has used NextGen CM/ECF: court-issued logins no longer sign in" in outcome.message
    assert refused(sim, signon.open_court_login, "zzz").code == Code.NOT_FOUND


# --- finding a court --------------------------------------------------------------------------------------

def rows() -> list[views.Listing]:
    with world_sim("", START).ctx() as ctx:
        return courts.listing(ctx)


def test_the_search_matches_every_word_in_id_name_or_state():
    listed = rows()
    assert [row.id for row in views.matching(listed, "eastern california")] == ["caeb", "caed"]
    assert [row.id for row in views.matching(listed, "COD")] == ["cod"]
    assert {row.id for row in views.matching(listed, "colorado")} == {"bap10", "ca10", "cob", "cod"}
    assert [row.id for row in views.matching(listed, "kansas")] == ["bap10", "ca10", "ksb", "ksd"]  # not Arkansas
    assert views.matching(listed, "atlantis") == []


def test_the_filters_keep_a_state_a_type_and_a_generation():
    listed = rows()
    missouri = views.matching(listed, state="Missouri")
    assert [row.id for row in missouri] == ["ca8", "moeb", "moed", "mowb", "mowd"]  # the Eighth Circuit serves it
    assert [row.id for row in views.matching(listed, court_type="bankruptcy", court_generation="legacy")] == [
        "areb", "arwb", "utb"]
    assert all(row.type == "appellate" for row in views.matching(listed, court_type="appellate"))


async def test_the_court_list_searches_and_filters_as_you_type_and_enter_opens_the_one_left():
    app, scenario = app_for("every_court_in_the_catalog.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        screen = app.screen
        table = screen.query_one("#courts", DataTable)
        assert table.row_count == 208 and app.focused is screen.query_one("#court-search", Input)
        screen.query_one("#court-type", Select).value = "appellate"
        screen.query_one("#court-state", Select).value = "Colorado"
        await pilot.pause()
        assert [str(key.value) for key in table.rows] == ["bap10", "ca10"]
        assert "2 of 208 courts" in str(screen.query_one("#home-hint", Static).content)
        screen.query_one("#court-type", Select).value = Select.NULL
        screen.query_one("#court-state", Select).value = Select.NULL
        await pilot.pause()
        await pilot.press(*"kansas", "space", *"dis")
        await pilot.pause()
        assert [str(key.value) for key in table.rows] == ["ksd"]
        await pilot.press("enter")
        await driver.settle()
        assert isinstance(app.screen, CourtPageScreen) and app.screen.court_id == "ksd"
        about = str(app.screen.query_one("#court-about", Static).content)
        assert "https://ecf.ksd.uscourts.gov" in about and "up to 50 MB" in about and "Kansas City" in about


def test_the_generator_leaves_no_row_it_cannot_place():
    """Every zone the catalog names is a real one, and every court has a name, type and address."""
    from zoneinfo import ZoneInfo
    for entry in catalog.courts().values():
        ZoneInfo(entry["time_zone"])
        assert entry["name"] and entry["type"] in catalog.COURT_TYPES and entry["login_url"].startswith("https://ecf.")
        assert all("<" not in place.get("address", "") for place in entry["locations"])
