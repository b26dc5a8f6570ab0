"""Translation of the compute layer's messages (file-reading reasons, identification notes) for display.

``models/`` is Qt-free and speaks English (the CLI, logs and tests read it); the GUI shows the common
messages in the user's language by matching them against English patterns. A message no pattern matches
is shown as it is. ``scripts/i18n_extract.py`` collects the templates below.
"""
from __future__ import annotations

import re
from typing import Sequence, Tuple

from qgis.PyQt.QtCore import QCoreApplication

# (regular expression on the English message, English template with {0}, {1}… for the groups)
MESSAGE_PATTERNS: Sequence[Tuple[str, str]] = (
    (r"low confidence \(best ([\d.]+)\): the spectrum may be a mixture or none of the minerals the model knows",
     "low confidence (best {0}): the spectrum may be a mixture or none of the minerals the model knows"),
    (r"shows the red edge of green vegetation \(near-infrared much brighter than red\): "
     r"the mineral names are unreliable",
     "shows the red edge of green vegetation (near-infrared much brighter than red): the mineral names are "
     "unreliable"),
    (r"covers only (\S+)–(\S+) nm of the model's range; minerals told apart outside it may be confused",
     "covers only {0}–{1} nm of the model's range; minerals told apart outside it may be confused"),
    (r"values are (\S+), not reflectance; the result is unreliable",
     "values are {0}, not reflectance; the result is unreliable"),
    (r"spectrum (.*) \((\S+)–(\S+) nm\) has fewer than (\d+) valid samples inside the model's "
     r"(\S+)–(\S+) nm range; it cannot be identified",
     "spectrum {0} ({1}–{2} nm) has fewer than {3} valid samples inside the model's {4}–{5} nm range; "
     "it cannot be identified"),
    (r"truncated ASD file: (\d+) bytes, the header alone needs (\d+)",
     "truncated ASD file: {0} bytes, the header alone needs {1}"),
    (r"text without a recognised spectrum layout \(no table of wavelength and value columns\)",
     "text without a recognised spectrum layout (no table of wavelength and value columns)"),
    (r"has the extension (\S+) of (.+) files, but its content \(binary data\) is not one",
     "has the extension {0} of {1} files, but its content (binary data) is not one"),
    (r"has the extension (\S+) of (.+) files, but its content \(text\) is not one",
     "has the extension {0} of {1} files, but its content (text) is not one"),
    (r"binary data of an unknown format \(not ASD, ENVI library, or any supported format\)",
     "binary data of an unknown format (not ASD, ENVI library, or any supported format)"),
    (r"JCAMP-DX file without a complete block \(no ##END=; truncated\?\)",
     "JCAMP-DX file without a complete block (no ##END=; truncated?)"),
    (r"ENVI header lacks '(\w+)'", "ENVI header lacks '{0}'"),
    (r"an HTML page, not a spectrum file", "an HTML page, not a spectrum file"),
    (r"an XML document, not a spectrum file", "an XML document, not a spectrum file"),
    (r"no such file or folder", "no such file or folder"),
    (r"(.+), not a spectrum file", "{0}, not a spectrum file"),
)
_COMPILED = [(re.compile(p), t) for p, t in MESSAGE_PATTERNS]


def translate_message(text: str) -> str:
    """The message in the user's language when a pattern knows it; else unchanged (a "file: reason" prefix
    is kept)."""
    if not text:
        return text
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(text)
        if m:
            return QCoreApplication.translate("HyperProspect", template).format(*m.groups())
    head, sep, rest = text.partition(": ")
    if sep and "/" not in head and " " not in head.strip() and rest:  # "companion.hdr: reason"
        translated = translate_message(rest)
        if translated != rest:
            return f"{head}: {translated}"
    return text
