"""Random walks through the process (hypothesis state machine): legal steps by random people
in random roles, with requirements sometimes missing. The file always validates, history only
grows, and a refused step changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from shvo_cli.errors import ShvoError
from shvo_cli.records.repository import load_repository
from shvo_cli.requests import steps as request
from tests.conftest import EXAMPLES, RECORDS
from tests.requests.test_request import SITIV_DECISION, VVG_DECISIONS

MEMBERS = [("handlaggare@example.org", "GITS"), ("referens@example.org", "REF"),
           ("dvs.fyrbodal@example.org", "DVS"), ("sekreterare.vvg@example.org", "VVG"),
           ("ekonom.sitiv@example.org", "SITIV"), ("testare@example.org", "AG-UTV"),
           ("handlaggare@example.org", "REF")]
TRANSITIONS = sorted(load_repository(RECORDS).process.transitions)  # type: ignore[union-attr]


class ProcessMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp())
        self.root = self.tmp / "records"
        shutil.copytree(RECORDS, self.root)
        shutil.copytree(EXAMPLES / "valid" / "adopted-plan" / "records", self.root,
                        dirs_exist_ok=True)
        (self.root / "decisions" / "DEC-2025-0003.yaml").write_text(SITIV_DECISION,
                                                                    encoding="utf-8")
        for dec_id, (kind, day) in VVG_DECISIONS.items():
            (self.root / "decisions" / f"{dec_id}.yaml").write_text(
                f"kind: decision\nid: {dec_id}\nbody: VVG\ndate: {day}\ntype: {kind}\n"
                f"reference: Protokoll VVG {day}\n", encoding="utf-8")
        self.day = date(2025, 7, 1)
        change = request.create(self.root, request.Actor("handlaggare@example.org", "GITS"),
                                self.day, {"title": "Slumpvandring", "category":
                                           "new-development", "assignment": "training",
                                           "channel": "support", "systems": ["SAMSA"]})
        request.apply(change, commit=False)
        self.path = change.path
        self.rid = change.request_id
        self.entries = 1

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    @rule(transition=st.sampled_from(TRANSITIONS), member=st.sampled_from(MEMBERS),
          scope=st.sampled_from([None, "within-plan", "next-year", "beyond-plan"]),
          decisions=st.sampled_from([(), ("DEC-2025-0004",), ("DEC-2025-0003",),
                                     ("DEC-2025-0004", "DEC-2025-0003")]),
          subregion=st.sampled_from([None, "FYRBODAL", "GR"]),
          outcome=st.sampled_from([None, "passed", "failed"]),
          note=st.sampled_from([None, "Motivering."]),
          gap=st.integers(0, 3))
    def step(self, transition: str, member: tuple[str, str], scope: str | None,
             decisions: tuple[str, ...], subregion: str | None, outcome: str | None,
             note: str | None, gap: int) -> None:
        before = self.path.read_bytes()
        when = self.day + timedelta(days=gap)
        try:
            change = request.advance(self.root, self.rid, request.Actor(*member), when,
                                     transition=transition, scope=scope,
                                     decisions=decisions, subregion=subregion,
                                     outcome=outcome, note=note)
        except ShvoError:
            assert self.path.read_bytes() == before
            event("refused")
            return
        request.apply(change, commit=False)
        event(f"took {transition}")
        self.day = when
        self.entries += 1

    @rule(data=st.data())
    def likely_step(self, data: st.DataObject) -> None:
        """Mostly-legal steps, so walks reach the far states (release, rejection …)."""
        repo = load_repository(self.root, [self.root / "organisation.yaml",
                                           self.root / "process.yaml", self.path])
        req = repo.requests[self.rid]
        assert repo.process is not None
        options = [t for t in repo.process.transitions.values()
                   if req.state in t.sources and t.id != "withdraw"]
        if not options:
            return
        t = data.draw(st.sampled_from(options))
        fitting = [m for m in MEMBERS if m[1] in t.by or (m[1] == "AG-UTV" and "AG" in t.by)]
        member = data.draw(st.sampled_from(fitting or MEMBERS))
        complete = data.draw(st.booleans()) or data.draw(st.booleans())
        r = t.requires
        self.step(t.id, member,
                  scope=data.draw(st.sampled_from(["within-plan", "next-year", "beyond-plan"]))
                  if r.scope else None,
                  decisions=("DEC-2025-0004", "DEC-2025-0003") if complete and (
                      r.decisions_all_of or r.decisions_one_of) else (),
                  subregion="FYRBODAL" if complete and r.subregion else None,
                  outcome=r.outcome if complete else None,
                  note="Motivering." if complete and r.note else None, gap=1)

    @rule(member=st.sampled_from(MEMBERS[:1]))
    def add_note(self, member: tuple[str, str]) -> None:
        request.apply(request.note(self.root, self.rid, request.Actor(*member), self.day,
                                   "Anteckning."), commit=False)
        self.entries += 1

    @invariant()
    def file_validates_and_history_only_grows(self) -> None:
        errors = request.check_change(self.root, self.path,
                                      self.path.read_text(encoding="utf-8"), 2025)
        assert errors == []
        repo = load_repository(self.root, [self.path])
        assert len(repo.requests[self.rid].history) == self.entries


ProcessMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=25,
                                            deadline=None)
TestProcessMachine = ProcessMachine.TestCase
