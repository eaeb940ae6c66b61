"""The browser of the browser tests: Debian's Chromium through Playwright, one per
process (a second sync Playwright in one process fails), and axe-core.

The fixtures are offered to every test by tests/conftest.py.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings

# Playwright's sync API runs an event loop in the test thread, where Django would
# otherwise refuse the database access of the live server's fixtures.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BASE_DIR = Path(django_settings.BASE_DIR)
CHROMIUM = Path("/usr/bin/chromium")
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = BASE_DIR / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: the browser tests must run)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(
            "no browser: /usr/bin/chromium is missing "
            "(`apt-get install chromium`, or `make test` as root)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as an inline script, which the site's
    # Content-Security-Policy rightly refuses.
    context = browser.new_context(
        accept_downloads=True, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG violations axe-core finds on the page."""
    if not AXE.exists():
        _missing("axe-core is missing: run `npm install --no-audit --no-fund`")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
                                            "wcag21aa", "wcag22aa", "best-practice"]}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
