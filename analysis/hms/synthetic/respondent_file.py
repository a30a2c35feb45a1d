"""The synthetic respondent file: one row per sampled role-holder, assembled from the
design (:mod:`~analysis.hms.synthetic.frame`), the answers
(:mod:`~analysis.hms.synthetic.answers`) and the comments
(:mod:`~analysis.hms.synthetic.comments`), drawing from one generator in a fixed order;
and the enterprise file of the same sample (:mod:`~analysis.hms.synthetic.enterprise_file`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms import contract
from analysis.hms.synthetic import answers, enterprise_file, frame
from analysis.hms.synthetic.comments import compose_comments
from analysis.hms.synthetic.export import SYNTHETIC_PREFIX, typed


def build(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The respondent file and the enterprise file, with the contract's columns and dtypes."""
    sample = frame.sample_enterprises(frame.enterprise_frame(rng), rng)
    people = frame.role_holders(sample, rng)
    responded, takes_part = frame.respond(people, rng)
    items = answers.true_answers(people, rng)
    comments = compose_comments(people, items[c.PROVIDER_TYPE], rng)
    n = len(people)
    out = pd.DataFrame({
        c.RESPONDENT_ID: [f"{SYNTHETIC_PREFIX}R{i:05d}" for i in range(1, n + 1)],
        **{col: people[col].to_numpy() for col in (
            c.ROLE, c.SECTOR, c.INDUSTRY, c.SIZE_CLASS, c.COUNTY, c.STRATUM, c.CLUSTER,
            c.BASE_WEIGHT, c.STRATUM_POPULATION)},
        c.EMPLOYEES: people["employees"].to_numpy(),
        c.RESPONSE_STATUS: np.where(responded, "respondent", "nonrespondent"),
    })
    for item, values in answers.as_answered(items, responded, rng).items():
        out[item] = values
    out[c.COMMENT] = np.where(responded, comments, None)
    # provider_type holds the combined kind here; provider_split gives who and how
    enterprises = enterprise_file.build(people, takes_part)
    return typed(out, [f for f in contract.RESPONDENT_FIELDS
                       if f.name not in (*c.RULE_ITEMS, c.TRAINING_FORMAT,
                                         c.MONTHS_TO_TRAINING, c.LEGAL_ENTITY,
                                         c.LEGAL_ENTITY_EMPLOYEES)]), enterprises
