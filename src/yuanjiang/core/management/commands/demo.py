import importlib
import secrets

from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from ...demo import DemoContext
from ...reference import load_all
from ..base import PlatformCommand


class Command(PlatformCommand):
    help = "准备演示环境：迁移数据库、载入参考数据和演示数据、设置演示账号密码。可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("--password", help="所有演示账号的密码（默认随机生成）")

    def handle(self, *args, **options):
        password = options["password"] or secrets.token_urlsafe(9)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("数据库已就绪。")
        ctx = DemoContext(password=password)
        with transaction.atomic():
            for name, result in load_all().items():
                label = {"regions": "行政区划", "pairings": "对口支援关系", "batches": "批次"}[name]
                self.stdout.write(f"{label}：{result}")
            # Each app of the platform may bring demo data in its `demo` module.
            for config in apps.get_app_configs():
                if not config.name.startswith("yuanjiang."):
                    continue
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.load(ctx)
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为：{password}）")
        width = max(len(a.username) for a in ctx.accounts)
        for a in ctx.accounts:
            self.stdout.write(f"  {a.username.ljust(width)}  {a.role:<6}  {a.display_name}  —  {a.scope}")
