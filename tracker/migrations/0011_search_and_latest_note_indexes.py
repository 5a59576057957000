"""Indexes for the follow-up list's search and for a follow-up's newest notes.

The search matches a word anywhere in a follow-up's title, output document
and progress notes (``icontains``): trigram indexes let PostgreSQL find the
rows from an index instead of reading and upper-casing every note. They are
made on PostgreSQL only and are not in the model state
(``resolutions.search_indexes``).

A follow-up's entries newest first (its page, its activity, the downloads'
latest note) are read from ``progress_newest_first`` without a sort, on every
database.
"""

from django.db import migrations, models

from resolutions.search_indexes import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0010_four_roles"),
        # pg_trgm is created there.
        ("resolutions", "0015_search_trigram_indexes"),
    ]

    operations = [
        AddTrigramIndex("followup", "title", "followup_title_trgm"),
        AddTrigramIndex("followup", "output_document", "followup_output_trgm"),
        AddTrigramIndex("progressentry", "text", "progressentry_text_trgm"),
        migrations.AddIndex(
            model_name="progressentry",
            index=models.Index(
                fields=["followup", "-created_at", "-id"], name="progress_newest_first"
            ),
        ),
    ]
