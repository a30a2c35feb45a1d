"""Seeded synthetic HMS-training survey: respondent file and provider file.

No survey microdata is public, so the project ships a synthetic data
set that meets the data contract (:mod:`analysis.hms.contract`) and mimics the design a
real survey would have. Everything here is invented except the public margins of
:mod:`analysis.hms.margins` and the legal thresholds of :mod:`analysis.hms.rules`; every
choice is a module constant, and ``data/hms/README.md`` states each as an assumption.

Modules, in the order the generator uses them:

* ``frame``: population frame, strata (:data:`INDUSTRY_GROUPS` × :data:`SIZE_GROUPS`),
  the stratified sample of enterprises, their role-holders, unit non-response;
* ``answers``: the survey items (training, hours, provider type, Likert, quiz) and item
  non-response;
* ``comments``: the Norwegian comment templates (:data:`COMMENT_TEMPLATES`) and how a
  comment is composed;
* ``respondent_file``: the respondent file, assembled from the three above;
* ``enterprise_file``: the enterprise file (the sampled enterprises, whether each took
  part, and the role-holders a taking-part enterprise reports);
* ``provider_file``: the provider file;
* ``export``: the id prefix (:data:`SYNTHETIC_PREFIX`, :func:`is_synthetic`), the
  contract's dtypes and the CSV text.

The effects in :data:`PLANTED` give an analysis something true to find. :func:`generate`
draws both files from one seeded generator, the respondent file first; :func:`write`
writes them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.hms.contract import RESPONDENT_COLUMNS
from analysis.hms.mapping import load_mapping
from analysis.hms.synthetic import (
    frame,
    legal_entities,
    provider_file,
    provider_split,
    register,
    respondent_file,
    rule_items,
    timing_items,
)
from analysis.hms.synthetic.answers import DONT_KNOW, ITEM_NONRESPONSE
from analysis.hms.synthetic.comments import (
    COMMENT_RATE,
    COMMENT_TEMPLATES,
    ONLINE_THEME_FACTOR,
    SMALL_THEME_FACTOR,
    THEME_WEIGHTS,
    TWO_THEMES,
)
from analysis.hms.synthetic.export import SYNTHETIC_PREFIX, is_synthetic, to_csv_text
from analysis.hms.synthetic.frame import (
    AMU_MEMBERS_RANGE,
    EMPLOYEES_RANGE,
    EMPLOYER_TASKS_RANGE,
    ENTERPRISE_RESPONSE,
    ENTERPRISES_SAMPLED,
    INDUSTRY_GROUPS,
    MIN_SAMPLED_PER_STRATUM,
    PERSON_RESPONSE,
    PUBLIC_SHARE,
    SIZE_GROUPS,
    frame_counts,
)
from analysis.hms.synthetic.frame import _largest_remainder as _largest_remainder
from analysis.hms.synthetic.provider_file import N_PROVIDERS
from analysis.hms.synthetic.tool_export import tool_export_text

DEFAULT_SEED = 20240122  # the date of AID's letter, 22 January 2024
RESPONDENTS_NAME = "respondents_synthetic.csv"
ENTERPRISES_NAME = "enterprises_synthetic.csv"
PROVIDERS_NAME = "providers_synthetic.csv"
TOOL_EXPORT_NAME = "respondents_synthetic_tool.csv"
TOOL_MAPPING = "data/hms/mapping_example_tool.yaml"  # the shipped mapping of that layout

PLANTED: tuple[str, ...] = (
    "Respondents in smaller enterprises rate the applicability of the training to the "
    "risks at their workplace (likert_applicability) lower.",
    "Respondents whose latest training was self-study e-learning (training_format "
    "online_self_study) rate its applicability (likert_applicability) lower.",
    "Top leaders in smaller enterprises have less often completed the employer's HMS "
    "training (trained_employer_3_5) and less often have it documented (documented).",
    "Verneombud and AMU members in larger enterprises have more often completed the "
    "40-hour course (trained_40h_course) and more often have at least 40 training hours "
    "(training_hours).",
    "More training hours go with a higher knowledge-quiz score (quiz_score).",
    "Respondents in the public sector have slightly more often completed HMS training "
    "(any of the three training items).",
    "Self-study e-learning users more often comment on online training (nettkurs, digitalt, "
    "e-læring) and ask for more practical training (mer praktisk, flere øvelser, konkrete "
    "eksempler).",
    "Respondents in small enterprises (fewer than 20 employees) more often comment on "
    "relevance (lite relevant, for generelt) and cost (for dyrt, kurset kostet).",
    "In the provider file, self-study e-learning courses (format online_self_study) cover "
    "fewer topics and 40-hour courses cover more topics than other courses.",
    "Most whose latest training was self-study e-learning say all their training was "
    "self-study (self_study_only).",
    "Most verneombud and AMU members who took a shortened 40-hour course say the shorter "
    "training was agreed (shortened_by_agreement); few without the course say so.",
    "Verneombud and AMU members in small enterprises less often had their training in "
    "paid working time (paid_working_time).",
    "Verneombud and AMU members in enterprises newly covered by the thresholds of 1 January "
    "2024 (legal entity with 5-9 employees for verneombud, 30-49 for AMU members) got their "
    "training later after taking up the role (months_to_training).",
)
"""The effects planted in the synthetic data, in plain English (also in the README)."""

__all__ = [
    "AMU_MEMBERS_RANGE", "COMMENT_RATE", "COMMENT_TEMPLATES", "DEFAULT_SEED", "DONT_KNOW",
    "EMPLOYEES_RANGE", "EMPLOYER_TASKS_RANGE", "ENTERPRISES_SAMPLED", "ENTERPRISE_RESPONSE",
    "INDUSTRY_GROUPS", "ITEM_NONRESPONSE", "MIN_SAMPLED_PER_STRATUM", "N_PROVIDERS",
    "ONLINE_THEME_FACTOR", "PERSON_RESPONSE", "PLANTED", "PROVIDERS_NAME", "PUBLIC_SHARE",
    "RESPONDENTS_NAME", "ENTERPRISES_NAME", "SIZE_GROUPS", "SMALL_THEME_FACTOR", "SYNTHETIC_PREFIX",
    "THEME_WEIGHTS", "TWO_THEMES", "frame_counts", "generate", "is_synthetic", "to_csv_text",
    "write",
]


def generate(seed: int = DEFAULT_SEED) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The synthetic respondent file, provider file and enterprise file, as typed frames.

    Args:
        seed: seed of :func:`numpy.random.default_rng`; the same seed gives the same data.

    Returns:
        ``(respondents, providers, enterprises)`` with the columns and dtypes that
        :func:`analysis.hms.contract.load_respondents`,
        :func:`~analysis.hms.contract.load_providers` and
        :func:`~analysis.hms.contract.load_enterprises` return (``stratum_population``
        included).
    """
    rng = np.random.default_rng(seed)
    respondents, enterprises = respondent_file.build(rng)
    providers = provider_file.build(rng)
    # the questions the rules turn on, from a stream of their own (other columns unchanged)
    respondents = rule_items.add(respondents,
                                 np.random.default_rng([seed, rule_items.RULES_STREAM]))
    # who gave the training apart from how, from a stream of their own (the same reason)
    split_rng = np.random.default_rng([seed, provider_split.SPLIT_STREAM])
    respondents = provider_split.split_respondents(respondents, split_rng)
    providers = provider_split.split_providers(providers, split_rng)
    # the legal entity of each enterprise, and then the months from taking up the role to
    # the training (newly covered by the legal entity's employees), each from its own stream
    respondents = legal_entities.add(
        respondents, np.random.default_rng([seed, legal_entities.ENTITY_STREAM]))
    respondents = timing_items.add(respondents,
                                   np.random.default_rng([seed, timing_items.TIMING_STREAM]))
    # the register's totals per frame cell: the frame is the first draw of the seed's
    # generator, so a fresh generator gives it again; the legal entities of the whole
    # frame from a stream of their own
    population = frame.enterprise_frame(np.random.default_rng(seed))
    enterprises = register.add(enterprises, respondents, population,
                               np.random.default_rng([seed, register.REGISTER_STREAM]))
    return respondents[list(RESPONDENT_COLUMNS)], providers, enterprises


def write(out_dir: str | Path, seed: int = DEFAULT_SEED) -> tuple[Path, ...]:
    """Generate the synthetic data and write the CSV files into ``out_dir``.

    Args:
        out_dir: folder to write into (created if missing).
        seed: as in :func:`generate`.

    Returns:
        The paths of the respondent file, the provider file, the enterprise file and the
        same respondents in a survey tool's layout (:data:`RESPONDENTS_NAME`,
        :data:`PROVIDERS_NAME`, :data:`ENTERPRISES_NAME`, :data:`TOOL_EXPORT_NAME`).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    respondents, providers, enterprises = generate(seed)
    paths = (out / RESPONDENTS_NAME, out / PROVIDERS_NAME, out / ENTERPRISES_NAME)
    for path, table in zip(paths, (respondents, providers, enterprises), strict=True):
        path.write_bytes(to_csv_text(table).encode("utf-8"))
    tool = out / TOOL_EXPORT_NAME  # the same respondents in a survey tool's layout
    tool.write_bytes(tool_export_text(respondents, load_mapping(TOOL_MAPPING)).encode("utf-8"))
    return (*paths, tool)
