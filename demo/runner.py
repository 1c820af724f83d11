"""Runs the demo's steps, one per domain, in order: `seed_demo()` is what the
`seed_demo` command calls.

Everything the steps make is French and fictional. Apart from dates, which are relative
to the day it runs so the demo reads right on the day it is seeded (offers current this
week, stories published days ago, 90 days of counts up to today), it is deterministic:
the same database ends up with the same content however many times it runs. Each step
only creates what is missing, so a second run changes nothing and never overwrites what
someone edited in the admin.
"""

from dataclasses import dataclass, field

from demo.accounts import DemoAccount
from demo.insights import seed_counts
from demo.merchants import seed_merchants
from demo.offers import seed_offers
from demo.operations import seed_operations
from demo.shops.addresses import seed_addresses
from demo.shops.seed import seed_shops
from demo.site import seed_site
from demo.stories import seed_stories


@dataclass
class DemoReport:
    """What a run created, for the command to print."""

    created: list[str] = field(default_factory=list)
    accounts: list[DemoAccount] = field(default_factory=list)

    def add(self, label):
        self.created.append(label)


# Each step takes the report. Operations, offers, merchants and stories need the shops;
# the counts come last: they are made up for the pages the other steps created.
STEPS = [
    seed_site,
    seed_addresses,
    seed_shops,
    seed_operations,
    seed_offers,
    seed_merchants,
    seed_stories,
    seed_counts,
]


def seed_demo():
    report = DemoReport()
    for step in STEPS:
        step(report)
    return report
