"""Load the Human Rights Council's published session calendar (resolutions/calendar.py)."""

from django.db import migrations

from resolutions.calendar import SESSIONS, load_council_sessions


def load(apps, schema_editor):
    load_council_sessions(apps.get_model("resolutions", "Session"))


def unload(apps, schema_editor):
    Session = apps.get_model("resolutions", "Session")
    Session.objects.filter(
        body="HRC", number__in=[number for number, *_ in SESSIONS], resolutions__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
