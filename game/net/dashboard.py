"""The teacher's dashboard: the page, its live feed, its buttons, and the class's report and saves.

Everything but the page itself needs the teacher's token (the page reads it from the address's
fragment, `#t=TOKEN`, which browsers never send to the server). The report is the project's own
class report (`game.report.class_report`) over the tables' saves, with the students' names and
each row linked to that table's record of conversation (`game.record.export`).
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import re
import zipfile
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from statistics import fmean
from typing import Any

from aiohttp import WSMsgType, web

from game.engine.moves import FireEvent
from game.net.classroom import Classroom, Refused
from game.net.protocol import MAX_MESSAGE_BYTES, ProtocolError, parse_fire
from game.net.store import name_key
from game.net.table import Table, scenario, student
from game.record.export import export_html
from game.report import class_report, class_report_html, class_report_text
from game.report.scenario import ScenarioReport
from game.report.scenario import report as scenario_report
from game.scenario.preferences import Side

PUSH_EVERY = 0.5
"""Seconds between live updates of the dashboards at most (a busy class changes many times a second)."""


def snapshot(room: Classroom) -> dict[str, Any]:
    tables = [_table(room, t) for t in room.tables.values()]
    return {
        "class": room.name,
        "code": room.code,
        "started": room.started,
        "paused": room.paused,
        "ended": room.ended,
        "lobby": [room.students[k].name for k in room.waiting],
        "events": [{"id": i, "title": title} for i, title in room.events()],
        "sides": room.side_names(),
        "tables": tables,
        "standings": standings(room, tables),
    }


def _seat(room: Classroom, table: Table, side: Side) -> dict[str, Any]:
    name = student(table.players[side])
    if name is None:
        return {"name": table.players[side], "kind": "agent", "connected": True, "thinking": table.thinking}
    s = room.students[name_key(name)]
    return {"name": s.name, "kind": "student", "connected": s.link is not None, "thinking": s.thinking}


def _table(room: Classroom, table: Table) -> dict[str, Any]:
    state = table.state
    count, latest = table.proposals(2)
    return {
        "id": table.id,
        "us": _seat(room, table, Side.US),
        "ussr": _seat(room, table, Side.USSR),
        "date": table.meeting_date(),
        "phase": table.phase(room.started),
        # a fired event is the teacher's, not a delegation's: it is in "fired", not in the count of moves
        "moves": sum(1 for m in state.moves if not isinstance(m, FireEvent)),
        "to_move": None if state.over else state.to_move.value,
        "fired": list(state.fired),
        "proposals": latest,
        "proposal_count": count,
        "scores": {side.value: table.standing_score(side) for side in Side},
    }


def standings(room: Classroom, tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every student's score (final, or what accepting the standing offer would give), against the mean
    of the same side in the same scenario: a US player is compared with the other US players.
    `tables`: the snapshot's rows of the tables (their scores are computed once)."""
    rows = []
    for row in tables:
        t = room.tables[row["id"]]
        for side in Side:
            value = row["scores"][side.value]
            if value is not None and not t.is_agent(side):
                rows.append(
                    {
                        "name": row[side.value]["name"],
                        "table": t.id,
                        "side": side.value,
                        "scenario": t.scenario_name,
                        "score": value,
                        "final": row.get("to_move", "") is None,  # no one to move: the game is over
                    }
                )
    groups: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        groups.setdefault((row["side"], row["scenario"]), []).append(row["score"])
    means = {key: fmean(scores) for key, scores in groups.items()}
    for row in rows:
        row["adjusted"] = round(row["score"] - means[row["side"], row["scenario"]], 1)
    return sorted(rows, key=lambda r: -r["adjusted"])


async def push_loop(room: Classroom) -> None:
    while True:
        await asyncio.sleep(PUSH_EVERY)
        if room.dirty and room.dashboards:
            room.dirty = False
            text = json.dumps({"type": "snapshot", **snapshot(room)})
            for link in list(room.dashboards):
                link.send(text)


# ----- HTTP -----------------------------------------------------------------------------------


def _check(room: Classroom, request: web.Request) -> None:
    token = request.headers.get("X-Teacher-Token") or request.query.get("t", "")
    if not room.teacher(token):
        raise web.HTTPForbidden(text="the teacher's token is needed for this")


