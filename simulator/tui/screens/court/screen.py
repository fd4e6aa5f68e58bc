"""A court's CM/ECF, signed in (`court.menu`; `filing.receipt` while the Notice of Electronic Filing
shows). The blue menu bar stays on top as in CM/ECF; each menu opens a page below it.

Every page is opened through a core gate, so a window that started, a session that lapsed or an
access rule refuses it here exactly as it refuses the scenario action."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import OptionList, Static

from ....core import accounts, agents, filing, linking, pages, signon
from ....core.context import Ctx, Outcome
from ....core.menus import Menu
from ....core.pages import CourtData, View
from ...base import LearnerScreen
from ...replies import Reply
from ...widgets import ExercisePanel, KeyBar, LazySwitcher, MenuBar, MessageBar, NarrationBar, StatusBar
from .agents import ChangeUserPanel, CreateAgentPanel
from .filing_wizard import FilingWizard
from .link import LinkPanel
from .maintain import MaintainPanel
from .menu_pages import HelpPanel, ReceiptPanel, ReportsPanel, TransactionsPanel, UtilitiesPanel, WelcomePanel
from .payments import PaymentsPanel
from .query import QueryPanel


PAGES = {  # each page below the menu bar, mounted the first time it opens (as #panel-<name>)
    "welcome": WelcomePanel, "filing": FilingWizard, "receipt": ReceiptPanel, "query": QueryPanel,
    "reports": ReportsPanel, "utilities": UtilitiesPanel, "help": HelpPanel, "link": LinkPanel,
    "maintain": MaintainPanel, "create-agent": CreateAgentPanel, "change-user": ChangeUserPanel,
    "payments": PaymentsPanel, "transactions": TransactionsPanel,
}

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
        yield LazySwitcher({name: partial(page, id=f"panel-{name}") for name, page in PAGES.items()}, id="panels")
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
        await self.query_one(MenuBar).set_menus(data.menus)
        if view.location == signon.FILING_RECEIPT:
            await self.show_panel("receipt")
        elif arriving or self.panel == "receipt":
            await self.show_panel("welcome", data)
        if arriving or self.focused is None:
            self.focus_menu()

    def focus_menu(self) -> None:
        """Keyboard first: back to the menu bar's first menu (left and right move along it), as in CM/ECF."""
        self.query_one(MenuBar).action_move_to(0)

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
        court_id, opened = court_id or self.court_id, self.PageOpened(self, panel)

        def work(ctx: Ctx) -> Outcome:
            opened.data = gate(ctx, court_id)
            return Outcome("")

        self.app.act(work, opened)

    class PageOpened(Reply):
        """A page's gate passed: the page opens with what the gate returned (`data`)."""

        def __init__(self, asker, panel: str) -> None:
            super().__init__(asker)
            self.panel = panel
            self.data: Any = None

    @on(PageOpened)
    async def page_opened(self, opened: PageOpened) -> None:
        if opened.landed_on_asker:
            await self.show_panel(opened.panel, opened.data)

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
