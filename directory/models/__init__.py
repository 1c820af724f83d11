from .address_point import AddressPoint
from .directory_page import DirectoryPage
from .opening_hours import HolidayRule, OpeningHours, SpecialHours, Weekday
from .operation import (
    OperationDay,
    OperationKind,
    OperationPage,
    OperationParticipation,
    OperationPartner,
    OperationsPage,
)
from .reference import Category, District, SchemaType, Service, TagSearchTerms
from .shop import ShopPage, ShopPhoto, ShopTag

__all__ = [
    "AddressPoint",
    "Category",
    "DirectoryPage",
    "District",
    "HolidayRule",
    "OpeningHours",
    "OperationDay",
    "OperationKind",
    "OperationPage",
    "OperationParticipation",
    "OperationPartner",
    "OperationsPage",
    "SchemaType",
    "Service",
    "ShopPage",
    "ShopPhoto",
    "ShopTag",
    "SpecialHours",
    "TagSearchTerms",
    "Weekday",
]
