import json
from pathlib import Path

from django.core.management.base import CommandError

from yuanjiang.core.management.base import PlatformCommand
from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.scopes import ScopeError, parse_period, parse_scope
from yuanjiang.reports.models import ReportKind
from yuanjiang.reports.services import FORMATS, make

SCOPE_HELP = ("范围：command:支援方代码-受援地代码:批次序号（如 command:320582-654024:10）、"
              "pairing:320582-654024、province:320000 或 region:654024")
PERIOD_HELP = "时期：2022、2022Q3、2022-05、batch（指挥部本批次）或 batch:10"


class Command(PlatformCommand):
    help = "生成报告：工作总结（Word 或 Markdown）、统计报表（Excel）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, metavar="{summary,tables}")
        summary = sub.add_parser("summary", help="工作总结", description="按范围和时期生成工作总结。")
        summary.add_argument("--format", choices=sorted(FORMATS),
                             help="docx 或 md（默认：-o - 或 .md 文件为 md，其余为 docx）")
        tables = sub.add_parser("tables", help="统计报表（Excel）", description="按范围和时期生成统计报表。")
        for p in (summary, tables):
            p.add_argument("--scope", required=True, help=SCOPE_HELP)
            p.add_argument("--period", required=True, help=PERIOD_HELP)
            p.add_argument("-o", "--output", required=True,
                           help="输出文件；-o - 把 Markdown 写到标准输出")
        summary.add_argument("--trace", help="另存每个数字的出处（JSON）")

    def handle(self, *args, **options):
        try:
            scope = parse_scope(options["scope"])
            period = parse_period(options["period"], scope)
        except ScopeError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        target = options["output"]
        if options["what"] == "tables":
            kind = ReportKind.TABLES
        else:
            fmt = options.get("format") or ("md" if target == "-" or target.endswith(".md") else "docx")
            kind = FORMATS[fmt]
        if target == "-" and kind != ReportKind.SUMMARY_MD:
            raise CommandError("只有 Markdown 可以写到标准输出（-o -），请加 --format md 或指定文件名。")
        out = make(PLATFORM, kind, scope, period)
        if target == "-":
            # The command's own output (call_command(stdout=…) captures it), as it is.
            self.stdout.write(out.data.decode("utf-8"), ending="")
        else:
            path = Path(target)
            try:
                path.write_bytes(out.data)
            except OSError as exc:
                raise CommandError(f"无法写入 {path}：{exc.strerror}") from exc
            self.stderr.write(f"已生成 {path}（{scope.label}，{period.label}）")
        if options.get("trace"):
            Path(options["trace"]).write_text(json.dumps(out.trace, ensure_ascii=False, indent=1),
                                              encoding="utf-8")
