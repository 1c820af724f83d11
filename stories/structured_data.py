"""schema.org JSON-LD for a story: an Article by the city, about the shops it features
(by the @id their own pages give them, see directory.structured_data)."""


def story_json_ld(story, *, page_url, image_url, city, published_at, breadcrumb=None, about=()):
    """The JSON-LD document of a story page. `city` is the city's Organization
    (home.structured_data.city_organization: with its logo, which Google asks of a
    publisher), `published_at` an aware datetime, `about` the featured shops' @ids."""
    article = {
        "@type": "Article",
        "@id": f"{page_url}#histoire",
        "headline": story.title,
        "description": story.standfirst,
        "url": page_url,
        "mainEntityOfPage": page_url,
        "datePublished": published_at.isoformat(),
        "author": {key: city[key] for key in ("@type", "@id", "name", "url")},
        "publisher": city,
        "inLanguage": "fr-BE",
    }
    if story.last_published_at:
        article["dateModified"] = story.last_published_at.isoformat()
    if image_url:
        article["image"] = [image_url]
    if about:
        article["about"] = [{"@id": shop_id} for shop_id in about]
    graph = [article, breadcrumb] if breadcrumb else [article]
    return {"@context": "https://schema.org", "@graph": graph}
