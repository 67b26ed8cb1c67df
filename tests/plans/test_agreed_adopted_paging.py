"""The API's agreed/adopted list is paged like the other lists: its rows grew about 0.5 kB a
commitment in one answer. A client following `next` gets every row of every list once, and
a cursor the API did not give out is refused with the reason."""
import base64

from tests.helpers.plans import agreed_forum, official_plan

LISTS = ("agreed", "instruments", "adopted", "matches", "discrepancies")


def _walk(client, url):
    pages = []
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.get_json()
        pages.append(answer.get_json())
        url = pages[-1]["next"]
    return pages


def test_next_walks_every_row_of_every_list_exactly_once(make, client):
    forum, made, _p = agreed_forum(make, shaper=False)
    official_plan(forum, made)
    path = f"/api/v1/cycles/{forum.cycle}/agreed-adopted"
    whole = client.get(path).get_json()
    assert whole["next"] is None and len(whole["agreed"]) == 4 and whole["discrepancies"]
    rows = sum(len(whole[name]) for name in LISTS)
    pages = _walk(client, path + "?limit=3")
    assert len(pages) == -(-rows // 3) > 1
    assert all(sum(len(p[name]) for name in LISTS) <= 3 for p in pages)
    for name in LISTS:
        walked = [row for p in pages for row in p[name]]
        assert len(walked) == len(whole[name]), name
        assert sorted(map(repr, walked)) == sorted(map(repr, whole[name])), name
    assert all(p["figures"] == whole["figures"] and p["cycle"] == forum.cycle for p in pages)
    assert pages[-1]["next_cursor"] is None and "limit=3" in pages[0]["next"]


def test_a_cursor_not_given_out_is_refused_with_the_reason(make, client):
    forum, made, _p = agreed_forum(make, shaper=False)
    path = f"/api/v1/cycles/{forum.cycle}/agreed-adopted"
    forged = base64.urlsafe_b64encode(f"after:{5 * 2**32}".encode()).decode().rstrip("=")
    for cursor in ("nonsense", "YWZ0ZXI6eA", forged):
        answer = client.get(f"{path}?cursor={cursor}")
        assert answer.status_code == 400
        assert answer.get_json()["error"] == "bad_cursor" and answer.get_json()["field"] == "cursor"
        assert "cursor" in answer.get_json()["message"]
    assert client.get(f"{path}?limit=0").status_code == 400


def test_the_description_documents_the_paging(client):
    op = client.get("/api/v1/openapi.json").get_json()["paths"]["/cycles/{cycle}/agreed-adopted"]["get"]
    assert {"limit", "cursor"} <= {p["name"] for p in op["parameters"]}
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["AgreedAdopted"]
    assert {"next", "next_cursor"} <= set(schema["properties"])
