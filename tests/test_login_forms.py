"""What a new filer met on the login pages (issue 11): each visit starts with an empty form, focus in its
first field and the page at its top; a refused sign-in puts focus on the password; Enter on the
redaction box submits instead of unticking it; the acknowledgement is read in full."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from simulator.core import signon
from simulator.tui.driver import UiDriver
from simulator.tui.screens.logins import CourtLoginScreen, PacerLoginScreen
from simulator.tui.widgets import Tickbox
from snapshot_app import app_for

SIZE = (100, 30)


async def begun(app, scenario) -> UiDriver:
    driver = UiDriver(scenario, app=app)
    await driver.settle()
    return driver


async def test_a_refused_pacer_sign_in_puts_focus_on_the_password_so_typing_is_not_shown_in_clear():
    app, scenario = app_for("cod_link_on_go_live.toml")
    async with app.run_test(size=SIZE) as pilot:
        driver = await begun(app, scenario)
        app.act(signon.open_pacer_login)
        await driver.settle()
        screen = app.screen
        assert isinstance(screen, PacerLoginScreen) and app.focused is screen.query_one("#username")
        driver.fill("#username", "jdoe2021")
        driver.fill("#password", "wrong-password")
        await driver.submit("#password")
        assert screen.message_bar.code == "BAD_CREDENTIALS"
        assert app.focused is screen.query_one("#password", Input)
        await pilot.press(*"secret")
        assert screen.query_one("#password", Input).value == "secret" and screen.query_one("#client-code", Input).value == ""
        assert screen.query_one("#username", Input).value == "jdoe2021"  # the name is kept for the next try


async def test_after_log_out_the_login_form_starts_empty_with_the_box_unticked():
    app, scenario = app_for("cod_link_on_go_live.toml")
    async with app.run_test(size=SIZE):
        driver = await begun(app, scenario)
        app.act(signon.open_pacer_login)
        await driver.settle()
        screen = app.screen
        driver.fill("#username", "jdoe2021")
        driver.fill("#password", "Training#Pass2021")
        driver.fill("#client-code", "matter-1")
        screen.query_one("#redaction", Checkbox).value = True
        await driver.press("#submit-login")
        assert not isinstance(app.screen, PacerLoginScreen)
        app.act(signon.logout)
        await driver.settle()
        app.act(signon.open_pacer_login)
        await driver.settle()
        assert app.screen is screen  # the same kept screen, shown afresh
        assert [screen.query_one(s, Input).value for s in ("#username", "#password", "#client-code")] == ["", "", ""]
        assert screen.query_one("#redaction", Checkbox).value is False
        assert app.focused is screen.query_one("#username", Input) and screen.query_one("#body").scroll_y == 0


async def test_enter_on_the_redaction_box_submits_the_login_and_keeps_it_ticked():
    app, scenario = app_for("utb_link_on_or_after_june_7.toml")
    async with app.run_test(size=SIZE) as pilot:
        driver = await begun(app, scenario)
        app.act(lambda ctx: signon.open_court_login(ctx, "utb"))
        await driver.settle()
        screen = app.screen
        assert isinstance(screen, CourtLoginScreen) and app.focused is screen.query_one("#login", Input)
        driver.fill("#login", "hlarsen")
        driver.fill("#password", "UtahBk2021")
        box = screen.query_one("#redaction", Tickbox)
        box.focus()
        await pilot.press("space")
        assert box.value is True
        await pilot.press("enter")
        await driver.settle()
        assert app.screen.location == "court.menu" and box.value is True


async def test_the_redaction_acknowledgement_wraps_instead_of_being_cut_short():
    app, scenario = app_for("utb_link_on_or_after_june_7.toml")
    async with app.run_test(size=(80, 24)):
        driver = await begun(app, scenario)
        app.act(lambda ctx: signon.open_court_login(ctx, "utb"))
        await driver.settle()
        box = app.screen.query_one("#redaction", Tickbox)
        assert box.size.height >= 2 and "…" not in "".join(strip.text for strip in box.render_lines(box.region.reset_offset))


async def test_at_80x24_the_login_page_shows_its_box_and_button_and_the_court_list_every_column():
    app, scenario = app_for("utb_link_on_or_after_june_7.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        driver = await begun(app, scenario)
        table = app.screen.query_one("#courts")
        assert table.row_count == 1 and table.virtual_size.width <= table.size.width  # no column cut off
        app.act(lambda ctx: signon.open_court_login(ctx, "utb"))
        await driver.settle()
        await pilot.pause()
        body = app.screen.query_one("#body").region
        for selector in ("#redaction", "#submit-login"):
            assert app.screen.query_one(selector).region.bottom <= body.bottom, selector


async def test_the_footer_never_parts_a_key_from_its_label():
    import re

    from simulator.tui.widgets import KeyBar

    for width in (80, 100):
        app, scenario = app_for("utb_link_on_or_after_june_7.toml")
        async with app.run_test(size=(width, 24)):
            await begun(app, scenario)
            lines = app.screen.query_one(KeyBar).content.plain.split("\n")
            assert len(lines) >= 2  # at these widths the hints take two lines
            assert all(not re.search(r"(f\d+|esc|\^\w)\s*$", line) and len(line.rstrip()) <= width for line in lines), lines


async def test_the_footer_is_redrawn_only_when_its_keys_change(monkeypatch):
    """Textual says the bindings changed on every focus move; the key bar redraws only when the keys it
    shows do (tui/widgets.py, KeyBar)."""
    from simulator.tui.widgets import KeyBar

    app, scenario = app_for("utb_link_on_or_after_june_7.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await begun(app, scenario)
        bar = app.screen.query_one(KeyBar)
        drawn: list[str] = []
        update = KeyBar.update
        monkeypatch.setattr(KeyBar, "update", lambda widget, text: drawn.append(text.plain) or update(widget, text))
        await pilot.press("tab")  # the next field: the same keys
        await pilot.pause()
        assert drawn == []
        app.screen.bindings_updated_signal.publish(app.screen)
        assert drawn == []
        await pilot.resize_terminal(60, 30)  # narrower: the hints break into other lines
        await pilot.pause()
        assert drawn and drawn[-1] == bar.content.plain and drawn[-1].count("\n") >= 2
