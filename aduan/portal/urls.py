from django.urls import path

from aduan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("lapor/", views.submit, name="submit"),
    path("lapor/terkirim/", views.submitted, name="submitted"),
    path("wilayah/", views.regions, name="regions"),
    path("lacak/", views.track_lookup, name="track_lookup"),
    path("lacak/<str:tracking_id>/", views.track, name="track"),
    path("lacak/<str:tracking_id>/lampiran/<str:sha256>/", views.attachment, name="attachment"),
    path("laporan/", views.feed, name="feed"),
    path("laporan/<str:tracking_id>/", views.report, name="report"),
    path("daftar/", views.signup, name="signup"),
    path("masuk/", views.Login.as_view(), name="login"),
    path("keluar/", views.Logout.as_view(), name="logout"),
    path("saya/", views.mine, name="mine"),
]
