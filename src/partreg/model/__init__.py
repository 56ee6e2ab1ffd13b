"""Model: positioned documents -> typed records (pydantic v2), and the register they form."""
