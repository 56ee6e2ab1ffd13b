"""Diff: two registers -> ChangeSet, matching records by natural id, never by list position."""
