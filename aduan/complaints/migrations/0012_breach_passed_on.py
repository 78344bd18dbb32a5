from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0011_masked_notes_stored"),
    ]

    operations = [
        migrations.AddField(
            model_name="breach",
            name="passed_on_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
