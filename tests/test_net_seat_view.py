"""Nothing a seat's connection receives during the talks holds the other delegation's confidential data:
its brief, its private instructions, its preferences (weights, value functions, red lines, no-deal value),
its personas, its home front. Every frame is recorded on a real server on 127.0.0.1, for a teacher's own
scenario with distinctive numbers and for the shipped april-1990; once the talks are over the debrief may
show both sides, as a local game's does."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine import Accept, ConsultCapital, Propose
from game.errors import CruiseControlError
from game.net import remote
from game.net.client import Client
from game.net.view import ViewError, read_view, state_of, view_of
from game.record import save
from game.record.rules_digest import rules_digest
from game.scenario.loader import check_text, load_scenario
from game.scenario.preferences import Side
from tests.net_helpers import Server, play
from tests.test_net_rejoin import until

PROBE = "seat-probe"
PROBE_YAML = """\
format_version: 1
meta:
  id: seat-probe
  title: A scenario with secrets to keep
  date: 1990-04-20
  summary: Each side's numbers are distinctive, so that a leak shows in the traffic.
calendar:
  first_to_move: ussr
  meetings:
    - {id: first, title: First meeting, date: 1990-04-20, exchanges: 10}
    - {id: second, title: Second meeting, date: 1990-05-05, exchanges: 10}
  deadline: {title: Summit, date: 1990-05-30}
issues:
  - {id: range, kind: numeric, name: Range, description: How far., min: 1000, max: 2000, step: 1, unit: km}
  - {id: form, kind: options, name: Legal form, description: How bound., options: [political, legal]}
  - {id: checks, kind: yesno, name: Inspections, description: On site.}
sides:
  us:
    name: United States
    short: US
    members: [{name: James Baker, role: Secretary of State, lead: true}]
    brief: "US-ZEBRA-SENTENCE: the zebra crosses at midnight."
    no_deal: 0.2371
    trust: 0.6173
    positions:
      range: {opening: 1900, target: 1600, red_line: 1237, weight: 2.718, prefers: higher}
      form: {opening: political, target: political, red_line: legal, weight: 1.414, prefers: lower}
      checks: {opening: true, target: true, red_line: false, weight: 0.577, values: {true: 0.913, false: 0.0}}
    domestic:
      body: US Senate
      threshold: 0.6543
      support_at_worst: 0.3217
      support_at_best: 0.9123
      weights: {range: 4.321, form: 1.987}
      note: US-SENATE-NOTE-QUAGGA
    personas:
      - {id: zebra-hawk, name: Zebra Hawk, description: US-PERSONA-OKAPI, strategy: boulware, firm: {range: 1241}}
  ussr:
    name: Soviet Union
    short: USSR
    members: [{name: Viktor Karpov, role: Deputy Foreign Minister, lead: true}]
    brief: "USSR-WALRUS-SENTENCE: the walrus sleeps at noon."
    no_deal: 0.1893
    trust: 0.4417
    positions:
      range: {opening: 1100, target: 1200, red_line: 1263, weight: 3.141, prefers: lower}
      form: {opening: legal, target: legal, red_line: political, weight: 1.732, prefers: higher}
      checks: {opening: false, target: false, red_line: true, weight: 0.693, prefers: lower}
    domestic:
      body: Supreme Soviet
      threshold: 0.5431
      support_at_worst: 0.2719
      support_at_best: 0.8867
      weights: {range: 3.579, checks: 2.468}
      note: USSR-SOVIET-NOTE-NARWHAL
    personas:
      - {id: walrus-dove, name: Walrus Dove, description: USSR-PERSONA-TAPIR, strategy: linear, firm: {range: 1259}}
arguments:
  - {id: salt2, side: ussr, title: The SALT II line, text: A public argument., targets: [range], effect: 0.2}
events:
  - id: moscow-cables
    title: Moscow cables
    news: Moscow cables the delegation.
    trigger: {condition: {consulted: ussr}}
    effects:
      - {side: ussr, red_lines: {range: 1277}, weights: {range: 1.777}, trust: -0.0321, instructions: "USSR-CABLE-MARMOT"}
      - {side: us, support: -0.0456}
