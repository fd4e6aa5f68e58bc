"""Utilities > Maintain Your ECF Account: filing agents (R19) and contact details (R21)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Static

from ....core import accounts, agents
from ...replies import Reply
from ...widgets import Tickbox
from ..logins import labelled
from .page import court_screen


class MaintainPanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Label("Maintain Your ECF Account", classes="panel-title")
        yield Static("", id="maintain-note", markup=False)
        yield labelled("Name", Input(id="maintain-name"))
        yield labelled("Primary email", Input(id="maintain-email"))
        yield labelled("Secondary emails", Input(id="maintain-secondary", placeholder="comma-separated"))
        yield Button("Save contact details", id="maintain-save")
        yield Label("More User Information: Filing Agents", classes="subform-title")
        table = DataTable(id="agents-table", cursor_type="row")
        table.add_columns("PACER username", "Name", "Internet Payment")
        yield table
        yield labelled("Find Filing Agent", Input(id="agent-query", placeholder="PACER username or name"))
        yield Tickbox("Internet Payment (the agent may pay fees)", id="agent-internet-payment")
        with Horizontal(classes="buttons"):
            yield Button("Find", id="agent-find")
            yield Button("Add / update agent", id="agent-add", variant="primary")
            yield Button("Remove agent", id="agent-remove")

    def start(self, page: accounts.MaintainPage) -> None:
        """Fields start empty, showing the current values; Save sends only what the learner typed."""
        note = ("Your name, address and primary email are kept in PACER Manage My Account since NextGen; only "
                "secondary addresses are kept here." if page.nextgen else "")
        self.query_one("#maintain-note", Static).update(note)
        for key, current in (("name", page.name), ("email", page.email), ("secondary", ", ".join(page.secondary_emails))):
            field = self.query_one(f"#maintain-{key}", Input)
            field.value = ""
            field.placeholder = f"now: {current}" if current else "none"
        self._fill(page.agents)

    def _fill(self, rows) -> None:
        table = self.query_one("#agents-table", DataTable)
        table.clear()
        for row in rows:
            table.add_row(row.username or row.ecf_login, row.name, "Yes" if row.internet_payment else "No",
                          key=row.username or row.ecf_login)

    @on(DataTable.RowSelected, "#agents-table")
    def agent_selected(self, event: DataTable.RowSelected) -> None:
        self.query_one("#agent-query", Input).value = str(event.row_key.value)

    @on(Button.Pressed, "#maintain-save")
    def save(self) -> None:
        court_id = court_screen(self).court_id
        name = self.query_one("#maintain-name", Input).value.strip() or None
        email = self.query_one("#maintain-email", Input).value.strip() or None
        typed = self.query_one("#maintain-secondary", Input).value
        secondary = [a.strip() for a in typed.split(",") if a.strip()] if typed.strip() else None
        self.app.act(lambda ctx: accounts.update_ecf_account(ctx, court_id, email, secondary, name), self.Changed(self))

    @on(Button.Pressed, "#agent-find")
    def find(self) -> None:
        court_id = court_screen(self).court_id
        query = self.query_one("#agent-query", Input).value
        self.app.ask(lambda ctx: agents.find_filing_agents(ctx, court_id, query), self.AgentsFound(self))

    class AgentsFound(Reply):
        """Find Filing Agent's matches (`result`), named in the message bar."""

    @on(AgentsFound)
    def found(self, found: AgentsFound) -> None:
        if isinstance(found.result, Exception):
            return
        names = ", ".join(f"{r.name} ({r.username})" for r in found.result) or "no registered filing agent matches"
        self.screen.message_bar.show(f"Find Filing Agent: {names}.")

    @on(Input.Submitted, "#agent-query")
    @on(Button.Pressed, "#agent-add")
    def add(self) -> None:
        court_id = court_screen(self).court_id
        agent = self.query_one("#agent-query", Input).value
        payment = self.query_one("#agent-internet-payment", Checkbox).value
        self.app.act(lambda ctx: agents.add_filing_agent(ctx, court_id, agent, payment), self.Changed(self))

    @on(Button.Pressed, "#agent-remove")
    def remove(self) -> None:
        court_id = court_screen(self).court_id
        agent = self.query_one("#agent-query", Input).value
        self.app.act(lambda ctx: agents.remove_filing_agent(ctx, court_id, agent), self.Changed(self))

    class Changed(Reply):
        """The account or its filing agents changed: the agents table is read again."""

    class Reread(Reply):
        """The maintain page as it is now (`result`)."""

    @on(Changed)
    def _reload(self, changed: Changed) -> None:
        if changed.screen is not self.screen:
            return
        court_id = court_screen(self).court_id
        self.app.ask(lambda ctx: accounts.maintain_page(ctx, court_id), self.Reread(self))

    @on(Reread)
    def _refreshed(self, reread: Reread) -> None:
        if not isinstance(reread.result, Exception):
            self._fill(reread.result.agents)
