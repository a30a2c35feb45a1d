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


def test_the_repository_file_is_valid_and_ships_no_placeholder():
    pub = deployment._load(deployment.DEFAULT_FILE)["nb"]
    assert pub.owner and pub.purpose
    assert "example." not in deployment.DEFAULT_FILE.read_text(encoding="utf-8")
    assert not any("example." in v for v in deployment.DEFAULTS.values())


def test_without_a_contact_the_page_has_no_contact_line_and_a_run_warns(tmp_path,
                                                                          monkeypatch):
    from analysis.runner.render import PageInfo, _footer, _header

    path = tmp_path / "publication.yaml"
    path.write_text("owner: Seksjon for analyse\n", encoding="utf-8")
    monkeypatch.setenv(deployment.ENV, str(path))
    warning = deployment.missing_settings()
    assert warning and "no contact" in warning and warning.count("warning") == 1
    info = PageInfo("T", "s", "S", "d", "c", version="1")
    assert info.contact == "" and info.owner == "Seksjon for analyse"
    page = _header(info) + _footer(info)
    assert "Kontakt" not in page and "mailto:" not in page
    path.write_text("owner: Seksjon\ncontact: analyse@departementet.no\n", encoding="utf-8")
    deployment._load.cache_clear()
    assert deployment.missing_settings() is None

