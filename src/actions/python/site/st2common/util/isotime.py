"""ISO 8601 helpers as StackStorm's isotime module offers them (UTC, microseconds, `+00:00` or `Z`)."""

import datetime

__all__ = ["add_utc_tz", "format", "parse"]


def add_utc_tz(dt):
    if dt.tzinfo is None:
        return dt.replace(tzinfo=datetime.timezone.utc)
    return dt.astimezone(datetime.timezone.utc)


def format(dt, usec=True, offset=True):  # noqa: A001 (StackStorm's name)
    if isinstance(dt, str):
        dt = parse(dt)
    dt = add_utc_tz(dt)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S.%f" if usec else "%Y-%m-%dT%H:%M:%S")
    return text + ("+00:00" if offset else "Z")


def parse(value):
    text = str(value).strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return add_utc_tz(datetime.datetime.fromisoformat(text))
