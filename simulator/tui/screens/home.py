"""The court list (location `home`): where a session starts and where logging out lands.

It is the first screen, drawn before the core has loaded (core/opening.py): this module imports
none of it at its top, and the core's sign-on module only when the learner acts."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Select, Static

from ...core import views
from ..base import KeptScreen, LearnerScreen


COLUMNS = (("Court", 6), ("Name", 0), ("Type", 10), ("CM/ECF", 7), ("Now", 11), ("NextGen on", 10))  # 0: the rest
TYPE_CHOICES = (("district", "District"), ("bankruptcy", "Bankruptcy"), ("appellate", "Appellate"))


class LearnerBase(KeptScreen):
    """The bottom of the learner's screen stack, always covered: learner screens are switched above
    it, so a switch never replaces a mode's base screen."""


class HomeScreen(LearnerScreen):
    AUTO_FOCUS = "#court-search"  # 200-odd courts: typing a few letters is the quick way to one
    LOCATION = views.HOME
    TITLE_TEXT = "Federal courts: CM/ECF and PACER"
    HELP = """\
The court list shows every court in this world: whether its CM/ECF is still the court's own
("legacy", court-issued logins) or NextGen (PACER Central Sign-On), and whether it is up right now.

- Search by id, name or state ("colorado", "eastern california"); Enter opens the court when one is
  left, or moves to the list. Narrow the list by the state a court serves, its type, or legacy / NextGen.
- Enter on a court opens its web page, with the Document Filing System link.
- Type a court id in "Go to court" to open a court that is not listed.
- PACER login / Manage My Account: your PACER account, its type, upgrade, MFA and registrations.
- F4 Who am I: the people you can be in this world, their PACER and court logins and passwords.
- F5 / F6 / F7 move the simulated clock an hour, a day, or to the next NextGen go-live.
- F2 opens the trainer's console (clerk's desk, time machine, inspector)."""

    rows: list[views.Listing] = []
    states_offered: list[str] = []
    rows_shown: list[views.Listing] | None = None
    columns_for = 0  # the Name width the table's columns were made for

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="court-filters"):
            yield Input(placeholder="Search courts: id, name or state", id="court-search")
            yield Select([], prompt="Any state", id="court-state")
            yield Select([(label, value) for value, label in TYPE_CHOICES], prompt="Any type", id="court-type")
            yield Select([("Legacy", "legacy"), ("NextGen", "nextgen")], prompt="Any CM/ECF", id="court-cmecf")
        yield DataTable(id="courts", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="court-go"):
            yield Input(placeholder="Go to court (id, e.g. cod)", id="court-address")
        with Horizontal(classes="buttons"):
            yield Button("PACER login", id="pacer-login", variant="primary")
            yield Button("Manage My Account", id="manage-account")
            yield Button("Inbox (F3)", id="open-inbox")
        yield Static("", id="home-hint", markup=False)

    async def render_view(self, view: views.View) -> None:
        self.rows = view.data or []
        served = sorted({state for row in self.rows for state in row.states})
        if served != self.states_offered:
            self.states_offered = served
            self.query_one("#court-state", Select).set_options((state, state) for state in served)
        self.show_matching()

    def _filter(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return "" if value is Select.NULL else str(value)

    def show_matching(self) -> None:
        """Fill the table with the courts the search and filters keep: a pass over rows already read,
        so typing in the search never waits on the database."""
        shown = views.matching(self.rows, self.query_one("#court-search", Input).value, self._filter("#court-state"),
                                self._filter("#court-type"), self._filter("#court-cmecf"))
        if shown != self.rows_shown:  # refilling 200-odd rows costs; most views change none of them
            self.rows_shown = shown
            self.fill_table(shown)
        total = f"{len(self.rows)} court{'s' if len(self.rows) != 1 else ''}"
        count = f"{len(shown)} of {total}" if len(shown) != len(self.rows) else total
        self.query_one("#home-hint", Static).update(
            f"{count}. Choose a court and press Enter, or sign in to PACER. F1 explains this screen."
            if shown else f"No court matches ({len(self.rows)} in all): clear the search or a filter."
        )

    def name_width(self) -> int:
        """The Name column gets what the others leave, so every column fits at 80 columns as at 100."""
        others = sum(width for _, width in COLUMNS if width) + 2 * len(COLUMNS) + 2  # cell padding, scrollbar
        return max(12, self.query_one("#courts", DataTable).size.width - others)

    def on_resize(self) -> None:
        if self.rows_shown is not None and self.name_width() != self.columns_for:
            self.fill_table(self.rows_shown)

    def fill_table(self, shown: list[views.Listing]) -> None:
        table = self.query_one("#courts", DataTable)
        width = self.name_width()
        if width != self.columns_for:
            table.clear(columns=True)
            for label, fixed in COLUMNS:
                table.add_column(label, width=fixed or width, key=label)
            self.columns_for = width
        table.clear()
        for row in shown:
            go_live = row.go_live or ("earlier" if row.generation == "nextgen" else "none")
            table.add_row(
                row.id, row.name, row.type, "NextGen" if row.generation == "nextgen" else "Legacy",
                "Available" if row.available else "UNAVAILABLE", go_live, key=row.id,
            )

    @on(Input.Changed, "#court-search")
    @on(Select.Changed, "#court-state")
    @on(Select.Changed, "#court-type")
    @on(Select.Changed, "#court-cmecf")
    def filters_changed(self) -> None:
        self.show_matching()

    @on(Input.Submitted, "#court-search")
    def open_first_match(self) -> None:
        """Enter in the search opens the court when one is left, else moves to the list to choose."""
        table = self.query_one("#courts", DataTable)
        if table.row_count == 1:
            self.open_court_page(str(table.coordinate_to_cell_key((0, 0)).row_key.value))
        elif table.row_count:
            table.focus()

    def action_back(self) -> None:
        """The court list is the top: nothing to go back to."""

    @on(DataTable.RowSelected, "#courts")
    def open_court(self, event: DataTable.RowSelected) -> None:
        self.open_court_page(str(event.row_key.value))

    @on(Input.Submitted, "#court-address")
    def go_to_court(self, event: Input.Submitted) -> None:
        self.open_court_page(event.value.strip().lower())

    def open_court_page(self, court_id: str) -> None:
        from ...core import signon

        self.app.act(lambda ctx: signon.open_court_page(ctx, court_id))

    @on(Button.Pressed, "#pacer-login")
    def pacer_login(self) -> None:
        from ...core import signon

        self.app.act(signon.open_pacer_login)

    @on(Button.Pressed, "#manage-account")
    def manage_account(self) -> None:
        from ...core import signon

        self.app.act(signon.open_manage_account)

    @on(Button.Pressed, "#open-inbox")
    def inbox(self) -> None:
        self.app.action_inbox()
