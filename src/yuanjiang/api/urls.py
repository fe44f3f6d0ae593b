"""The REST API: each app's `api.register(router)` adds its endpoints under /api/<app>/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from yuanjiang.core import api as core_api
from yuanjiang.exchange import api as exchange_api
from yuanjiang.indicators import api as indicators_api
from yuanjiang.investment import api as investment_api
from yuanjiang.people import api as people_api
from yuanjiang.projects import api as projects_api
from yuanjiang.reports import api as reports_api
from yuanjiang.talent import api as talent_api

router = DefaultRouter()
core_api.register(router)
people_api.register(router)
projects_api.register(router)
investment_api.register(router)
talent_api.register(router)
exchange_api.register(router)
indicators_api.register(router)
reports_api.register(router)

urlpatterns = [
    *people_api.extra_urls(),
    *projects_api.extra_urls(),
    *indicators_api.extra_urls(),
    path("", include(router.urls)),
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
