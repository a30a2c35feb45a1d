"""Free-text comments coded into themes by a transparent Norwegian keyword list.

The report publishes themes and counts only, never the comments themselves: no public
function here returns comment text. Each theme in :data:`THEMES` has a Norwegian label and
keywords; a comment belongs to a theme when one of its keywords stands at the start of a
word in it. Keywords are plain stems, so "nettkurs" also finds "nettkurset" and
"Nettkursene", while "dyrt" is not found inside another word; a space stands for any run
of white space. Matching ignores case, and comments are Unicode-normalised first, so that
æ, ø and å match however the export encoded them. One keyword is a regular expression,
where a stem alone would catch the wrong words: ``pris(?!verdig|gitt)``.

A comment may belong to several themes; a non-blank comment that matches none is counted
as :data:`UNCODED_LABEL` ("Ikke kodet"); a missing or blank comment (or one with no letter
or digit, such as "-") is no comment at all. A positive keyword after a negation within
three words ("ikke nyttig", "lite lærerikt", "ikke så nyttig") does not count as
positive (:data:`NEGATIONS`); other themes are about the topic, negated or not.

>>> code_comments(pd.Series(["Nettkurset var nyttig", None]))[["online", "positive"]]
   online  positive
0    True      True
1   False     False
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.i18n import N_, translator, using_language

_ = translator("hms")

THEMES: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType({
    "relevance": (N_("Lite relevant / for generelt"), (
        N_("lite relevant"), N_("ikke relevant"), N_("irrelevant"), N_("for generell"),
        N_("for generelt"), N_("altfor generell"), N_("altfor generelt"),
        N_("passer ikke for vår bransje"),
    )),
    "time": (N_("Tidsbruk"), (
        N_("for mye tid"), N_("altfor mye tid"), N_("for lite tid"), N_("for få timer"),
        N_("tidkrevende"), N_("tidsbruk"),
    )),
    "cost": (N_("Kostnad"), (
        N_("dyrt"), N_("kostet"), N_("koster"), N_("kostnad"), N_("kostbar"),
        "pris(?!verdig|gitt)",
    )),
    "online": (N_("Nettkurs og digital opplæring"), (
        N_("nettkurs"), N_("nettbasert"), N_("digital"), N_("e-læring"),
    )),
    "practical": (N_("Ønske om mer praktisk opplæring"), (
        N_("mer praktisk"), N_("flere øvelser"), N_("konkrete eksempler"), N_("mer praksis"),
    )),
    "positive": (N_("Positiv erfaring"), (
        N_("nyttig"), N_("lærerik"), N_("god kursholder"), N_("gode kursholder"),
    )),
    "psychosocial": (N_("Psykososialt arbeidsmiljø"), (
        N_("psykososial"), N_("konflikt"), N_("trakasser"), N_("mobb"),
    )),
    "follow_up": (N_("Oppfølging og dokumentasjon"), (
        N_("oppfølging"), N_("dokumentasjon"), N_("kursbevis"),
    )),
})
"""Theme code → (Norwegian label, keywords), in the order the report shows them. Labels and
keywords are bokmål, marked for translation: the coding searches each keyword in bokmål and
in its nynorsk form from the hms catalog («ikke relevant», «ikkje relevant»), and the
report shows the keywords of its own language (``_(keyword)``)."""

UNCODED = "uncoded"
UNCODED_LABEL = N_("Ikke kodet")
NO_COMMENT = "no_comment"
COMMENTED = "commented"
COMMENTED_LABEL = N_("Skrev en kommentar")
UNKNOWN_GROUP = "unknown"  # the column for respondents whose group (``by``) is missing

CODING_NOTE = N_(
    "Kommentarene er kodet automatisk etter nøkkelordene i tabellen: en kommentar telles "
    "under et tema når et av ordene står først i et ord i kommentaren, også med endelse "
    "(«nettkurs» fanger «nettkurset»), uten hensyn til store og små bokstaver. En kommentar "
    "kan høre til flere temaer, og kommentarer uten treff telles som «Ikke kodet». "
    "Et positivt ord rett etter en nektelse («ikke nyttig», «lite lærerikt») telles ikke "
    "som positiv erfaring. Tallene er antall kommentarer, uvektet."
)
"""Norwegian note for the report: how the comments were coded and counted (bokmål, marked
for translation: show it as ``_(CODING_NOTE)``)."""
KEYWORD_LANGUAGES_NOTE = N_("Ordene søkes både på bokmål og på nynorsk; tabellen viser dem på "
                            "språket i rapporten.")


def _compile(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # A space in a keyword stands for any white space; (?<!\w) anchors at a word start.
    fragments = "|".join(k.replace(" ", r"\s+") for k in keywords)
    return re.compile(rf"(?<!\w)(?:{fragments})", re.IGNORECASE)




@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Each theme's keywords in bokmål and nynorsk, compiled once (the catalogs are read
    the first time comments are coded, not at import)."""
    with using_language("nn"):
        nynorsk = {k: _(k) for _label, keywords in THEMES.values() for k in keywords}
    return {code: _compile(tuple(dict.fromkeys([*keywords, *(nynorsk[k] for k in keywords)])))
            for code, (_label, keywords) in THEMES.items()}

