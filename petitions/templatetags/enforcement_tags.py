"""Amounts and areas as Vietnamese officials write them: 1.500.000 đ, 1.250,5 m²."""

from decimal import Decimal

from django import template
from django.utils.numberformat import format as number_format

register = template.Library()


@register.filter
def grouped(value):
    """A whole number or a one-decimal area with "." between thousands and "," before the decimal (trailing ,0 cut).

    Django's Vietnamese format sets no grouping, so humanize's intcomma would write 1500000."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 1
    return number_format(value, ",", places, grouping=3, thousand_sep=".", force_grouping=True)
