"""The app's own keys and screens, driven as a person would (README "Keys in the app", SPEC §4 "The two
drivers"): unavailable menus explain themselves, F1 help, F8 screenshots, the high-contrast theme, the
command palette, the time machine keys, the Who am I panel, and wizard pages that keep the learner on
an error."""

from __future__ import annotations

import re

from snapshot_app import app_for
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Input, Label, OptionList, Static

from simulator.core.context import Simulation
from simulator.core.menus import Menu, MenuItem
from simulator.core.world import private_world
from simulator.scenario.practice import load_practice
from simulator.tui.app import SimApp
from simulator.tui.driver import UiDriver
from simulator.tui.screens.console import ConsoleScreen
from simulator.tui.screens.court import CourtScreen, FilingWizard
from simulator.tui.screens.court_page import CourtPageScreen
from simulator.tui.screens.dialogs import (
    GoToScreen,
    HelpScreen,
    InboxScreen,
    WhoAmIScreen,
)
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.logins import PacerLoginScreen
from simulator.tui.theme import HIGH_CONTRAST
from simulator.tui.widgets import MenuBar, MenuButton, StatusBar, reflow

SIZE = (100, 30)
LINK = "cod_link_on_go_live.toml"  # steps: visit, pacer_login, file (NOT_LINKED), link_account, ...


def practice_app(**kwargs) -> tuple[SimApp, object]:
    """Free practice on a private copy of the practice world, as `cmecf-sim` opens it."""
    practice = load_practice()
    app = SimApp(Simulation(private_world(practice.world)), world_spec=practice.world, personas=practice.personas,
                 **kwargs)
    app.animation_level = "none"
    return app, practice


def status(app: SimApp) -> str:
    """The status bar as the learner reads it."""
    return str(app.screen.query_one("#status", StatusBar).content)


def texts(screen) -> list[str]:
    return [str(widget.content) for widget in screen.query(Static)]


# --- unavailable menus ------------------------------------------------------------------------------------

async def test_unavailable_menu_explains_why_and_the_menu_result_lists_only_available_menus():
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        await driver.perform(scenario.steps[0])  # visit cod: PACER login
        signed_in = await driver.perform(scenario.steps[1])  # pacer_login: back at the court, not linked
        assert signed_in["location"] == "court.menu"
        assert signed_in["menu"] == ["Query", "Reports", "Utilities", "Help", "Log Out"]

        screen = driver.screen
        assert isinstance(screen, CourtScreen)
        bar = screen.query_one(MenuBar)
        labels = [str(button.label) for button in bar.query("Button")]
        assert labels[:2] == ["Civil (unavailable)", "Criminal (unavailable)"]
        civil = bar.button_for("Civil")
        assert civil is not None and not civil.menu.available
        reason = civil.menu.reason  # the core's reason, as the menu bar received it
        assert reason

        await driver.press(f"#{civil.id}")
        assert isinstance(driver.screen, CourtScreen)
        outcome = driver.outcome()
        assert outcome["ok"] is False
        assert outcome["error"] == "NOT_LINKED"
        assert outcome["message"] == reason
        assert "Link a CM/ECF account" in outcome["message"]  # says what to do next
        assert driver.screen.panel != "filing"  # the wizard did not open
        assert driver.screen.location == "court.menu"
        assert bar.available_labels() == ["Query", "Reports", "Utilities", "Help", "Log Out"]

        linked = await driver.perform(scenario.steps[3])  # link_account
        assert linked["status"] == "linked"
        labels = [str(button.label) for button in driver.screen.query_one(MenuBar).query("Button")]
        assert labels[:2] == ["Civil", "Criminal"]


# --- F1 help, F8 screenshot, ctrl+t theme -------------------------------------------------------------------

