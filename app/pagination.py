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


def parse_whole_number(text: str, low: int, high: int) -> int | None:
    """The number written in ASCII digits in this text (a query parameter), if it is from
    `low` to `high`; otherwise None. ("²" is a digit to isdigit() but not to int(); and int()
    refuses more than 4,300 digits, leading zeros included, so they go and the length is
    compared first.)"""
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(high)):
        return None
    return int(digits) if low <= int(digits) <= high else None


def requested_page(pages: int) -> int:
    """The page this request asks for (`?page=`), from 1 to `pages`: the first when it asks for
    no page, or not in ASCII digits ("²" is a digit to isdigit() but not to int()); the last
    when it asks for one beyond."""
    digits = request.args.get("page", "").lstrip("0")
    if not (digits.isascii() and digits.isdigit()):
        return 1
    # Compared by length first: int() refuses a number thousands of digits long.
    return pages if len(digits) > len(str(pages)) else min(int(digits), pages)


def pagination_here(page: int, pages: int) -> dict | None:
    """Pagination for this request's page, each link keeping its query (filters, search);
    None when everything fits on one page."""
    if pages <= 1:
        return None

    def href(number: int) -> str:
        values = {**(request.view_args or {}), **request.args.to_dict(), "page": number}
        return url_for(request.endpoint, **values)

    return pagination(page, pages, href)
