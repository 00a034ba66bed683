"""Dates as Indonesian readers read them, with Babel (never the machine's locale).

The Jinja filters take Pelican's timezone-aware datetimes (TIMEZONE = Asia/Makassar).
"""

from __future__ import annotations

import datetime

from babel.dates import format_datetime


class DateFilters:
    def __init__(self, locale: str, zone_abbr: str, zone: datetime.tzinfo | None = None):
        self.locale = locale
        self.zone_abbr = zone_abbr
        # Every time is shown on the site's clock (WITA), whatever offset it was written with.
        self.zone = zone
        self._memo: dict = {}

    def _local(self, value):
        if self.zone is not None and value.tzinfo is not None:
            return value.astimezone(self.zone)
        return value

    def _fmt(self, value, pattern):
        if not isinstance(value, datetime.datetime):
            return value
        value = self._local(value)
        # Babel takes about 0.1 ms a date and a story's date is printed on its page and on every
        # listing that shows it: each (instant, clock, pattern) is formatted once per build.
        key = (value, str(value.tzinfo), value.utcoffset(), pattern)
        text = self._memo.get(key)
        if text is None:
            text = self._memo[key] = format_datetime(value, pattern, tzinfo=value.tzinfo, locale=self.locale)
        return text

    def tanggal(self, value) -> str:
        """Selasa, 20 Agustus 2024 12:40 WITA"""
        return f"{self._fmt(value, 'EEEE, d MMMM y HH:mm')} {self.zone_abbr}".strip()

    def tanggal_pendek(self, value) -> str:
        """20 Agu 2024"""
        return self._fmt(value, "d MMM y")

    def jam(self, value) -> str:
        """12:40 WITA"""
        return f"{self._fmt(value, 'HH:mm')} {self.zone_abbr}".strip()

    def bulan_tahun(self, value) -> str:
        """Agustus 2024"""
        return self._fmt(value, "MMMM y")

    def isodate(self, value) -> str:
        """2024-08-20T12:40:00+08:00 (for <time datetime> and structured data)"""
        if not isinstance(value, datetime.datetime):
            return value
        return self._local(value).replace(microsecond=0).isoformat()

    def filters(self) -> dict:
        return {
            "tanggal": self.tanggal,
            "tanggal_pendek": self.tanggal_pendek,
            "jam": self.jam,
            "bulan_tahun": self.bulan_tahun,
            "isodate": self.isodate,
        }
