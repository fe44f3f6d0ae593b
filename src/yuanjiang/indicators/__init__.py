"""Indicators: the catalog of figures, their values (computed, reported, extracted),
aggregation, and approval of a scope's figures for a period."""
