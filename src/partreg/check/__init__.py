"""Check: records + facts -> Problems. One module per rule family under `rules/`."""
