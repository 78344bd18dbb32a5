from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from aduan.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    # Asked for by browsers and tools whatever the page says: a 404 logged on every visit.
    path("favicon.ico", RedirectView.as_view(url=static("aduan/icon.svg"), permanent=True)),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("kantor/", include("aduan.office.urls")),
    path("", include("aduan.portal.urls")),
]

# Django's own 400 page is English and reads the form again for its CSRF token: an
# undecodable form then became a 500.
handler400 = "aduan.web.views.bad_request"
