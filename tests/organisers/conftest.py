"""The browser fixtures of tests/test_browser.py, for the portal's browser tests."""

from tests.test_browser import browser, page  # noqa: F401 -- fixtures by name
