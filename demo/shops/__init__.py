"""Demo shops of Vilvèze, and generated shops for measuring.

`seed.seed_shops` is a step of `demo.runner.seed_demo`: about sixty fictional shops in
ten categories and six districts, with the variety the directory has to handle (lunch
breaks, closed on Monday, open past midnight, no known hours, a holiday closure next
week, a braderie). Like the rest of the demo it is French and fictional: phone numbers
in an unassigned range, websites on `.example` domains.

`generated.add_generated_shops` adds plain "Commerce 00001" shops by the thousand for
the benchmark (`seed_demo --shops N`). Wagtail's `add_child` + `publish` costs a hundred
queries a page, so both sets of pages are written in bulk
(`directory.bulk_pages.insert_live_shops`), with every column Wagtail's own publishing
would set, and indexed by the search backend in batches.

`content.py` says what the shops are, `pictures.py` draws their logos and shopfronts.
"""
