from django.core.management.base import BaseCommand, CommandError

from ..changelog import change_context, cli_actor_name
from ..choices import ChangeSource
from ..imports import ImportFailed


class PlatformCommand(BaseCommand):
    """Base of the platform's own subcommands: writes are logged as coming from the CLI,
    and import errors are printed row by row in Chinese with a non-zero exit."""

    change_source = ChangeSource.CLI

    def execute(self, *args, **options):
        with change_context(source=self.change_source, actor_name=cli_actor_name()):
            try:
                return super().execute(*args, **options)
            except ImportFailed as exc:
                raise CommandError(str(exc)) from exc
