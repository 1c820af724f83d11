"""Checks on rendered HTML shared by the test suites: validity (the Nu HTML checker,
the W3C's own validator, run locally with Java; `scripts/fetch-test-tools` installs it) and the
no-inline-code rule."""

import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings


def validate_html(documents):
    """Validate {name: html} with the Nu checker in one Java run; return its errors
    as "name: line N: message" strings (an empty list means every page is valid)."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java is missing: the HTML validator needs it (scripts/system-deps).")
    jars = sorted((Path(settings.BASE_DIR) / ".venv" / "share" / "vnu").glob("vnu-*.jar"))
    if not jars:
        raise RuntimeError("The Nu HTML checker is missing: run `scripts/fetch-test-tools`.")
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{index}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        files = [str(Path(folder) / filename) for filename in names]
        result = subprocess.run(
            [java, "-jar", str(jars[-1]), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            check=False,
        )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{names.get(Path(message.get('url', '')).name, message.get('url'))}: "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in messages
    ]


class _InlineCodeFinder(HTMLParser):
    """Collects what a strict Content-Security-Policy would block: inline scripts,
    style elements and attributes, and event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type")
            not in (
                "application/json",
                "application/ld+json",
            )
        ):
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")


def inline_code(html):
    finder = _InlineCodeFinder()
    finder.feed(html)
    return finder.found
