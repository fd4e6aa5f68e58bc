"""F1 shows help for what the learner is looking at, also over a dialog that has none of its own."""

from __future__ import annotations

from snapshot_app import SIZE, app_for

from simulator.tui.screens.dialogs import HelpScreen, InboxScreen


async def test_help_over_a_dialog_explains_the_screen_beneath_and_f1_again_closes_it():
    app, _ = app_for("cod_link_on_go_live.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("f3")
        assert isinstance(app.screen, InboxScreen), app.screen
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "court list" in app.screen.text
        await pilot.press("f1")
        assert isinstance(app.screen, InboxScreen)