"""

SECRETS = {
    "us": ["US-ZEBRA", "US-SENATE-NOTE", "US-PERSONA", "zebra-hawk", "1237", "1241", "2.718", "1.414", "0.577",
           "0.913", "0.2371", "0.6173", "0.6543", "0.3217", "0.9123", "4.321", "1.987", "0.0456"],
    "ussr": ["USSR-WALRUS", "USSR-SOVIET-NOTE", "USSR-PERSONA", "USSR-CABLE", "walrus-dove", "1263", "1259",
             "1277", "3.141", "1.732", "0.693", "0.1893", "0.4417", "0.5431", "0.2719", "0.8867", "3.579", "2.468",
             "1.777", "0.0321"],
}  # fmt: skip
"""Per side, what the other seat must not receive while the talks go on: words as they are, numbers where no
longer number holds them (a value 0.12371 is not the no-deal value 0.2371)."""


def found(secret: str, text: str) -> bool:
    if re.fullmatch(r"[\d.]+", secret):
        return re.search(rf"(?<![\d.]){re.escape(secret)}(?!\d)", text) is not None
    return secret in text


class Recording(Client):
    """A client that keeps every frame the server sends it, and whether the talks were over once it was read."""

    def _handle(self, msg: dict[str, Any]) -> None:
        super()._handle(msg)
        frames = getattr(self, "frames", [])
        over = self.state is not None and self.state.over
        self.frames = [*frames, (over, json.dumps(msg, ensure_ascii=False))]

    def during(self) -> str:
        return "\n".join(text for over, text in self.frames if not over)

    def after(self) -> str:
        return "\n".join(text for over, text in self.frames if over)


@pytest.fixture(scope="module")
def probe_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = Path(tmp_path_factory.mktemp("seat-probe"))
    (folder / f"{PROBE}.yaml").write_text(PROBE_YAML, encoding="utf-8")
    s = Server(folder, ("--start", "--scenario", str(folder / f"{PROBE}.yaml"))).start()
    yield s
    s.kill()


def test_a_seat_receives_none_of_the_other_sides_secrets_in_a_teachers_scenario(
    probe_server: Server, tmp_path: Path
) -> None:
    async def run() -> tuple[Recording, Recording]:
        a = await Recording.join(probe_server.address, probe_server.code, "Ilse")
        b = await Recording.join(probe_server.address, probe_server.code, "Jonas")
        await a.wait(lambda: a.state is not None)
        await b.wait(lambda: b.state is not None)
        us, ussr = (a, b) if a.side is Side.US else (b, a)
        assert ussr.my_turn and ussr.rules is not None
        space = ussr.rules.space
        await ussr.play(ConsultCapital())  # Moscow's cable: a new red line, new weights, private instructions
        await us.wait(lambda: us.my_turn)
        assert ussr.state is not None and "moscow-cables" in ussr.state.fired
        assert "USSR-CABLE-MARMOT" in ussr.observe().brief.instructions
        assert us.state is not None and "moscow-cables" in us.state.fired
        await us.play(Propose(space.package({"range": 1800, "form": "political", "checks": True})))
        await ussr.wait(lambda: ussr.my_turn)
        await ussr.play(Propose(space.package({"range": 1250, "form": "legal", "checks": False})))
        await us.wait(lambda: us.my_turn)
        obs = us.observe()
        assert obs.preferences.red_lines[0] == space.domains[0].index(1237)  # its own, as its brief says
        assert "US-ZEBRA-SENTENCE" in obs.brief.text and obs.can_accept
        await us.play(Accept())
        assert us.state is not None and us.state.over and len(us.state.ratification) == 2  # as the server drew them
        for c in (us, ussr):
            await c.wait(lambda c=c: c.state is not None and c.state.over)
        await asyncio.sleep(0.2)
        for c in (us, ussr):
            await c.close()
        return us, ussr

    clients = asyncio.run(run())
    whole_digest = rules_digest(check_text(PROBE_YAML, "probe")[0])  # type: ignore[arg-type]
    for c in clients:
        assert c.side is not None and c.state is not None and c.rules is not None
        during = c.during()
        leaked = [s for s in SECRETS[c.side.other.value] if found(s, during)]
        assert whole_digest not in during  # the other side's numbers could be guessed against it
        assert not leaked, f"the {c.side.value} seat received the other side's {leaked} during the talks"
        own = [s for s in SECRETS[c.side.value] if s.isupper() or "-" in s]
        assert all(found(s, during) for s in own if "CABLE" not in s and "NOTE" not in s and "PERSONA" not in s)
        # the talks are over: the debrief has both sides, as a local game's
        assert c.state.ratification and len(c.state.ratification) == 2
        assert c.rules.scenario.sides.us.no_deal == 0.2371 and c.rules.scenario.sides.ussr.no_deal == 0.1893
        assert any(found(s, c.after()) for s in SECRETS[c.side.other.value])
        # and its save is a whole one, which replays to the same game
        assert c.copy is not None and c.seat is not None
        record = save.Record(
            save.new_header(c.rules.scenario, c.copy, c.seat.seed, {"us": "person", "ussr": "person"}),
            c.state.moves,
            c.copy,
        )
        path = tmp_path / f"{c.side.value}.yaml"
        save.write(path, record, c.rules)
        _, _, replayed = save.load(path)
        assert replayed.moves == c.state.moves and replayed.scores == c.state.scores
    us, ussr = clients
    assert us.state == ussr.state  # both hold the server's game
    assert us.state is not None and us.state.scores == ussr.state.scores  # type: ignore[union-attr]


def _scenario_texts(during: list[dict[str, Any]]) -> list[dict[str, Any]]:
    texts = []
    for msg in during:
        sc = msg.get("scenario")
        if isinstance(sc, dict) and isinstance(sc.get("text"), str):
            texts.append(yaml.safe_load(sc["text"]))
    return texts


def test_a_seat_receives_none_of_the_other_sides_secrets_in_april_1990(tmp_path: Path) -> None:
    server = Server(tmp_path, ("--start",)).start()
    real, _ = load_scenario("april-1990")

    async def run() -> list[Recording]:
        a = await Recording.join(server.address, server.code, "Ada")
        b = await Recording.join(server.address, server.code, "Boris")
        await asyncio.gather(play(a, "ai:linear"), play(b, "ai:conceder"))
        for c in (a, b):
            await c.wait(lambda c=c: c.state is not None and c.state.over)
            await c.close()
        return [a, b]

    try:
        clients = asyncio.run(run())
    finally:
        server.kill()
    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "scenarios" / "april-1990.yaml").read_text())
    ids = real.side_ids
    for c in clients:
        assert c.side is not None and c.state is not None and c.state.over
        other = real.sides.ussr if c.side is Side.US else real.sides.us
        raw_other = data["sides"][ids[c.side.other.index]]
        during = c.during()
        assert rules_digest(real) not in during
        assert other.brief[:80] not in during and raw_other["brief"]["en"][:80] not in during
        for persona in other.personas:
            assert not re.search(rf"(?<![\w-]){re.escape(persona.id)}(?![\w-])", during), persona.id
        for copy in _scenario_texts([json.loads(t) for over, t in c.frames if not over]):
            theirs = copy["sides"][ids[c.side.other.index]]
            for issue, position in raw_other["positions"].items():
                got = theirs["positions"][issue]
                assert (got.get("red_line"), got.get("weight")) != (position["red_line"], position["weight"])
            assert theirs["no_deal"] != raw_other["no_deal"]
            assert theirs["domestic"].get("weights") != raw_other["domestic"]["weights"]
            home = ("threshold", "support_at_worst", "support_at_best")
            assert [theirs["domestic"].get(k) for k in home] != [raw_other["domestic"][k] for k in home]
            for event in copy.get("events") or []:
                for effect in event.get("effects") or []:
                    if effect.get("side") == ids[c.side.other.index]:
                        assert not ({"red_lines", "weights", "instructions"} & set(effect)), event["id"]
        # the views of the game carry only this side's red lines and weights
        for over, text in c.frames:
            view = json.loads(text).get("view")
            if not over and isinstance(view, dict):
                assert len(view["red_lines"]) == len(real.issues)
    a, b = clients
    assert a.state == b.state


def test_a_window_on_a_teachers_scenario_resumes_after_a_restart_and_saves_once_the_talks_are_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server is killed mid-game and started again; the window rejoins by itself with the same game
    (and only its own side's numbers), refuses to save while it has only the seat's copy, and saves a
    whole game once the talks are over."""
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    monkeypatch.setattr(remote, "RETRY", 0.2)
    (tmp_path / f"{PROBE}.yaml").write_text(PROBE_YAML, encoding="utf-8")
    server = Server(tmp_path, ("--start", "--scenario", str(tmp_path / f"{PROBE}.yaml"))).start()
    window = remote.RemoteSession(server.address, server.code, "Ada")

    async def run() -> None:
        other = await Client.join(server.address, server.code, "Boris")
        await until(lambda: window.seated, 10)
        assert window.client is not None and window.client.rules is not None
        space = window.client.rules.space
        us_first = window.side is Side.US
        if not us_first:  # the window plays the USSR, which speaks first
            await asyncio.get_running_loop().run_in_executor(None, window.submit, ConsultCapital())
        await other.wait(lambda: other.my_turn)
        await other.play(Propose(space.package({"range": 1250, "form": "legal", "checks": False}))) if us_first else (
            await other.play(Propose(space.package({"range": 1800, "form": "political", "checks": True})))
        )
        await until(lambda: window.client is not None and window.client.my_turn, 10)
        with pytest.raises(CruiseControlError, match="once they are over"):
            window.save_as(tmp_path / "mid.yaml")
        before = window.client.state
        assert before is not None
        server.kill()
        server.start()
        await until(lambda: window.client is not None and window.client.closed is None and window.seated, 20)
        await until(lambda: window.client is not None and window.client.my_turn, 20)
        assert window.client.state is not None and window.client.state.moves == before.moves
        window.poll_ai()  # the table looks
        assert window.client.state.log == before.log and window.state.moves == before.moves
        mine = window.observe(window.side)
        assert mine.preferences.red_lines == before.red_lines[window.side.index]
        await other.close()
        other_again = await Client.join(server.address, server.code, "Boris", other.token)
        await other_again.wait(lambda: other_again.state is not None)
        if us_first:  # the window (US) answers the Soviet offer by accepting it
            await asyncio.get_running_loop().run_in_executor(None, window.submit, Accept())
        else:  # the window (USSR) offers what the US may accept, and the US accepts
            offer = Propose(space.package({"range": 1250, "form": "legal", "checks": False}))
            await asyncio.get_running_loop().run_in_executor(None, window.submit, offer)
            await other_again.wait(lambda: other_again.my_turn)
            await other_again.play(Accept())
        await until(
            lambda: window.client is not None and window.client.state is not None and window.client.state.over, 10
        )
        await other_again.close()

    try:
        asyncio.run(run())
        assert window.poll_ai() or window.state.over
        state = window.state
        assert state.over and len(state.ratification) == 2
        window.save_as(tmp_path / "after.yaml")
        _, _, replayed = save.load(tmp_path / "after.yaml")
        assert replayed.moves == state.moves and replayed.scores == state.scores
    finally:
        window.close()
        server.kill()


