"""Vocabulary shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    COMPLAINT = "pengaduan", _("Pengaduan")
    ASPIRATION = "aspirasi", _("Aspirasi")
    INFORMATION = "permintaan_informasi", _("Permintaan informasi")
