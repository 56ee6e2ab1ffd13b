"""Load: bytes -> positioned documents (the hardened YAML reader, the layout, sources)."""
