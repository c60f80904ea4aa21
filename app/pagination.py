"""GOV.UK pagination: the numbered links, with ellipses when there are many pages."""

from collections.abc import Callable


def pagination(page: int, pages: int, href: Callable[[int], str]) -> dict:
    """Parameters for govukPagination: first, last, and the pages either side of this one."""
    shown = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    items, previous = [], 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page})
        previous = number
    return {
        "previous": {"href": href(page - 1)} if page > 1 else None,
        "next": {"href": href(page + 1)} if page < pages else None,
        "items": items,
    }
