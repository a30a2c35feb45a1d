"""Report languages: bokmål (``nb``) and nynorsk (``nn``), through gettext catalogs.

Every text a report shows is written in the code in bokmål and marked for translation;
the bokmål text is the message id. Each part of the package has its own catalog domain,
so the families' catalogs can be edited independently::

    from analysis.i18n import translator
    _ = translator("response_team")
    _("Samlet kostnad er {total}.").format(total=nok(x))
    _.n("{n} kjøring", "{n} kjøringer", n).format(n=n)   # also as _n = _.n; _n(...)
    _.p("tabellhode", "Andel")   # message context: see below; also as _p = _.p

Use named placeholders and ``str.format`` (never f-strings, which cannot be extracted), and
give a translator whole sentences, not pieces glued together.

Bokmål is the source language: the bokmål text in the code *is* the message id, so bokmål
has no catalog (a bokmål page shows the text of the code). Only the other languages
(``TRANSLATED``) have catalogs.

Message context (gettext's ``msgctxt``): the same bokmål text used in two places shares
one translation, unless a place gives a context: ``_.p(context, text)`` in code, or
``NP_(context, text)`` for a constant translated where it is shown. Give a context only
where one bokmål text needs two translations (a real ambiguity); every other message has
none, so moving code between modules never changes a message.

The translation is looked up when the function is called, in the language set by
:func:`set_language` (the runner sets it from the ``language`` parameter), so module-level
constants must not be translated at import time: keep the bokmål text in the constant,
mark it with :func:`N_`, and call ``_(CONSTANT)`` where it is shown.

The catalogs are the ``.po`` files under ``analysis/locale/<language>/LC_MESSAGES/``
(text files in the repository; no compiled ``.mo`` files are kept). They are read and
compiled in memory the first time a language is used. ``python -m analysis catalogs``
extracts the messages and updates the catalogs (see ``docs/languages.md``).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from analysis.errors import ParameterError

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: Report language code -> the locale used for numbers and dates (Babel/CLDR).
LANGUAGES: dict[str, str] = {"nb": "nb_NO", "nn": "nn_NO"}
#: The language names, each in its own language (for the link to the other version).
LANGUAGE_NAMES: dict[str, str] = {"nb": "bokmål", "nn": "nynorsk"}
DEFAULT_LANGUAGE = "nb"
#: The language the code is written in: message ids are its text, so it has no catalog.
SOURCE_LANGUAGE = "nb"
#: The languages with catalogs (every language but the source language).
TRANSLATED: tuple[str, ...] = tuple(c for c in LANGUAGES if c != SOURCE_LANGUAGE)
#: Catalog domains: one per part of the package whose text reaches a report.
DOMAINS = ("common", "response_team", "conscription", "hms")
#: Notebook -> the catalog domain of its text (markdown cells, parameter and scenario
#: files). The one place this mapping is written; a notebook not listed uses ``common``.
NOTEBOOK_DOMAINS: dict[str, str] = {
    "response_team_costs": "response_team",
    "conscription_scenarios": "conscription",
    "conscription_retrospective": "conscription",
    "hms_training_survey": "hms",
}

_current = DEFAULT_LANGUAGE
#: How many times text was looked up in the current language (translations and locale);
#: :mod:`analysis.runner.memo` compares it before and after a call to see whether the
#: call's result depends on the language.
lookups = 0


def domain_of(notebook: str) -> str:
    """The catalog domain of a notebook's own text (``common`` for one not listed)."""
    return NOTEBOOK_DOMAINS.get(notebook, "common")


def parse_languages(text: str) -> list[str]:
    """``"nb,nn"`` as a list of language codes, each checked, in the given order."""
    codes = [c.strip() for c in str(text).split(",") if c.strip()]
    if not codes:
        raise ParameterError(f"--language '{text}' names no language; allowed: "
                             + ", ".join(LANGUAGES) + " or a comma-separated list of them.")
    for code in codes:
        check_language(code)
    return list(dict.fromkeys(codes))


def check_language(code: str) -> str:
    """``code`` if it is a report language; otherwise one sentence saying what is allowed."""
    if code not in LANGUAGES:
        allowed = ", ".join(f"'{c}' ({LANGUAGE_NAMES[c]})" for c in LANGUAGES)
        raise ParameterError(f"Language '{code}' is not available; allowed: {allowed}.")
    return code


def set_language(code: str) -> None:
    """Show every text from now on in language ``code`` (``nb`` or ``nn``)."""
    global _current
    _current = check_language(code)


@contextmanager
def using_language(code: str) -> Iterator[None]:
    """Show text in language ``code`` inside the ``with`` block; the previous one after."""
    previous = _current
    set_language(code)
    try:
        yield
    finally:
        set_language(previous)


def language() -> str:
    """The current report language code."""
    return _current


def locale() -> str:
    """The current language's locale for Babel's number and date formats (``nn_NO``)."""
    global lookups
    lookups += 1
    return LANGUAGES[_current]


def catalog_path(code: str, domain: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"


@cache
def _translations(code: str, domain: str) -> gettext.NullTranslations:
    """The compiled catalog of one language and domain; fuzzy entries are not used (a
    fuzzy entry's text belongs to an earlier version of the message). The source language
    shows the message ids themselves."""
    path = catalog_path(code, domain)
    if code == SOURCE_LANGUAGE or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=LANGUAGES[code], domain=domain)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (for constants)."""
    return message


class ContextText(str):
    """A bokmål text with its message context (made by :func:`NP_`)."""

    context: str


def NP_(context: str, message: str) -> str:
    """Mark ``message`` with a message context for extraction, without translating it; a
    translator's ``_(constant)`` then looks it up in that context."""
    text = ContextText(message)
    text.context = context
    return text


#: The link from a page to the same report in another language, keyed by that language and
#: shown in it (``common`` messages, translated where shown).
LANGUAGE_LINKS: dict[str, str] = {"nb": N_("Les på bokmål"), "nn": N_("Les på nynorsk")}


class Translator:
    """``_`` of one catalog domain: ``_(text)``, ``_.n(singular, plural, n)``,
    ``_.p(context, text)``."""

    def __init__(self, domain: str) -> None:
        if domain not in DOMAINS:
            raise ValueError(f"Unknown catalog domain {domain!r}; known: {', '.join(DOMAINS)}.")
        self.domain = domain

    def __call__(self, message: str) -> str:
        global lookups
        lookups += 1
        if not message:
            return message
        context = getattr(message, "context", None)
        if context is not None:
            return _translations(_current, self.domain).pgettext(context, str(message))
        return _translations(_current, self.domain).gettext(message)

    def n(self, singular: str, plural: str, n: int) -> str:
        global lookups
        lookups += 1
        return _translations(_current, self.domain).ngettext(singular, plural, n)

    def p(self, context: str, message: str) -> str:
        global lookups
        lookups += 1
        return _translations(_current, self.domain).pgettext(context, message)


def translator(domain: str) -> Translator:
    """The ``_`` function of catalog ``domain``."""
    return Translator(domain)


def reload_catalogs() -> None:
    """Forget the compiled catalogs (after ``python -m analysis catalogs`` in a live kernel)."""
    _translations.cache_clear()
