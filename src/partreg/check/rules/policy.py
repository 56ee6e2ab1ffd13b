"""P: policy. The policy's thresholds must make sense together (FORMAT.md, "Policy")."""

from __future__ import annotations

from collections.abc import Iterator

from partreg.check.rule import Context, Finding, rule
from partreg.problems import Severity


@rule("P001", "thresholds-in-order", Severity.ERROR)
def thresholds_in_order(ctx: Context) -> Iterator[Finding]:
    """Each upper threshold must be above the lower one, or a band can never be reached.

    `rag.performance.amber_at` < `green_at`, and `risk.medium_at` < `high_at`. Each setting's own range
    (a share from 0 to 1, a score from 1 to 25) is checked with the policy's schema (S001).
    """
    register = ctx.register
    if register.policy_entry is None:
        return
    doc, policy = register.policy_entry.doc, register.policy
    performance = policy.rag.performance
    if not performance.amber_at < performance.green_at:
        yield Finding(
            doc,
            ("rag", "performance"),
            f"performance thresholds amber_at {performance.amber_at} and green_at {performance.green_at} "
            "are out of order",
            "use 0 ≤ amber_at < green_at ≤ 1, e.g. 0.5 and 0.8",
        )
    if not policy.risk.medium_at < policy.risk.high_at:
        yield Finding(
            doc,
            ("risk",),
            f"risk thresholds medium_at {policy.risk.medium_at} and high_at {policy.risk.high_at} are out of order",
            "use medium_at < high_at, e.g. 8 and 15",
        )


RULES = (thresholds_in_order,)
