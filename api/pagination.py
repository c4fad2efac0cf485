"""Cursor pagination: stable pages while petitions keep arriving, and no COUNT over the whole register."""

from rest_framework.pagination import CursorPagination


class RegisterCursor(CursorPagination):
    """The register's order: newest received first, ties by id."""

    ordering = ("-received_date", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class DateCursor(RegisterCursor):
    ordering = ("date", "start_time", "id")


class IdCursor(RegisterCursor):
    ordering = ("-id",)
