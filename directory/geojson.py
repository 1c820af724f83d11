"""GeoJSON features for shops, shared by the map (carte.geojson) and the open data
(donnees.geojson), which adds more properties to the same base."""


def point_feature(longitude, latitude, *, name, url, category, district, **extra_properties):
    """A GeoJSON Feature with the properties every shop feature carries."""
    return {
        "type": "Feature",
        # GeoJSON orders coordinates longitude first.
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": {
            "name": name,
            "url": url,
            "category": category or "",
            "district": district or "",
            **extra_properties,
        },
    }


def shop_feature(shop, url, **extra_properties):
    """A GeoJSON Feature for `shop` (which must have coordinates). `url` is the link to
    its page (relative for the map, absolute for open data)."""
    return point_feature(
        shop.longitude,
        shop.latitude,
        name=shop.title,
        url=url,
        category=shop.category.name if shop.category_id else "",
        district=shop.district.name if shop.district_id else "",
        **extra_properties,
    )


def feature_collection(features, **members):
    return {"type": "FeatureCollection", "features": list(features), **members}
