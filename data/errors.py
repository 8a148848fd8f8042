"""The one exception type for bad user input: its message is shown to the user as is."""

from __future__ import annotations


class InputError(ValueError):
    """Input the user can fix; the message names the file, row and column and says how."""


class SettingError(InputError):
    """A setting refused, with the name of the settings field it is about, so each front end
    can name it as the user sets it (a label in the app, an option on the command line)."""

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


# Each import choice (an ImportOptions field) as the app's Data page labels it and as the
# command line spells it: messages are shown in both, so they name both.
IMPORT_CHOICES = {
    "time_column": ("Timestamp column", "--time-column"),
    "date_column": ("Date column", "--date-column"),
    "volume_column": ("Volume column", "--volume-column"),
    "queue_column": ("Queue column", "--queue-column"),
    "kind": ("File kind", "--kind"),
    "interval_minutes": ("Interval length", "--interval-minutes"),
}


def where_to_choose(field: str, value: str | int | None = None) -> str:
    """Where the user makes the import choice `field`, for a message: "Volume column in the app,
    --volume-column on the command line"; with a value, "Volume column 'Calls' in the app,
    --volume-column 'Calls' on the command line"."""
    label, flag = IMPORT_CHOICES[field]
    if value is None:
        return f"{label} in the app, {flag} on the command line"
    shown = f"'{value}'" if isinstance(value, str) else str(value)
    return f"{label} {shown} in the app, {flag} {shown} on the command line"
