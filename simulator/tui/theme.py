"""A high-contrast theme: black and white with one strong accent, for projectors and low vision."""

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="cmecf-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFA500",
    error="#FF4040",
    dark=True,
    variables={
        "text-muted": "#E0E0E0",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 40%",
    },
)
