from django.urls import path

urlpatterns: list = [
    # filled by the portal views
]
