"""API permission and pagination classes (kept apart from views to avoid DRF import cycles)."""

from rest_framework import pagination, permissions


class ScopedModelPermissions(permissions.DjangoModelPermissions):
    """Model permissions of the user's role, reading included (view_<model>).

    Which rows a permitted user reaches is the data scope, applied by the viewsets'
    querysets (`restrict`).
    """

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 1000
