"""The council's yearly report, in the admin and as a file."""

urlpatterns = []