async def test_f1_opens_the_help_of_the_current_screen():
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        assert isinstance(driver.screen, HomeScreen)
        await driver.key("f1")
        assert isinstance(driver.screen, HelpScreen)
        assert reflow(HomeScreen.HELP) in texts(driver.screen)
        assert str(driver.screen.query_one(Label).content) == f"Help: {HomeScreen.TITLE_TEXT}"
        await driver.key("escape")
        assert isinstance(driver.screen, HomeScreen)

        await driver.perform(scenario.steps[0])
        await driver.perform(scenario.steps[1])
        assert isinstance(driver.screen, CourtScreen)
        await driver.key("f1")
        assert isinstance(driver.screen, HelpScreen)
        assert reflow(CourtScreen.HELP) in texts(driver.screen)
        assert reflow(HomeScreen.HELP) not in texts(driver.screen)
        await driver.key("f1")  # F1 again closes it
        assert isinstance(driver.screen, CourtScreen)


async def test_f8_saves_an_svg_screenshot_and_says_where(tmp_path):
    folder = tmp_path / "screenshots"  # not made yet, as on a fresh install
    app, scenario = practice_app(screenshot_dir=folder)
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        await driver.key("f8")
        saved = list(folder.iterdir())
        assert len(saved) == 1
        assert saved[0].suffix == ".svg"
        assert "<svg" in saved[0].read_text()[:500]
        outcome = driver.outcome()
        assert outcome["ok"]
        assert str(saved[0]) in outcome["message"]


async def test_f8_says_what_to_do_when_the_screenshot_cannot_be_saved(tmp_path):
    blocker = tmp_path / "screenshots"
    blocker.write_text("a file where the folder should be")
    app, scenario = practice_app(screenshot_dir=blocker / "handouts")
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        await driver.key("f8")
        outcome = driver.outcome()
        assert "could not be saved" in outcome["message"] and "press F8 again" in outcome["message"]
        assert app.is_running


async def test_f8_in_a_classroom_browser_delivers_the_screenshot_to_the_trainee(tmp_path, monkeypatch):
    """Served by textual-serve, a file saved on the server is no use to the trainee: the browser gets it."""
    delivered = []
    monkeypatch.setattr(SimApp, "is_web", property(lambda app: True))
    monkeypatch.setattr(SimApp, "deliver_screenshot", lambda app: delivered.append(app.export_screenshot()))
    app, scenario = practice_app(screenshot_dir=tmp_path)
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        await driver.key("f8")
        assert len(delivered) == 1 and "<svg" in delivered[0][:500]
        assert list(tmp_path.iterdir()) == []
        assert "new browser tab" in driver.outcome()["message"]


async def test_ctrl_t_switches_to_the_high_contrast_theme_and_back():
    app, scenario = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        app.theme = original = "nord"  # the theme the learner chose comes back, whichever it was
        await driver.key("ctrl+t")
        assert app.theme == HIGH_CONTRAST.name
        assert app.current_theme.background == "#000000"
        await driver.key("ctrl+t")
        assert app.theme == original


# --- the command palette ----------------------------------------------------------------------------------

def commands(app: SimApp) -> dict[str, object]:
    return {command.title: command for command in app.get_system_commands(app.screen)}


def command(found: dict[str, object], *words: str):
    matching = [c for title, c in found.items() if all(w.lower() in title.lower() for w in words)]
    assert len(matching) == 1, f"one palette command for {words}, found {[c.title for c in matching]}"
    return matching[0]


