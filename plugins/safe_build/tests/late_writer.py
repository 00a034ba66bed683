"""Test-only Pelican plugin: writes files into the output during `finalized`, one receiver
connected at register() time and one connected while the build runs (get_generators)."""

from pathlib import Path

from pelican import signals


def write_early_connected(pelican):
    Path(pelican.output_path, "late-register.txt").write_text("written in finalized")


def write_late_connected(pelican):
    Path(pelican.output_path, "late-runtime.txt").write_text("written in finalized")


def connect_more(pelican):
    signals.finalized.connect(write_late_connected)


def register():
    signals.finalized.connect(write_early_connected)
    signals.get_generators.connect(connect_more)