_LOOKAHEAD = re.compile(r"^(\w+)\(\?!([\w|]+)\)$")
_HAS_CONTENT = re.compile(r"\w")


def _readable(keyword: str) -> str:
    """A keyword as a report reader can read it: ``pris (ikke prisverdig, prisgitt)``."""
    m = _LOOKAHEAD.match(keyword)
    if not m:
        return keyword
    stem, endings = m.groups()
    return _("{stem} (ikke {words})").format(
        stem=stem, words=", ".join(stem + e for e in endings.split("|")))


def keyword_table() -> pd.DataFrame:
    """The coding scheme, for the report: which keywords put a comment in which theme.

    Returns:
        One row per theme in :data:`THEMES` order, columns ``theme`` (code), ``label``
        (bokmål, translated where shown) and ``keywords`` (the keywords in the report's
        language, as one readable string, separated by commas). Show :data:`CODING_NOTE`
        and :data:`KEYWORD_LANGUAGES_NOTE` with it.
    """
    return pd.DataFrame({
        "theme": list(THEMES),
        "label": [label for label, _ in THEMES.values()],
        "keywords": [", ".join(_readable(_(k)) for k in kws) for _l, kws in THEMES.values()],
    })


def _texts(comments: pd.Series) -> list[str | None]:
    """Each comment as NFC-normalised text, or None when there is no comment."""
    if not isinstance(comments, pd.Series):
        raise ParameterError(
            f"The comments must be a pandas Series (one comment per respondent), "
            f"not {type(comments).__name__}."
        )
    texts: list[str | None] = []
    for x in comments.tolist():
        if x is None or x is pd.NA or (isinstance(x, float) and x != x):
            texts.append(None)
            continue
        text = unicodedata.normalize("NFC", str(x))
        texts.append(text if _HAS_CONTENT.search(text) else None)
    return texts


NEGATED_THEMES = ("positive",)
"""Themes whose keywords do not count after a negation ("ikke nyttig" is not positive)."""
NEGATIONS = ("ikke", "ikkje", "lite", "aldri", "verken", "ingen")
"""Words that turn a following keyword (within :data:`NEGATION_WINDOW` words) around."""
NEGATION_WINDOW = 3
_WORD = re.compile(r"\w+")
_CLAUSE = re.compile(r"[,.;:!?]|\bmen\b")


def _found(code: str, pattern: re.Pattern[str], text: str) -> bool:
    """Whether a keyword of the theme occurs; for :data:`NEGATED_THEMES`, not negated."""
    for match in pattern.finditer(text):
        if code not in NEGATED_THEMES:
            return True
        clause = _CLAUSE.split(text[:match.start()].lower())[-1]  # "…, men god kursholder"
        before = _WORD.findall(clause)[-NEGATION_WINDOW:]
        if not any(word in NEGATIONS for word in before):
            return True
    return False


def code_comments(comments: pd.Series) -> pd.DataFrame:
    """Code each comment into the themes its keywords point to.

    Args:
        comments: One comment per respondent (missing or blank where there is none).

    Returns:
        A frame on the same index with one boolean column per theme code in
        :data:`THEMES` order, then ``uncoded`` (a comment that matched no theme) and
        ``no_comment`` (missing or blank: every other column is False). No comment text.
    """
    texts = _texts(comments)
    coded = {
        code: [t is not None and _found(code, pattern, t) for t in texts]
        for code, pattern in _patterns().items()
    }
    frame = pd.DataFrame(coded, index=comments.index, dtype=bool)
    has_text = pd.Series([t is not None for t in texts], index=comments.index, dtype=bool)
    frame[UNCODED] = has_text & ~frame.any(axis=1)
    frame[NO_COMMENT] = ~has_text
    return frame


