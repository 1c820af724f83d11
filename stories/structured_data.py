"""schema.org JSON-LD for a story: an Article by the city, about the shops it features
(by the @id their own pages give them, see directory.structured_data)."""


def story_json_ld(story, *, page_url, image_url, publisher_name, publisher_url, about=()):
    """The JSON-LD document of a story page. `about` holds the featured shops' @ids."""
    city = {"@type": "GovernmentOrganization", "name": publisher_name, "url": publisher_url}
    article = {
        "@type": "Article",
        "@id": f"{page_url}#histoire",
        "headline": story.title,
        "description": story.standfirst,
        "url": page_url,
        "mainEntityOfPage": page_url,
        "datePublished": story.publication_date.isoformat(),
        "author": city,
        "publisher": city,
        "inLanguage": "fr-BE",
    }
    if story.last_published_at:
        article["dateModified"] = story.last_published_at.isoformat()
    if image_url:
        article["image"] = [image_url]
    if about:
        article["about"] = [{"@id": shop_id} for shop_id in about]
    return {"@context": "https://schema.org", **article}
