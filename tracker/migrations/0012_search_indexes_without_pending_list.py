"""The search's trigram indexes on follow-ups and notes keep no pending list,
on PostgreSQL only (``resolutions.search_indexes``, and ``resolutions``'
migration ``0016`` for the others)."""

from django.db import migrations

from resolutions.search_indexes import TrigramIndexWithoutPendingList


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0011_search_and_latest_note_indexes"),
        ("resolutions", "0016_search_indexes_without_pending_list"),
    ]

    operations = [
        TrigramIndexWithoutPendingList("followup", "followup_title_trgm"),
        TrigramIndexWithoutPendingList("followup", "followup_output_trgm"),
        TrigramIndexWithoutPendingList("progressentry", "progressentry_text_trgm"),
    ]
