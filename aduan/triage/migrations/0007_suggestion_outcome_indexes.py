from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [("triage", "0006_record_past_outcomes")]

    operations = [
        AddIndexConcurrently(
            model_name="suggestion",
            index=models.Index(
                condition=models.Q(("verified_at__isnull", False)),
                fields=["verified_at", "verified_agency", "verified_rank"],
                name="suggestion_verified",
            ),
        ),
        AddIndexConcurrently(
            model_name="suggestion",
            index=models.Index(
                condition=models.Q(("auto_disposed", True)),
                fields=["created_at", "agency_verdict"],
                name="suggestion_auto_disposed",
            ),
        ),
    ]
