"""Utilities > Internet Payments Due."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label, Static

from ....core import filing
from ...replies import Reply
from ...widgets import Fields
from .page import court_screen


class PaymentsPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Label("Internet Payments Due", classes="panel-title")
        yield Static("", id="payments-due", markup=False)
        yield Button("Pay Now", id="pay-fees", variant="primary")
        yield Fields([("paid", "Paid")], id="payments-result", classes="result-fields")

    def start(self, due: list[str]) -> None:
        listed = "\n".join(due)
        self.query_one("#payments-due", Static).update(f"Unpaid filing fees:\n{listed}" if due else "Nothing is due.")

    @on(Button.Pressed, "#pay-fees")
    def pay(self) -> None:
        court_id = court_screen(self).court_id
        self.app.act(lambda ctx: filing.pay_fees(ctx, court_id), self.Paid(self))

    class Paid(Reply):
        """The fees due are paid: nothing is due any more."""

    @on(Paid)
    def paid(self, paid: Paid) -> None:
        if paid.landed_on_asker:
            self.query_one("#payments-due", Static).update("Nothing is due.")
