"""Throttled admin logins, optional or required two-factor login, session lifetime."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "ein-sicheres-passwort-2026"


@pytest.fixture
def staff():
    user = UserFactory(username="redakteurin", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": "redakteurin", "password": password, **extra})


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_correct_password_logs_in(client, staff):
    assert log_in(client).status_code == 302


def test_repeated_failures_lock_the_login_and_are_recorded(client, staff):
    for _ in range(4):
        assert log_in(client, password="falsch").status_code == 200
    assert log_in(client, password="falsch").status_code == 429
    # Now even the right password waits for the cool-off.
    locked = log_in(client)
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    assert AccessAttempt.objects.get(username="redakteurin").failures_since_start >= 5
    assert AccessFailureLog.objects.filter(username="redakteurin").exists()


def test_behind_a_proxy_failures_are_recorded_for_the_visitors_address(staff, settings):
    settings.PROXY_COUNT = 1
    # Every request reaches the site from the proxy; the visitor is what it appended.
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")

    log_in(client, password="falsch")

    assert AccessAttempt.objects.get(username="redakteurin").ip_address == "198.51.100.7"


def test_other_accounts_are_not_locked_by_someone_elses_failures(client, staff):
    for _ in range(6):
        client.post(LOGIN, {"username": "jemand", "password": "falsch"})
    assert log_in(client).status_code == 302


def test_staff_with_an_authenticator_app_must_give_its_code(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="App", confirmed=True)
    without = log_in(client)
    assert without.status_code == 200
    assert not Client().get("/admin/").wsgi_request.user.is_authenticated

    with_code = log_in(client, otp_device=device.persistent_id, otp_token=current_code(device))
    assert with_code.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_code_is_refused(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="App", confirmed=True)
    response = log_in(client, otp_device=device.persistent_id, otp_token="000000")
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_required_two_factor_keeps_out_staff_without_a_device(client, staff, settings):
    settings.OTP_REQUIRED = True
    assert log_in(client).status_code == 200
    logged_in = Client()
    logged_in.force_login(staff)
    # A session without a verified device does not reach the admin either.
    assert logged_in.get("/admin/").status_code == 302


def test_staff_set_up_two_factor_themselves(staff):
    client = Client()
    client.force_login(staff)
    page = client.get("/admin/zwei-faktor/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed

    assert client.post("/admin/zwei-faktor/", {"token": "000000"}).status_code == 200
    # django-otp slows down guessing after a wrong code; a real person waits.
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        response = client.post("/admin/zwei-faktor/", {"token": current_code(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_staff_sessions_time_out(client, staff, settings):
    log_in(client)
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE <= 8 * 3600
