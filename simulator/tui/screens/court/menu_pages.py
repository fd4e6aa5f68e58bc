"""The court's small pages: the welcome, Help, the Notice of Electronic Filing, the Reports and
Utilities lists, and the transaction log."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from ....core.pages import CourtData
from ...widgets import Fields, reflow
from .page import court_screen


class WelcomePanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("", id="welcome-text", markup=False)

    def start(self, data: CourtData | None) -> None:
        if data is not None:
            self.query_one(Static).update(
                f"{data.name}. Choose a menu above: the filing menus to file, Utilities for your account."
            )


class HelpPanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static(reflow(court_screen(self).HELP), markup=False)

    def start(self, _data) -> None:
        """Nothing to load."""


class ReceiptPanel(VerticalScroll):
    """The Notice of Electronic Filing, the receipt of a filing (R25)."""

    def compose(self) -> ComposeResult:
        yield Label("Notice of Electronic Filing", classes="panel-title")
        yield Fields([
            ("document_number", "Document number"), ("docket_text", "Docket text"), ("filer", "Filer"),
            ("entered_by", "Entered by"), ("party", "Filed for"), ("fee_due", "Fees due here"), ("notice", "Notice"),
        ], id="receipt-fields", classes="result-fields")

    def start(self, _data) -> None:
        """Filled by the filing's result fields."""


class ReportsPanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Label("Reports", classes="panel-title")
        yield OptionList(Option("Docket Report", id="query"), Option("Internet Payments Due", id="payments"),
                         id="reports-list")

    def start(self, _data) -> None:
        self.query_one(OptionList).focus()


class UtilitiesPanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Label("Utilities", classes="panel-title")
        yield OptionList(id="utilities-list")

    def start(self, items) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for item in items or []:
            label = item.label if item.available else f"{item.label} (unavailable)"
            options.add_option(Option(label, id=item.function))
        options.highlighted = 0 if options.option_count else None
        options.focus()


class TransactionsPanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Label("Transaction Log", classes="panel-title")
        table = DataTable(id="transactions-table", cursor_type="row")
        table.add_columns("When", "Transaction", "Entered by")
        yield table

    def start(self, log) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in log or []:
            table.add_row(*row)
