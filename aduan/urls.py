from django.contrib import admin
from django.urls import include, path

from aduan.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("kantor/", include("aduan.office.urls")),
    path("", include("aduan.portal.urls")),
]

# Django's own 400 page is English and reads the form again for its CSRF token: an
# undecodable form then became a 500.
handler400 = "aduan.web.views.bad_request"
