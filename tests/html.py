"""Checks on rendered HTML shared by the test suites: validity (the Nu HTML checker,
the W3C's own validator, run locally with Java; `scripts/fetch-test-tools` installs it) and the
no-inline-code rule."""

import hashlib
import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

# For tests that validate pages: the markup is the templates', whatever engine the rows
# that fill them come from; the JVM run is seconds each, so the PostgreSQL run leaves them
# to SQLite's (tests/conftest.py).
VALIDATES_HTML = pytest.mark.engine_independent("the templates' markup, not the engine's rows")

# A run of the checker is mostly the JVM starting (seconds of CPU for one small page).
# These flags halve that: the quick JIT compiler only and one garbage collector thread
# suit a short run; the checker needs a deep stack for the HTML schema.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]

# The checker's errors for documents already checked in this test process, by the
# SHA-256 of their text: the same bytes get the same answer without another Java run.
_checked = {}


def validate_html(documents):
    """Validate {name: html} with the Nu checker in one Java run; return its errors
    as "name: line N: message" strings (an empty list means every page is valid)."""
    digests = {name: hashlib.sha256(html.encode()).hexdigest() for name, html in documents.items()}
    unchecked = {
        digest: documents[name] for name, digest in digests.items() if digest not in _checked
    }
    if unchecked:
        _checked.update(_check(unchecked))
    return [
        f"{name}: line {line}: {message}"
        for name, digest in digests.items()
        for line, message in _checked[digest]
    ]


def _check(documents):
    """{key: html} -> {key: [(line, message), ...]}, in one run of the checker."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java is missing: the HTML validator needs it (scripts/system-deps).")
    jars = sorted((Path(settings.BASE_DIR) / ".venv" / "share" / "vnu").glob("vnu-*.jar"))
    if not jars:
        raise RuntimeError("The Nu HTML checker is missing: run `scripts/fetch-test-tools`.")
    with tempfile.TemporaryDirectory() as folder:
        keys = {}
        for index, (key, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{index}.html"
            path.write_text(html, encoding="utf-8")
            keys[path.name] = key
        files = [str(Path(folder) / filename) for filename in keys]
        result = subprocess.run(
            [java, *JAVA_OPTIONS, "-jar", str(jars[-1]), "--errors-only", "--format", "json"]
            + files,
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        output = result.stderr or result.stdout
        raise RuntimeError(f"The Nu HTML checker failed: {output}") from error
    errors = {key: [] for key in documents}
    for message in messages:
        key = keys.get(Path(message.get("url", "")).name)
        if key is None:  # a message about no file of ours: the run itself went wrong
            raise RuntimeError(f"The Nu HTML checker failed: {message}")
        errors[key].append((message.get("lastLine"), message["message"]))
    return errors


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


class _LandmarkReader(HTMLParser):
    """Reads the document's <title>, the text of each role="status" element, and the
    tags that carry a role."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.title = None
        self.statuses = []  # [{"tag": ..., "text": ..., "children": [tag, ...]}]
        self.roles = []  # [(tag, role)]
        self._open = []  # the open elements: (tag, the status being read or None)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "role" in attributes:
            self.roles.append((tag, attributes["role"]))
        for _, status in self._open:
            if status is not None:
                status["children"].append(tag)
        if tag in self.VOID:
            return
        status = None
        if attributes.get("role") == "status":
            status = {"tag": tag, "text": "", "children": []}
            self.statuses.append(status)
        if tag == "title":
            self.title = ""
        self._open.append((tag, status))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._open and self._open[-1][0] == "title":
            self.title += data
        for _, status in self._open:
            if status is not None:
                status["text"] += data


def _read(html):
    reader = _LandmarkReader()
    reader.feed(html)
    return reader


def _collapsed(text):
    return " ".join(text.split())


def page_title(html):
    """The document's <title> as a browser shows it (white space collapsed)."""
    return _collapsed(_read(html).title or "")


def status_texts(html):
    """The text of every role="status" element, white space collapsed."""
    return [_collapsed(status["text"]) for status in _read(html).statuses]


def status_regions(html):
    """Every role="status" element: {"tag", "text", "children" (the tags inside)}."""
    return _read(html).statuses


def roles(html):
    """(tag, role) of every element with a role attribute."""
    return _read(html).roles
