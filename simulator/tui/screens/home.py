"""The court list (location `home`): where a session starts and where logging out lands."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from ...core import signon
from ..base import LearnerScreen
from ..views import View


class LearnerBase(Screen):
    """The bottom of the learner's screen stack, always covered: learner screens are switched above
    it, so a switch never replaces a mode's base screen."""


class HomeScreen(LearnerScreen):
    AUTO_FOCUS = "#courts"
    LOCATION = signon.HOME
    TITLE_TEXT = "Federal courts: CM/ECF and PACER"
    HELP = """\
The court list shows every court in this world: whether its CM/ECF is still the court's own
("legacy", court-issued logins) or NextGen (PACER Central Sign-On), and whether it is up right now.

- Enter on a court opens its web page, with the Document Filing System link.
- Type a court id in "Go to court" to open a court that is not listed.
- PACER login / Manage My Account: your PACER account, its type, upgrade, MFA and registrations.
- F5 / F6 / F7 move the simulated clock an hour, a day, or to the next NextGen go-live.
- F2 opens the trainer's console (clerk's desk, time machine, inspector)."""

    def compose_body(self) -> ComposeResult:
        table = DataTable(id="courts", cursor_type="row", zebra_stripes=True)
        table.add_columns("Court", "Name", "Type", "CM/ECF", "Now", "NextGen go-live")
        yield table
        with Horizontal(classes="row"):
            yield Input(placeholder="Go to court (id, e.g. cod)", id="court-address")
        with Horizontal(classes="buttons"):
            yield Button("PACER login", id="pacer-login", variant="primary")
            yield Button("Manage My Account", id="manage-account")
            yield Button("Inbox (F3)", id="open-inbox")
        yield Static("", id="home-hint", markup=False)

    async def render_view(self, view: View) -> None:
        table = self.query_one("#courts", DataTable)
        table.clear()
        for row in view.data or []:
            table.add_row(
                row.id, row.name, row.type, "NextGen" if row.generation == "nextgen" else "Legacy",
                "Available" if row.available else "UNAVAILABLE", row.go_live, key=row.id,
            )
        self.query_one("#home-hint", Static).update(
            "Choose a court and press Enter, or sign in to PACER. F1 explains this screen."
        )

    def action_back(self) -> None:
        """The court list is the top: nothing to go back to."""

    @on(DataTable.RowSelected, "#courts")
    def open_court(self, event: DataTable.RowSelected) -> None:
        court_id = str(event.row_key.value)
        self.app.act(lambda ctx: signon.open_court_page(ctx, court_id))

    @on(Input.Submitted, "#court-address")
    def go_to_court(self, event: Input.Submitted) -> None:
        court_id = event.value.strip().lower()
        self.app.act(lambda ctx: signon.open_court_page(ctx, court_id))

    @on(Button.Pressed, "#pacer-login")
    def pacer_login(self) -> None:
        self.app.act(signon.open_pacer_login)

    @on(Button.Pressed, "#manage-account")
    def manage_account(self) -> None:
        self.app.act(signon.open_manage_account)

    @on(Button.Pressed, "#open-inbox")
    def inbox(self) -> None:
        self.app.action_inbox()
