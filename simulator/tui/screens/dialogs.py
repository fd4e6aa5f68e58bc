"""Dialogs over the learner's screen: help, go to a CM/ECF page, MFA enrolment, password change,
and the inbox. Each is installed once and reused."""

from __future__ import annotations

import io

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core import accounts, pages, places
from ...core.errors import Code
from ..base import show_fields
from ..dialog import Dialog
from ..replies import Reply
from ..widgets import Fields, KeyBar, KeyScroll, MessageBar, reflow
from .logins import labelled

GOTO_PAGES = (
    ("file", "File a document"),
    ("link", "Utilities > Link a CM/ECF account to my PACER account"),
    ("maintain", "Utilities > Maintain Your ECF Account (filing agents)"),
    ("create_agent", "Utilities > Create a new Filing Agent (legacy courts)"),
    ("change_user", "Change User (filing agents)"),
    ("payments", "Utilities > Internet Payments Due"),
    ("transactions", "Utilities > View Your Transaction Log"),
    ("query", "Query"),
)


class HelpScreen(ModalScreen):
    """F1: what this screen is for, in the real system's words."""

    BINDINGS = [Binding("escape,f1", "dismiss", "Close")]

    def __init__(self, text: str, title: str) -> None:
        super().__init__()
        self.text, self.title_text = text, title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Help: {self.title_text}", classes="panel-title")
            yield Static(reflow(self.text), markup=False, classes="help-text")
            yield Button("Close", id="close-help", variant="primary")
        yield KeyBar()

    @on(Button.Pressed, "#close-help")
    def close(self) -> None:
        self.dismiss()


class GoToScreen(Dialog):
    """A bookmark to a court's CM/ECF page: the court's gate decides whether it opens (ctrl+g)."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to a CM/ECF page", classes="panel-title")
            yield labelled("Court", Input(id="goto-court", placeholder="court id, e.g. cod"))
            yield OptionList(*[Option(label, id=function) for function, label in GOTO_PAGES], id="goto-pages")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.query_one("#goto-court", Input).focus()

    @on(OptionList.OptionSelected, "#goto-pages")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        court_id = self.query_one("#goto-court", Input).value.strip().lower()
        function = str(event.option.id)
        self.dismiss()
        self.app.get_screen("court").open_function(function, court_id)


def qr_text(uri: str) -> Text:
    """The otpauth URI as a QR code in half-block characters, dark modules on a light ground, with a
    quiet zone, so a phone's authenticator app can scan it from the terminal."""
    import segno  # only the MFA enrolment dialog draws a QR code

    matrix = [list(row) for row in segno.make(uri, error="m").matrix]
    quiet = 4  # the QR standard's quiet zone, which phone scanners rely on
    width = len(matrix[0]) + 2 * quiet
    rows = [[0] * width for _ in range(quiet)] + [[0] * quiet + row + [0] * quiet for row in matrix]
    rows += [[0] * width for _ in range(quiet + (len(rows) % 2))]
    text = Text()
    for top, bottom in zip(rows[0::2], rows[1::2]):
        for upper, lower in zip(top, bottom):
            text.append({(0, 0): "█", (0, 1): "▀", (1, 0): "▄", (1, 1): " "}[(upper, lower)], style="#ffffff on #000000")
        text.append("\n")
    return text


