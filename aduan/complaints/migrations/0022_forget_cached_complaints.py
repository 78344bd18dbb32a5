"""The oversight overview's one-minute cache (files under ADUAN_VAR_DIR/cache) held whole
complaint rows, reporters' names and contacts among them, until 2026-12-02; it now holds
counts and ids under another key. The file cache deletes an entry only when its key is read
again, so the old entries would stay on disk: this clears the cache once, on the machine
that runs it (other web machines keep their own: delete their cache directory once). It
holds nothing else that is not recomputed within a minute."""

from django.core.cache import cache
from django.db import migrations


def forget(apps, schema_editor):
    cache.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0021_public_feed_index"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
