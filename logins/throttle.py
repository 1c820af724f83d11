"""Failed logins, throttled by django-axes: what it counts, its limits, and unlocking.

Axes records each failure (account, address) and refuses a login once too many are
recent. Its settings (vitrine/settings/base.py, "Logins") plug in the functions here:
the account's name as counted, and a handler that gives each lockout parameter its own
limit.
"""

from dataclasses import dataclass
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.utils import timezone

# Axes' column for the name.
USERNAME_MAX_LENGTH = 255


def normalise_username(username):
    """The account name as the throttle counts it: `Admin`, `ADMIN ` and `admin` are one
    account (otherwise each spelling would get its own five tries), cut to what axes'
    column holds, without the NUL bytes PostgreSQL refuses in text."""
    return (username or "").replace("\x00", "").strip().casefold()[:USERNAME_MAX_LENGTH]


def username_key(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the name from the login's credentials or form."""
    field = get_user_model().USERNAME_FIELD
    source = credentials if credentials is not None else getattr(request, "POST", {})
    return normalise_username(source.get(field))


def lockout_duration():
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def limit_for(parameter):
    """The failures one lockout parameter of AXES_LOCKOUT_PARAMETERS allows."""
    if parameter == "ip_address":
        return settings.LOGIN_ADDRESS_FAILURE_LIMIT
    if parameter == "username":
        return settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    return settings.LOGIN_FAILURE_LIMIT


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per lockout parameter.

    Axes compares one number, `get_failures()`, with one limit (AXES_FAILURE_LIMIT,
    the account-and-address limit), whereas one address alone may fail more often
    (a town hall's staff share one). So each parameter's failures are scaled to that
    limit: the result reaches it exactly when some parameter reaches its own."""

    def get_failures(self, request, credentials=None):
        base = settings.AXES_FAILURE_LIMIT
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)  # one queryset each
        return max(
            (qs.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            * base
            // limit_for(parameter)
            for parameter, qs in zip(parameters, attempts, strict=True)
        )


@dataclass(frozen=True)
class RecentFailures:
    """Recent failures of one account from one address, or of one address."""

    username: str | None
    address: str | None
    failures: int
    last_failure: object  # datetime
    locked: bool

    @property
    def locked_until(self):
        return self.last_failure + lockout_duration()


def recent_failures():
    """What the throttle currently holds, newest first: (account, address) pairs, then
    addresses, each saying whether it is locked."""
    since = timezone.now() - lockout_duration()
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since)
    pairs = (
        attempts.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-last")
    )
    addresses = (
        attempts.values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-last")
    )
    return (
        [
            RecentFailures(
                row["username"],
                row["ip_address"],
                row["failures"],
                row["last"],
                row["failures"] >= settings.LOGIN_FAILURE_LIMIT,
            )
            for row in pairs
        ],
        [
            RecentFailures(
                None,
                row["ip_address"],
                row["failures"],
                row["last"],
                row["failures"] >= settings.LOGIN_ADDRESS_FAILURE_LIMIT,
            )
            for row in addresses
        ],
    )


def unlock(username=None, address=None):
    """Forget the failures of an account (from every address), of an address, or of the
    account from that address; returns how many records went. Axes' own
    `manage.py axes_reset_username` / `axes_reset_ip` do the same."""
    if not username and not address:
        return 0
    return reset(ip=address or None, username=normalise_username(username) or None)
