"""/briefs pages: the review gate's filter reaches the brief and its PDF link."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_reviewed_only_reaches_the_brief_and_its_download(client: TestClient) -> None:
    page = client.get("/briefs/organization/toyota-motor", params={"reviewed_only": "true",
                                                                  "years": "2020-"})
    assert page.status_code == 200
    assert "reviewed facts only" in page.text
    assert 'href="/briefs/organization/toyota-motor.pdf?years=2020-&amp;reviewed_only=true"' \
        in page.text
    pdf = client.get("/briefs/organization/toyota-motor.pdf", params={"reviewed_only": "true"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "reviewed facts only" not in client.get("/briefs/organization/toyota-motor").text
