"""Signing in: a legacy court's own login page, the PACER login (Central Sign-On), the MFA code page,
update prompts, registration, and password resets."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ...core import accounts, firms, signon
from ..base import LearnerScreen
from ...core.pages import CourtPageData, PromptData, View
from ..widgets import Tickbox, Fields

WARNING = (
    "This is a Restricted Web Site for Official Court Business only. Unauthorized entry is prohibited and subject to "
    "prosecution under Title 18 of the U.S. Code. All activities and access attempts are logged."
)
REDACTION_NOTICE = (
    "IMPORTANT NOTICE OF REDACTION RESPONSIBILITY: All filers must redact: Social Security or taxpayer-identification "
    "numbers; dates of birth; names of minor children; financial account numbers; and, in criminal cases, home "
    "addresses, in compliance with Fed. R. Civ. P. 5.2 or Fed. R. Crim. P. 49.1. This requirement applies to all "
    "documents, including attachments."
)
REDACTION_ACK = "I understand that, if I file, I must comply with the redaction rules. I have read this notice."


def labelled(label: str, widget) -> Horizontal:
    return Horizontal(Label(label, classes="form-label"), widget, classes="form-row")


class ResetForm(Vertical):
    """The page a password reset link opens: a new password for the account the email named."""

    DEFAULT_CSS = "ResetForm { display: none; height: auto; }"

    def compose(self) -> ComposeResult:
        yield Label("Choose a new password", classes="subform-title")
        yield Static("", id="reset-account", markup=False)
        yield labelled("New password", Input(id="reset-password", password=True))
        yield Button("Reset password", id="reset-submit", variant="primary")

    def start(self, account: str) -> None:
        self.account = account
        self.query_one("#reset-account", Static).update(f"Account: {account}")
        self.display = True
        self.query_one("#reset-password", Input).focus()

    @on(Input.Submitted, "#reset-password")
    @on(Button.Pressed, "#reset-submit")
    def submit(self) -> None:
        password = self.query_one("#reset-password", Input).value
        self.query_one("#reset-password", Input).value = ""
        self.display = False
        self.screen.reset_password(self.account, password)


class LoginForm(LearnerScreen):
    """A sign-in page as a browser shows it: a visit starts with an empty form at the top, focus in the
    first field (the last person's login, password and ticked box are gone); a refused sign-in keeps
    the name and puts focus on the password, so the next thing typed is not shown in the clear."""

    FORM_FIELDS: tuple[str, ...] = ()

    def start_fresh(self) -> None:
        for selector in self.FORM_FIELDS:
            self.query_one(selector, Input).value = ""
        self.query_one("#redaction", Checkbox).value = False
        self.query_one("#body").scroll_home(animate=False)
        self.query_one(self.FORM_FIELDS[0], Input).focus()

    def shown(self, outcome_message: str, code: str = "", fields=None, *, failed: bool = False) -> None:
        super().shown(outcome_message, code, fields, failed=failed)
        if code in ("BAD_CREDENTIALS", "REDACTION_ACK_REQUIRED", "INVALID_INPUT") and self.is_current:
            self.query_one("#redaction" if code == "REDACTION_ACK_REQUIRED" else "#password").focus()


class CourtLoginScreen(LoginForm):
    AUTO_FOCUS = "#login"
    FORM_FIELDS = ("#login", "#password", "#client-code")
    LOCATION = signon.COURT_LOGIN
    TITLE_TEXT = "CM/ECF Filer or PACER Login"
    HELP = """\
A legacy court's own CM/ECF login page. Each legacy court issues its own login and password
(a state's district and bankruptcy courts are separate). Filers must tick the redaction notice.
Five failed sign-ins in a row lock the login for 30 minutes.
From the court's NextGen go-live, court-issued logins no longer sign in here: use the Document
Filing System link and your PACER account. Your old login is then only needed once, to link."""

    court_id: str = ""

    def compose_body(self) -> ComposeResult:
        yield Static(WARNING, classes="notice", markup=False)
        yield Static("", id="court-login-note", markup=False)
        yield labelled("Login", Input(id="login", placeholder="court-issued CM/ECF login"))
        yield labelled("Password", Input(id="password", password=True))
        yield labelled("Client code", Input(id="client-code", placeholder="optional, up to 32 characters"))
        yield Static(REDACTION_NOTICE, classes="notice", markup=False)
        yield Tickbox(REDACTION_ACK, id="redaction")
        with Horizontal(classes="buttons"):
            yield Button("Login", id="submit-login", variant="primary")
            yield Button("Reset", id="reset-form")
            yield Button("Court page", id="to-court-page")
            yield Button("PACER login", id="to-pacer-login")
        with Vertical(id="forgot", classes="subform"):
            yield Label("Lost or forgotten login or password", classes="subform-title")
            yield labelled("Login", Input(id="forgot-login"))
            yield Button("Send password reset link", id="forgot-send")
        yield ResetForm(id="reset")

    async def render_view(self, view: View) -> None:
        data: CourtPageData = view.data
        self.court_id = data.court_id
        self.set_title(f"{data.name} - CM/ECF Filer or PACER Login")
        nextgen = data.generation == "nextgen"
        self.query_one("#court-login-note", Static).update(data.go_live_notice if nextgen else "")
        self.query_one("#to-pacer-login", Button).display = nextgen  # the court sends its users to PACER
        if self.arriving:
            self.start_fresh()

    def action_back(self) -> None:
        court_id = self.court_id
        self.app.act(lambda ctx: signon.open_court_page(ctx, court_id))

    @on(Button.Pressed, "#to-court-page")
    def court_page(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#to-pacer-login")
    def pacer_login(self) -> None:
        self.app.act(lambda ctx: signon.open_pacer_login(ctx, keep_return=True))

    @on(Input.Submitted, "#login, #password, #client-code")
    @on(Tickbox.Submitted, "#redaction")
    @on(Button.Pressed, "#submit-login")
    def submit(self) -> None:
        court_id = self.court_id
        login = self.query_one("#login", Input).value
        password = self.query_one("#password", Input).value
        client_code = self.query_one("#client-code", Input).value
        ack = self.query_one("#redaction", Checkbox).value
        self.query_one("#password", Input).value = ""
        self.app.act(lambda ctx: signon.submit_court_login(ctx, court_id, login, password, client_code, ack))

    @on(Button.Pressed, "#reset-form")
    def reset_form(self) -> None:
        self.start_fresh()

    @on(Input.Submitted, "#forgot-login")
    @on(Button.Pressed, "#forgot-send")
    def forgot(self) -> None:
        court_id = self.court_id
        login = self.query_one("#forgot-login", Input).value
        self.app.act(lambda ctx: accounts.forgot_password(ctx, court=court_id, login=login))

    def start_reset(self, account: str) -> None:
        self.query_one(ResetForm).start(account)

    def reset_password(self, account: str, new_password: str) -> None:
        court_id = self.court_id
        self.app.act(lambda ctx: accounts.reset_password(ctx, new_password, court=court_id, login=account))


class PacerLoginScreen(LoginForm):
    AUTO_FOCUS = "#username"
    FORM_FIELDS = ("#username", "#password", "#client-code")
    LOCATION = signon.PACER_LOGIN
    TITLE_TEXT = "PACER Login"
    HELP = """\
The PACER login (Central Sign-On). One PACER sign-on serves every NextGen court in this session;
reached from a court's Document Filing System link, it takes you back to that court.
Filer accounts must tick the redaction acknowledgement. Accounts enrolled in multifactor
authentication are asked for a code next. An upgraded account signs in with its new username.
Forgot password sends a reset link to the account's primary email (see the Inbox, F3)."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="pacer-login-note", markup=False)
        yield labelled("Username", Input(id="username"))
        yield labelled("Password", Input(id="password", password=True))
        yield labelled("Client code", Input(id="client-code", placeholder="optional"))
        yield Static(REDACTION_NOTICE.replace("Fed. R. Civ. P. 5.2 or Fed. R. Crim. P. 49.1",
                                              "Fed. R. Civ. P. 5.2, Fed. R. Crim. P. 49.1 and Fed. R. Bankr. P. 9037"),
                     classes="notice", markup=False)
        yield Tickbox(REDACTION_ACK + " (filers)", id="redaction")
        with Horizontal(classes="buttons"):
            yield Button("Login", id="submit-login", variant="primary")
            yield Button("Register for an account", id="register")
            yield Button("Court list", id="to-home")
        with Vertical(id="forgot", classes="subform"):
            yield Label("Forgot your password?", classes="subform-title")
            yield labelled("Username", Input(id="forgot-username"))
            yield Button("Send password reset link", id="forgot-send")
        yield ResetForm(id="reset")

    async def render_view(self, view: View) -> None:
        court_name = view.data or ""
        note = f"Sign in to continue to {court_name} CM/ECF." if court_name else "Sign in to PACER."
        self.query_one("#pacer-login-note", Static).update(note)
        if self.arriving:
            self.start_fresh()

    @on(Input.Submitted, "#username, #password, #client-code")
    @on(Tickbox.Submitted, "#redaction")
    @on(Button.Pressed, "#submit-login")
    def submit(self) -> None:
        username = self.query_one("#username", Input).value
        password = self.query_one("#password", Input).value
        client_code = self.query_one("#client-code", Input).value
        ack = self.query_one("#redaction", Checkbox).value
        self.query_one("#password", Input).value = ""
        self.app.act(lambda ctx: signon.pacer_sign_in(ctx, username, password, client_code, ack))

    @on(Button.Pressed, "#register")
    def register(self) -> None:
        self.app.act(accounts.open_registration)

    @on(Button.Pressed, "#to-home")
    def to_home(self) -> None:
        self.app.go_home()

    @on(Input.Submitted, "#forgot-username")
    @on(Button.Pressed, "#forgot-send")
    def forgot(self) -> None:
        username = self.query_one("#forgot-username", Input).value
        self.app.act(lambda ctx: accounts.forgot_password(ctx, username=username))

    def start_reset(self, account: str) -> None:
        self.query_one(ResetForm).start(account)

    def reset_password(self, account: str, new_password: str) -> None:
        self.app.act(lambda ctx: accounts.reset_password(ctx, new_password, username=account))



class MfaScreen(LearnerScreen):
    AUTO_FOCUS = "#otp"
    LOCATION = signon.PACER_MFA
    TITLE_TEXT = "Multifactor Authentication"
    HELP = """\
This account is enrolled in multifactor authentication. Enter the 6-digit code your authentication
app shows now (codes change every 30 seconds), or one of your ten single-use backup codes.
A wrong code counts as a failed sign-in."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="mfa-clock", markup=False)
        yield labelled("Code", Input(id="otp", placeholder="6-digit code or backup code"))
        with Horizontal(classes="buttons"):
            yield Button("Submit", id="submit-otp", variant="primary")
            yield Button("Back to login", id="back-to-login")

    async def render_view(self, view: View) -> None:
        self.query_one("#mfa-clock", Static).update(
            f"Simulated time: {view.now_iso}. Your authentication app computes codes for this time in the simulator."
        )

    @on(Input.Submitted, "#otp")
    @on(Button.Pressed, "#submit-otp")
    def submit(self) -> None:
        code = self.query_one("#otp", Input).value
        self.query_one("#otp", Input).value = ""
        self.app.act(lambda ctx: signon.submit_otp(ctx, code))

    @on(Button.Pressed, "#back-to-login")
    def action_back(self) -> None:
        self.app.act(lambda ctx: signon.open_pacer_login(ctx, keep_return=True))


class PromptScreen(LearnerScreen):
    AUTO_FOCUS = "#do-mfa"
    LOCATION = signon.PACER_PROMPT
    TITLE_TEXT = "Action needed"
    HELP = """\
PACER asks for an update at sign-in: from December 31, 2025 accounts with filing access must enrol in
multifactor authentication (and with password rotation on, old passwords must change). You may skip
three times; after that, "User Update Required" stops you until you do it."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="prompt-text", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Enrol in MFA now", id="do-mfa", variant="primary")
            yield Button("Change password now", id="do-password")
            yield Button("Skip", id="skip-update")
            yield Button("Back to login", id="back-to-login")

    async def render_view(self, view: View) -> None:
        data: PromptData = view.data
        self.query_one("#prompt-text", Static).update(f"Please {data.text}." if data and data.text else "")

    @on(Button.Pressed, "#skip-update")
    def skip(self) -> None:
        self.app.act(signon.skip_update)

    @on(Button.Pressed, "#do-mfa")
    def enrol(self) -> None:
        self.app.start_update("mfa")

    @on(Button.Pressed, "#do-password")
    def change_password(self) -> None:
        self.app.start_update("password")

    @on(Button.Pressed, "#back-to-login")
    def action_back(self) -> None:
        self.app.act(lambda ctx: signon.open_pacer_login(ctx, keep_return=True))


class UpdateRequiredScreen(PromptScreen):
    LOCATION = signon.PACER_UPDATE_REQUIRED
    TITLE_TEXT = "User Update Required"
    HELP = """\
Access to this account is restricted until you make the update PACER asks for. There is no Skip
left: enrol in multifactor authentication (or change the password), or log out."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="prompt-text", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Enrol in MFA now", id="do-mfa", variant="primary")
            yield Button("Change password now", id="do-password")
            yield Button("Back to login", id="back-to-login")


class RegisterScreen(LearnerScreen):
    AUTO_FOCUS = "#register-name"
    LOCATION = signon.PACER_REGISTER
    TITLE_TEXT = "Register for a PACER Account"
    HELP = """\
Register for an Account. New PACER accounts are individual and upgraded. Usernames are at least 8
characters. Passwords follow the PACER rules in force on the simulated date: before August 25, 2025
at least 8 characters with a letter and a digit or symbol; from then on 14 to 45 characters with a
lower-case and an upper-case letter and a special character, not containing your name, username
or email. A firm registers a PACER Administrative Account for group billing instead."""

    def compose_body(self) -> ComposeResult:
        yield labelled("Account type", Select([("Individual PACER account", "individual"),
                                               ("PACER Administrative Account (firm billing)", "firm")],
                                              value="individual", allow_blank=False, id="register-kind"))
        yield labelled("Full name", Input(id="register-name"))
        yield labelled("Email", Input(id="register-email"))
        yield labelled("Username", Input(id="register-username"))
        yield labelled("Password", Input(id="register-password", password=True))
        with Horizontal(classes="buttons"):
            yield Button("Register", id="submit-register", variant="primary")
            yield Button("Back to login", id="back-to-login")
        yield Fields([("account_number", "Account number")], id="register-result", classes="result-fields")

    @on(Button.Pressed, "#submit-register")
    def submit(self) -> None:
        values = {key: self.query_one(f"#register-{key}", Input).value for key in ("username", "password", "name", "email")}
        kind = self.query_one("#register-kind", Select).value
        register = firms.register_firm_account if kind == "firm" else accounts.register_pacer_account
        self.query_one("#register-password", Input).value = ""
        self.app.act(lambda ctx: register(ctx, values["username"], values["password"], values["name"], values["email"]))

    @on(Button.Pressed, "#back-to-login")
    def action_back(self) -> None:
        self.app.act(signon.open_pacer_login)
