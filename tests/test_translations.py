"""The translation catalogs: current, compiled as committed, and Russian complete.

The conference's languages are English and Russian. A string added to the code but
not to the catalogs, a catalog whose .mo lags behind its .po, or a Russian entry
left empty or fuzzy (msgfmt drops both) would show English to Russian readers
without any test noticing.
"""

import os
import shutil
import subprocess
import sys
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


def msgids(path: Path) -> set[tuple[str | None, str, str]]:
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    }


def test_the_russian_catalogs_hold_every_string_of_the_code(tmp_path):
    """makemessages, run on a copy of the code, finds nothing the catalogs lack."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xgettext is not installed (make test installs gettext)")
        pytest.skip("xgettext (Debian gettext) is not installed")
    skip = shutil.ignore_patterns("__pycache__", "static", "*.mo")
    for name in (
        "alliance",
        "events",
        "outbox",
        "speakers",
        "registration",
        "proposals",
        "organisers",
        "webhooks",
        "templates",
    ):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=skip)
    shutil.copytree(ROOT / "locale", tmp_path / "locale", ignore=skip)
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    for po in RUSSIAN:
        current = msgids(tmp_path / po.relative_to(ROOT))
        assert current <= msgids(po), (
            f"{po.relative_to(ROOT)} lacks strings of the code: run makemessages, "
            "translate and compilemessages"
        )
