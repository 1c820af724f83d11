"""Reading a query string the site's way.

The public listings (the directory, the offers feed, the stories index) take their
query string as their interface: French, bookmarkable, and whatever a visitor or a bot
puts in it, the page answers. A parameter is read as its last value, stripped and cut
to a sane length; one that names nothing known is dropped with a notice (a French
sentence the page shows), never an error.
"""

MAX_LENGTH = 100
# Django's Paginator turns any page text it cannot use into the first or last page.
MAX_PAGE_LENGTH = 10


def single(params, name, max_length=MAX_LENGTH):
    """The last value of the parameter `name`, stripped, without NUL characters and cut
    to `max_length` ("" if absent). `params` is a QueryDict (request.GET) or a dict."""
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name, "")]
    value = values[-1] if values else ""
    return str(value).replace("\x00", "").strip()[:max_length]


def several(params, name, max_length=MAX_LENGTH, max_count=20):
    """The values of the repeated parameter `name` (none from a plain dict), each cleaned
    like single()'s: the first `max_count` given, then without empty ones and
    duplicates, sorted."""
    values = params.getlist(name) if hasattr(params, "getlist") else []
    cleaned = [str(value).replace("\x00", "").strip()[:max_length] for value in values]
    return sorted({value for value in cleaned[:max_count] if value})


def page_number(params, name="page"):
    """The page asked for, as text for `Paginator.get_page`: "1" when absent."""
    return single(params, name, MAX_PAGE_LENGTH) or "1"


def choice(params, name, find, notices, unknown):
    """What the parameter `name` names, as `find(value)` finds it; None when it is absent
    or names nothing `find` knows. An unknown value adds `unknown` (a message with
    `%(value)s`) to `notices`."""
    value = single(params, name)
    if not value:
        return None
    found = find(value)
    if found is None:
        notices.append(unknown % {"value": value})
    return found
