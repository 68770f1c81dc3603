"""make audit: fails on unaccepted advisories, reports accepted ones and unreachable sources."""

import io
import json
import subprocess
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def audit():
    path = str(Path(settings.BASE_DIR) / ".ci" / "audit")
    loader = SourceFileLoader("ci_audit", path)
    module = module_from_spec(spec_from_loader("ci_audit", loader))
    loader.exec_module(module)
    return module


PIP_CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
PIP_VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.1",
            "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["5.2.2"]}],
        }
    ]
}
PIP_UNREACHABLE = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    ]
}
NPM_CLEAN = {"vulnerabilities": {}, "metadata": {"dependencies": {"total": 3}}}
NPM_UNREACHABLE = {"message": "405 Method Not Allowed", "error": {"summary": "", "detail": ""}}


def fake_tools(monkeypatch, audit, pip, npm, ckeditor_advisories):
    def run(args, **kwargs):
        tool = Path(str(args[0])).name
        if args[1:3] == ["config", "get"]:
            return subprocess.CompletedProcess(args, 0, stdout="http://registry.test/\n")
        output = {
            "pip-audit": json.dumps(pip),
            "npm": json.dumps(npm),
            "python": str(Path(audit.__file__).parent),
        }[tool]
        return subprocess.CompletedProcess(args, 0, stdout=output, stderr="")

    def urlopen(request, timeout):
        assert request.full_url.startswith("http://registry.test/-/npm/")
        if ckeditor_advisories is None:
            raise audit.urllib.error.URLError("unreachable")
        return io.BytesIO(json.dumps({"ckeditor4": ckeditor_advisories}).encode())

    monkeypatch.setattr(audit.subprocess, "run", run)
    monkeypatch.setattr(audit.urllib.request, "urlopen", urlopen)
    monkeypatch.setattr(
        audit.Path, "read_text", lambda self, **kwargs: 'CKEDITOR.version:"4.22.1",'
    )


def test_an_advisory_in_a_python_package_fails_the_audit(monkeypatch, audit, capsys):
    fake_tools(monkeypatch, audit, PIP_VULNERABLE, NPM_CLEAN, [])
    assert audit.main() == 1
    assert "django 5.2.1: PYSEC-0000-1 (5.2.2)" in capsys.readouterr().out


def test_the_bundled_ckeditors_advisories_are_listed_and_accepted(monkeypatch, audit, capsys):
    advisory = {"url": "https://github.com/advisories/GHSA-xxxx", "title": "XSS"}
    fake_tools(monkeypatch, audit, PIP_CLEAN, NPM_CLEAN, [advisory])
    assert audit.main() == 0
    out = capsys.readouterr().out
    assert "ckeditor4 4.22.1: https://github.com/advisories/GHSA-xxxx (XSS)" in out
    assert "accepted: CKEditor 4 is end of life" in out


def test_an_unreachable_advisory_service_is_reported_not_failed(monkeypatch, audit, capsys):
    fake_tools(monkeypatch, audit, PIP_UNREACHABLE, NPM_UNREACHABLE, None)
    assert audit.main() == 0
    out = capsys.readouterr().out
    assert out.count("NOT CHECKED") == 3
