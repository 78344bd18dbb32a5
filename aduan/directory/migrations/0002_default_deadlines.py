"""Seed the deadline policy with LAPOR! practice; administrators edit the rows afterwards."""

from django.db import migrations

DEFAULTS = [
    ("verification", "", 3, "PermenPANRB 62/2018 jo. 5/2025: verifikasi 3 hari kerja"),
    ("followup", "", 5, "PermenPANRB 62/2018 jo. 5/2025: tindak lanjut 5 hari kerja"),
    ("auto_close", "", 10, "LAPOR!: ditutup 10 hari kerja tanpa tanggapan pelapor"),
    ("outcome", "permintaan_informasi", 5, "Permintaan informasi/pengaduan sederhana: 5 hari"),
    ("outcome", "pengaduan", 14, "Tanpa pemeriksaan lapangan: 14 hari"),
    ("outcome", "aspirasi", 14, "Tanpa pemeriksaan lapangan: 14 hari"),
    ("outcome", "", 14, "Tanpa pemeriksaan lapangan: 14 hari"),
    ("extension", "", 5, "Perpanjangan paling banyak dua kali"),
    ("reopen", "", 10, "Batas pengajuan buka kembali setelah tindak lanjut"),
    ("warning", "", 1, "Peringatan satu hari kerja sebelum batas waktu"),
]


def seed(apps, schema_editor):
    DeadlinePolicy = apps.get_model("directory", "DeadlinePolicy")
    for stage, kind, days, basis in DEFAULTS:
        DeadlinePolicy.objects.get_or_create(
            stage=stage,
            kind=kind,
            category=None,
            defaults={"working_days": days, "legal_basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
