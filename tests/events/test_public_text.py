"""The seed meetings' public pages: no stray space before ")" or ","."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

FILES = [
    str(Path(settings.BASE_DIR) / "fixtures" / name)
    for name in ("alliance-2026.json", "alliance-2016.json", "tirana-2023.json")
]
# Code and scripts may have any spacing; everything else is what a reader reads.
SKIPPED = {"script", "style", "code", "pre", "template", "kbd", "samp"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "option", "p",
    "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
    "select", "label", "button", "caption", "legend", "input", "textarea",
}  # fmt: skip
# Block elements end a line; a newline inside the text is a space, as browsers show.
BREAK = "\x00"
STRAY = re.compile(r"\S+ [),]")


class Page(HTMLParser):
    """The page's text as a reader sees it, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS:
            self.parts.append(BREAK)
        if tag == "a":
            self.links += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in BLOCKS:
            self.parts.append(BREAK)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def lines(self) -> list[str]:
        text = "".join(self.parts)
        return [" ".join(line.split()) for line in text.split(BREAK) if line.strip()]


def crawl(client, start: str, limit: int = 600) -> dict[str, list[str]]:
    """Every page reachable from ``start`` in its language, with its text lines."""
    prefix = start
    seen, queue, pages = {start}, [start], {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        response = client.get(path)
        assert response.status_code in {200, 301, 302, 404}, (path, response)
        if response.status_code != 200 or not response["Content-Type"].startswith(
            "text/html"
        ):
            continue
        parser = Page()
        parser.feed(response.content.decode())
        pages[path] = parser.lines()
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or parts.query:
                continue
            if not href.startswith(prefix) or href in seen:
                continue
            if href.endswith((".pdf", ".ics", ".xml", ".json", ".jpg", ".png")):
                continue
            if any(part in href for part in ("/admin/", "/feeds/")):
                continue
            seen.add(href)
            queue.append(href)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "de"])
def test_no_stray_space_before_a_bracket_or_comma(client, language):
    call_command("loaddata", *FILES, verbosity=0)

    pages = crawl(client, f"/{language}/")

    assert len(pages) > 50, sorted(pages)
    slips = [
        (path, match.group(0), line)
        for path, lines in pages.items()
        for line in lines
        for match in STRAY.finditer(line)
    ]
    assert slips == []


def test_the_scan_finds_a_stray_space():
    parser = Page()
    parser.feed(
        "<p>Tirana 2023\n<span>)</span>, Europe <b>,</b> x</p><code>f(a )</code>"
    )

    assert [m.group(0) for m in STRAY.finditer(" ".join(parser.lines()))] == [
        "2023 )",
        "Europe ,",
    ]
