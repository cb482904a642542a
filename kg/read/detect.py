"""Which profile reads a document: a template's own, or the standard tables' vocabulary.

Every template profile in ``mappings/*.yaml`` is tried; one that recognises at least
half of its tables' titles reads the document. Otherwise a PDF is read by the layout
reader, which recognises the standard tables from what is printed
(``mappings/standard.yaml``): any province's disclosure, without a profile of its own.
Text copied out of a PDF has lost the positions that reader needs, so a text document
no template recognises gets an error that lists what was recognised (titles that look
like budget tables) and what each profile looks for.
"""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.read.profiles import Profile, available_profiles, load_profile

__all__ = ["detect_template", "source_profiles"]

# A line that reads like the title of a budget table, for the error message.
_LOOKS_LIKE_TITLE = re.compile(r"^\S{0,30}(?:预算|收支|支出|收入|经费)\S{0,20}表$")


def source_profiles(source: str) -> list[Profile]:
    """The profiles for one kind of input (``text`` or ``pdf``)."""
    return [p for p in map(load_profile, available_profiles()) if p.source == source]


def detect_template(name: str, lines: list[str], source: str) -> Profile:
    """The profile whose table titles ``lines`` print most often.

    :param name: the file name, for messages
    :param lines: the document's printed lines
    :param source: ``text`` or ``pdf``: only profiles for that input are tried
    :raises InputError: no profile recognises any table title
    """
    squashed = [re.sub(r"\s+", "", line) for line in lines]
    profiles = source_profiles(source)
    scores = []
    for profile in (p for p in profiles if p.reader == "template"):
        keys = {t.key for line in squashed if (t := profile.recognises(line)) is not None}
        scores.append((len(keys) / len(profile.tables), len(keys), profile))
    best = max(scores, key=lambda s: s[:2], default=(0, 0, None))
    if best[0] >= 0.5:
        return best[2]
    layout = next((p for p in profiles if p.reader == "layout"), None)
    if layout is not None:
        return layout
    seen = sorted({line for line in squashed if _LOOKS_LIKE_TITLE.match(line)})[:8]
    looked = "; ".join(f"{p.id} (titles such as {p.tables[0].title})" for p in profiles) or "none"
    recognised = "、".join(seen) if seen else "no table titles"
    # Text copied out of a PDF has lost the positions that let the layout reader take any
    # province's tables; the PDF itself has them.
    hint = "build the PDF it was copied from, read whatever its province; or " if source == "text" else ""
    raise InputError(
        name,
        f"unknown template: recognised {recognised}; the {source} templates are {looked}",
        f"{hint}add a profile to mappings/ or pass --template",
    )
