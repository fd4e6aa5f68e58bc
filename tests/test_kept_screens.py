"""Kept screens skip Textual's restyle on showing unless the stylesheet changed, and its full layout
on a mode switch unless something asked for one (tui/base.py, KeptScreen). Guard: after every step
of eight bundled scenarios, a full restyle of the screen shown changes no widget's style, so nothing
the learner sees is stale (a layout skipped wrongly shows in the snapshots: the utb login page's did).
A kept screen also takes its size classes before its widgets are first styled, so the first screen is
styled once before it is drawn."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from snapshot_app import app_for
from textual._compositor import Compositor
from textual._context import active_app
from textual.css.stylesheet import Stylesheet
from textual.widgets import DataTable

from simulator.tui import launch
from simulator.tui.driver import UiDriver
from simulator.tui.screens.home import HomeScreen

# Between them these open most screens, the dialogs, the console and the wizards; with Textual made to skip
# restyling hidden screens, three of them fail.
SCENARIOS = ["caed_legacy_account_upgrade.toml", "catalog_and_the_time_machine.toml", "cod_link_on_go_live.toml",
             "filing_fees_pay_now_or_later.toml", "mfa_and_password_due_together.toml", "nextgen_filing_agents.toml",
             "areb_clerk_rejects_the_link.toml", "legacy_filing_agent.toml"]


@asynccontextmanager
async def free_practice(tmp_path, monkeypatch):
    """`cmecf-sim` on a new data folder, at its court list with the world open behind it."""
    monkeypatch.setenv("CMECF_SIM_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = launch.practice_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot


def styles_of(screen) -> dict:
    return {
        (type(widget).__name__, widget.id, id(widget)): (widget.styles.css, widget.rich_style, widget.display)
        for widget in screen.walk_children(with_self=True)
    }


@pytest.mark.parametrize("name", SCENARIOS)
async def test_no_style_is_stale_after_any_step(name):
    app, scenario = app_for(name)
    stale = []
    async with app.run_test(size=(100, 30)):
        driver = UiDriver(scenario, app=app)
        await driver.settle()
        for step in scenario.steps:
            await driver.perform(step)
            await driver.settle()
            before = styles_of(app.screen)
            app.screen.update_node_styles(animate=False)
            after = styles_of(app.screen)
            changed = [key for key in before if before[key] != after.get(key)]
            if changed:
                stale.append((step.number, step.action, type(app.screen).__name__, changed[:3]))
    assert not stale


async def test_showing_a_kept_screen_again_lays_it_out_only_when_it_changed(tmp_path, monkeypatch):
    """Textual lays a mode's screen out afresh each time the mode is shown (`_screen_resized`); a kept
    screen is laid out then only when something on it asked for a layout while it was away."""
    async with free_practice(tmp_path, monkeypatch) as (app, pilot):
        home = app.screen
        laid_out: list[object] = []
        refresh_layout = type(home)._refresh_layout
        monkeypatch.setattr(type(home), "_refresh_layout",
                            lambda screen, *args, **kwargs: laid_out.append(screen) or refresh_layout(screen, *args, **kwargs))
        home._screen_resized(app.size)  # what switching back to the learner's mode does
        assert laid_out == []
        home.query_one("#home-hint").update("A much longer hint than before, " * 8)
        with app.batch_update():  # as the app lands a result: the screen's refresh waits for the batch's end
            await pilot.pause()
            assert laid_out == [] and home._layout_required  # the longer hint asked for a layout
            home._screen_resized(app.size)
            assert laid_out == [home]
            assert home.query_one("#home-hint").region.height > 1


async def test_opening_the_console_restyles_nothing_but_the_console(tmp_path, monkeypatch):
    """A kept screen is styled when mounted under the stylesheet as it is then; Textual counted a new
    screen as styled under none and restyled the whole app the first time the console's mode showed."""
    async with free_practice(tmp_path, monkeypatch) as (app, pilot):
        refreshed: list[int] = []
        refresh_css = type(app).refresh_css
        monkeypatch.setattr(type(app), "refresh_css",
                            lambda app, *args, **kwargs: refreshed.append(1) or refresh_css(app, *args, **kwargs))
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_mode == "console" and refreshed == []


async def test_the_first_screen_is_styled_once_before_it_is_drawn(tmp_path, monkeypatch):
    """Textual restyles a screen when it is first shown and again at its first resize (its size
    classes); a kept screen takes both before its widgets are styled (tui/base.py), and nothing is stale."""
    styled: list[str] = []
    apply = Stylesheet.apply

    def counted(stylesheet, node, *args, **kwargs):
        if node.id == "courts":
            styled.append(type(node).__name__)
        return apply(stylesheet, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    async with free_practice(tmp_path, monkeypatch) as (app, pilot):
        assert isinstance(app.screen, HomeScreen) and app.screen.has_class("-tall")
        assert styled == ["DataTable"]
        table = app.screen.query_one("#courts", DataTable)
        before = (table.styles.css, table.rich_style)
        app.screen.update_node_styles(animate=False)
        assert (table.styles.css, table.rich_style) == before


async def test_a_landing_draws_no_frame_inside_its_batch_only_after_it(tmp_path, monkeypatch):
    """The app lands each result in one batch update; Textual would render a frame there, after the
    first screen's first layout, and throw it away (tui/base.py, `_compositor_refresh`). The screen is
    still drawn, after the batch, and again as results land."""
    frames: list[int] = []
    render_update = Compositor.render_update

    def counted(compositor, *args, **kwargs):
        frames.append(active_app.get()._batch_count)  # drawn while the app starts, before the test has it
        return render_update(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", counted)
    async with free_practice(tmp_path, monkeypatch) as (app, pilot):
        assert frames and all(batched == 0 for batched in frames)
        drawn = len(frames)
        await pilot.press("f6")  # the clock a day on: the court list lands again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Tue 2021-01-26" in str(app.screen.query_one("#status").content)
    assert len(frames) > drawn and all(batched == 0 for batched in frames)
