"""What a figure is about (a scope) and when (a period), with the syntax every command of
the CLI and every page uses:

    command:<supporting region code>-<recipient region code>:<batch number>
                                the command that served that pairing in that batch, with the
                                commands under it (command:320582-654024:10 = 张家港→巩留, 第十批)
    pairing:<supporting code>-<recipient code>   one pairing over all its batches
    province:<code>             a supporting province or city: all its commands
    region:<code>               a recipient region: all commands paired with it or below it

    2022  2022Q3  2022-05       a year, a quarter, a month
    batch                       the whole batch of a command scope
    batch:<number>              a batch of the supporting side, for the other scopes

Monthly and quarterly periods are year to date (本年累计), as monthly statistics are: the
year's plan against what arrived and was paid from 1 January to the period's end. So the
value of a year is the value of its last month, and only years add up to a batch.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanjiang.core.models import Batch, Command, CommandPairing, Pairing, Region

from .choices import PeriodKind, ScopeKind

QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


class ScopeError(ValidationError):
    """A scope or period that cannot be read or found, with a Chinese message."""


def _region(code: str) -> Region:
    region = Region.objects.filter(pk=code).first()
    if region is None:
        raise ScopeError(_("行政区划代码“%(code)s”不存在。") % {"code": code})
    return region


@dataclass(frozen=True)
class Scope:
    kind: str
    command: Command | None = None
    pairing: Pairing | None = None
    region: Region | None = None  # the supporting side (province) or the recipient (region)

    # --- identity ----------------------------------------------------------------------
    @property
    def ident(self) -> str:
        """The stored key: stable while codes and numbers are edited (ids, region codes)."""
        if self.kind == ScopeKind.COMMAND:
            return f"command:{self.command.pk}"
        if self.kind == ScopeKind.PAIRING:
            return f"pairing:{self.pairing.pk}"
        return f"{self.kind}:{self.region.pk}"

    @property
    def key(self) -> str:
        """The written form (parse_scope reads it back)."""
        if self.kind == ScopeKind.COMMAND:
            link = (CommandPairing.objects.filter(command=self.command)
                    .select_related("pairing").order_by("pairing_id").first())
            if link is None:
                return f"command:{self.command.pk}"
            p = link.pairing
            return (f"command:{p.supporting_region_id}-{p.recipient_region_id}:"
                    f"{self.command.batch.number}")
        if self.kind == ScopeKind.PAIRING:
            return f"pairing:{self.pairing.supporting_region_id}-{self.pairing.recipient_region_id}"
        return f"{self.kind}:{self.region.pk}"

    @property
    def label(self) -> str:
        if self.kind == ScopeKind.COMMAND:
            return self.command.name
        if self.kind == ScopeKind.PAIRING:
            return f"{self.pairing.supporting_region.name}对口支援{self.pairing.recipient_region.name}"
        return self.region.full_name or self.region.name

    @property
    def short_label(self) -> str:
        """The pairing as offices write it (张家港市对口支援巩留县), for titles."""
        if self.kind == ScopeKind.COMMAND:
            pairings = list(self.command.pairings.select_related(
                "supporting_region", "recipient_region"))
            if len(pairings) == 1:
                p = pairings[0]
                return f"{p.supporting_region.name}对口支援{p.recipient_region.name}"
            return self.command.name
        return self.label

    # --- where its rows live ---------------------------------------------------------
    @property
    def supporting_region(self) -> Region | None:
        if self.kind == ScopeKind.COMMAND:
            return self.command.batch.supporting_region
        if self.kind == ScopeKind.PAIRING:
            return self.pairing.supporting_region
        return self.region if self.kind == ScopeKind.PROVINCE else None

    @property
    def recipient_region(self) -> Region | None:
        if self.kind == ScopeKind.COMMAND:
            return command_recipient(self.command)
        if self.kind == ScopeKind.PAIRING:
            return self.pairing.recipient_region
        return self.region if self.kind == ScopeKind.REGION else None

    def fields(self) -> dict[str, Any]:
        """The scope as the model fields of a value or an approval."""
        return {"scope_kind": self.kind, "command": self.command, "pairing": self.pairing,
                "supporting_region": self.supporting_region,
                "recipient_region": self.recipient_region, "scope_key": self.ident}

    def lookup(self) -> Q:
        """Rows stored for exactly this scope."""
        return Q(scope_key=self.ident)

    @classmethod
    def of_row(cls, row: Any) -> Scope:
        kind = row.scope_kind
        if kind == ScopeKind.COMMAND:
            return cls(kind, command=row.command)
        if kind == ScopeKind.PAIRING:
            return cls(kind, pairing=row.pairing)
        return cls(kind, region=row.supporting_region if kind == ScopeKind.PROVINCE
                   else row.recipient_region)

    # --- the commands it covers, for the computed figures ----------------------------
    def narrow_kwargs(self) -> dict[str, Any]:
        return {
            ScopeKind.COMMAND: {"command": self.command},
            ScopeKind.PAIRING: {"pairing": self.pairing},
            ScopeKind.PROVINCE: {"supporting": self.region},
            ScopeKind.REGION: {"recipient": self.region},
        }[self.kind]

    def default_batch(self) -> Batch | None:
        return self.command.batch if self.kind == ScopeKind.COMMAND else None

    def children(self, period: Period | None = None) -> list[Scope]:
        """The scopes one level down whose reported values may add up to this one; for a
        province, its top commands that served in `period` (those of its batch, or of the
        batches that overlap it): a command of another batch has no part in it."""
        if self.kind == ScopeKind.COMMAND:
            return [Scope(ScopeKind.COMMAND, command=c) for c in self.command.children.all()]
        if self.kind == ScopeKind.PROVINCE:
            tops = Command.objects.filter(
                parent__isnull=True, batch__supporting_region__path__startswith=self.region.path)
            if period is not None and period.kind == PeriodKind.BATCH:
                tops = tops.filter(batch=period.batch)
            elif period is not None:
                tops = tops.filter(Q(batch__end_date__isnull=True) | Q(batch__end_date__gte=period.start),
                                   batch__start_date__lte=period.end)
            return [Scope(ScopeKind.COMMAND, command=c) for c in tops]
        return []


def command_recipient(command: Command) -> Region | None:
    """The recipient region of a command: that of its pairing, or the lowest region that
    holds all of its pairings' recipients."""
    paths = [p.strip("/").split("/") for p in
             command.pairings.values_list("recipient_region__path", flat=True)]
    if not paths:
        return None
    common = paths[0]
    for segments in paths[1:]:
        n = 0
        while n < min(len(common), len(segments)) and common[n] == segments[n]:
            n += 1
        common = common[:n]
    return Region.objects.filter(pk=common[-1]).first() if common else None


