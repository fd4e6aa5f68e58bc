"""A court's CM/ECF, signed in (`court.menu`; `filing.receipt` while the Notice of Electronic Filing
shows). The blue menu bar stays on top as in CM/ECF; each menu opens a page below it.

Every page is opened through a core gate, so a window that started, a session that lapsed or an
access rule refuses it here exactly as it refuses the scenario action."""

from __future__ import annotations

from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    ContentSwitcher,
    DataTable,
    Input,
    Label,
    OptionList,
    Static,
)
from textual.suggester import SuggestFromList
from textual.widgets.option_list import Option

from ...core import access, accounts, agents, cases, catalog, filing, linking, pages, signon
from ...core.context import Ctx, Outcome
from ...core.errors import SimError
from ...core.catalog import EventSpec
from ...core.menus import Menu
from ..base import LearnerScreen
from ...core.pages import CourtData, View
from ..play import ExercisePanel
from ..widgets import Fields, KeyBar, LazySwitcher, MenuBar, MessageBar, NarrationBar, StatusBar, Tickbox, reflow
from .logins import labelled

class CourtScreen(LearnerScreen):
    AUTO_FOCUS = "MenuBar Button"
    LOCATION = signon.COURT_MENU
    TITLE_TEXT = "CM/ECF"
    HELP = """\
The court's CM/ECF. The menu bar follows your access (R15): signed in without filing access you see
Query, Reports, Utilities, Help and Log Out; with filing access the filing menus come first (Civil and
Criminal at a district court, Bankruptcy and Adversary at a bankruptcy court). A menu you may not use
is marked (unavailable); choose it to read why.
Utilities holds: Link a CM/ECF account to my PACER account (NextGen), Maintain Your ECF Account (filing
agents, contact details), View Your Transaction Log, Internet Payments Due, and Change User for agents.
Filing: menu > event > case number > filer > PDF documents > docket text > final text > Submit."""

    court_id: str = ""
    data: CourtData | None = None
    panel: str = "welcome"

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield NarrationBar()
        yield ExercisePanel()
        yield Static("", id="screen-title", markup=False)
        yield Static("", id="court-who", markup=False)
        yield MenuBar(id="menubar")
        yield MessageBar(id="message")
        yield LazySwitcher({
            "welcome": lambda: WelcomePanel(id="panel-welcome"),
            "filing": lambda: FilingWizard(id="panel-filing"),
            "receipt": lambda: ReceiptPanel(id="panel-receipt"),
            "query": lambda: QueryPanel(id="panel-query"),
            "reports": lambda: ReportsPanel(id="panel-reports"),
            "utilities": lambda: UtilitiesPanel(id="panel-utilities"),
            "help": lambda: HelpPanel(id="panel-help"),
            "link": lambda: LinkPanel(id="panel-link"),
            "maintain": lambda: MaintainPanel(id="panel-maintain"),
            "create-agent": lambda: CreateAgentPanel(id="panel-create-agent"),
            "change-user": lambda: ChangeUserPanel(id="panel-change-user"),
            "payments": lambda: PaymentsPanel(id="panel-payments"),
            "transactions": lambda: TransactionsPanel(id="panel-transactions"),
        }, id="panels")
        yield KeyBar()

    @property
    def location(self) -> str:
        return signon.FILING_RECEIPT if self.panel == "receipt" else signon.COURT_MENU

    async def render_view(self, view: View) -> None:
        data: CourtData = view.data
        arriving = self.arriving or data.court_id != self.court_id
        self.court_id, self.data = data.court_id, data
        kind = "NextGen CM/ECF" if data.nextgen else "CM/ECF"
        self.set_title(f"{data.name} - {kind}")
        self.query_one("#court-who", Static).update(data.who)
        bar = self.query_one(MenuBar)
        if [(m.label, m.available) for m in bar.menus] != [(m.label, m.available) for m in data.menus]:
            await bar.set_menus(data.menus)
        else:
            bar.menus = data.menus
        if view.location == signon.FILING_RECEIPT:
            await self.show_panel("receipt")
        elif arriving or self.panel == "receipt":
            await self.show_panel("welcome", data)
        if arriving or self.focused is None:
            self.focus_menu()

    def focus_menu(self) -> None:
        """Keyboard first: back to the menu bar (left and right move along it), as in CM/ECF."""
        buttons = self.query_one(MenuBar).query(Button)
        if buttons:
            buttons.first().focus()

    async def show_panel(self, name: str, data: Any = None) -> Widget:
        """Mount the page `name` below the menu bar, started with `data` from its core gate."""
        self.panel = name
        widget = await self.query_one(LazySwitcher).show(name)
        widget.start(data)
        return widget

    leave_asked_at = ""  # the filing page where Escape last asked "leave this filing?"

    def action_back(self) -> None:
        """Escape: back to the court's welcome panel, focus on its first menu (never on Log Out, where
        a following Enter would sign the learner out of everything). A filing under way is left only
        when Escape is pressed twice on the same page: what was entered is not dropped by one key."""
        if self.panel == "welcome":
            self.app.go_home()
            return
        wizard = self.query(FilingWizard).first() if self.panel == "filing" else None
        if wizard is not None and wizard.page != "event" and self.leave_asked_at != wizard.page:
            self.leave_asked_at = wizard.page
            self.message_bar.show("Press Escape again to leave this filing: what you have entered so far will be lost.",
                                  failed=True)
            return
        self.leave_asked_at = ""
        self.message_bar.clear()
        self.call_later(self._back_to_welcome)

    async def _back_to_welcome(self) -> None:
        await self.show_panel("welcome", self.data)
        self.focus_menu()

    # --- the menu bar ------------------------------------------------------------------------------

    @on(MenuBar.Chosen)
    def menu_chosen(self, event: MenuBar.Chosen) -> None:
        menu: Menu = event.menu
        court_page = signon.court_session  # the pages that only need the learner signed in here
        if menu.label == "Log Out":
            self.app.act(signon.logout)
        elif menu.label == "Query":
            self.open_page("query", court_page)
        elif menu.label == "Reports":
            self.open_page("reports", court_page)
        elif menu.label == "Utilities":
            self.open_page("utilities", _signed_in_then(menu.items))
        elif menu.label == "Help":
            self.open_page("help", court_page)
        else:
            self.open_page("filing", _filing_gate(menu.label))

    def open_page(self, panel: str, gate: Callable[[Ctx, str], Any], court_id: str | None = None) -> None:
        """Open a page through its core gate; refused, the message says why (and the learner may land
        elsewhere, as the core decides). The gate's result starts the page."""
        court_id, box = court_id or self.court_id, {}

        def work(ctx: Ctx) -> Outcome:
            box["data"] = gate(ctx, court_id)
            return Outcome("")

        async def then(screen, outcome, error) -> None:
            if outcome is not None and screen is self:
                await self.show_panel(panel, box["data"])

        self.app.act(work, then)

    @on(OptionList.OptionSelected, "#utilities-list, #reports-list")
    def utility_chosen(self, event: OptionList.OptionSelected) -> None:
        self.open_function(str(event.option.id))

    def open_function(self, function: str, court_id: str | None = None) -> None:
        """A Utilities page by name, as the menu or a bookmark (Go to) opens it."""
        functions: dict[str, tuple[str, Callable[[Ctx, str], Any]]] = {
            "link": ("link", linking.open_link),
            "maintain": ("maintain", accounts.maintain_page),
            "create_agent": ("create-agent", agents.open_create_agent),
            "change_user": ("change-user", lambda ctx, c: agents.open_change_user(ctx, c)[1]),
            "payments": ("payments", pages.payments_due),
            "transactions": ("transactions", pages.transactions),
            "query": ("query", signon.court_session),
            "file": ("filing", _filing_gate("")),
        }
        panel, gate = functions[function]
        self.open_page(panel, gate, court_id)


