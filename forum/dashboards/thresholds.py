"""The thresholds of the OGP minimum requirements that the standards leave to each country,
read from the app's config and checked when the app starts: a threshold out of range would
make every verdict on the requirements page mean something other than what it says, so the
app refuses to start and says which setting and why (forum/__init__.py calls `check`)."""
from dataclasses import dataclass

# name: (default, lowest, highest, what it is). The fixed OGP figures (six months between
# forum meetings, a repository updated every half-year, a timeline two weeks ahead) are not
# settings: a country may not relax them.
SETTINGS = {
    "MINREQ_CHANNEL_DAYS": (14, 7, 120, "days a consultation must stay open to count as open long enough"),
    "MINREQ_REVIEWS_PER_YEAR": (2, 2, 12, "implementation-review sessions a year (OGP asks for at least 2)"),
}


@dataclass(frozen=True)
class Thresholds:
    channel_days: int = 14
    reviews_per_year: int = 2


def check(config) -> Thresholds:
    """The thresholds in `config`, or RuntimeError naming the setting, its value and the range."""
    values = read(config, SETTINGS)
    return Thresholds(values["MINREQ_CHANNEL_DAYS"], values["MINREQ_REVIEWS_PER_YEAR"])


def read(config, settings: dict) -> dict:
    """name -> value of each of `settings` ({name: (default, lowest, highest, what it is)}), or
    RuntimeError naming the setting, its value and the range."""
    values = {}
    for name, (default, low, high, what) in settings.items():
        value = config.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise RuntimeError(f"{name} = {value!r} is out of range: it is the number of {what}, a whole number "
                               f"from {low} to {high}. Fix it in instance/config.py or the environment.")
        values[name] = value
    return values


def current() -> Thresholds:
    from flask import current_app
    return check(current_app.config)
