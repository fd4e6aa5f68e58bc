"""F1 shows help for what the learner is looking at, also over a dialog that has none of its own."""

from __future__ import annotations

from snapshot_app import SIZE, app_for

from simulator.tui.screens.dialogs import HelpScreen, InboxScreen
from simulator.tui.widgets import reflow


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


def test_help_text_is_reflowed_into_sentences_keeping_list_items_and_new_sentences_on_their_own_lines():
    text = ("The court list shows every court: whether\nit is up. Inspector:\naccounts and links.\n"
            "Keys:\n- F1 help\n- F2 the\n  console\n\nA new paragraph.")
    assert reflow(text) == ("The court list shows every court: whether it is up. Inspector: accounts and links.\n"
                            "Keys:\n- F1 help\n- F2 the console\n\nA new paragraph.")
