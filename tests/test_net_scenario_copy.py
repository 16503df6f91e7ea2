"""A class plays a scenario its students' computers do not have: the server sends each seat the scenario's
text with the other side's confidential parts replaced by placeholders during the talks, and the whole
scenario once they are over; the client reads each as untrusted input. On a real server on 127.0.0.1 with
a scenario that exists only in the teacher's folder."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.net.client import Client
from game.net.seat_copy import HIDDEN, SeatCopyError, seat_scenario, seat_text
from game.paths import SCENARIO_DIR
from game.record import save
from game.record.rules_digest import rules_digest
from game.scenario.loader import check_text, load_scenario
from game.scenario.preferences import Side, Space
from tests.conftest import SHIPPED, TINY
from tests.net_helpers import Server, play

ONLY_HERE = "taught-only-here"
SECRET = {"us": "WASHINGTON-EYES-ONLY", "ussr": "MOSCOW-EYES-ONLY"}


def teachers_scenario() -> str:
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    data["meta"]["id"] = ONLY_HERE
    for side, word in SECRET.items():
        data["sides"][side]["brief"] += f"\n\n{word}: hold at all costs."
    data["issues"][0]["max"] = 1100  # other rules than any scenario the students have
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = Path(tmp_path_factory.mktemp("own-scenario"))
    (folder / f"{ONLY_HERE}.yaml").write_text(teachers_scenario(), encoding="utf-8")
    s = Server(folder, ("--start", "--scenario", str(folder / f"{ONLY_HERE}.yaml"))).start()
    yield s
    s.kill()


class Recording(Client):
    """Keeps what it is sent during the talks (once they are over, the debrief may show both sides)."""

    def _handle(self, msg: dict[str, Any]) -> None:
        super()._handle(msg)
        if self.state is None or not self.state.over:
            self.raw = [*getattr(self, "raw", []), json.dumps(msg, ensure_ascii=False)]


def test_a_class_plays_a_scenario_only_the_server_has(server: Server, tmp_path: Path) -> None:
    assert not (SCENARIO_DIR / f"{ONLY_HERE}.yaml").exists()
    before = sorted(p.name for p in SCENARIO_DIR.iterdir())

    async def run() -> list[Recording]:
        a = await Recording.join(server.address, server.code, "Ilse")
        b = await Recording.join(server.address, server.code, "Jonas")
        await asyncio.gather(play(a), play(b))
        await a.close()
        await b.close()
        return [a, b]

    clients = asyncio.run(run())
    for c in clients:
        assert c.rules is not None and c.rules.scenario.meta.id == ONLY_HERE and c.side is not None
        assert c.state is not None and c.state.over
        mine, theirs = SECRET[c.side.value], SECRET[c.side.other.value]
        seated = next(m for m in c.raw if '"type":"seated"' in m.replace(" ", ""))
        assert mine in seated and theirs not in seated  # its own brief, never the other side's
        assert not any(theirs in m for m in c.raw)
        assert mine in c.observe().brief.text
        # the game is the same data as a local one: its save carries the scenario as this seat had it
        assert c.copy is not None
        record = save.Record(
            save.new_header(c.rules.scenario, c.copy, c.seat.seed, {"us": "person", "ussr": "person"}),  # type: ignore[union-attr]
            c.state.moves,
            c.copy,
        )
        path = tmp_path / f"{c.side.value}.yaml"
        save.write(path, record, c.rules)
        _, _, replayed = save.load(path)  # on a computer without the scenario: the save carries it
        assert replayed.moves == c.state.moves
    assert clients[0].state.moves == clients[1].state.moves  # type: ignore[union-attr]
    assert sorted(p.name for p in SCENARIO_DIR.iterdir()) == before  # nothing written among the student's own


@pytest.mark.parametrize("path", [TINY, *SHIPPED], ids=lambda p: p.stem)
def test_a_seats_copy_has_the_same_issues_and_none_of_the_other_sides_secrets(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    scenario, _ = load_scenario(str(path))
    for side in Side:
        made = seat_text(text, side)
        assert made is not None
        copy, problems = check_text(made.text, "copy")
        assert copy is not None, problems
        assert rules_digest(copy) == made.digest and Space.of(copy) == Space.of(scenario)
        theirs, mine = (copy.sides.ussr, copy.sides.us) if side is Side.US else (copy.sides.us, copy.sides.ussr)
        real_theirs, real_mine = (
            (scenario.sides.ussr, scenario.sides.us) if side is Side.US else (scenario.sides.us, scenario.sides.ussr)
        )
        assert mine == real_mine  # its own side as the scenario has it
        assert theirs.brief == HIDDEN and real_theirs.brief[:60] not in made.text
        assert not theirs.personas and theirs.domestic.weights is None and theirs.no_deal == 0.0
        assert theirs.domestic.body == real_theirs.domestic.body and theirs.members == real_theirs.members
        space = Space.of(copy)
        for issue, d in zip(space.ids, space.domains, strict=True):
            position = theirs.positions[issue]
            assert (position.red_line, position.weight, position.prefers) == (d.levels[0], 1, "higher")
        for event in copy.events:
            for effect in event.effects:
                if effect.side == side.other.value:
                    assert not (effect.instructions or effect.red_lines or effect.weights or effect.trust)
        for event in scenario.events:
            for effect in event.effects:
                if effect.instructions and effect.side == side.other.value:
                    assert effect.instructions[:60] not in made.text


def _info(text: str, scenario_id: str = ONLY_HERE, digest: str | None = None) -> dict[str, str]:
    if digest is None:
        scenario, _ = check_text(teachers_scenario(), "x")
        assert scenario is not None
        digest = rules_digest(scenario)
    return {"id": scenario_id, "hash": digest, "file": "x.yaml", "text": text}


def deep(n: int) -> str:
    return "a: " + "[" * n + "]" * n


@pytest.mark.parametrize(
    "info, words",
    [
        (_info("meta: {id: x}\n"), "not a valid scenario"),
        (_info(teachers_scenario().replace("max: 1100", "max: 1200")), "not the one it says"),  # other rules
        (_info(teachers_scenario(), digest="0" * 16), "not the one it says"),
        (_info(teachers_scenario().replace(ONLY_HERE, "warm-up"), scenario_id="warm-up"), "not the one it says"),
        (_info("x: " + "y" * 600_000), "over the limit"),
        (_info(deep(5000)), "not a valid scenario"),
        (
            _info(
                "a: &a [x, x, x, x, x, x, x, x, x]\n"
                + "".join(
                    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
                )
            ),
            "not a valid scenario",
        ),
        (_info("!!python/object/apply:os.system ['touch /tmp/pwned']"), "not a valid scenario"),
        (_info(""), "does not have"),
        ({"id": "../../etc/passwd", "hash": "0" * 16}, "unusable id"),
        ({"id": ONLY_HERE, "hash": "not hex"}, "no usable digest"),
        ({**_info(teachers_scenario()), "seat_hash": "0" * 16}, "not the one it says"),  # not the seat's copy named
        ({**_info(teachers_scenario()), "seat_hash": "no"}, "no usable digest"),
        ([1, 2], "named no scenario"),
    ],
    ids=[
        "garbage",
        "other-rules",
        "wrong-digest",
        "posing-as-a-shipped-one",
        "huge",
        "deep",
        "aliases",
        "python-tag",
        "no-text",
        "path",
        "digest",
        "seat-digest",
        "bad-seat-digest",
        "not-a-mapping",
    ],
)
def test_a_hostile_scenario_from_a_server_is_refused_in_words(info: Any, words: str) -> None:
    began = time.monotonic()
    with pytest.raises(SeatCopyError, match=words):
        seat_scenario(info, Side.US)
    assert time.monotonic() - began < 2.0
    assert not Path("/tmp/pwned").exists()


def test_a_copy_from_the_server_is_kept_by_its_digest_and_the_students_own_file_wins() -> None:
    text = teachers_scenario()
    found = seat_scenario(_info(text), Side.US)
    assert found.rules.scenario.meta.id == ONLY_HERE and found.copy.text == text and found.whole
    again = seat_scenario(_info(text), Side.US)
    assert again.rules is found.rules  # read once
    other = seat_scenario(_info(text.replace("hold at all costs", "hold")), Side.USSR)
    assert other.rules is not found.rules  # the same rules, other prose: each seat's own
    made = seat_text(text, Side.US)
    assert made is not None
    seat = seat_scenario({**_info(made.text), "seat_hash": made.digest}, Side.US)
    assert not seat.whole and seat.rules.scenario.sides.ussr.brief == HIDDEN
    # during the talks the seat's copy is used even where this computer has the scenario: its own file
    # is the whole one only if the whole scenario's digest says so, which the server sends after the talks
    shipped_text = (SCENARIO_DIR / "warm-up.yaml").read_text()
    warm = seat_text(shipped_text, Side.USSR)
    assert warm is not None
    during = seat_scenario({"id": "warm-up", "text": warm.text, "seat_hash": warm.digest}, Side.USSR)
    assert not during.whole and during.copy.text == warm.text
    shipped, _ = load_scenario("warm-up")
    own = seat_scenario({"id": "warm-up", "hash": rules_digest(shipped), "text": "not read"}, Side.US)
    assert own.rules.scenario.meta.id == "warm-up" and own.whole
    assert own.copy.text == (SCENARIO_DIR / "warm-up.yaml").read_text()
