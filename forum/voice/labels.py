"""Translated names of the voice area's values: channels, admission, dimensions, request states.
Region names are proper nouns (regions.py) and read the same in both languages."""
from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from .models import INVITED, SELF_JOINED, Channel, Dimension, RequestStatus
from .regions import REGIONS, UNKNOWN


def channel_labels() -> dict:
    return {Channel.ONLINE: _l("online"), Channel.WORKSHOP: _l("workshop or meeting"),
            Channel.PAPER: _l("paper form"), Channel.EMAIL: _l("e-mail or letter")}


def admission_labels() -> dict:
    return {INVITED: _l("invited"), SELF_JOINED: _l("came on its own")}


def region_labels() -> dict:
    return {**REGIONS, UNKNOWN: _l("region not recorded")}


def dimension_labels() -> dict:
    return {Dimension.REGION: _l("By region"), Dimension.CHANNEL: _l("By channel"),
            Dimension.ADMISSION: _l("Invited or came on its own")}


def group_labels(dimension: str) -> dict:
    makers: dict[str, Callable[[], dict]] = {Dimension.REGION: region_labels, Dimension.CHANNEL: channel_labels,
                                             Dimension.ADMISSION: admission_labels}
    return makers[dimension]()


def request_labels() -> dict:
    return {RequestStatus.PENDING: _l("waiting for the co-chairs"), RequestStatus.GRANTED: _l("granted"),
            RequestStatus.REFUSED: _l("refused")}
