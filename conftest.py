"""Test-wide settings. Tests assert messages in English (the message ids), whatever language the
newsroom's site.toml asks for; tests of the Indonesian catalogue set NEWSROOM_LANG themselves."""

import os

os.environ.setdefault("NEWSROOM_LANG", "en")
