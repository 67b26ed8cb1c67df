"""iCalendar (RFC 5545) for sessions: one event, or a forum's feed to subscribe to. Built
with the `icalendar` library, which escapes text (a CR or LF in a title cannot start a
new property) and folds long lines, instead of by hand."""
from datetime import UTC, datetime

from icalendar import Calendar, Event, vText

from ..core.urls import external_url


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC)  # stored naive, in UTC


def _event(s, now: datetime) -> Event:
    url = external_url("sessions.show", session_id=s.id)
    agenda = "\n".join(f"{i.position}. {i.title}" for i in s.agenda)
    e = Event()
    e.add("uid", f"session-{s.id}@traza")
    e.add("dtstamp", _utc(now))
    e.add("dtstart", _utc(s.starts_at))
    e.add("dtend", _utc(s.ends_at))
    e.add("summary", f"{s.forum.title}: {s.title}")
    e.add("location", ", ".join(x for x in (s.place, s.online_url) if x))
    e.add("url", url)
    e.add("description", f"{agenda}\n{url}")
    e.add("status", "CONFIRMED")
    return e


def calendar(sessions, now: datetime, name: str) -> str:
    cal = Calendar()
    cal.add("prodid", "-//Traza//Forum sessions//ES")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))  # X- properties are not escaped unless typed
    for s in sessions:
        cal.add_component(_event(s, now))
    return cal.to_ical().decode("utf-8")
