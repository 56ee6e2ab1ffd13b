"""Compute: records -> facts (ratings, risk, overdue actions, trend). Pure functions, no I/O."""
