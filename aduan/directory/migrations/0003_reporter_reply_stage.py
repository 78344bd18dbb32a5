"""A stage for the reporter's reply to a question (tunda, or the agency's), seeded with the
same ten working days a reporter has to object to a follow-up."""

from django.db import migrations, models

STAGES = [
    ("verification", "Verifikasi dan disposisi"),
    ("followup", "Tindak lanjut instansi"),
    ("auto_close", "Penutupan otomatis setelah tindak lanjut"),
    ("outcome", "Penyelesaian"),
    ("extension", "Perpanjangan"),
    ("reopen", "Batas pengajuan buka kembali"),
    ("warning", "Peringatan sebelum terlambat"),
    ("reporter_reply", "Batas keterangan pelapor"),
]


def seed(apps, schema_editor):
    DeadlinePolicy = apps.get_model("directory", "DeadlinePolicy")
    DeadlinePolicy.objects.get_or_create(
        stage="reporter_reply",
        kind="",
        category=None,
        defaults={
            "working_days": 10,
            "legal_basis": "Tanpa keterangan pelapor 10 hari kerja, laporan diproses kembali",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_default_deadlines")]
    operations = [
        migrations.AlterField(
            model_name="deadlinepolicy",
            name="stage",
            field=models.CharField(choices=STAGES, max_length=16, verbose_name="tahap"),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
