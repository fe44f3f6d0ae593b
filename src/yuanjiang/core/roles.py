"""What each role may do, model by model. Where it may do it is the data scope (scope.py).

Role permissions are granted in code, so every deployment agrees on them; an administrator
can still grant a user extra Django permissions (for instance to see full ID numbers).
Each app lists its grants in `GRANTS` below, keyed by role, then by "app_label.model" (or
"app_label.*") with the actions allowed.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.contrib.auth.backends import ModelBackend

from .choices import Role

VIEW = ("view",)
EDIT = ("view", "add", "change")
FULL = ("view", "add", "change", "delete")

GRANTS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.HOME_OFFICE: {
        "core.region": VIEW,
        "core.organisation": FULL,
        "core.pairing": FULL,
        "core.batch": FULL,
        "core.command": FULL,
        "core.commandmember": FULL,
        "core.objectchange": VIEW,
        "core.importjob": VIEW,
        "people.*": FULL,
        "projects.*": FULL,
        "projects.stageevent": VIEW,
        "investment.*": FULL,
        "investment.pipelineevent": VIEW,
        "talent.*": FULL,
        "exchange.*": FULL,
        # Figures: they report for their side and review what the commands submit.
        "indicators.indicator": VIEW,
        "indicators.value": FULL,
        "indicators.sourcedocument": FULL,
        "indicators.approval": EDIT,
        "reports.reportjob": EDIT,
        "ingest.extractedfigure": FULL,
    },
    Role.COMMAND_STAFF: {
        "core.region": VIEW,
        "core.organisation": EDIT,
        "core.pairing": VIEW,
        "core.batch": VIEW,
        # Their own command and the sub-commands and work groups they set up under it.
        "core.command": EDIT,
        "core.commandmember": FULL,
        "core.objectchange": VIEW,
        "core.importjob": VIEW,
        "people.person": EDIT,
        "people.assignment": FULL,
        "people.leave": FULL,
        "people.assessment": FULL,
        "people.award": FULL,
        # Their projects and money; stage events are written by the stage step only.
        "projects.*": FULL,
        "projects.stageevent": VIEW,
        # Investment attraction, talent, consumption aid and culture: their own records.
        "investment.*": FULL,
        "investment.pipelineevent": VIEW,
        "talent.*": FULL,
        "exchange.*": FULL,
        # Their figures: reported values, the texts they come from, submitting a period.
        "indicators.indicator": VIEW,
        "indicators.value": FULL,
        "indicators.sourcedocument": FULL,
        "indicators.approval": EDIT,
        "reports.reportjob": EDIT,
        "ingest.extractedfigure": FULL,
    },
    Role.RECIPIENT: {
        "core.region": VIEW,
        "core.organisation": EDIT,
        "core.pairing": VIEW,
        "core.batch": VIEW,
        "core.command": VIEW,
        "core.commandmember": VIEW,
        "core.objectchange": VIEW,
        # The recipient side gives the yearly assessment; it reads the rest.
        "people.*": VIEW,
        "people.assessment": FULL,
        # Projects and funds in their region, read-only; they follow the supervision orders.
        "projects.*": VIEW,
        "investment.*": VIEW,
        "talent.*": VIEW,
        "exchange.*": VIEW,
        # Figures of their region: they read them and may make reports of them.
        "indicators.*": VIEW,
        "reports.reportjob": EDIT,
        "ingest.*": VIEW,
    },
    Role.LEADER: {
        "core.*": VIEW,
        "core.user": (),
        "people.*": VIEW,
        "projects.*": VIEW,
        "investment.*": VIEW,
        "talent.*": VIEW,
        "exchange.*": VIEW,
        # The dashboard and its printout; leaders change nothing, reports included.
        "indicators.*": VIEW,
        "reports.reportjob": VIEW,
        "ingest.*": VIEW,
    },
}


@cache
def role_permissions(role: str) -> frozenset[str]:
    """Permission names ("app_label.action_model") a role holds."""
    grants = GRANTS.get(role, {})
    perms: set[str] = set()
    for model in apps.get_models():
        opts = model._meta
        label = f"{opts.app_label}.{opts.model_name}"
        actions = grants.get(label)
        if actions is None:
            actions = grants.get(f"{opts.app_label}.*", ())
        perms.update(f"{opts.app_label}.{action}_{opts.model_name}" for action in actions)
    return frozenset(perms)


class RoleBackend(ModelBackend):
    """Django's model backend plus the permissions of the user's role."""

    def get_all_permissions(self, user_obj, obj=None):
        perms = super().get_all_permissions(user_obj, obj)
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return perms
        return perms | role_permissions(getattr(user_obj, "role", ""))
