"""A court's own web page (`court.page`) and its CM/ECF-unavailable page (`court.unavailable`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from ...core import signon
from ..base import LearnerScreen
from ...core.pages import CourtPageData, View


class CourtPageScreen(LearnerScreen):
    AUTO_FOCUS = "#dfs"
    LOCATION = signon.COURT_PAGE
    TITLE_TEXT = "Court"
    HELP = """\
A court's web page. "Document Filing System" is the link filers use: a legacy court shows its own
login page; a NextGen court sends you to the PACER login and back (Central Sign-On).
"CM/ECF login (court-issued)" opens the court's own login page directly, as an old bookmark would.
Maintenance notices say when CM/ECF is down and when it comes back."""

    court_id: str = ""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="court-generation", markup=False)
        yield Static("", id="court-notices", markup=False)
        yield Static("", id="court-help-desk", markup=False)
        yield Static("", id="court-about", classes="notice", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Document Filing System", id="dfs", variant="primary")
            yield Button("CM/ECF login (court-issued)", id="court-login")
            yield Button("Court list", id="to-home")

    async def render_view(self, view: View) -> None:
        data: CourtPageData = view.data
        self.court_id = data.court_id
        self.set_title(f"{data.name} ({data.court_id}) - {data.type} court")
        self.query_one("#court-generation", Static).update(data.go_live_notice)
        notices = "\n".join(("NOTICE: " if n.current else "") + n.text for n in data.notices)
        self.query_one("#court-notices", Static).update(notices or "No maintenance is scheduled.")
        self.query_one("#court-help-desk", Static).update(f"Help desk: {data.help_desk}" if data.help_desk else "")
        self.query_one("#court-about", Static).update(data.about)

    @on(Button.Pressed, "#dfs")
    def document_filing_system(self) -> None:
        court_id = self.court_id
        self.app.act(lambda ctx: signon.visit(ctx, court_id))

    @on(Button.Pressed, "#court-login")
    def court_login(self) -> None:
        court_id = self.court_id
        self.app.act(lambda ctx: signon.open_court_login(ctx, court_id))

    @on(Button.Pressed, "#to-home")
    def to_home(self) -> None:
        self.app.go_home()


class UnavailableScreen(LearnerScreen):
    AUTO_FOCUS = "#retry"
    LOCATION = signon.COURT_UNAVAILABLE
    TITLE_TEXT = "CM/ECF is unavailable"
    HELP = """\
The court's CM/ECF is inside a maintenance window or an outage. Every CM/ECF action there is refused
until the window ends; PACER itself stays up. Outages and go-live windows extend filing deadlines
under Fed. R. Civ. P. 6(a)(3) (Fed. R. Bankr. P. 9006(a)(3)); routine maintenance does not.
Move the clock (F5, F6) and try again."""

    court_id: str = ""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="unavailable-notice", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Try again", id="retry", variant="primary")
            yield Button("Court page", id="to-court-page")

    async def render_view(self, view: View) -> None:
        self.court_id = view.court_id or ""
        self.query_one("#unavailable-notice", Static).update(view.data or "")

    @on(Button.Pressed, "#retry")
    def retry(self) -> None:
        court_id = self.court_id
        self.app.act(lambda ctx: signon.visit(ctx, court_id))

    @on(Button.Pressed, "#to-court-page")
    def court_page(self) -> None:
        court_id = self.court_id
        self.app.act(lambda ctx: signon.open_court_page(ctx, court_id))

    def action_back(self) -> None:
        self.court_page()
