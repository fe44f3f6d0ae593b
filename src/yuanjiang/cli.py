"""The `yuanjiang` command: the platform's own subcommands and Django's manage commands.

    yuanjiang demo                 prepare a database with reference and demo data
    yuanjiang load_reference       load regions, pairings and batches (idempotent)
    yuanjiang report summary|tables   a work summary (Word, Markdown) or the statistical tables
    yuanjiang extract FILE…        the figures of narrative texts, as JSON
    yuanjiang factcheck FILE       a draft's figures against the platform's
    yuanjiang migrate | runserver | createsuperuser | …   Django's commands

Settings default to yuanjiang.settings.dev; set DJANGO_SETTINGS_MODULE for production.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanjiang.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0] if sys.argv else "yuanjiang", *sys.argv[1:]])


if __name__ == "__main__":
    main()
