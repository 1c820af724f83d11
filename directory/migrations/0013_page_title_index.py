"""An index on Wagtail's page titles (then ids), for the directory listed by name: its
page of twenty shops is read from the index in order, where without it every live shop
was joined and sorted at each request (at 100,000 shops, 140 M instructions on SQLite,
130 ms on PostgreSQL; docs/benchmarks.md, "The search at scale (issue 19)"). Wagtail
has none on the title; the index is this app's, on Wagtail's table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0012_shop_name_words"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS directory_page_title_id ON wagtailcore_page (title, id)",
            "DROP INDEX IF EXISTS directory_page_title_id",
        ),
    ]
