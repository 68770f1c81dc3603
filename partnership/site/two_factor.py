"""
Two-factor login for the admin with authenticator apps (TOTP, django-otp).

Staff who set up an app are asked for its code at every login. With
OTP_REQUIRED every staff account needs one; an administrator sets up the
first device for a colleague under "TOTP devices" in the admin.
"""

from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

DEVICE_NAME = "Authenticator-App"


def uses_two_factor(user):
    return settings.OTP_REQUIRED or any(devices_for_user(user, confirmed=True))


class AdminLoginForm(OTPAdminAuthenticationForm):
    """Password first; the app's code only for those who use two-factor login."""

    otp_token = forms.CharField(
        label=_("Code aus der Authenticator-App"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Nur nötig, wenn Sie die Zwei-Faktor-Anmeldung eingerichtet haben."),
    )

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is not None and uses_two_factor(user):
            self.clean_otp(user)
        return self.cleaned_data


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code aus der App"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _(
                    "Der Code passt nicht. Prüfen Sie die Uhrzeit des Telefons und "
                    "versuchen Sie den nächsten Code."
                )
            )
        return token


def setup_view(request, admin_site):
    """Lets signed-in staff connect an authenticator app to their account."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    context = {**admin_site.each_context(request), "title": _("Zwei-Faktor-Anmeldung")}
    if confirmed is not None:
        return render(request, "admin/two_factor.html", {**context, "active": True})
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    form = ConfirmDeviceForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
        return redirect("admin:index")
    svg = BytesIO()
    write_qrcode_image(device.config_url, svg)
    return render(
        request,
        "admin/two_factor.html",
        {
            **context,
            "form": form,
            "qr_code": mark_safe(svg.getvalue().decode()),  # generated here, no user input
            "secret": device.key,
        },
    )
