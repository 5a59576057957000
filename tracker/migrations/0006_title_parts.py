"""Keep what each generated follow-up title was made from, so pages can say it in
the reader's language (tracker.titles). Existing follow-ups proposed from a
mandate get their parts; a title staff renamed no longer matches its parts and
stays shown as typed."""

from django.db import migrations, models


def fill_title_parts(apps, schema_editor):
    FollowUp = apps.get_model("tracker", "FollowUp")
    rows = list(
        FollowUp.objects.filter(mandate__isnull=False).select_related(
            "mandate__paragraph", "resolution"
        )
    )
    for followup in rows:
        mandate = followup.mandate
        followup.title_parts = {
            "kind": mandate.kind,
            "session": mandate.session_number,
            "body": mandate.session_body,
            "paragraph": mandate.paragraph.number,
            "symbol": followup.resolution.number,
        }
    FollowUp.objects.bulk_update(rows, ["title_parts"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0004_mandate_session_body"),
        ("tracker", "0005_dependencies_and_unit_members"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="title_parts",
            field=models.JSONField(
                blank=True, editable=False, null=True, verbose_name="title generated from"
            ),
        ),
        migrations.AddField(
            model_name="historicalfollowup",
            name="title_parts",
            field=models.JSONField(
                blank=True, editable=False, null=True, verbose_name="title generated from"
            ),
        ),
        migrations.RunPython(fill_title_parts, migrations.RunPython.noop),
    ]
