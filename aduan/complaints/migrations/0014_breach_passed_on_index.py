from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [
        ("complaints", "0013_date_breaches_passed_on"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="breach",
            index=models.Index(fields=["agency", "passed_on_at"], name="breach_passed_on"),
        ),
    ]
