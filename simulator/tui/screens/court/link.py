"""Utilities > Link a CM/ECF account to my PACER account (R16)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, ContentSwitcher, Input, Label, Static

from ....core import linking
from ....core.context import Ctx, Outcome
from ...replies import Reply
from ...widgets import Fields
from ..logins import labelled
from .page import court_screen


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
        return (court_screen(self).court_id, self.query_one("#ecf-login", Input).value,
                self.query_one("#ecf-password", Input).value)

    @on(Input.Submitted, "#ecf-login, #ecf-password")
    @on(Button.Pressed, "#link-verify")
    def verify(self) -> None:
        court_id, login, password = self._credentials()
        verified = self.Verified(self)

        def work(ctx: Ctx) -> Outcome:
            verified.preview = linking.verify(ctx, court_id, login, password)
            return Outcome("")

        self.app.act(work, verified)

    class Verified(Reply):
        """Both logins verified: the page shows whose accounts they are (`preview`) before linking."""

        preview: linking.LinkPreview | None = None

    @on(Verified)
    def verified(self, verified: Verified) -> None:
        if verified.landed_on_asker:
            preview = verified.preview
            fields = self.query_one("#link-verify-fields", Fields)
            fields.set("verify_ecf", f"{preview.ecf_login}: {preview.ecf_name} ({preview.ecf_role.replace('_', ' ')}), {preview.court_name}")
            fields.set("verify_pacer", f"{preview.pacer_username}: {preview.pacer_name}, account {preview.pacer_account_number}")
            self.query_one("#link-pages", ContentSwitcher).current = "link-verify-page"
            self.query_one("#link-submit", Button).focus()

    @on(Button.Pressed, "#link-submit")
    def submit(self) -> None:
        court_id, login, password = self._credentials()
        self.app.act(lambda ctx: linking.submit(ctx, court_id, login, password), self.Linked(self))

    class Linked(Reply):
        """The accounts are linked (or the link was refused): the page says so, the password cleared."""

    @on(Linked)
    def linked(self, linked: Linked) -> None:
        if linked.landed_on_asker:
            self.query_one("#link-pages", ContentSwitcher).current = "link-done"
            self.query_one("#ecf-password", Input).value = ""
            linked.screen.focus_menu()

    @on(Button.Pressed, "#link-back")
    def back(self) -> None:
        self.start()
