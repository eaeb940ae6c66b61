"""Read an HTML form the way a browser submits it, for admin round trips in tests."""

from html.parser import HTMLParser

from django.http import HttpResponse


class _FormReader(HTMLParser):
    """Collect what a browser would submit from one <form> of a page."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.data: list[tuple[str, str]] = []
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = dict(attrs)
        if tag == "form":
            self.in_form = attr.get("id") == self.form_id
        if not self.in_form or "disabled" in attr or not attr.get("name", True):
            return
        name = attr.get("name")
        if tag == "input" and name:
            kind = attr.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attr:
                    self.data.append((name, attr.get("value") or "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.data.append((name, attr.get("value") or ""))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attr)
            self._options = []
        elif tag == "option" and self._select:
            self._options.append((attr.get("value") or "", "selected" in attr))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.data.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.data.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None


def submitted_form(page: HttpResponse, form_id: str = "session_form") -> dict:
    """The data a browser would post back from an admin form, unchanged."""
    reader = _FormReader(form_id)
    reader.feed(page.text)
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data
