"""The one exception type for bad user input: its message is shown to the user as is."""


class InputError(ValueError):
    """Input the user can fix; the message names the file, row and column and says how."""
