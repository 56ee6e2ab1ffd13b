"""CLI: thin Typer commands. Heavy modules are imported inside commands, keeping --help fast."""
