"""The save loader, fuzzed: whatever the bytes, a clear SaveFormatError or a valid game, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.agents.registry import make
from game.errors import SaveFormatError
from game.match import Match
from game.record import save
from game.record.scenario_copy import scenario_source
from game.scenario.preferences import Side

from .conftest import FIXTURES, TINY, rules_for

FUZZ = settings(
    max_examples=120, deadline=dt.timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _valid() -> bytes:
    scenario, copy = scenario_source(str(TINY))
    rules = rules_for(TINY)
    state = Match(rules, {Side.US: make("ai:boulware"), Side.USSR: make("ai:conceder")}, 7).play()
    header = save.new_header(scenario, copy, 7, {"us": "ai:boulware", "ussr": "ai:conceder"})
    return save.to_text(save.Record(header, state.moves, copy), rules).encode()


VALID = _valid()
LINES = VALID.split(b"\n")
FOLDER = Path(tempfile.mkdtemp(prefix="save-fuzz-"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


def _load(data: bytes) -> None:
    path = FOLDER / "fuzzed.yaml"
    path.write_bytes(data)
    try:
        record, rules, state = save.load(path)
    except SaveFormatError as exc:
        message = str(exc)
        assert message and "Traceback" not in message and len(message.splitlines()[0]) < 600
        return
    assert state.turn == len(record.moves) and rules.scenario.meta.id == record.header.scenario_id


@FUZZ
@given(st.data())
def test_bytes_flipped_inserted_or_cut(data: st.DataObject) -> None:
    raw = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if action == "flip" and at < len(raw):
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "insert":
            raw[at:at] = data.draw(st.binary(max_size=20))
        elif action == "delete":
            del raw[at : at + data.draw(st.integers(1, 50))]
        else:
            del raw[at:]
    _load(bytes(raw))


@FUZZ
@given(st.integers(0, len(LINES) - 1), json_values)
def test_any_line_replaced_by_any_json(index: int, value: Any) -> None:
    lines = list(LINES)
    lines[index] = save.PREFIX.encode() + json.dumps(value).encode()
    _load(b"\n".join(lines))


@FUZZ
@given(st.sampled_from(["n", "move", "kind", "package", "issue", "value", "argument", "seed", "players"]), json_values)
def test_any_field_of_a_move_or_the_header_set_to_any_json(key: str, value: Any) -> None:
    lines = list(LINES)
    for i, raw in enumerate(lines):
        if not raw.startswith(save.PREFIX.encode()):
            continue
        item = json.loads(raw[len(save.PREFIX) :])
        target = item.get("move", item) if isinstance(item, dict) else item
        if isinstance(target, dict) and key in target:
            target[key] = value
            lines[i] = save.PREFIX.encode() + json.dumps(item).encode()
    _load(b"\n".join(lines))


@FUZZ
@given(st.text(max_size=400))
def test_any_text_as_an_older_save(text: str) -> None:
    old = (FIXTURES / "saves" / "v1-warm-up.yaml").read_text(encoding="utf-8")
    _load((text + old[len(text) // 2 :]).encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(st.binary(max_size=300), st.integers(0, len(VALID)), st.booleans())
def test_the_load_list_summarises_any_file_without_raising(junk: bytes, at: int, tail: bool) -> None:
    from game.record import slots

    path = FOLDER / "listed.yaml"
    path.write_bytes(VALID[:at] + junk + (VALID[at:] if tail else b""))
    summary = slots.summary(path)
    assert summary.problem or summary.scenario_id == "tiny"
