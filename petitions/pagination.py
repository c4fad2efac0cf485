"""The register's paginator: it counts the matching petitions only as far as the page needs."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Up to this many matching petitions the register says exactly how many; beyond, "more than" this many.
COUNT_LIMIT = 10_000


class BoundedPaginator(Paginator):
    """A paginator whose count stops at a bound: a COUNT over a LIMITed subquery of ids, so it reads at most
    the bound's rows however many match, where COUNT(*) would read every one.

    The bound is COUNT_LIMIT, or further when the page asked for (`wanted`, the "page" parameter) lies
    beyond it: up to the page after that one (so "Next" is known), about what its OFFSET reads anyway.
    `wanted="last"` counts exactly, once, to find the last page. `is_exact` says whether `count` is the
    number of matching rows or only a lower bound (there are more), which the page then says in words.
    """

    def __init__(self, object_list, per_page, *, wanted=None, limit=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = COUNT_LIMIT if limit is None else limit
        self.wanted = wanted

    @cached_property
    def bound(self):
        """How many rows at most are counted; None for all of them."""
        if self.wanted == "last":
            return None
        try:
            number = int(self.wanted)
        except (TypeError, ValueError):
            number = 1
        return max(self.limit, (number + 1) * self.per_page)

    @cached_property
    def _counted(self):
        # No ORDER BY, no selected columns: the count reads ids only, from whichever index fits the filters.
        rows = self.object_list.order_by()
        if self.bound is None:
            return rows.count(), True
        found = rows.values("pk")[: self.bound + 1].count()
        return min(found, self.bound), found <= self.bound

    @cached_property
    def count(self):
        return self._counted[0]

    @property
    def is_exact(self):
        return self._counted[1]

    def page(self, number):
        """The page's rows in two steps: their ids first, reading only what the filters and the order need
        to pass the rows before them; then those rows with everything a row shows. In one query the database
        would join and compute every passed row (its deadline, unit, handler) only to throw it away, which
        on a deep page costs ten times the ids."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values_list("pk", flat=True)
        if self.is_exact and bottom > self.count - top:
            # Nearer the end than the start ("Last"): read backwards in the reversed order, passing fewer rows.
            ids = list(ids.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(ids[bottom:top])
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)
