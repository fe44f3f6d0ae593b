import json

from django.core.management.base import BaseCommand, CommandError

from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.scopes import ScopeError, parse_period, parse_scope
from yuanjiang.ingest.factcheck import AGREES, NO_RECORD, VERDICTS, check
from yuanjiang.ingest.text import SourceError, read_source


def shown(value, kind: str) -> str:
    if kind == "money":
        return f"{value:,.2f}元"
    if kind == "percent":
        return f"{value.normalize():f}%"
    return f"{value.normalize():f}"


class Command(BaseCommand):
    help = "核对文稿中的数字：与平台在某范围、某时期的指标数值逐一比较，列出不一致、无记录和夸大的表述。"

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE", help="文稿（.txt、.docx、网页，- 为标准输入）")
        parser.add_argument("--scope", required=True, help="范围，如 command:320582-654024:10")
        parser.add_argument("--period", required=True, help="时期，如 batch、2022、2022Q3")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
        parser.add_argument("--all", action="store_true", help="也列出一致的和未标注指标的数字")

    def handle(self, *args, **options):
        try:
            scope = parse_scope(options["scope"])
            period = parse_period(options["period"], scope)
        except ScopeError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            source = read_source(options["path"])
        except SourceError as exc:
            self.stderr.write(f"yuanjiang factcheck: {exc}")
            raise SystemExit(2) from None
        findings = check(PLATFORM, source, scope, period)
        if options["format"] == "json":
            self.stdout.write(json.dumps({"scope": scope.key, "period": period.key,
                                          "findings": [f.as_json() for f in findings]},
                                         ensure_ascii=False, indent=1))
            return
        checked = [f for f in findings if f.verdict]
        counts = {v: sum(1 for f in checked if f.verdict == v) for v in VERDICTS}
        self.stdout.write(f"核对范围：{scope.label}　时期：{period.label}")
        self.stdout.write(f"共 {len(findings)} 个数字，其中 {len(checked)} 个对应指标："
                          + "，".join(f"{VERDICTS[v]} {n} 个" for v, n in counts.items()))
        for f in findings:
            if not options["all"] and (f.verdict in (AGREES, None)):
                continue
            platform = "—" if f.platform_value is None else shown(f.platform_value, f.fact.kind)
            if f.verdict == NO_RECORD:
                platform = "平台无此数值"
            self.stdout.write(f"[{f.verdict_label}] {f.fact.text}（{f.name or '—'}；平台：{platform}）"
                              f" 原句：{f.sentence}")
