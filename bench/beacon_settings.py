"""Settings for bench/beacon.py's server: the test settings (production's minus what
only slows tests down, DEBUG off), with a rate limit too high to reach, since every
request of the load comes from 127.0.0.1."""

from vitrine.settings.test import *  # noqa: F403

INSIGHTS_RATE_LIMIT = (10**9, 600)
