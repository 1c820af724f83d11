"""Demo shops of Vilvèze, and generated shops for measuring.

`seed_shops` is a step of `home.demo.seed_demo`: about sixty fictional shops in ten
categories and six districts, with the variety the directory has to handle (lunch
breaks, closed on Monday, open past midnight, no known hours, a holiday closure next
week, a braderie). Like the rest of the demo it is deterministic, French and fictional:
phone numbers in an unassigned range, websites on `.example` domains.

`add_generated_shops` adds plain "Commerce 00001" shops by the thousand for the
benchmark (`seed_demo --shops N`). Wagtail's `add_child` + `publish` costs a hundred
queries a page, so both sets of pages are written in bulk (`bulk.py`), with every column
Wagtail's own publishing would set, and indexed by the search backend in batches.
"""

from directory.demo.content import TOWN_CENTRE
from directory.demo.generated import add_generated_shops, generated_slug
from directory.demo.shops import seed_shops

__all__ = ["TOWN_CENTRE", "add_generated_shops", "generated_slug", "seed_shops"]
