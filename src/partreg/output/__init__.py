"""Output: results -> terminal, CI annotations and files."""
