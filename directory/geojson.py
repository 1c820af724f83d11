"""GeoJSON features for shops, shared by the map (carte.geojson) and the open data
(donnees.geojson), which adds more properties to the same base."""


def shop_feature(shop, url, **extra_properties):
    """A GeoJSON Feature for `shop` (which must have coordinates). `url` is the link to
    its page (relative for the map, absolute for open data)."""
    return {
        "type": "Feature",
        # GeoJSON orders coordinates longitude first.
        "geometry": {"type": "Point", "coordinates": [shop.longitude, shop.latitude]},
        "properties": {
            "name": shop.title,
            "url": url,
            "category": shop.category.name if shop.category_id else "",
            "district": shop.district.name if shop.district_id else "",
            **extra_properties,
        },
    }


def feature_collection(features, **members):
    return {"type": "FeatureCollection", "features": list(features), **members}
