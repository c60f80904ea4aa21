"""GOV.UK pagination: the numbered links, with ellipses when there are many pages."""

from collections.abc import Callable

from flask import request, url_for


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


def pagination_here(page: int, pages: int) -> dict | None:
    """Pagination for this request's page, each link keeping its query (filters, search);
    None when everything fits on one page."""
    if pages <= 1:
        return None

    def href(number: int) -> str:
        values = {**(request.view_args or {}), **request.args.to_dict(), "page": number}
        return url_for(request.endpoint, **values)

    return pagination(page, pages, href)
