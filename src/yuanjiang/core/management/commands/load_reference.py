from ...reference import load_batches, load_pairings, load_regions
from ..base import PlatformCommand


class Command(PlatformCommand):
    help = "载入参考数据：行政区划（GB/T 2260）、对口支援关系、批次。可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("--pairings", metavar="CSV", help="从指定 CSV 文件载入对口支援关系")
        parser.add_argument("--batches", metavar="CSV", help="从指定 CSV 文件载入批次")
        parser.add_argument("--regions-only", action="store_true", help="只载入行政区划")

    def handle(self, *args, **options):
        only_files = options["pairings"] or options["batches"]
        if not only_files:
            self.stdout.write(f"行政区划：{load_regions()}")
        if options["regions_only"]:
            return
        if options["pairings"] or not only_files:
            self.stdout.write(f"对口支援关系：{load_pairings(options['pairings'])}")
        if options["batches"] or not only_files:
            self.stdout.write(f"批次：{load_batches(options['batches'])}")
