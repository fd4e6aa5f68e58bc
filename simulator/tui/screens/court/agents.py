"""Utilities > Create a filing agent, and Change User for an agent choosing whom they act for (R19)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ....core import agents
from ...widgets import Fields
from ..logins import labelled
from .page import court_screen


class CreateAgentPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Label("Create a new Filing Agent", classes="panel-title")
        yield Static("At a legacy court you create your agent's own CM/ECF login; they file on your behalf.", markup=False)
        yield labelled("Agent login", Input(id="agent-login"))
        yield labelled("Agent password", Input(id="agent-password", password=True))
        yield labelled("Agent name", Input(id="agent-name"))
        yield labelled("Agent email", Input(id="agent-email"))
        yield Button("Create Filing Agent", id="create-agent", variant="primary")

    def start(self, _data=None) -> None:
        for field in self.query(Input):
            field.value = ""
        self.query_one("#agent-login", Input).focus()

    @on(Button.Pressed, "#create-agent")
    def create(self) -> None:
        court_id = court_screen(self).court_id
        values = [self.query_one(f"#agent-{key}", Input).value for key in ("login", "password", "name", "email")]
        self.app.act(lambda ctx: agents.create_filing_agent(ctx, court_id, *values))


class ChangeUserPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Label("Change User: whom you file for", classes="panel-title")
        yield OptionList(id="primaries-list")
        yield labelled("File for", Input(id="primary", placeholder="PACER username or CM/ECF login"))
        yield Button("Change User", id="change-user", variant="primary")
        yield Fields([("acting_for", "Now filing for")], id="change-user-result", classes="result-fields")

    def start(self, primaries) -> None:
        self.query_one("#primary", Input).value = ""
        options = self.query_one("#primaries-list", OptionList)
        options.clear_options()
        for primary in primaries:
            options.add_option(Option(f"{primary.name} ({primary.login})", id=primary.login))

    @on(OptionList.OptionSelected, "#primaries-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#primary", Input).value = str(event.option.id)

    @on(Input.Submitted, "#primary")
    @on(Button.Pressed, "#change-user")
    def change(self) -> None:
        court_id = court_screen(self).court_id
        primary = self.query_one("#primary", Input).value

        self.app.act(lambda ctx: agents.change_user(ctx, court_id, primary))