def _filing_gate(menu: str) -> Callable[[Ctx, str], str]:
    """Choosing a filing menu: R22's gate, then the wizard lists that menu's events."""

    def gate(ctx: Ctx, court_id: str) -> str:
        filing.open_filing(ctx, court_id)
        return menu

    return gate


def _signed_in_then(data: Any) -> Callable[[Ctx, str], Any]:
    """A page that only needs the learner signed in at the court (the court gate), showing `data`."""

    def gate(ctx: Ctx, court_id: str) -> Any:
        signon.court_session(ctx, court_id)
        return data

    return gate


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
        yield Static(reflow(CourtScreen.HELP), markup=False)

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


def _court_screen(widget) -> CourtScreen:
    return widget.screen  # every panel lives on the court screen


# --- Utilities > Link a CM/ECF account to my PACER account ---------------------------------------------

class LinkPanel(Vertical):
    """Credentials, then a verify page showing both accounts, then Submit (R16)."""

    DEFAULT_CSS = "LinkPanel { height: auto; }"

    def compose(self) -> ComposeResult:
        yield Label("Link a CM/ECF account to my PACER account", classes="panel-title")
        with ContentSwitcher(initial="link-credentials", id="link-pages"):
            with Vertical(id="link-credentials"):
                yield Static("Enter the CM/ECF login and password this court issued you before NextGen.", markup=False)
                yield labelled("CM/ECF login", Input(id="ecf-login"))
                yield labelled("CM/ECF password", Input(id="ecf-password", password=True))
                yield Button("Submit", id="link-verify", variant="primary")
            with Vertical(id="link-verify-page"):
                yield Static("Verify that the CM/ECF account and PACER account below are right. Linking cannot be undone.",
                             markup=False)
                yield Fields([("verify_ecf", "CM/ECF account"), ("verify_pacer", "PACER account")], id="link-verify-fields")
                with Horizontal(classes="buttons"):
                    yield Button("Submit", id="link-submit", variant="primary")
                    yield Button("Back", id="link-back")
            with Vertical(id="link-done"):
                yield Fields([("status", "Link status")], id="link-result", classes="result-fields")

    def start(self, _data=None) -> None:
        self.query_one("#link-pages", ContentSwitcher).current = "link-credentials"
        for field in self.query(Input):
            field.value = ""
        self.query_one("#ecf-login", Input).focus()

    def _credentials(self) -> tuple[str, str, str]:
        return (_court_screen(self).court_id, self.query_one("#ecf-login", Input).value,
                self.query_one("#ecf-password", Input).value)

    @on(Input.Submitted, "#ecf-login, #ecf-password")
    @on(Button.Pressed, "#link-verify")
    def verify(self) -> None:
        court_id, login, password = self._credentials()
        box = {}

        def work(ctx: Ctx) -> Outcome:
            box["preview"] = linking.verify(ctx, court_id, login, password)
            return Outcome("")

        def then(screen, outcome, error) -> None:
            if outcome is None or screen is not self.screen:
                return
            preview = box["preview"]
            fields = self.query_one("#link-verify-fields", Fields)
            fields.set("verify_ecf", f"{preview.ecf_login}: {preview.ecf_name} ({preview.ecf_role.replace('_', ' ')}), {preview.court_name}")
            fields.set("verify_pacer", f"{preview.pacer_username}: {preview.pacer_name}, account {preview.pacer_account_number}")
            self.query_one("#link-pages", ContentSwitcher).current = "link-verify-page"
            self.query_one("#link-submit", Button).focus()

        self.app.act(work, then)

    @on(Button.Pressed, "#link-submit")
    def submit(self) -> None:
        court_id, login, password = self._credentials()

        def then(screen, outcome, error) -> None:
            if outcome is not None and screen is self.screen:
                self.query_one("#link-pages", ContentSwitcher).current = "link-done"
                self.query_one("#ecf-password", Input).value = ""
                screen.focus_menu()

        self.app.act(lambda ctx: linking.submit(ctx, court_id, login, password), then)

    @on(Button.Pressed, "#link-back")
    def back(self) -> None:
        self.start()


