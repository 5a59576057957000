"""Trigram indexes for the follow-up list's search, on PostgreSQL only.

The search matches a word anywhere in the registry's texts (``icontains``):
these let PostgreSQL find the rows from an index instead of reading and
upper-casing every paragraph. On SQLite nothing is created
(``resolutions.search_indexes``).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from resolutions.search_indexes import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0014_resolution_version_and_plausible_dates")]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("resolution", "symbol", "resolution_symbol_trgm"),
        AddTrigramIndex("resolution", "title", "resolution_title_trgm"),
        AddTrigramIndex("resolutiontext", "title", "resolutiontext_title_trgm"),
        AddTrigramIndex("paragraph", "text", "paragraph_text_trgm"),
        AddTrigramIndex("paragraphtext", "text", "paragraphtext_text_trgm"),
        AddTrigramIndex("mandate", "text", "mandate_text_trgm"),
    ]
