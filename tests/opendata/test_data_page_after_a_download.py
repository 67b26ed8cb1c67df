"""The Data page shows when each archive was built and its size; building one (its first
download) is not on the trail, so a copy of the page remembered before it must not be served
after it (found by tests/pages/test_served_equals_fresh.py: a visitor was told the archive is
"built on first download" after it had been)."""
from tests.helpers.proposals import proposal


def test_the_data_page_shows_the_archive_built_by_a_download_at_once(make, new_client):
    proposal(make)
    visitor, downloader = new_client(), new_client()
    for _ in range(2):
        assert "built on first download" in visitor.get("/data").get_data(as_text=True)
    assert visitor.get("/data").headers.get("X-Page-Cache") == "hit"
    resp = downloader.get("/data/traza-all.zip")
    assert resp.status_code == 200
    resp.close()
    page = visitor.get("/data").get_data(as_text=True)
    assert "built on first download" not in page.split("traza-all.zip", 1)[1].split("</tr>", 1)[0]