# --- the filing wizard (R23) ----------------------------------------------------------------------------

class FilingWizard(Vertical):
    """Event, fee choice, case, filer, documents, docket text, final text: each page judged by the core,
    and only the page in use mounted."""

    DEFAULT_CSS = "FilingWizard { height: auto; } FilingWizard LazySwitcher { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.draft = filing.FilingDraft("")
        self.submitting = False
        self.page = "event"
        self.menu = ""
        self.menu_events: list[EventSpec] = []  # the events of the chosen menu, which the search narrows

    def compose(self) -> ComposeResult:
        yield Label("", id="filing-title", classes="panel-title")
        yield LazySwitcher({
            "event": lambda: Vertical(
                labelled("Find an event", Input(id="event-search", placeholder="type an event, e.g. motion")),
                OptionList(id="event-list"),
                Button("Next", id="next-event", variant="primary"), id="filing-event"),
            "fee": lambda: Vertical(
                Static("", id="fee-summary", markup=False),
                Horizontal(Button("Pay Now", id="pay-now", variant="primary"), Button("Continue Filing", id="pay-later"),
                           classes="buttons"), id="filing-fee"),
            "case": lambda: Vertical(
                labelled("Case number", Input(id="case-number", placeholder="1:21-cv-01234 or 21-1234")),
                Button("Next", id="next-case", variant="primary"), id="filing-case"),
            "party": lambda: Vertical(
                Static("", id="case-name", markup=False),
                Label("Select the filer (the party you file for):"),
                OptionList(id="party-list"),
                labelled("Filer", Input(id="party")),
                Button("Next", id="next-party", variant="primary"), id="filing-party"),
            "documents": lambda: Vertical(
                labelled("Main document", Input(id="main-document", placeholder="a PDF path, or sample:motion.pdf")),
                Static("Attachments (each a separate PDF):", markup=False),
                labelled("Attachment", Input(id="attachment-document", placeholder="path or sample:exhibit.pdf")),
                labelled("Description", Input(id="attachment-description", placeholder="e.g. Exhibit A")),
                Button("Add attachment", id="add-attachment"),
                Static("", id="attachments-list", markup=False),
                Button("Next", id="next-documents", variant="primary"), id="filing-documents"),
            "text": lambda: Vertical(
                labelled("Modifier", Input(id="modifier", placeholder=f"optional: {', '.join(catalog.modifiers()[:4])}...",
                                           suggester=SuggestFromList(catalog.modifiers(), case_sensitive=False))),
                labelled("Text", Input(id="free-text", placeholder="free text after the event, e.g. to Extend Time")),
                Button("Next", id="next-text", variant="primary"), id="filing-text"),
            "final": lambda: Vertical(
                Label("Docket Text: Final Text"),
                Static("", id="final-text", markup=False),
                Static("Pressing Submit files this document. You cannot change it afterwards.", classes="notice",
                       markup=False),
                Horizontal(Button("Submit", id="submit-filing", variant="primary"),
                           Button("Start over", id="restart-filing"), classes="buttons"), id="filing-final"),
        }, keep=True, id="filing-pages")

    def start(self, menu: str) -> None:
        """A fresh draft for this court, listing the events of the menu chosen (all for a bookmark)."""
        self.draft = filing.FilingDraft(_court_screen(self).court_id)
        self.submitting = False
        self.menu = menu
        for field in self.query(Input):
            field.value = ""
        for static in self.query("#attachments-list, #final-text, #case-name, #fee-summary").results(Static):
            static.update("")
        self.call_later(self._start_events)

    async def _start_events(self) -> None:
        await self.show("event")
        self.menu_events = [event for event in catalog.events_for(_court_screen(self).data.court_type)
                            if not self.menu or self.menu in event.menus]
        self.list_events("")
        self.query_one("#event-search", Input).focus()

    def list_events(self, text: str) -> None:
        events = self.query_one("#event-list", OptionList)
        events.clear_options()
        for event in filing.matching_events(self.menu_events, text):
            fee = " (fee)" if event.has_fee else ""
            events.add_option(Option(f"{event.category} > {event.name}{fee}", id=event.id))

    @on(Input.Changed, "#event-search")
    def search_events(self, event: Input.Changed) -> None:
        """The list narrows as the filer types, as CM/ECF's event search does."""
        if self.page == "event":
            self.list_events(event.value)

    PAGE_TITLES = {"event": "choose the event", "fee": "filing fee", "case": "case number", "party": "select the filer",
                   "documents": "PDF documents", "text": "docket text: modify as appropriate", "final": "final text"}

    async def show(self, page: str) -> None:
        self.page = page
        self.query_one("#filing-title", Label).update(f"{self.menu or 'File a document'}: {self.PAGE_TITLES[page]}")
        await self.query_one(LazySwitcher).show(page)

    def _check(self, work: Callable[[Ctx], Any], then: Callable[[Any], Any]) -> None:
        """Judge this page in the core; when it passes, `then` moves on with what the core returned.
        A page check reads and judges; only a refusal that moves the learner (a window began, the
        session ended) needs the full landing, which `app.refused` gives it."""

        async def after(value) -> None:
            if isinstance(value, SimError):
                self.app.refused(value)
            elif self.screen is self.app.screen:
                self.screen.message_bar.clear()
                await then(value)

        self.app.query_core(work, after)

    # event
    @on(OptionList.OptionSelected, "#event-list")
    def event_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#event-search", Input).value = str(event.option.id)
        self.choose_event()

    @on(Input.Submitted, "#event-search")
    @on(Button.Pressed, "#next-event")
    def choose_event(self) -> None:
        query = self.query_one("#event-search", Input).value
        court_id = self.draft.court_id

        def check(ctx: Ctx) -> tuple[EventSpec, str]:
            event = filing.check_event(ctx.court(court_id), query)
            return event, filing.fee_summary(ctx, court_id, event) if event.has_fee else ""

        async def chosen(found: tuple[EventSpec, str]) -> None:
            event, fee_summary = found
            self.draft.event = event.id
            if event.has_fee:
                await self.show("fee")
                self.query_one("#fee-summary", Static).update(fee_summary)
                self.query_one("#pay-now", Button).focus()
            else:
                await self.show("case")
                self.query_one("#case-number", Input).focus()

        self._check(check, chosen)

    # fee
    @on(Button.Pressed, "#pay-now, #pay-later")
    def choose_payment(self, event: Button.Pressed) -> None:
        pay = "now" if event.button.id == "pay-now" else "later"
        draft = self.draft

        def work(ctx: Ctx) -> None:
            session = signon.court_session(ctx, draft.court_id)
            filing.check_payment(ctx, session, catalog.event(session.court.type, draft.event), pay)

        async def chosen(_) -> None:
            self.draft.pay = pay
            await self.show("case")
            self.query_one("#case-number", Input).focus()

        self._check(work, chosen)

    # case
    @on(Input.Submitted, "#case-number")
    @on(Button.Pressed, "#next-case")
    def choose_case(self) -> None:
        number = self.query_one("#case-number", Input).value
        court_id = self.draft.court_id

        def work(ctx: Ctx):
            court = ctx.court(court_id)
            case = filing.check_case(ctx, court, number)
            session = signon.court_session(ctx, court_id, move_learner=False)
            default = filing.check_party(ctx, case, access.acting_primary(ctx, session), "")
            return case.number, case.title, [p.name for p in filing.parties(ctx, case)], default

        async def chosen(found) -> None:
            number_found, title, parties, default = found
            self.draft.case = number
            await self.show("party")
            self.query_one("#case-name", Static).update(f"{number_found} {title}")
            options = self.query_one("#party-list", OptionList)
            options.clear_options()
            for name in parties:
                options.add_option(Option(name, id=name))
            self.query_one("#party", Input).value = default
            self.query_one("#party", Input).focus()

        self._check(work, chosen)

    # party
    @on(OptionList.OptionSelected, "#party-list")
    def party_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#party", Input).value = str(event.option.id)

    @on(Input.Submitted, "#party")
    @on(Button.Pressed, "#next-party")
    def choose_party(self) -> None:
        name = self.query_one("#party", Input).value
        draft = self.draft

        def work(ctx: Ctx):
            court = ctx.court(draft.court_id)
            case = cases.find(ctx, court, draft.case)
            session = signon.court_session(ctx, draft.court_id, move_learner=False)
            return filing.check_party(ctx, case, access.acting_primary(ctx, session), name)

        async def chosen(_) -> None:
            self.draft.party = name
            await self.show("documents")
            self.query_one("#main-document", Input).focus()

        self._check(work, chosen)

    # documents
    @on(Input.Submitted, "#attachment-document, #attachment-description")
    @on(Button.Pressed, "#add-attachment")
    def add_attachment(self) -> None:
        document = self.query_one("#attachment-document", Input).value.strip()
        if not document:
            return
        description = self.query_one("#attachment-description", Input).value.strip()
        self.draft.attachments.append((document, description))
        self.query_one("#attachment-document", Input).value = ""
        self.query_one("#attachment-description", Input).value = ""
        listed = "\n".join(f"# {i} {doc} {desc}".rstrip() for i, (doc, desc) in enumerate(self.draft.attachments, 1))
        self.query_one("#attachments-list", Static).update(listed)

    @on(Input.Submitted, "#main-document")
    @on(Button.Pressed, "#next-documents")
    def choose_documents(self) -> None:
        main = self.query_one("#main-document", Input).value
        draft = self.draft

        async def chosen(_) -> None:
            self.draft.document = main
            await self.show("text")
            self.query_one("#free-text", Input).focus()

        self._check(lambda ctx: filing.check_documents(ctx, ctx.court(draft.court_id), main, draft.attachments), chosen)

    # docket text
    @on(Input.Submitted, "#free-text")
    @on(Button.Pressed, "#next-text")
    def choose_text(self) -> None:
        self.draft.modifier = self.query_one("#modifier", Input).value.strip()
        self.draft.text = self.query_one("#free-text", Input).value
        draft = self.draft

        async def chosen(valid) -> None:
            await self.show("final")
            self.query_one("#final-text", Static).update(valid.docket_text)
            self.query_one("#submit-filing", Button).focus()

        self._check(lambda ctx: filing.validate(ctx, draft), chosen)

    # final
    @on(Button.Pressed, "#submit-filing")
    def submit(self) -> None:
        """One filing per draft: a second press while the first is on its way files nothing more."""
        if self.submitting:
            return
        self.submitting = True
        draft = self.draft

        def landed(*_) -> None:
            self.submitting = False

        self.app.act(lambda ctx: filing.submit(ctx, draft), landed)

    @on(Button.Pressed, "#restart-filing")
    def restart(self) -> None:
        self.screen.call_later(self.screen.show_panel, "filing", self.menu)