async def test_command_palette_offers_every_screen_and_the_time_machine():
    app, scenario = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        found = commands(app)
        for words in (("court list",), ("PACER login",), ("Manage My Account",), ("court's CM/ECF page",), ("inbox",),
                      ("trainer's console",), ("one hour later",), ("one day later",), ("next", "go-live")):
            command(found, *words)

        command(found, "PACER login").callback()
        await driver.settle()
        assert isinstance(driver.screen, PacerLoginScreen)

        command(found, "court list").callback()
        await driver.settle()
        assert isinstance(driver.screen, HomeScreen)

        command(found, "court's CM/ECF page").callback()
        await driver.settle()
        assert isinstance(driver.screen, GoToScreen)
        await driver.key("escape")

        command(found, "inbox").callback()
        await driver.settle()
        assert isinstance(driver.screen, InboxScreen)
        await driver.key("escape")

        command(found, "trainer's console").callback()
        await driver.settle()
        assert isinstance(driver.screen, ConsoleScreen)
        command(found, "trainer's console").callback()  # and back to the learner
        await driver.settle()
        assert isinstance(driver.screen, HomeScreen)

        assert status(app).startswith("Mon 2021-01-25 09:00")
        command(found, "one hour later").callback()
        await driver.settle()
        assert status(app).startswith("Mon 2021-01-25 10:00")
        command(found, "next", "go-live").callback()
        await driver.settle()
        assert status(app).startswith("Mon 2021-02-01 00:00")


async def test_command_palette_time_machine_one_day_later_moves_the_status_bar_date():
    """Through the palette itself: ctrl+p, type, Enter."""
    app, scenario = practice_app()
    async with app.run_test(size=SIZE) as pilot:
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        before = status(app)
        assert before.startswith("Mon 2021-01-25 09:00")
        await pilot.press("ctrl+p")
        await driver.settle()
        assert isinstance(driver.screen, CommandPalette)
        await pilot.press(*"one day later")
        await app.workers.wait_for_complete()  # the palette's search
        await driver.settle()
        await pilot.press("enter")
        await driver.settle()
        assert isinstance(driver.screen, HomeScreen)
        assert status(app).startswith("Tue 2021-01-26 09:00"), status(app)


# --- the time machine keys ----------------------------------------------------------------------------------

async def test_f5_f6_f7_move_the_simulated_clock():
    app, scenario = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        assert status(app).startswith("Mon 2021-01-25 09:00 CST")
        await driver.key("f5")
        assert status(app).startswith("Mon 2021-01-25 10:00 CST")
        await driver.key("f6")
        assert status(app).startswith("Tue 2021-01-26 10:00 CST")
        await driver.key("f7")  # the Western District of Arkansas (bankruptcy) goes live on February 1
        assert status(app).startswith("Mon 2021-02-01 00:00 CST")
        assert "Western District of Arkansas" in driver.outcome()["message"]
        await driver.key("f7")  # then the Eastern District, on February 8
        assert status(app).startswith("Mon 2021-02-08 00:00 CST")
        assert "Eastern District of Arkansas" in driver.outcome()["message"]
        assert isinstance(driver.screen, HomeScreen)  # the learner stays where they were


async def test_time_machine_keys_work_while_typing_in_a_field():
    """F5 is not a character: a focused input does not swallow it."""
    app, scenario = practice_app()
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        await driver.press("#pacer-login")
        assert isinstance(driver.screen, PacerLoginScreen)
        assert isinstance(app.focused, Input)
        await driver.key("f5")
        assert status(app).startswith("Mon 2021-01-25 10:00")
        assert isinstance(driver.screen, PacerLoginScreen)


async def test_f7_says_so_when_no_go_live_is_ahead():
    app, scenario = app_for(LINK)  # Colorado went live at 00:01 today; no other court in this world
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        before = status(app)
        await driver.key("f7")
        assert status(app) == before
        assert "No court has a NextGen go-live after now" in driver.outcome()["message"]


# --- Who am I -----------------------------------------------------------------------------------------------

CREDENTIAL = re.compile(r"^(?P<where>.+?): (?P<login>\S+) / (?P<password>\S+)$")


async def test_who_am_i_lists_the_practice_personas_with_their_credentials():
    app, practice = practice_app()
    assert practice.personas
    async with app.run_test(size=SIZE):
        driver = UiDriver(practice, app=app)
        await driver.settle()
        await driver.key("f4")
        assert isinstance(driver.screen, WhoAmIScreen)
        shown = "\n".join(texts(driver.screen)) + "\n" + "\n".join(str(l.content) for l in driver.screen.query(Label))
        for persona in practice.personas:
            assert persona["name"] in shown
            assert persona["summary"] in shown
            assert persona["credentials"]
            for line in persona["credentials"]:
                assert line in shown
        for case in practice.world["cases"]:  # and what each can file in
            assert f"{case['court']}: {case['number']}  {case['title']}  (attorneys: {', '.join(case['attorneys'])})" in shown
        await driver.key("escape")
        assert isinstance(driver.screen, HomeScreen)


