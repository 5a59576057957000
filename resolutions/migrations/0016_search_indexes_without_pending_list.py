"""The search's trigram indexes keep no pending list, on PostgreSQL only.

Rows waiting in a GIN index's pending list made PostgreSQL read and
upper-case every paragraph rather than use the index
(``resolutions.search_indexes``). ``0015`` now makes the indexes without
one; this turns it off on those made before and moves its rows into the
index.
"""

from django.db import migrations

from resolutions.search_indexes import TrigramIndexWithoutPendingList


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0015_search_trigram_indexes")]

    operations = [
        TrigramIndexWithoutPendingList("resolution", "resolution_symbol_trgm"),
        TrigramIndexWithoutPendingList("resolution", "resolution_title_trgm"),
        TrigramIndexWithoutPendingList("resolutiontext", "resolutiontext_title_trgm"),
        TrigramIndexWithoutPendingList("paragraph", "paragraph_text_trgm"),
        TrigramIndexWithoutPendingList("paragraphtext", "paragraphtext_text_trgm"),
        TrigramIndexWithoutPendingList("mandate", "mandate_text_trgm"),
    ]
