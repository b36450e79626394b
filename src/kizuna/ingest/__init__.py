"""Ingesting documents: read, extract in parallel (local processes or a Dask cluster), and store
each document with its facts and evidence in its own transaction."""

from kizuna.ingest.run import FileOutcome, IngestReport, collect_files, ingest_paths, ingest_upload

__all__ = ["FileOutcome", "IngestReport", "collect_files", "ingest_paths", "ingest_upload"]