_PAIR = re.compile(r"^(\d{6})-(\d{6})$")


def parse_scope(text: str) -> Scope:
    """A scope from its written form; ScopeError with a Chinese message when it is wrong."""
    raw = (text or "").strip()
    kind, _sep, rest = raw.partition(":")
    if kind == ScopeKind.COMMAND:
        pair, _sep, number = rest.partition(":")
        m = _PAIR.match(pair)
        if not m or not number.isdigit():
            raise ScopeError(_("指挥部范围的写法为 command:支援方代码-受援地代码:批次序号，"
                               "如 command:320582-654024:10。"))
        pairing = _pairing(m.group(1), m.group(2))
        link = (CommandPairing.objects.filter(pairing=pairing, batch__number=int(number))
                .select_related("command__batch").first())
        if link is None:
            raise ScopeError(_("%(pairing)s在第%(n)s批没有负责的指挥部。") % {
                "pairing": pairing, "n": number})
        return Scope(ScopeKind.COMMAND, command=link.command)
    if kind == ScopeKind.PAIRING:
        m = _PAIR.match(rest)
        if not m:
            raise ScopeError(_("结对范围的写法为 pairing:支援方代码-受援地代码，如 pairing:320582-654024。"))
        return Scope(ScopeKind.PAIRING, pairing=_pairing(m.group(1), m.group(2)))
    if kind == ScopeKind.PROVINCE:
        region = _region(rest)
        if region.is_xinjiang:
            raise ScopeError(_("支援方范围应为新疆以外的省市，“%(r)s”是受援地。") % {"r": region})
        return Scope(ScopeKind.PROVINCE, region=region)
    if kind == ScopeKind.REGION:
        region = _region(rest)
        if not region.is_xinjiang:
            raise ScopeError(_("受援地范围应为新疆的区划，“%(r)s”不是。") % {"r": region})
        return Scope(ScopeKind.REGION, region=region)
    raise ScopeError(_("无法识别的范围“%(text)s”：应以 command:、pairing:、province: 或 region: 开头。")
                     % {"text": raw})


