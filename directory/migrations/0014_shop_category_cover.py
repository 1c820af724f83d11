"""The shops' category and district index, with the columns a search by category reads
on PostgreSQL (directory.models.shop; docs/benchmarks.md, "The search at scale (issue
19)")."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_page_title_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="shoppage",
            index=models.Index(
                fields=["category", "district"],
                include=("page_ptr", "latitude", "longitude"),
                name="directory_shop_category_cover",
            ),
        ),
    ]
