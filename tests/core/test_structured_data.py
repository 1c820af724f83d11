"""JSON-LD helpers (core.structured_data): data that goes safely into a page."""

import json

from core.structured_data import breadcrumb_list, json_ld_script, without_empty


def test_text_cannot_close_the_script_element():
    script = json_ld_script({"name": "</script><script>alert(1)</script> & co"})
    assert "</script>" not in script.removesuffix("</script>")
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & co"}


def test_empty_members_are_left_out_and_falsy_values_kept():
    data = {"name": "Dupont", "email": "", "image": [], "geo": {}, "url": None, "rating": 0}
    assert without_empty(data) == {"name": "Dupont", "rating": 0}


def test_breadcrumb_positions_count_from_one_down_from_home():
    crumbs = breadcrumb_list(
        [("Accueil", "https://x.example/"), ("Commerces", "https://x.example/c/")]
    )
    assert [(item["position"], item["name"]) for item in crumbs["itemListElement"]] == [
        (1, "Accueil"),
        (2, "Commerces"),
    ]
