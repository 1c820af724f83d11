"""The columns of the shops' CSV file, shared by the import, the export and the open data."""

COLUMNS = (
    "reference",
    "name",
    "short_description",
    "description",
    "category",
    "district",
    "street",
    "postcode",
    "locality",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "online_shop_url",
    "booking_url",
    "facebook_url",
    "instagram_url",
    "services",
    "tags",
    "opening_hours",
    "hours_confirmed_on",
)
REQUIRED_COLUMNS = ("reference", "name", "category", "latitude", "longitude")
LIST_SEPARATOR = "|"
URL_COLUMNS = ("website", "online_shop_url", "booking_url", "facebook_url", "instagram_url")
# Columns stored on the page under another name.
FIELD_NAMES = {"name": "title"}
# Columns holding a description, the only ones where a line break means something (a
# new paragraph); in any other a line break is a slip (Alt+Enter in a spreadsheet).
MULTILINE_COLUMNS = ("description",)