def _pairing(supporting: str, recipient: str) -> Pairing:
    pairing = (Pairing.objects.filter(supporting_region=supporting, recipient_region=recipient)
               .select_related("supporting_region", "recipient_region").order_by("-from_year").first())
    if pairing is None:
        raise ScopeError(_("没有 %(a)s→%(b)s 的对口支援关系。") % {"a": supporting, "b": recipient})
    return pairing


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date
    batch: Batch | None = None

    @property
    def year(self) -> int | None:
        return None if self.kind == PeriodKind.BATCH else self.start.year

    @property
    def ident(self) -> str:
        # "batch#<id>", not the written "batch:<number>": batch numbers repeat across sides.
        return f"batch#{self.batch.pk}" if self.kind == PeriodKind.BATCH else self.key

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}Q{(self.end.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.end:%Y-%m}"
        return f"batch:{self.batch.number}"

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return f"{self.start.year}年"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}年第{QUARTER_NAMES[(self.end.month - 1) // 3 + 1]}季度"
        if self.kind == PeriodKind.MONTH:
            return f"{self.end.year}年{self.end.month}月"
        end = self.batch.end_date.year if self.batch.end_date else _("今")
        return f"{self.batch.name}（{self.batch.start_date.year}—{end}年）"

    @property
    def cumulative_label(self) -> str:
        """How a monthly or quarterly figure is read: from 1 January to the period's end."""
        if self.kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
            return f"{self.end.year}年1—{self.end.month}月累计"
        return self.label

    @property
    def until(self) -> dt.date | None:
        return self.end if self.kind in (PeriodKind.MONTH, PeriodKind.QUARTER) else None

    @property
    def years(self) -> list[int]:
        if self.kind != PeriodKind.BATCH:
            return [self.start.year]
        return list(range(self.start.year, self.end.year + 1))

    def fields(self) -> dict[str, Any]:
        return {"period_kind": self.kind, "period_start": self.start, "period_end": self.end,
                "batch": self.batch, "period_key": self.ident}

    def lookup(self) -> Q:
        return Q(period_key=self.ident)

    @classmethod
    def of_row(cls, row: Any) -> Period:
        return cls(row.period_kind, row.period_start, row.period_end, row.batch)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def of_batch(cls, batch: Batch) -> Period:
        end = batch.end_date or max(timezone.localdate(), batch.start_date)
        return cls(PeriodKind.BATCH, batch.start_date, end, batch)


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def parse_period(text: str, scope: Scope | None = None) -> Period:
    raw = (text or "").strip()
    if m := _YEAR.match(raw):
        return Period.of_year(int(m.group(1)))
    if m := _QUARTER.match(raw):
        year, q = int(m.group(1)), int(m.group(2))
        return Period(PeriodKind.QUARTER, dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    if m := _MONTH.match(raw):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ScopeError(_("月份“%(text)s”不存在。") % {"text": raw})
        return Period(PeriodKind.MONTH, dt.date(year, month, 1), _month_end(year, month))
    if raw == "batch":
        batch = scope.default_batch() if scope else None
        if batch is None:
            raise ScopeError(_("只有指挥部范围可以用 batch 表示其本批次；"
                               "其他范围请写 batch:批次序号，如 batch:10。"))
        return Period.of_batch(batch)
    if raw.startswith("batch:") and raw[6:].isdigit():
        return Period.of_batch(_batch_of(scope, int(raw[6:])))
    raise ScopeError(_("无法识别的时期“%(text)s”：应为 2022、2022Q3、2022-05、batch 或 batch:10。")
                     % {"text": raw})


def _batch_of(scope: Scope | None, number: int) -> Batch:
    if scope is None:
        raise ScopeError(_("请先指明范围。"))
    if scope.kind == ScopeKind.COMMAND and scope.command.batch.number == number:
        return scope.command.batch
    side = scope.supporting_region
    qs = Batch.objects.filter(number=number)
    if side is not None:
        ancestors = [side.path[:i + 1] for i, ch in enumerate(side.path) if ch == "/"]
        qs = qs.filter(supporting_region__path__in=ancestors)
    elif scope.kind == ScopeKind.REGION:
        qs = qs.filter(commands__pairings__recipient_region__path__startswith=scope.region.path)
    found = list(qs.distinct().select_related("supporting_region")[:2])
    if len(found) != 1:
        raise ScopeError(_("%(scope)s没有唯一的第%(n)s批。") % {"scope": scope.label, "n": number})
    return found[0]


def scope_from_ident(ident: str) -> Scope:
    """The scope of a stored key (Scope.ident)."""
    kind, _sep, rest = (ident or "").partition(":")
    try:
        if kind == ScopeKind.COMMAND:
            return Scope(kind, command=Command.objects.select_related("batch").get(pk=int(rest)))
        if kind == ScopeKind.PAIRING:
            return Scope(kind, pairing=Pairing.objects.select_related(
                "supporting_region", "recipient_region").get(pk=int(rest)))
        if kind in (ScopeKind.PROVINCE, ScopeKind.REGION):
            return Scope(kind, region=Region.objects.get(pk=rest))
    except (ValueError, Command.DoesNotExist, Pairing.DoesNotExist, Region.DoesNotExist):
        pass
    raise ScopeError(_("范围“%(text)s”不存在。") % {"text": ident})


def period_from_ident(ident: str, scope: Scope | None = None) -> Period:
    """The period of a stored key (Period.ident)."""
    if (ident or "").startswith("batch#"):
        batch = Batch.objects.filter(pk=ident[6:]).first() if ident[6:].isdigit() else None
        if batch is None:
            raise ScopeError(_("批次“%(text)s”不存在。") % {"text": ident})
        return Period.of_batch(batch)
    return parse_period(ident, scope)
