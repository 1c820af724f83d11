"""The demo content of a fictional Belgian town, Vilvèze, which `make run` shows.

The top layer of the project: it may import every other app, and no app imports it
(only the tests, the benchmarks and the `seed_demo` command it provides). `runner.py`
runs the steps, one module per domain builds that domain's content (`site.py`, the
`shops` package, `offers.py`, `merchants.py`, `stories.py`, `insights.py`), and
`images.py`, `pages.py` and `accounts.py` hold what several steps share.
"""
