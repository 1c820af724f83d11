"""The directory listed by name reads its page from an index on Wagtail's pages by
liveness, then title and id, instead of 0013's (title, id): the query asks `live = %s`
with a parameter, and SQLite then guesses few live pages and preferred sorting them all
to reading 0013's index in order (at 100,000 shops still 107 ms a request). With `live`
first, both databases search the index for the live pages and read their titles in
order. Wagtail has no index on the title; this one is the directory's, on Wagtail's
table. 0013's index is dropped, as nothing else reads it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("directory", "0013_page_title_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS directory_page_live_title"
            " ON wagtailcore_page (live, title, id)",
            "DROP INDEX IF EXISTS directory_page_live_title",
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS directory_page_title_id",
            "CREATE INDEX IF NOT EXISTS directory_page_title_id ON wagtailcore_page (title, id)",
        ),
    ]