async def test_who_am_i_moves_at_once_on_each_key_so_quick_presses_are_not_lost():
    """An animated scroll started each press from where the last animation had got to: each key now
    moves the panel before the next arrives."""
    app, practice = practice_app()
    async with app.run_test(size=(80, 24)):
        driver = UiDriver(practice, app=app)
        await driver.settle()
        app.animation_level = "full"  # as a person's terminal has it
        await driver.key("f4")
        panel = driver.screen.query_one(".dialog")
        for _ in range(5):
            panel.action_scroll_down()
        assert panel.scroll_target_y == panel.scroll_y == 5


def test_practice_personas_credentials_are_the_worlds_own():
    """What Who am I tells the learner works: every "login / password" is an account of the world."""
    practice = load_practice()
    pacer = {a["username"]: a["password"] for a in practice.world["pacer_accounts"]}
    ecf = {(a["court"], a["login"]): a.get("password") for a in practice.world["ecf_accounts"]}
    checked = 0
    for persona in practice.personas:
        for line in persona["credentials"]:
            found = CREDENTIAL.match(line)
            if found is None:
                continue  # "mowd: linked to the PACER account"
            if found["where"].startswith("PACER"):
                assert pacer.get(found["login"]) == found["password"], line
            else:
                for court in found["where"].split(", "):
                    assert ecf.get((court, found["login"])) == found["password"], line
            checked += 1
    assert checked >= len(practice.personas)


# --- wizard pages keep the learner on an error ----------------------------------------------------------------

async def civil_menu_open(app, scenario) -> UiDriver:
    """Signed in and linked at the District of Colorado, the Civil menu's filing wizard open."""
    driver = UiDriver(scenario, app=app)
    await driver.settle()
    for step in (scenario.steps[0], scenario.steps[1], scenario.steps[3]):  # visit, sign in, link
        assert (await driver.perform(step))["ok"]
    await driver.press_menu("Civil")
    return driver


async def test_find_an_event_narrows_the_list_as_the_filer_types():
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE) as pilot:
        driver = await civil_menu_open(app, scenario)
        events = driver.visible("#event-list", OptionList)
        everything = events.option_count
        assert app.focused is driver.visible("#event-search", Input) and everything > 2
        await pilot.press(*"compl")
        shown = [str(events.get_option_at_index(i).prompt) for i in range(events.option_count)]
        assert shown and all("compl" in line.lower() for line in shown) and len(shown) < everything
        await pilot.press(*"zzz")
        assert events.option_count == 0
        driver.fill("#event-search", "")
        await pilot.pause()
        assert events.option_count == everything


async def test_escape_on_a_filing_page_asks_first_and_then_leaves_with_focus_on_the_first_menu():
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE):
        driver = await civil_menu_open(app, scenario)
        wizard = driver.need("#panel-filing", FilingWizard)
        driver.fill("#event-search", "motion")
        await driver.press("#next-event")
        assert wizard.page == "case"
        driver.fill("#case-number", "1:21-cv-01234")
        await driver.key("escape")
        assert driver.screen.panel == "filing" and wizard.page == "case"
        assert "Press Escape again to leave this filing" in driver.screen.message_bar.text
        assert driver.visible("#case-number", Input).value == "1:21-cv-01234"  # nothing dropped yet
        await driver.key("escape")
        assert driver.screen.panel == "welcome"
        assert str(app.focused.label) == "Civil"  # not Log Out: Enter now opens a menu, it signs no one out



