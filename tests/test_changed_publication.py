"""``run --changed`` sees the publication settings: a new owner in the publication file,
or ANALYSIS_PUBLICATION naming another file, makes every report's inputs differ, so no
page keeps the old owner while the index shows the new one."""

from __future__ import annotations

from analysis.notebooks import Target
from analysis.runner import deployment
from analysis.runner.execute import resolve_parameters
from analysis.runner.inputs import (
    PUBLICATION_KEY,
    changed_inputs,
    fingerprint,
    target_inputs,
)

TARGET = Target("response_team_costs", "letter_baseline")


def _inputs() -> dict[str, str]:
    return target_inputs(TARGET, resolve_parameters(TARGET, {}))


def test_a_new_owner_or_another_publication_file_is_a_change(tmp_path, monkeypatch):
    first = tmp_path / "publication.yaml"
    first.write_text("owner: Gammel eier\n", encoding="utf-8")
    monkeypatch.setenv(deployment.ENV, str(first))
    before = _inputs()
    assert PUBLICATION_KEY in before
    assert fingerprint(_inputs()) == fingerprint(before)  # nothing changed: the same
    first.write_text("owner: Ny eier\n", encoding="utf-8")
    owner_changed = _inputs()
    assert changed_inputs(before, owner_changed) == [PUBLICATION_KEY]
    second = tmp_path / "other.yaml"
    second.write_text("owner: Ny eier\n", encoding="utf-8")
    monkeypatch.setenv(deployment.ENV, str(second))
    assert changed_inputs(owner_changed, _inputs()) == [PUBLICATION_KEY]
    monkeypatch.delenv(deployment.ENV)
    assert changed_inputs(owner_changed, _inputs()) == [PUBLICATION_KEY]
