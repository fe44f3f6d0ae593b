"""The back office's sidebar, grouped by domain; items a user may not see are hidden."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


def _item(title, icon, url_name, perm):
    return {
        "title": title,
        "icon": icon,
        "link": reverse_lazy(url_name),
        "permission": lambda request, perm=perm: request.user.has_perm(perm),
    }


def sidebar(request):
    return [
        {
            "title": _("对口支援"),
            "separator": False,
            "collapsible": False,
            "items": [
                _item(_("指挥部"), "flag", "admin:core_command_changelist", "core.view_command"),
                _item(_("指挥部成员"), "groups", "admin:core_commandmember_changelist",
                      "core.view_commandmember"),
                _item(_("批次"), "event", "admin:core_batch_changelist", "core.view_batch"),
                _item(_("对口支援关系"), "handshake", "admin:core_pairing_changelist",
                      "core.view_pairing"),
            ],
        },
        {
            "title": _("基础数据"),
            "separator": True,
            "collapsible": False,
            "items": [
                _item(_("行政区划"), "map", "admin:core_region_changelist", "core.view_region"),
                _item(_("单位"), "apartment", "admin:core_organisation_changelist",
                      "core.view_organisation"),
            ],
        },
        {
            "title": _("系统"),
            "separator": True,
            "collapsible": False,
            "items": [
                _item(_("变更记录"), "history", "admin:core_objectchange_changelist",
                      "core.view_objectchange"),
                _item(_("用户"), "person", "admin:core_user_changelist", "core.view_user"),
                _item(_("用户组"), "group_work", "admin:auth_group_changelist", "auth.view_group"),
                _item(_("API 令牌"), "key", "admin:authtoken_tokenproxy_changelist",
                      "authtoken.view_tokenproxy"),
                {
                    "title": _("API 文档"),
                    "icon": "api",
                    "link": reverse_lazy("api-docs"),
                },
            ],
        },
    ]
