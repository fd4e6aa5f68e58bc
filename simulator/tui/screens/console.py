"""The trainer's console (F2): the clerk's desk, the time machine, the inspector and the deadline
calculator. World actions and checks happen here and leave the learner's screens where they were.

Each form is built from the scenario language's own action table, so every world action and check
has exactly one form (`form-<action>`: inputs `<action>-<param>`, button `do-<action>`, and the
action's result fields). Only the chosen form is mounted.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, DataTable, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ...core import actions, pages
from ...core.errors import SimError, invalid
from ...core.timeutil import parse_date, parse_iso
from ...scenario.spec import ACTIONS
from ..base import KeptScreen, show_fields
from ..replies import Reply
from ..widgets import ExercisePanel, Tickbox, NarrationBar, Fields, KeyBar, LazySwitcher, MessageBar, StatusBar
from .logins import labelled

SECTIONS = (
    ("Clerk's desk", ("clerk_approve", "clerk_reject", "declare_outage")),
    ("Time machine", ("advance_clock",)),
    ("Inspector", ("check_account", "check_court", "check_menu", "check_link", "check_registration", "check_docket",
                   "check_transactions", "check_email")),
    ("Deadlines", ("check_deadline",)),
)
DEFAULTS = {("declare_outage", "extends_deadlines"): True}
TITLES = {
    "clerk_approve": "Approve a link or registration", "clerk_reject": "Reject a link or registration",
    "declare_outage": "Declare a CM/ECF outage", "advance_clock": "Move the clock",
    "check_account": "Account", "check_court": "Court", "check_menu": "Learner's menu at a court",
    "check_link": "Link", "check_registration": "E-file registration", "check_docket": "Docket",
    "check_transactions": "Transaction log", "check_email": "Mailbox", "check_deadline": "Deadline calculator",
}


def _placeholder(kind: str) -> str:
    return {
        "datetime": "2021-08-02T09:00:00-06:00",
        "date_or_datetime": "2021-07-30, or 2021-07-30T15:00:00-06:00",
        "duration": "90m, 2h, 3d, 1d2h",
    }.get(kind, "")


def typed(kind: str, text: str) -> Any:
    """A form's text as the parameter's type (what the scenario's TOML would have given)."""
    text = text.strip()
    if kind == "datetime":
        return parse_iso(text)
    if kind == "date":
        return parse_date(text)
    if kind == "date_or_datetime":
        return parse_date(text) if len(text) <= 10 else parse_iso(text)
    return text


class ActionForm(VerticalScroll):
    """Inputs for every parameter of one world action or check, its button and its result fields."""

    def __init__(self, action_name: str) -> None:
        super().__init__(id=f"form-{action_name}", classes="action-form")
        self.action = ACTIONS[action_name]

    def compose(self) -> ComposeResult:
        name = self.action.name
        yield Label(f"{TITLES[name]}: {self.action.summary}", classes="panel-title")
        if name in ("clerk_approve", "clerk_reject"):
            table = DataTable(id="pending-table", cursor_type="row")
            table.add_columns("Court", "PACER user", "Request")
            yield table
        for param in self.action.params:
            widget_id = f"{name}-{param.name}"
            label = param.name.replace("_", " ") + ("" if param.required else " (optional)")
            if param.kind == "bool":
                yield Tickbox(label, value=DEFAULTS.get((name, param.name), False), id=widget_id)
            elif param.choices:
                yield labelled(label, Select([(c, c) for c in param.choices], prompt="(default)", id=widget_id))
            else:
                yield labelled(label, Input(id=widget_id, placeholder=_placeholder(param.kind)))
        yield Button(TITLES[name], id=f"do-{name}", variant="primary")
        if self.action.fields:
            yield Fields([(field, field.replace("_", " ")) for field in self.action.fields], classes="result-fields")
        if name == "advance_clock":
            yield Label("Jump to a moment (forward only)", classes="subform-title")
            yield OptionList(id="moments")
            yield Label("Start the practice world over at any date", classes="subform-title")
            yield labelled("Start at", Input(id="start-over-at", placeholder="2021-01-25T09:00:00-06:00"))
            yield Button("Start over", id="start-over")

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for param in self.action.params:
            widget = self.query_one(f"#{self.action.name}-{param.name}")
            if isinstance(widget, Checkbox):
                params[param.name] = widget.value
            elif isinstance(widget, Select):
                if widget.value is not Select.NULL:
                    params[param.name] = str(widget.value)
            elif widget.value.strip():
                params[param.name] = typed(param.kind, widget.value)
            elif param.required:
                raise invalid(f"Fill in {param.name.replace('_', ' ')}.")
        return params


class ConsoleScreen(KeptScreen):
    AUTO_FOCUS = "#console-actions"
    TITLE_TEXT = "Trainer's console"
    HELP = """\
The trainer's console. Clerk's desk: approve or reject pending links and e-file registrations (at
courts with clerk review) and declare CM/ECF outages. Time machine: move the simulated clock forward,
or jump to the day before, the moment of, or the day after a court's go-live or window. Inspector:
accounts, courts, the learner's menus, links, registrations, dockets, transaction logs and mailboxes.
Deadlines: Rule 6(a) with the reasons a date moved. F2 returns to the learner's screen."""
    BINDINGS = [Binding("escape", "back", "Back to learner")]

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield NarrationBar()
        yield ExercisePanel()
        yield Static(self.TITLE_TEXT, id="screen-title", markup=False)
        yield MessageBar(id="message")
        with Horizontal():
            options = []
            for section, names in SECTIONS:
                options.append(Option(section, disabled=True))
                options.extend(Option(f"  {TITLES[name]}", id=name) for name in names)
            yield OptionList(*options, id="console-actions")
            yield LazySwitcher({name: (lambda name=name: ActionForm(name)) for _, names in SECTIONS for name in names},
                               id="console-forms")
        yield KeyBar()

    async def on_mount(self) -> None:
        await self.open_form("clerk_approve")

    @property
    def form(self) -> ActionForm:
        """The form shown (the others built so far stay, hidden)."""
        return self.query_one(LazySwitcher).panel

    def action_back(self) -> None:
        self.app.action_console()

    def shown(self, message: str, code: str = "", fields: dict[str, Any] | None = None, *,
              failed: bool = False) -> None:
        self.query_one(MessageBar).show(message, code, failed=failed)
        show_fields(self, fields or {})

    @on(OptionList.OptionSelected, "#console-actions")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        await self.open_form(str(event.option.id))

    async def open_form(self, name: str) -> None:
        await self.query_one(LazySwitcher).show(name)
        if name in ("clerk_approve", "clerk_reject", "advance_clock"):
            self.app.ask(pages.time_machine, self.ListsRead(self))

    class ListsRead(Reply):
        """The clerk's pending requests and the time machine's moments (`result`), for the forms that list them."""

    @on(ListsRead)
    def _show_lists(self, read: ListsRead) -> None:
        found = read.result
        if isinstance(found, Exception):
            return
        for table in self.query("#pending-table").results(DataTable):
            table.clear()
            for request in found.pending:
                table.add_row(request.court_id, request.username, request.detail,
                              key=f"{request.court_id}|{request.username}")
        self.moments = [moment for _, moment in found.moments]
        for options in self.query("#moments").results(OptionList):
            options.clear_options()
            for index, (label, _) in enumerate(found.moments):
                options.add_option(Option(label, id=str(index)))

    @on(DataTable.RowSelected, "#pending-table")
    def pending_chosen(self, event: DataTable.RowSelected) -> None:
        court, username = str(event.row_key.value).split("|")
        form = self.form
        self.query_one(f"#{form.action.name}-court", Input).value = court
        self.query_one(f"#{form.action.name}-username", Input).value = username

    @on(Button.Pressed, ".action-form Button")
    def do_action(self, event: Button.Pressed) -> None:
        if event.button.id == "start-over":
            self.start_over()
            return
        form = self.form
        try:
            params = form.params()
        except SimError as error:
            self.shown(error.message, error.code.value)
            return
        call = actions.WORLD_ACTIONS.get(form.action.name) or actions.CHECKS[form.action.name]
        self.app.act(lambda ctx: call(ctx, params), self.ActionDone(self), navigate=False)

    class ActionDone(Reply):
        """A console action ran: the lists it changes are read again."""

    @on(ActionDone)
    def _after(self) -> None:
        form = self.form
        if form.action.name in ("clerk_approve", "clerk_reject", "advance_clock"):
            self.app.ask(pages.time_machine, self.ListsRead(self))

    @on(OptionList.OptionSelected, "#moments")
    def jump(self, event: OptionList.OptionSelected) -> None:
        moment = parse_iso(self.moments[int(event.option.id)])
        self.app.act(lambda ctx: actions.WORLD_ACTIONS["advance_clock"](ctx, {"to": moment}), self.ActionDone(self),
                     navigate=False)

    def start_over(self) -> None:
        text = self.query_one("#start-over-at", Input).value
        try:
            moment = parse_iso(text)
        except SimError as error:
            self.shown(error.message, error.code.value)
            return
        self.app.start_over(moment)

