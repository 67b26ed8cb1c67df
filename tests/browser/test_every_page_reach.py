"""The phone crawl reaches every page (issue 25 item 6): tests/browser/test_every_page.py lays
out at 360 px only what its crawls find by links, one page per URL shape, and the first page
of a shape decides which links follow — /forums/1/sessions lists "Schedule a session" for the
forum's co-chair, /forums/2/sessions does not. Pages added later (a facilitator's workshop
form, a co-chair's answer form) went unchecked on a phone with nothing failing. This test
runs the same crawls over HTTP (the same roles, starts, links and limit; no layout, so it is
quick) and fails if an HTML page of the URL map is reached by none of them, unless it is named
below with the reason it is not a page a phone lays out."""
from html import unescape

from werkzeug.exceptions import NotFound

from tests.browser.test_every_page import LIMIT, LINK, ROLES
from tests.browser.test_proposal_flow import PASSWORD
from tests.conftest import Client
from tests.helpers.crawl import crawl

NOT_PAGES = {
    # downloads and machine formats (the crawl skips them by design)
    **dict.fromkeys(["static", "opendata.archive", "opendata.platform_feed", "opendata.forum_feed",
                     "opendata.requirements_feed", "requirements.pack", "requirements.receipt", "sessions.feed",
                     "sessions.ics", "sessions.as_json", "commitments.export", "consultations.report_csv",
                     "consultations.report_json", "documents.download", "documents.metadata", "trail.checkpoint",
                     "trail.checkpoint_at", "trail.consistency", "trail.inclusion", "trail.entry_bundle",
                     "trail.tile", "trail.export", "trail.key", "trail.log_wheel", "trail.receipt",
                     "trail.verifier_file"], "a download or a machine format"),
    **{name: "JSON" for name in ["api.adopted_text", "api.agreed_adopted", "api.checkpoints", "api.commitment",
                                 "api.commitment_absorbed", "api.commitments", "api.consultation", "api.consultations",
                                 "api.cycle_clusters", "api.cycle_figures", "api.cycle_requirements", "api.cycle_voice",
                                 "api.cycles", "api.forum", "api.forum_absorbed", "api.forum_figures",
                                 "api.forum_requirements", "api.forum_voice", "api.forums", "api.index", "api.openapi",
                                 "api.organisation", "api.organisations", "api.proposal", "api.proposals",
                                 "api.session", "api.sessions", "api.trail", "api.trail_entry"]},
    "api.docs": "the API's reference, a desktop tool (laid out by tests/api)",
    "sessions.decisions_fragment": "a fragment the live page swaps in (laid out inside /sessions/N)",
    "dashboards.current_plan": "a redirect to the newest cycle's page",
    "plans.for_forum": "a redirect to the cycle's agreed-adopted page",
    "plans.instrument": "a redirect to the cycle's agreed-adopted page",
    "accounts.confirm": "a one-off token", "accounts.reset": "a one-off token", "inbox.unsubscribe": "a one-off token",
    "monitoring.answer": "a POST's target: its form sits on the agreed-adopted page (tests/browser/test_plans_phone)",
    "monitoring.contest": "laid out at 360 px by tests/browser/test_plans_phone (the co-monitor's contest)",
    # the demo forms no cluster, and its facilitator serves a forum with no consultation open
    "clusters.show": "laid out at 360 px by tests/browser/test_unlinked_pages_phone",
    "voice.record_comment": "laid out at 360 px by tests/browser/test_unlinked_pages_phone",
}


def test_the_phone_crawl_reaches_every_page_of_the_url_map(live_module):
    _base, app = live_module
    adapter = app.url_map.bind("localhost")
    reached: dict[str, str] = {}
    stopped = []
    for role, (email, start, _axe) in ROLES.items():
        client = Client(app.test_client())
        if email:
            client.login(email, PASSWORD)

        def visit(path, client=client, role=role):
            resp = client.get(path)
            resp.close()  # a download streams from a file
            if resp.status_code != 200 or resp.mimetype != "text/html":
                return None
            try:
                reached.setdefault(adapter.match(path.split("?")[0])[0], role)
            except NotFound:  # a link to nothing is the link checker's to report
                pass
            return [unescape(link) for link in LINK.findall(resp.get_data(as_text=True))]
        if crawl(visit, ["/", *start], LIMIT) >= LIMIT:
            stopped.append(role)
    assert stopped == [], f"the crawl stopped at its limit of {LIMIT} page shapes: later pages are never laid out"
    pages = {r.endpoint for r in app.url_map.iter_rules() if "GET" in r.methods} - NOT_PAGES.keys()
    assert sorted(pages - reached.keys()) == [], "pages no phone crawl lays out (add a start to ROLES)"
    assert NOT_PAGES.keys() - {r.endpoint for r in app.url_map.iter_rules()} == set(), "a name that left the map"
