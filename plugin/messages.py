"""Moved to ``processing_provider/messages.py`` (the algorithms' log translates the same messages); kept so
``plugin.messages`` imports keep working."""
from ..processing_provider.messages import MESSAGE_PATTERNS, match, translate_message  # noqa: F401
