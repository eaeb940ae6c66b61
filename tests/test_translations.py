"""The translation catalogs: compiled as committed, and Russian complete.

The conference's languages are English and Russian. A catalog whose .mo lags behind
its .po, or a Russian entry left empty or fuzzy (msgfmt drops both), would show
English to Russian readers without any test noticing.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import trans_real

ROOT = Path(settings.BASE_DIR)
PATTERNS = ("locale/*/LC_MESSAGES/django.po", "*/locale/*/LC_MESSAGES/django.po")
CATALOGS = sorted(
    path
    for pattern in PATTERNS
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts and "node_modules" not in path.parts
)
RUSSIAN = [path for path in CATALOGS if path.parts[-3] == "ru"]


def compiled(entries: polib.POFile | polib.MOFile) -> dict:
    """What a .mo holds: the translated entries, fuzzy and obsolete ones left out."""
    kept = {}
    for entry in entries:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
        kept[key] = (
            sorted(entry.msgstr_plural.items()) if entry.msgid_plural else entry.msgstr
        )
    return kept


def runtime_key(entry: polib.POEntry) -> str | tuple[str, int]:
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, 0) if entry.msgid_plural else msgid


def test_there_are_catalogs():
    assert {path.parts[-3] for path in CATALOGS} >= {"ru", "de"}
    assert len(RUSSIAN) >= 2


@pytest.mark.parametrize("po", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_committed_mo_matches_its_po(po):
    expected = compiled(polib.pofile(str(po)))
    mo = po.with_suffix(".mo")
    committed = compiled(polib.mofile(str(mo))) if mo.exists() else {}
    assert committed == expected, (
        f"{po.relative_to(ROOT)} changed since it was compiled: "
        "run manage.py compilemessages"
    )


def test_every_russian_msgid_is_translated():
    russian = trans_real.translation("ru")._catalog
    missing = sorted(
        entry.msgid
        for po in RUSSIAN
        for entry in polib.pofile(str(po))
        if not entry.obsolete and not russian.get(runtime_key(entry))
    )
    assert missing == []
