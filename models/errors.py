"""Typed errors of the compute layer.

Every problem a user can cause raises a subclass of :class:`HyperProspectError`
with a message that names the problem; the Processing algorithms and the CLI
show that message as it is, never a traceback.
"""


class HyperProspectError(Exception):
    """Base class of every error raised on purpose by HyperProspect."""


class InputError(HyperProspectError, ValueError):
    """An input (file, layer, parameter) is unusable; the message says why."""


class MissingDependencyError(HyperProspectError, ImportError):
    """A Python package the operation needs is not installed."""

    def __init__(self, packages, purpose=""):
        from .dependencies import install_hint

        self.packages = list(packages)
        what = f" for {purpose}" if purpose else ""
        super().__init__(f"Missing Python package(s){what}: {', '.join(self.packages)}. "
                         f"{install_hint(self.packages)}.")


class CancelledError(HyperProspectError):
    """The user cancelled; whatever was being written has been removed."""
