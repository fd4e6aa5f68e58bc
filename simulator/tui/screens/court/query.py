"""Query > Docket Report."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, DataTable, Input, Label

from ....core import filing
from ...replies import Reply
from ..logins import labelled
from .page import court_screen


class QueryPanel(Vertical):
    DEFAULT_CSS = "QueryPanel { height: auto; }"

    def start(self, _data=None) -> None:
        self.query_one("#docket-table", DataTable).clear()
        self.query_one("#query-case", Input).value = ""
        self.query_one("#query-case", Input).focus()

    def compose(self) -> ComposeResult:
        yield Label("Query: Docket Report", classes="panel-title")
        yield labelled("Case number", Input(id="query-case"))
        yield Button("Run Query", id="run-query", variant="primary")
        table = DataTable(id="docket-table", cursor_type="row")
        table.add_columns("#", "Date Filed", "Docket Text")
        yield table

    @on(Input.Submitted, "#query-case")
    @on(Button.Pressed, "#run-query")
    def run_query(self) -> None:
        court_id = court_screen(self).court_id
        number = self.query_one("#query-case", Input).value
        self.app.act(lambda ctx: filing.docket_report(ctx, court_id, number), self.Reported(self))

    class Reported(Reply):
        """The docket report ran: its entries fill the table."""

    @on(Reported)
    def reported(self, reported: Reported) -> None:
        if reported.landed_on_asker:
            table = self.query_one("#docket-table", DataTable)
            table.clear()
            for entry_number, filed, text in reported.outcome.fields["entries"]:
                table.add_row(str(entry_number), filed.isoformat(), text)
