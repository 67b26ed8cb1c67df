"""The Socket.IO namespace of live sessions and the names of its rooms: the socket handlers
broadcast to them, and so does what tells a member their seat ended (seat_ended.py), which
is no socket handler and so may not import one."""
NS = "/live"


def room(session_id: int) -> str:
    return f"session-{session_id}"


def personal_room(session_id: int, user_id: int) -> str:
    """Every window of one member on one session: a vote shows in all of them."""
    return f"session-{session_id}-user-{user_id}"
