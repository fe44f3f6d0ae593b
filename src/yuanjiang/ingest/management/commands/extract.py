import json

from django.core.management.base import BaseCommand

from yuanjiang.ingest.context import detect
from yuanjiang.ingest.extract import extract
from yuanjiang.ingest.text import SourceError, read_source


class Command(BaseCommand):
    help = "从文稿（.txt、.docx、网页，- 为标准输入）中提取数字，按约定输出 JSON。"
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="文件路径；- 读标准输入")
        parser.add_argument("--format", choices=["json"], default="json", help="输出格式（json）")
        parser.add_argument("--context", action="store_true",
                            help="同时给出文稿提到的支援方、受援地、批次和年份")

    def handle(self, *args, **options):
        out = []
        for path in options["paths"]:
            try:
                source = read_source(path)
            except SourceError as exc:
                # One line naming the file and the reason, nothing on stdout, status 2.
                self.stderr.write(f"yuanjiang extract: {exc}")
                raise SystemExit(2) from None
            entry = {"source": path, "facts": [f.as_json() for f in extract(source)]}
            if options["context"]:
                entry["context"] = detect(source.text)
            out.append(entry)
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
