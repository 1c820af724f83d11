"""The city's operations on a merchant's dashboard: those open to joining, and for each
of the merchant's shops whether it takes part and with which hours. Joining and leaving
themselves are directory.operations' rules; this module only assembles what the
dashboard shows, in four queries whatever the number of operations and shops."""

from dataclasses import dataclass

from directory.models import OperationKind, OperationParticipation
from directory.operations import open_to_joining
from offers import merchants


@dataclass(frozen=True)
class ShopInOperation:
    shop: object
    participation: object  # OperationParticipation, or None when it has not joined


@dataclass(frozen=True)
class OperationEntry:
    operation: object
    days: list
    is_opening_days: bool
    shops: list


def merchant_operations(user, day):
    """The operations `user`'s shops may join or leave on `day`, soonest first, each with
    every one of those shops and its participation."""
    shops = list(merchants.merchant_shops(user))
    if not shops:
        return []
    operations = list(open_to_joining(day))
    participations = {
        (row.operation_id, row.shop_id): row
        for row in OperationParticipation.objects.filter(operation__in=operations, shop__in=shops)
    }
    return [
        OperationEntry(
            operation=operation,
            days=list(operation.days.all()),
            is_opening_days=operation.kind == OperationKind.OPENING_DAYS,
            shops=[
                ShopInOperation(shop, participations.get((operation.pk, shop.pk))) for shop in shops
            ],
        )
        for operation in operations
    ]
