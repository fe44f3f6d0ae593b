"""Ingest: figures read from narrative texts (work summaries, speeches, news articles), their
review and loading as reported values, and the fact-check of a draft against the records."""