class MfaEnrolledScreen(Dialog):
    """The new authenticator key as a QR code and as text, and the ten backup codes."""

    BINDINGS = [Binding("escape", "done", "Done")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog mfa"):  # the whole code on one 100x30 screen, to scan it
            yield Label("Multifactor Authentication: add PACER to your authentication app", classes="panel-title")
            with Horizontal(id="mfa-body"):
                yield Static("", id="mfa-qr")
                with Vertical(id="mfa-side"):
                    yield Fields([("mfa_account", "Account"), ("secret", "Key (type it if you cannot scan)"),
                                  ("backup_codes", "Backup codes (each works once)")], id="mfa-fields",
                                 classes="result-fields")
                    yield Button("Done", id="mfa-done", variant="primary")
        yield KeyBar()

    def present(self, username: str, uri: str, fields: dict) -> None:
        self.query_one("#mfa-qr", Static).update(qr_text(uri))
        show_fields(self, {"mfa_account": username, **fields})

    @on(Button.Pressed, "#mfa-done")
    def action_done(self) -> None:
        self.dismiss()


class ChangePasswordScreen(Dialog):
    """The password change PACER asks for at sign-in when rotation is on."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Change your PACER password", classes="panel-title")
            yield MessageBar(id="message")
            yield labelled("Current password", Input(id="prompt-current", password=True))
            yield labelled("New password", Input(id="prompt-new", password=True))
            yield Button("Change Password", id="prompt-change", variant="primary")
        yield KeyBar()

    @property
    def location(self) -> str:
        """Where the learner stands: still the screen this opened over, until the change is made."""
        return self.app.screen_stack[-2].location

    fresh = True  # opened anew (not back from Help over it): start with empty fields

    def on_screen_resume(self) -> None:
        if not self.fresh:
            return
        self.fresh = False
        for field in self.query(Input):
            field.value = ""
        self.query_one(MessageBar).clear()
        self.query_one("#prompt-current", Input).focus()

    @on(Input.Submitted, "#prompt-new")
    @on(Button.Pressed, "#prompt-change")
    def change(self) -> None:
        current = self.query_one("#prompt-current", Input).value
        new = self.query_one("#prompt-new", Input).value
        self.app.act(lambda ctx: accounts.change_password(ctx, current, new), self.Changed(self), navigate=False)

    class Changed(Reply):
        """Change Password ran, here in the dialog (not landed on the learner's screen)."""

    @on(Changed)
    def _changed(self, changed: Changed) -> None:
        """A wrong current password or a weak new one is for this dialog to show, what was typed kept;
        anything else, or anything after the learner closed the dialog, lands where the core now has
        the learner, as every action does."""
        outcome, error = changed.outcome, changed.error
        still_open = self.app.screen is self
        if still_open and error is not None and error.code in (Code.BAD_CREDENTIALS, Code.PASSWORD_POLICY):
            self.query_one(MessageBar).show(error.message, error.code.value)
            return
        if still_open:
            self.dismiss()
        if error is not None:
            self.app.refused(error, counted=True)
        else:
            self.app.act(lambda ctx: outcome)


class InboxScreen(Dialog):
    """The training mail catcher: every mailbox in the world (F3)."""

    BINDINGS = [Binding("escape,f3", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Inbox (every address in this world)", classes="panel-title")
            yield MessageBar(id="message")
            table = DataTable(id="mail-table", cursor_type="row")
            table.add_columns("Sent", "To", "Subject")
            yield table
            yield Static("", id="mail-body", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Open the reset link", id="open-link", variant="primary")
                yield Button("Save as .eml", id="save-eml")
                yield Button("Close", id="close-inbox")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.app.ask(pages.inbox, self.InboxRead(self))

    class InboxRead(Reply):
        """Every email of this world, newest first (`result`)."""

    @on(InboxRead)
    def _show(self, read: InboxRead) -> None:
        emails: list[pages.InboxMessage] = read.result
        self.emails = {message.id: message for message in emails}
        table = self.query_one("#mail-table", DataTable)
        table.clear()
        for message in emails:
            table.add_row(message.sent, message.to, message.subject, key=str(message.id))
        self.query_one("#open-link", Button).display = False
        if emails:
            self._select(emails[0].id)

    def _select(self, email_id: int) -> None:
        self.selected = self.emails[email_id]
        self.query_one("#mail-body", Static).update(self.selected.body)
        self.query_one("#open-link", Button).display = bool(self.selected.link_kind)

    @on(DataTable.RowHighlighted, "#mail-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None:
            self._select(int(event.row_key.value))

    @on(Button.Pressed, "#open-link")
    def open_link(self) -> None:
        email_id = self.selected.id

        self.app.act(lambda ctx: accounts.open_reset_link(ctx, email_id), self.ResetLinkOpened(self))

    class ResetLinkOpened(Reply):
        """The reset link opened its sign-in page: the new-password form shows there, for the account
        the email named."""

    @on(ResetLinkOpened)
    def reset_link_opened(self, opened: ResetLinkOpened) -> None:
        if opened.outcome is not None:
            opened.screen.start_reset(opened.outcome.fields.get("account", ""))

    @on(Button.Pressed, "#save-eml")
    def save_eml(self) -> None:
        """The selected message as the .eml file a mail tool opens: in a browser, a download; in a
        terminal, a file in the data folder's mail/."""
        if not getattr(self, "selected", None):
            self.query_one("#message", MessageBar).show("There is no message to save yet.")
            return
        email_id = self.selected.id
        self.app.ask(lambda ctx: pages.eml(ctx, email_id), self.EmlRead(self))

    class EmlRead(Reply):
        """The selected message as an .eml file's bytes (`result`), to save or download."""

    @on(EmlRead)
    def _saved(self, read: EmlRead) -> None:
        data: bytes = read.result
        name = f"message-{self.selected.id}.eml"
        bar = self.query_one("#message", MessageBar)
        if self.app.is_web:
            self.app.deliver_binary(io.BytesIO(data), save_filename=name, mime_type="message/rfc822")
            bar.show(f"{name} is downloading in your browser.")
            return
        folder = places.data_dir(create=False) / "mail"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        except OSError as failure:
            bar.show(f"The message could not be saved in {folder} ({failure.strerror or failure}). Make the folder "
                     "writable, or set CMECF_SIM_HOME to another, then try again.", "INVALID_INPUT")
            return
        bar.show(f"Saved {folder / name}: open it with your mail program.")

    @on(Button.Pressed, "#close-inbox")
    def close(self) -> None:
        self.dismiss()


class WhoAmIScreen(Dialog):
    """F4: the personas of the practice world, or of an exercise, with their training credentials."""

    BINDINGS = [Binding("escape,f4", "dismiss", "Close")]

    def __init__(self, personas: list[dict]) -> None:
        super().__init__()
        self.personas = personas

    def compose(self) -> ComposeResult:
        with KeyScroll(classes="dialog"):
            yield Label("Who am I? The people of this world", classes="panel-title")
            if not self.personas:
                yield Static("This world has no personas: use the accounts your exercise's briefing gives.", markup=False)
            for persona in self.personas:
                yield Label(persona["name"], classes="subform-title")
                yield Static(persona["summary"], markup=False)
                yield Static("\n".join(f"  {line}" for line in persona.get("credentials", [])), markup=False)
            yield Button("Close", id="close-whoami", variant="primary")
        yield KeyBar()

    @on(Button.Pressed, "#close-whoami")
    def close(self) -> None:
        self.dismiss()