def _groups(by: pd.Series, index: pd.Index) -> tuple[pd.Series, list]:
    """``by`` checked against the comments, and its categories in display order."""
    if not isinstance(by, pd.Series):
        raise ParameterError(
            f"The grouping 'by' must be a pandas Series, not {type(by).__name__}."
        )
    if not by.index.equals(index):
        raise ParameterError(
            "The grouping 'by' must have the same index as the comments (one value per "
            "respondent, in the same order)."
        )
    if isinstance(by.dtype, pd.CategoricalDtype):
        categories = list(by.cat.categories)  # all of them, so the table's shape is stable
    else:
        present = pd.unique(by.dropna())
        try:
            categories = sorted(present)
        except TypeError:
            categories = sorted(present, key=str)
    reserved = {"theme", "label", "total", UNKNOWN_GROUP}
    clash = [c for c in categories if c in reserved]
    if clash:
        raise ParameterError(
            f"The grouping 'by' has the category {clash[0]!r}, which is a reserved column "
            f"name of the theme table; rename it (reserved: {', '.join(sorted(reserved))})."
        )
    return by, categories


def theme_counts(comments: pd.Series, by: pd.Series | None = None) -> pd.DataFrame:
    """Unweighted counts of comments per theme, overall and by group.

    Args:
        comments: One comment per respondent (missing or blank where there is none).
        by: Optional group per respondent (e.g. the role), on the same index. A
            categorical keeps its category order and all its categories; otherwise the
            groups are sorted.

    Returns:
        One row per theme in :data:`THEMES` order, then ``uncoded`` ("Ikke kodet") and
        last ``commented`` (respondents who wrote a comment); columns ``theme`` (code),
        ``label`` (Norwegian), one count column per group of ``by`` (named by the group
        code), ``unknown`` (only when some ``by`` is missing among those who commented)
        and ``total``. A comment with several themes counts once in each, so the theme
        rows do not add up to ``commented``; across columns each row adds up to ``total``
        (publish it with ``suppress_counts(..., total_column="total")``, no total row).
    """
    coded = code_comments(comments)
    coded[COMMENTED] = ~coded.pop(NO_COMMENT)
    rows = [*THEMES, UNCODED, COMMENTED]
    labels = [label for label, _ in THEMES.values()] + [UNCODED_LABEL, COMMENTED_LABEL]
    out = pd.DataFrame({"theme": rows, "label": labels})
    if by is not None:
        by, categories = _groups(by, comments.index)
        for category in categories:
            out[category] = coded[rows][(by == category).to_numpy()].sum().to_numpy()
        missing = by.isna().to_numpy()
        if (missing & coded[COMMENTED].to_numpy()).any():
            out[UNKNOWN_GROUP] = coded[rows][missing].sum().to_numpy()
    out["total"] = coded[rows].sum().to_numpy()
    counts = [c for c in out.columns if c not in ("theme", "label")]
    out[counts] = out[counts].astype("int64")
    return out


def agreement(comments: pd.Series, hand: pd.DataFrame) -> pd.DataFrame:
    """How well the keyword coding agrees with a hand-coded sample of the comments.

    Args:
        comments: One comment per respondent, indexed by respondent id.
        hand: The hand-coded sample: indexed by respondent id (a subset of
            ``comments``' index), one 0/1 (or boolean) column per theme code of
            :data:`THEMES` that the coder assessed.

    Returns:
        One row per theme assessed, then ``all`` (every theme decision pooled): ``theme``,
        ``n`` (comments in the sample), ``agreement`` (share of comments where both
        codings agree on the theme) and ``kappa`` (Cohen's kappa, agreement beyond
        chance; missing when chance agreement is 1). Counts only, no comment text.
    """
    unknown = [col for col in hand.columns if col not in THEMES]
    if unknown:
        raise ParameterError(f"The hand-coded sample has the column {unknown[0]!r}, which is "
                             f"not a theme; allowed: {', '.join(THEMES)}.")
    missing = hand.index.difference(comments.index)
    if len(missing):
        raise ParameterError(f"The hand-coded sample has the respondent {missing[0]!r}, who "
                             "is not among the comments.")
    auto = code_comments(comments.loc[hand.index])
    rows = []
    pairs = []
    for theme in hand.columns:
        a = auto[theme].to_numpy(dtype=bool)
        h = hand[theme].astype(bool).to_numpy()
        pairs.append((a, h))
        rows.append(_agreement_row(theme, a, h))
    if pairs:
        rows.append(_agreement_row("all", np.concatenate([a for a, _ in pairs]),
                                   np.concatenate([h for _, h in pairs])))
    return pd.DataFrame(rows, columns=["theme", "n", "agreement", "kappa"])


def _agreement_row(theme: str, a: np.ndarray, h: np.ndarray) -> dict[str, object]:
    observed = float((a == h).mean()) if len(a) else float("nan")
    chance = float(a.mean() * h.mean() + (1 - a.mean()) * (1 - h.mean())) if len(a) else 1.0
    kappa = (observed - chance) / (1 - chance) if chance < 1 else float("nan")
    return {"theme": theme, "n": int(len(a)), "agreement": observed, "kappa": kappa}
