"""iCalendar (RFC 5545) for sessions: one event, or a forum's feed to subscribe to."""
from datetime import datetime

from ..core.urls import external_url


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(dt: datetime) -> str:
    return dt.strftime("%Y%m%dT%H%M%SZ")


def event_lines(s, now: datetime) -> list[str]:
    url = external_url("sessions.show", session_id=s.id)
    agenda = "\n".join(f"{i.position}. {i.title}" for i in s.agenda)
    location = ", ".join(x for x in (s.place, s.online_url) if x)
    return ["BEGIN:VEVENT", f"UID:session-{s.id}@traza", f"DTSTAMP:{_utc(now)}", f"DTSTART:{_utc(s.starts_at)}",
            f"DTEND:{_utc(s.ends_at)}", f"SUMMARY:{_escape(s.forum.title + ': ' + s.title)}",
            f"LOCATION:{_escape(location)}", f"URL:{url}", f"DESCRIPTION:{_escape(agenda + chr(10) + url)}",
            "STATUS:CONFIRMED", "END:VEVENT"]


def calendar(sessions, now: datetime, name: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Traza//Forum sessions//ES", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for s in sessions:
        lines += event_lines(s, now)
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(x) for x in lines) + "\r\n"
