from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", include("yuanjiang.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

admin.site.site_title = "援疆通"
admin.site.site_header = "援疆通"
admin.site.index_title = "工作台"
