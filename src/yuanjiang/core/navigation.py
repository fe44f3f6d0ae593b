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
            "title": _("统计与报告"),
            "separator": False,
            "collapsible": False,
            "items": [
                _item(_("驾驶舱"), "dashboard", "admin:reports_reportjob_dashboard",
                      "reports.view_reportjob"),
                _item(_("指标数值"), "table_chart", "admin:indicators_value_changelist",
                      "indicators.view_value"),
                _item(_("数据报送与审核"), "fact_check", "admin:indicators_approval_changelist",
                      "indicators.view_approval"),
                _item(_("文稿数字"), "find_in_page", "admin:ingest_extractedfigure_changelist",
                      "ingest.view_extractedfigure"),
                _item(_("文稿核对"), "rule", "admin:ingest_extractedfigure_factcheck_page",
                      "ingest.view_extractedfigure"),
                _item(_("来源文稿"), "article", "admin:indicators_sourcedocument_changelist",
                      "indicators.view_sourcedocument"),
                _item(_("统计指标目录"), "list_alt", "admin:indicators_indicator_changelist",
                      "indicators.view_indicator"),
                _item(_("报告任务"), "description", "admin:reports_reportjob_changelist",
                      "reports.view_reportjob"),
            ],
        },
        {
            "title": _("对口支援"),
            "separator": True,
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
            "title": _("干部人才"),
            "separator": True,
            "collapsible": False,
            "items": [
                _item(_("人员"), "badge", "admin:people_person_changelist", "people.view_person"),
                _item(_("选派（花名册）"), "assignment_ind", "admin:people_assignment_changelist",
                      "people.view_assignment"),
                {
                    "title": _("在岗情况"),
                    "icon": "how_to_reg",
                    "link": reverse_lazy("admin:people_assignment_on_post_overview"),
                    "permission": lambda request: request.user.has_perm("people.view_assignment"),
                },
                _item(_("请假"), "event_busy", "admin:people_leave_changelist", "people.view_leave"),
                _item(_("年度考核"), "grading", "admin:people_assessment_changelist",
                      "people.view_assessment"),
                _item(_("表彰"), "military_tech", "admin:people_award_changelist",
                      "people.view_award"),
                _item(_("导入任务"), "upload_file", "admin:core_importjob_changelist",
                      "core.view_importjob"),
            ],
        },
        {
            "title": _("项目资金"),
            "separator": True,
            "collapsible": False,
            "items": [
                _item(_("援疆项目"), "construction", "admin:projects_project_changelist",
                      "projects.view_project"),
                _item(_("资金与比率"), "monitoring", "admin:projects_project_figures_page",
                      "projects.view_project"),
                _item(_("监测预警"), "warning", "admin:projects_project_warnings_page",
                      "projects.view_project"),
                _item(_("督办"), "assignment_late", "admin:projects_supervisionorder_changelist",
                      "projects.view_supervisionorder"),
                _item(_("进度报告"), "trending_up", "admin:projects_progressupdate_changelist",
                      "projects.view_progressupdate"),
                _item(_("资金安排"), "account_balance", "admin:projects_allocation_changelist",
                      "projects.view_allocation"),
                _item(_("资金到位"), "savings", "admin:projects_arrival_changelist",
                      "projects.view_arrival"),
                _item(_("资金拨付"), "payments", "admin:projects_disbursement_changelist",
                      "projects.view_disbursement"),
                _item(_("项目进度月报"), "table_view", "admin:projects_project_monthly_page",
                      "projects.view_project"),
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
