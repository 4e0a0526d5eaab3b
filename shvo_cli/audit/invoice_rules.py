"""``shvo audit`` on issued invoice records: once committed, never changed or deleted.

Pure functions over the record as committed before and after a commit; the auditor calls
:func:`judge` for every commit touching ``records/invoices/`` and reports what it returns.
``validate`` sees an edit by the record's checksum; the audit also sees an edit that redid
the checksum, because it compares with what was first committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shvo_cli.i18n import _

CODE = "A019"


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any] | None) -> list[str]:
    """The top-level fields that differ (all of them when the record was deleted)."""
    if new is None:
        return sorted(old)
    return sorted(k for k in {*old, *new} if old.get(k) != new.get(k))


def judge(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None,
          stem: str) -> tuple[str, list[str], str] | None:
    """(code, changed fields, message) when a committed invoice record was changed or
    deleted by this commit; None when it was added or left as it was."""
    if old is None or old == new:
        return None
    rid = str(old.get("id", stem))
    fields = changed_fields(old, new)
    if new is None:
        return CODE, fields, _("{id}: an issued invoice record was deleted; what was invoiced "
                               "must stay in the records (correct with shvo invoice "
                               "credit)").format(id=rid)
    return CODE, fields, _("{id}: an issued invoice record was changed after its commit "
                           "({fields}); an issued invoice never changes (correct with shvo "
                           "invoice credit)").format(id=rid, fields=", ".join(fields))
