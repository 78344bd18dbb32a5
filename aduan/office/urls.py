from django.urls import path

from aduan.office import views

app_name = "office"
urlpatterns = [
    path("", views.home, name="home"),
    path("verifikasi/", views.triage, name="triage"),
    path("instansi/", views.agency, name="agency"),
    path("pimpinan/", views.supervisor, name="supervisor"),
    path("ikhtisar/", views.overview, name="overview"),
    path("laporan/<str:tracking_id>/", views.complaint, name="complaint"),
    path("laporan/<str:tracking_id>/tindakan/<slug:action>/", views.act, name="act"),
    path("laporan/<str:tracking_id>/lampiran/<int:pk>/", views.attachment, name="attachment"),
]