def _view(**changes: Any) -> dict[str, Any]:
    from game.engine.rules import Rules

    rules = Rules(load_scenario("april-1990")[0])
    data = view_of(rules.initial(3), Side.US)
    return {**data, **changes}


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"turn": "1"}, "cannot read"),
        ({"turn": True}, "cannot read"),
        ({"red_lines_of_the_other_side": [1]}, "cannot read"),
        ({"log": [{"turn": 0}] * 3}, "cannot read"),
        ({"tabled": ["x"] * 20_000}, "cannot read"),
        ({"offers": [{"levels": [99] * 7}, None]}, "cannot have (offers)"),
        ({"red_lines": [0]}, "cannot have (red_lines)"),
        ({"meeting": 99}, "cannot have (meeting)"),
        ({"log_start": 5}, "cannot have (log_start)"),
        ({"declared": [[[0, 99]], []]}, "cannot have (declared)"),
        ({"trust": 7.0}, "cannot have (trust)"),
    ],
)
def test_a_hostile_view_from_a_server_is_refused_in_words(changes: dict[str, Any], words: str) -> None:
    from game.engine.rules import Rules

    rules = Rules(load_scenario("april-1990")[0])
    start = rules.initial(3)
    with pytest.raises(ViewError, match=re.escape(words)):
        state_of(read_view(_view(**changes)), rules, Side.US, replace(start, log=()), ())


