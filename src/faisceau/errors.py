"""One family of exceptions with stable codes.

The CLI maps any FaisceauError to one line ``error[code]: message`` and a non-zero
exit; library users catch the class they care about.
"""
from __future__ import annotations


class FaisceauError(Exception):
    """Base class. ``code`` is a stable short identifier users can grep for."""

    code = "error"
    exit_code = 2

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.args[0] if self.args else self.code


class InputError(FaisceauError):
    """A file that cannot be read at all (missing, unreadable, unknown format)."""

    code = "bad-input"


class UnknownFormatError(InputError):
    code = "unknown-format"


class MappingError(InputError):
    code = "bad-mapping"


class StoreError(FaisceauError):
    code = "store"


class MissingTableError(StoreError):
    code = "missing-table"


class MissingExtraError(FaisceauError):
    """An optional dependency is absent; the message names the extra to install."""

    code = "missing-extra"

    def __init__(self, package: str, extra: str, purpose: str = ""):
        why = f" for {purpose}" if purpose else ""
        super().__init__(
            f"the package '{package}' is needed{why}: install it with "
            f"pip install 'faisceau[{extra}]'"
        )
        self.package = package
        self.extra = extra


class ParameterError(FaisceauError):
    code = "bad-parameter"


class EngineError(FaisceauError):
    code = "engine"


def require(module: str, extra: str, purpose: str = ""):
    """Import an optional module or raise MissingExtraError naming the extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # the module itself or one of its needs is missing
        raise MissingExtraError(module.split(".")[0], extra, purpose) from exc
