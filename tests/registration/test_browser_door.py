"""The camera at the door, for real: Chromium's fake camera plays a .y4m made from
a registrant's QR code (the PNG the confirmation e-mail carries), the check-in page
reads it and the registrant is checked in; then the same with the network cut.
"""

import io

import pytest
from django.conf import settings as django_settings
from django.test import Client
from PIL import Image

from registration.emails import qr_png
from registration.models import CheckIn, Registration
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.browser_checks import VIEWPORTS, check_page
from tests.factories import SessionFactory
from tests.registration.factories import RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def y4m_of(png: bytes, path, width: int = 640, height: int = 480) -> None:
    """A few seconds of video showing the QR code, in the YUV4MPEG2 format."""
    code = Image.open(io.BytesIO(png)).convert("L")
    side = min(width, height) - 80
    frame = Image.new("L", (width, height), 255)
    frame.paste(code.resize((side, side), Image.NEAREST), ((width - side) // 2, 40))
    ycbcr = Image.merge("RGB", [frame] * 3).convert("YCbCr")
    y, cb, cr = ycbcr.split()
    chroma = (width // 2, height // 2)
    body = y.tobytes() + cb.resize(chroma).tobytes() + cr.resize(chroma).tobytes()
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _frame in range(20):
            out.write(b"FRAME\n" + body)


@pytest.fixture
def door_staff(django_user_model, settings):
    from django.contrib.auth.models import Permission

    settings.PUBLIC_CACHE_ENABLED = False
    user = django_user_model.objects.create_user(
        "door", "door@example.org", "pw", is_staff=True
    )
    user.user_permissions.add(
        Permission.objects.get(
            codename="check_in", content_type__app_label="registration"
        )
    )
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def _door(shared, live_server, tmp_path, registration, session_cookie):
    """A phone whose camera sees this registration's QR code, on the check-in page.

    A browser of its own (the fake camera is a launch flag), from the one
    Playwright of the session: a second Playwright cannot run beside it.
    """
    video = tmp_path / "qr.y4m"
    y4m_of(qr_png(registration.checkin_code), video)
    phone = shared.browser_type.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    context = phone.new_context(
        viewport=dict(zip(("width", "height"), VIEWPORTS["phone"], strict=True)),
        bypass_csp=True,
    )
    context.grant_permissions(["camera"], origin=live_server.url)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": session_cookie,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    slug = registration.conference.slug
    page.goto(f"{live_server.url}/en/registration/staff/{slug}/check-in/")
    return phone, context, page


def test_the_camera_reads_the_qr_code_and_checks_the_person_in(
    browser,
    live_server,
    tmp_path,
    door_staff,
):
    person = RegistrationFactory(given_name="Anna", family_name="Berger")
    phone, context, page = _door(browser, live_server, tmp_path, person, door_staff)
    try:
        assert check_page(page, "checkin-en-360") == []
        page.get_by_role("button", name="Scan with camera").click()
        result = page.locator("#checkin-result.checkin-result--ok")
        result.wait_for(state="visible")
        assert "Welcome: arrival recorded." in result.inner_text()
        assert "Anna Berger" in result.inner_text()
        page.screenshot(path="test-artifacts/checkin-result-en-360.png")
    finally:
        context.close()
        phone.close()
    person.refresh_from_db()
    assert person.checked_in_at is not None
    assert CheckIn.objects.filter(registration=person).count() == 1


def test_with_the_network_cut_the_scan_waits_on_the_phone_and_is_sent_once(
    browser,
    live_server,
    tmp_path,
    door_staff,
):
    person = RegistrationFactory(given_name="Boris", family_name="Ivanov")
    phone, context, page = _door(browser, live_server, tmp_path, person, door_staff)
    try:
        context.set_offline(True)
        page.get_by_role("button", name="Scan with camera").click()
        page.locator("#checkin-result.checkin-result--queued").wait_for()
        status = page.locator("#queue-status")
        status.wait_for(state="visible")
        assert status.inner_text() == "Scans kept on this phone, not sent yet: 1"
        page.screenshot(path="test-artifacts/checkin-queued-en-360.png")
        assert CheckIn.objects.count() == 0

        context.set_offline(False)
        page.evaluate("window.checkinFlush()")
        status.wait_for(state="hidden")
        page.evaluate("window.checkinFlush()")
    finally:
        context.close()
        phone.close()
    assert Registration.objects.get(pk=person.pk).checked_in_at is not None
    assert CheckIn.objects.filter(registration=person).count() == 1


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_check_in_page_passes_the_phone_checks(
    browser,
    live_server,
    door_staff,
    language,
    viewport,
):
    person = RegistrationFactory(given_name="Anna", family_name="Berger")
    session = SessionFactory(conference=person.conference, title="Cyber-scam compounds")
    person.sessions.add(session)
    width, height = VIEWPORTS[viewport]
    if True:
        context = browser.new_context(
            viewport={"width": width, "height": height}, bypass_csp=True
        )
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": door_staff,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        base = (
            f"{live_server.url}/{language}/registration/staff/{person.conference.slug}"
        )
        page.goto(f"{base}/check-in/?q=Berger")
        found = {"checkin": check_page(page, f"checkin-{language}-{width}")}
        page.goto(f"{base}/check-in/?door={session.pk}")
        found["door"] = check_page(page, f"checkin-door-{language}-{width}")
        page.locator("input[name=code]").fill(person.checkin_code)
        page.locator("#checkin-form button[type=submit]").click()
        page.locator("#checkin-result.checkin-result--ok").wait_for()
        page.screenshot(path=f"test-artifacts/checkin-result-{language}-{width}.png")
        context.close()
    assert found == {name: [] for name in found}
