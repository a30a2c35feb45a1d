"""The key figures of ``summary.json``."""

from __future__ import annotations

from analysis.conscription import model, simulation


def summary_figures(r: model.Result, sim: simulation.Simulation) -> dict[str, float]:
    """Key figures for ``summary.json``: the point estimate, probabilities and quantiles."""
    out = model.summarise(r)
    out.update(simulation.summary(sim))
    for row in sim.sweep.itertuples():
        key = f"sweep_{round(row.severity * 100)}pct"
        out[f"{key}_p_rule_a_needed"] = row.p_rule_a_needed
        out[f"{key}_p_rule_b_needed"] = row.p_rule_b_needed
    return out
