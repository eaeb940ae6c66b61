"""What every page must pass on a phone and a desktop (issue 12), for browser tests.

No horizontal scroll; every checkbox and radio on the same line as its label and
left of it; every interactive target at least 24 x 24 CSS px (WCAG 2.2, 2.5.8, with
its exception for links inside a sentence); axe-core without serious or critical
findings. Screenshots go to test-artifacts/ to be looked at.
"""

from pathlib import Path

from tests.browser import ARTIFACTS, axe_violations

VIEWPORTS = {"phone": (360, 780), "desktop": (1280, 900)}

GEOMETRY = (Path(__file__).parent / "js" / "phone_checks.js").read_text()


def check_page(page, name: str) -> list:
    """Screenshot the page and return what fails the phone-first checks."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    return page.evaluate(GEOMETRY) + axe_violations(page)
