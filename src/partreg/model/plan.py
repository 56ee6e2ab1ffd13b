"""An action plan: `register/actions/<plan-id>.yaml` (FORMAT.md, "Action plan")."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from partreg.model.base import Document, Record
from partreg.model.values import ActionId, IsoDate, Slug, Target, Text, choice

ActionStatus = Literal["planned", "in-progress", "complete", "cancelled"]


class Update(Record):
    date: IsoDate
    text: Text


class Action(Record):
    id: ActionId
    issue: Text | None = None
    action: Text
    owner: Text
    raised: IsoDate | None = None
    start: IsoDate | None = None
    target: Target
    status: Annotated[ActionStatus, choice(ActionStatus, "an action status")] = "planned"
    completed: IsoDate | None = None
    updates: list[Update] | None = None
    custom: dict[str, Any] | None = None

    @property
    def target_date(self) -> date | None:
        return None if self.target == "ongoing" else self.target


class ActionPlan(Document):
    id: Slug
    partnership: Slug | None = None
    title: Text | None = None
    actions: list[Action]