async def test_the_menu_bar_is_one_stop_in_the_tab_order_and_arrows_move_along_it():
    """Tabbing through a filing form meets the menu bar once (the menu last used), never Log Out on the
    way: Enter after a stray Tab cannot sign the learner out. Left, right, Home and End rove the bar."""
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE) as pilot:
        driver = await civil_menu_open(app, scenario)
        driver.fill("#event-search", "motion")
        await driver.press("#next-event")
        menus_in_tab_order = [w for w in driver.screen.focus_chain if isinstance(w, MenuButton)]
        assert [str(button.label) for button in menus_in_tab_order] == ["Civil"]  # the menu that opened this form
        driver.screen.focus_menu()
        await pilot.press("right")
        assert str(app.focused.label) == "Criminal"
        await pilot.press("end")
        assert str(app.focused.label) == "Log Out"
        await pilot.press("home", "left")
        assert str(app.focused.label) == "Log Out"  # left from the first wraps to the last
        menus_in_tab_order = [w for w in driver.screen.focus_chain if isinstance(w, MenuButton)]
        assert [str(button.label) for button in menus_in_tab_order] == ["Log Out"]

async def test_filing_wizard_keeps_the_learner_on_the_case_page_with_the_error():
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE):
        driver = await civil_menu_open(app, scenario)
        wizard = driver.need("#panel-filing", FilingWizard)
        assert wizard.page == "event"
        driver.fill("#event-search", "motion")
        await driver.press("#next-event")
        assert wizard.page == "case"

        driver.fill("#case-number", "1:99-cv-99999")
        await driver.press("#next-case")
        assert isinstance(driver.screen, CourtScreen) and driver.screen.panel == "filing"
        assert wizard.page == "case"
        assert driver.visible("#case-number", Input).value == "1:99-cv-99999"  # what they typed stays
        outcome = driver.outcome()
        assert outcome["error"] == "NOT_FOUND"
        assert "1:99-cv-99999" in outcome["message"]

        driver.fill("#case-number", "not a case")
        await driver.press("#next-case")
        assert wizard.page == "case"
        outcome = driver.outcome()
        assert outcome["error"] == "INVALID_INPUT"
        assert "1:21-cv-01234" in outcome["message"]  # shows the form a number takes

        driver.fill("#case-number", "21-1234")
        await driver.press("#next-case")
        assert wizard.page == "party"
        assert driver.outcome() == {"ok": True, "message": ""}  # the error is gone


async def test_court_page_help_is_its_own():
    """F1 on a court's web page shows that page's help, not the court list's."""
    app, scenario = app_for(LINK)
    async with app.run_test(size=SIZE):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        assert await driver.court_page("cod")
        assert isinstance(driver.screen, CourtPageScreen)
        expected = reflow(CourtPageScreen.HELP)
        await driver.key("f1")
        assert isinstance(driver.screen, HelpScreen)
        assert expected and expected in texts(driver.screen)


async def test_a_menu_chosen_is_the_menu_as_it_is_now_not_as_the_bar_was_built():
    """The bar keeps its buttons while no label or availability changes; a chosen menu must still be
    the court's menu now (Utilities' pages change under an unchanged label)."""
    chosen = []

    class Bar(App):
        def compose(self):
            yield MenuBar()

        def on_menu_bar_chosen(self, event: MenuBar.Chosen) -> None:
            chosen.append(event.menu)

    app = Bar()
    async with app.run_test() as pilot:
        bar = app.query_one(MenuBar)
        await bar.set_menus([Menu("Civil"), Menu("Utilities", items=[MenuItem("Link", "link")])])
        before = app.query_one("#menu-1", MenuButton)
        now = [Menu("Civil"), Menu("Utilities", items=[MenuItem("Link", "link", False, "Linked already.")])]
        await bar.set_menus(now)
        assert app.query_one("#menu-1", MenuButton) is before  # the same button: focus and place kept
        before.press()
        await pilot.pause()
    assert chosen == [now[1]]
