"""Reading what a page's <head> tells search engines: its title, meta tags, canonical
link and JSON-LD documents."""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Head:
    title: str = ""
    meta: dict = field(default_factory=dict)  # name or property -> content (the last)
    canonical: str = ""
    json_ld: list = field(default_factory=list)


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._in = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("content") is not None:
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.head.meta[key] = attrs["content"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.head.canonical = attrs.get("href", "")
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in, self._text = tag, []

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag != self._in:
            return
        text = "".join(self._text)
        if tag == "title":
            self.head.title = " ".join(text.split())
        else:
            self.head.json_ld.append(json.loads(text))
        self._in = None


def read_head(html):
    """The Head of an HTML document (a str)."""
    parser = _HeadParser()
    parser.feed(html)
    return parser.head


def json_ld_nodes(documents):
    """Every node of the JSON-LD documents, nested ones too, each once."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if "@type" in value:
                found.append(value)
            for member in value.values():
                walk(member)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(documents)
    return found