def routes(app: web.Application, key: web.AppKey[Classroom]) -> None:
    async def page(request: web.Request) -> web.Response:
        text = resources.files("game.net").joinpath("dashboard.html").read_text(encoding="utf-8")
        return web.Response(text=text, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def feed(request: web.Request) -> web.WebSocketResponse:
        from game.net.server import WsLink  # the server imports this module

        room = request.app[key]
        ws = web.WebSocketResponse(max_msg_size=4096, heartbeat=15.0)
        await ws.prepare(request)
        try:
            first = await ws.receive(timeout=10.0)
            token = json.loads(first.data).get("token", "") if first.type is WSMsgType.TEXT else ""
        except (TimeoutError, ValueError, AttributeError, TypeError):
            token = ""
        if not isinstance(token, str) or not room.teacher(token):
            await ws.close(code=4003, message=b"the teacher's token is needed")
            return ws
        link = WsLink(ws, f"dashboard {request.remote}")
        room.dashboards.add(link)
        link.send(json.dumps({"type": "snapshot", **snapshot(room)}))
        try:
            async for _ in ws:
                pass  # the buttons are plain POSTs; this socket only feeds the page
        finally:
            room.dashboards.discard(link)
            await link.finish()
        return ws

    async def action(request: web.Request) -> web.Response:
        room = request.app[key]
        _check(room, request)
        name = request.match_info["action"]
        if name == "start":
            room.start()
        elif name in ("pause", "resume"):
            room.pause(name == "pause")
        elif name == "end":
            room.end()
        else:
            raise web.HTTPNotFound(text=f"no action {name!r}")
        return web.json_response({"ok": True, "started": room.started, "paused": room.paused, "ended": room.ended})

    async def report_html(request: web.Request) -> web.Response:
        room = request.app[key]
        _check(room, request)
        link = "records/{name}.html?t=" + request.query.get("t", "")
        text = await asyncio.get_running_loop().run_in_executor(None, lambda: report_page(class_games(room), link))
        return web.Response(text=text, content_type="text/html")

    async def report_csv(request: web.Request) -> web.Response:
        room = request.app[key]
        _check(room, request)
        text = await asyncio.get_running_loop().run_in_executor(
            None, lambda: report_table(class_games(room), "records/{name}.html")
        )
        return web.Response(text=text, content_type="text/csv", headers=_attachment(f"{room.name}-report.csv"))

    async def saves_zip(request: web.Request) -> web.Response:
        room = request.app[key]
        _check(room, request)
        data = await asyncio.get_running_loop().run_in_executor(None, zip_all, room)
        return web.Response(body=data, content_type="application/zip", headers=_attachment(f"{room.name}-saves.zip"))

    async def record(request: web.Request) -> web.Response:
        room = request.app[key]
        _check(room, request)
        match = re.fullmatch(r"table-(\d{1,6})", request.match_info["name"])
        table = room.tables.get(int(match.group(1))) if match else None
        if table is None:
            raise web.HTTPNotFound(text="no such table")
        return web.Response(text=record_html(table), content_type="text/html")

    async def fire(request: web.Request) -> web.Response:
        room = request.app[key]
        _check(room, request)
        try:
            wanted = parse_fire(await request.content.read(MAX_MESSAGE_BYTES))
            fired = room.fire(wanted.event, wanted.table)
        except ProtocolError as exc:
            raise web.HTTPBadRequest(text=str(exc)) from exc
        except Refused as exc:
            status = {"unknown_event": 400, "no_table": 404}.get(exc.code, 409)
            return web.json_response({"error": exc.code, "message": str(exc)}, status=status)
        return web.json_response({"ok": True, "event": wanted.event, "tables": fired})

    app.router.add_get("/", page)
    app.router.add_get("/dashboard/feed", feed)
    app.router.add_post("/api/event", fire)
    app.router.add_post("/api/{action}", action)
    app.router.add_get("/report.html", report_html)
    app.router.add_get("/report.csv", report_csv)
    app.router.add_get("/saves.zip", saves_zip)
    app.router.add_get("/records/{name}.html", record)


def _attachment(name: str) -> dict[str, str]:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return {"Content-Disposition": f'attachment; filename="{safe}"'}


# ----- the report, with names --------------------------------------------------------------------


def record_html(table: Table) -> str:
    return export_html(table.rules, table.state, table.record().header)


@cache
def _analysis(name: str) -> ScenarioReport:
    sc = scenario(name)
    return scenario_report(sc.rules.scenario, sc.copy.file)


def class_games(room: Classroom) -> class_report.ClassReport:
    """The class report's games, straight from the tables (the saves hold the same), with each seat's
    student (or agent) instead of 'person'."""
    rows: dict[str, list[class_report.GameRow]] = {}
    for t in list(room.tables.values()):  # the report is built off the event loop
        row = class_report.game_row(room.save_path(t).name, t.record(), t.rules, t.state, _analysis(t.scenario_name))
        names = tuple(student(t.players[side]) or t.players[side] for side in Side)
        rows.setdefault(t.scenario_name, []).append(replace(row, players=(names[0], names[1])))
    groups = (class_report.ScenarioGames(_analysis(name), tuple(games)) for name, games in rows.items())
    return class_report.ClassReport(tuple(groups), ())


def report_page(report: class_report.ClassReport, link: str) -> str:
    """The class report as HTML, each game's file linked to its record (`link` has {name})."""
    images, note = class_report_html.plots(report)
    text = class_report_html.format_html(report, images, note)
    # the file cells name the server's own saves, table-NN.yaml: nothing a student typed
    return re.sub(
        r"<td>(table-(\d+))\.yaml</td>",
        lambda m: f'<td><a href="{html.escape(link.format(name=m.group(1)))}">{m.group(1)}.yaml</a></td>',
        text,
    )


def report_table(report: class_report.ClassReport, link: str) -> str:
    rows = class_report_text.csv_rows(report)
    for row in rows:
        row["record"] = link.format(name=Path(row["file"]).stem)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def zip_all(room: Classroom) -> bytes:
    """Every table's save and record of conversation, and the class report that links them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in room.write_saves():
            z.write(path, f"saves/{path.name}")
        for table in list(room.tables.values()):
            z.writestr(f"records/table-{table.id:02d}.html", record_html(table))
        report = class_games(room)
        z.writestr("report.html", report_page(report, "records/{name}.html"))
        z.writestr("report.csv", report_table(report, "records/{name}.html"))
    return buffer.getvalue()
