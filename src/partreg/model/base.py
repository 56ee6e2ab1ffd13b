"""The base of every register model: unknown keys are refused, `custom:` is free."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

FREE_KEY = "custom"  # the council's own data (FORMAT.md): never checked, written after the known fields


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class Document(Record):
    """A whole file's record; each kind of file may carry council data under `custom:`."""

    custom: dict[str, Any] | None = None
