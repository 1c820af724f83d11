from .address_point import AddressPoint
from .directory_page import DirectoryPage
from .opening_hours import HolidayRule, OpeningHours, SpecialHours, Weekday
from .reference import Category, District, SchemaType, Service, TagSearchTerms
from .shop import ShopPage, ShopPhoto, ShopTag

__all__ = [
    "AddressPoint",
    "Category",
    "DirectoryPage",
    "District",
    "HolidayRule",
    "OpeningHours",
    "SchemaType",
    "Service",
    "ShopPage",
    "ShopPhoto",
    "ShopTag",
    "SpecialHours",
    "TagSearchTerms",
    "Weekday",
]
