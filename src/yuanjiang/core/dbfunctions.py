"""Database functions the ORM lacks, written for both SQLite and PostgreSQL."""

from django.db.models import Func, IntegerField


class DayNumber(Func):
    """A date as a whole number of days (differences of two are days between them).

    SQLite counts Julian days, PostgreSQL days since 1970: only differences are meaningful.
    Integer arithmetic on these works alike on both, where date arithmetic does not.
    """

    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
                           **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template="((%(expressions)s)::date - DATE '1970-01-01')", **extra)
