"""One exception type for everything a user can fix.

The CLI prints ``str(error)`` as a single line and exits non-zero; library callers can catch it.
"""


class StanceError(Exception):
    """A problem with the user's input, config, data or model directory.

    The message names the file, line or field and says what to do about it.
    """


class DataError(StanceError):
    """A record in a data file is malformed. ``location`` is ``file:line`` (or ``file: field``)."""

    def __init__(self, location: str, message: str):
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")