def test_a_view_with_the_other_sides_instructions_is_refused() -> None:
    from game.engine.rules import Rules
    from game.engine.state import EntryKind, LogEntry

    rules = Rules(load_scenario("april-1990")[0])
    start = rules.initial(3)
    secret = LogEntry(0, 0, EntryKind.INSTRUCTIONS, "not yours", private_to=Side.USSR)
    data = view_of(replace(start, log=(*start.log, secret)), Side.USSR)
    assert data["log"][-1]["text"] == "not yours"
    assert "not yours" not in json.dumps(view_of(replace(start, log=(*start.log, secret)), Side.US))
    with pytest.raises(ViewError, match="cannot have"):
        state_of(read_view(data), rules, Side.US, start, ())


def _end_scenarios(c: Recording) -> list[dict[str, Any]]:
    """The scenario the messages ending the talks named for this seat."""
    return [m["scenario"] for over, text in c.frames if over and "scenario" in (m := json.loads(text))]


def test_a_computer_that_holds_the_scenario_is_not_sent_its_text_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ada's computer holds april-1990 (the shipped file): the talks end with its digest, not its 100 KB. Boris
    claims a scenario of other rules: he hears nothing back while the talks go on (the whole digest is not to
    be confirmed then) and gets the text at the end. Both debriefs are the whole scenario's."""
    from game.net import client as client_module

    real, _ = load_scenario("april-1990")
    server = Server(tmp_path, ("--start",)).start()
    claims = {"Ada": client_module.local_digest("april-1990"), "Boris": "0123456789abcdef"}
    assert claims["Ada"] == rules_digest(real)

    class Claiming(Recording):
        def _tell_held(self, scenario_id: str) -> None:
            monkeypatch.setattr(client_module, "local_digest", lambda _id, name=self.name: claims[name])
            super()._tell_held(scenario_id)

    async def run() -> list[Claiming]:
        a = await Claiming.join(server.address, server.code, "Ada")
        b = await Claiming.join(server.address, server.code, "Boris")
        await asyncio.gather(play(a, "ai:linear"), play(b, "ai:conceder"))
        for c in (a, b):
            await c.wait(lambda c=c: c.state is not None and c.state.over)
            await c.close()
        return [a, b]

    try:
        ada, boris = asyncio.run(run())
    finally:
        server.kill()
    assert [sorted(s) for s in _end_scenarios(ada)] == [["file", "hash", "id"]]
    assert _end_scenarios(ada)[0]["hash"] == rules_digest(real)
    assert "text" in _end_scenarios(boris)[0]
    for c in (ada, boris):
        assert c.whole and c.state is not None and c.state.ratification
        # `holds` is never answered (a `stale` refusal is the helper's `play` racing its own move, now and then)
        assert [code for code, _ in c.errors if code != "stale"] == []
        assert not {"holds", "held"} & {json.loads(text)["type"] for _, text in c.frames}
    assert ada.state == boris.state