# --- Query / Docket Report ------------------------------------------------------------------------------

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
        court_id = _court_screen(self).court_id
        number = self.query_one("#query-case", Input).value

        def then(screen, outcome, error) -> None:
            if outcome is None or screen is not self.screen:
                return
            table = self.query_one("#docket-table", DataTable)
            table.clear()
            for entry_number, filed, text in outcome.fields["entries"]:
                table.add_row(str(entry_number), filed.isoformat(), text)

        self.app.act(lambda ctx: filing.docket_report(ctx, court_id, number), then)


# --- Maintain Your ECF Account: filing agents (R19) and contact details (R21) ----------------------------

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
        court_id = _court_screen(self).court_id
        name = self.query_one("#maintain-name", Input).value.strip() or None
        email = self.query_one("#maintain-email", Input).value.strip() or None
        typed = self.query_one("#maintain-secondary", Input).value
        secondary = [a.strip() for a in typed.split(",") if a.strip()] if typed.strip() else None
        self.app.act(lambda ctx: accounts.update_ecf_account(ctx, court_id, email, secondary, name), self._reload)

    @on(Button.Pressed, "#agent-find")
    def find(self) -> None:
        court_id = _court_screen(self).court_id
        query = self.query_one("#agent-query", Input).value

        def found(rows) -> None:
            if isinstance(rows, Exception):
                return
            names = ", ".join(f"{r.name} ({r.username})" for r in rows) or "no registered filing agent matches"
            self.screen.message_bar.show(f"Find Filing Agent: {names}.")

        self.app.query_core(lambda ctx: agents.find_filing_agents(ctx, court_id, query), found)

    @on(Input.Submitted, "#agent-query")
    @on(Button.Pressed, "#agent-add")
    def add(self) -> None:
        court_id = _court_screen(self).court_id
        agent = self.query_one("#agent-query", Input).value
        payment = self.query_one("#agent-internet-payment", Checkbox).value
        self.app.act(lambda ctx: agents.add_filing_agent(ctx, court_id, agent, payment), self._reload)

    @on(Button.Pressed, "#agent-remove")
    def remove(self) -> None:
        court_id = _court_screen(self).court_id
        agent = self.query_one("#agent-query", Input).value
        self.app.act(lambda ctx: agents.remove_filing_agent(ctx, court_id, agent), self._reload)

    def _reload(self, screen, outcome, error) -> None:
        if screen is not self.screen:
            return
        court_id = _court_screen(self).court_id

        def refreshed(page) -> None:
            if not isinstance(page, Exception):
                self._fill(page.agents)

        self.app.query_core(lambda ctx: accounts.maintain_page(ctx, court_id), refreshed)


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
        court_id = _court_screen(self).court_id
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
        court_id = _court_screen(self).court_id
        primary = self.query_one("#primary", Input).value

        self.app.act(lambda ctx: agents.change_user(ctx, court_id, primary))


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
        court_id = _court_screen(self).court_id

        def then(screen, outcome, error) -> None:
            if outcome is not None and screen is self.screen:
                self.query_one("#payments-due", Static).update("Nothing is due.")

        self.app.act(lambda ctx: filing.pay_fees(ctx, court_id), then)

