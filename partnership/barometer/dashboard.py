"""The staff dashboard "Partnerschaftsbarometer" in the admin."""

urlpatterns = []
