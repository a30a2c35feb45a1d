"""Owner and contact of a deployment: read from its publication file, with defaults."""

from __future__ import annotations

import pytest

from analysis.errors import AnalysisError
from analysis.runner import deployment


def test_publication_file_overrides_defaults(tmp_path, monkeypatch):
    path = tmp_path / "publication.yaml"
    path.write_text("owner: Seksjon for analyse\ncontact: analyse@departementet.no\n",
                    encoding="utf-8")
    monkeypatch.setenv(deployment.ENV, str(path))
    pub = deployment.publication()
    assert (pub.owner, pub.contact) == ("Seksjon for analyse", "analyse@departementet.no")
    assert pub.purpose == deployment.DEFAULTS["purpose"]  # not given: the default


def test_missing_file_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv(deployment.ENV, str(tmp_path / "none.yaml"))
    assert deployment.publication().owner == deployment.DEFAULTS["owner"]


def test_unknown_key_is_one_clear_sentence(tmp_path, monkeypatch):
    path = tmp_path / "publication.yaml"
    path.write_text("owner: X\nemail: x@y.no\n", encoding="utf-8")
    monkeypatch.setenv(deployment.ENV, str(path))
    with pytest.raises(AnalysisError, match=r"unknown keys \['email'\]; allowed are owner"):
        deployment.publication()


def test_the_repository_file_is_valid():
    pub = deployment._load(deployment.DEFAULT_FILE)["nb"]
    assert pub.owner and "@" in pub.contact and pub.purpose


def test_owner_and_purpose_in_the_page_language(tmp_path, monkeypatch):
    from analysis.i18n import using_language

    path = tmp_path / "publication.yaml"
    path.write_text("owner: Analyseenheten\nowner_nn: Analyseeininga\ncontact: a@b.no\n",
                    encoding="utf-8")
    monkeypatch.setenv(deployment.ENV, str(path))
    assert deployment.publication().owner == "Analyseenheten"
    with using_language("nn"):
        pub = deployment.publication()
    assert (pub.owner, pub.contact) == ("Analyseeininga", "a@b.no")
    assert pub.purpose == deployment.DEFAULTS["purpose"]  # no purpose_nn: the default
