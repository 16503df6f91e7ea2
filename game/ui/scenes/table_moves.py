"""The player's moves at the table: each button's action, with its confirmation where a move is weighty."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game import tutorial
from game.engine.moves import Accept, Adjourn, ConsultCapital, DeclareRedLine, Move, Propose, TableArgument, WalkOut
from game.engine.rules import score
from game.i18n import N_, tr
from game.safe_text import for_html

if TYPE_CHECKING:
    from pygame_gui.elements import UIButton

    from game.ui.scenes.table import TableScene

Spec = tuple[str, Callable[[], None], int, str | None]


def move_specs(t: TableScene) -> list[Spec]:
    """(label, action, key, tooltip) of every button under the table."""
    if t.watch:
        return [
            (
                tr("Resume") if t.paused else tr("Pause"),
                t.toggle_pause,
                pygame.K_SPACE,
                tr("Pause or resume the delegations"),
            ),
            (tr("Step"), t.single_step, pygame.K_n, tr("One move, then pause")),
            (tr("Slower"), lambda: t.set_speed(-1), pygame.K_MINUS, None),
            (tr("Faster"), lambda: t.set_speed(1), pygame.K_EQUALS, None),
            (tr("Menu"), t.menu, pygame.K_m, tr("Save, load, settings, or leave")),
        ]
    return [
        (tr("Propose"), lambda: propose(t), pygame.K_p, tr("Table the package set above")),
        (tr("Accept"), lambda: accept(t), pygame.K_a, tr(ACCEPT_TIP)),
        (
            tr("Red line"),
            lambda: red_line(t),
            pygame.K_r,
            tr("Declare publicly that you will not go beyond the selected issue's value"),
        ),
        (tr("Argue"), lambda: argue(t), pygame.K_g, tr("Table one of your arguments")),
        (
            tr("Consult"),
            lambda: consult(t),
            pygame.K_c,
            tr(
                "Consult your capital: uses {n} exchanges of the meeting, may bring instructions",
                n=t.session.rules.scenario.calendar.consult_cost,
            ),
        ),
        (tr("Adjourn"), lambda: adjourn(t), pygame.K_j, tr("End this meeting now")),
        (tr("Walk out"), lambda: walk_out(t), pygame.K_w, tr("Leave the talks: no agreement")),
        (tr("Brief"), t.brief, pygame.K_b, tr("Your brief: goals, red lines, what you know of theirs, the calendar")),
        (tr("Menu"), t.menu, pygame.K_m, tr("Save, load, settings, or leave")),
    ]


ALWAYS = (pygame.K_b, pygame.K_m)
"""The keys of buttons that work whoever's move it is (the brief, the menu)."""
ACCEPT_TIP = N_("Accept their standing package, ad referendum")


def accept_tip(t: TableScene, button: UIButton) -> None:
    """A closed Accept says why in its tool tip, as the footer does."""
    why = t.view().blocked_words() if t.my_turn else []
    button.set_tooltip(for_html(why[0] if why else tr(ACCEPT_TIP)))


def show_block(t: TableScene) -> bool:
    """Select the issue on which a new offer of theirs crosses the player's red line, so the list scrolls
    to it (once per offer: the player may scroll away); True if it was not selected before."""
    blocked = t.view().blocked if t.my_turn else None
    offer = t.obs.their_offer
    if blocked is None or (offer, blocked) == t.shown_block:
        return False
    t.shown_block = (offer, blocked)
    moved = t.selected != blocked
    t.selected = blocked
    return moved


def consult(t: TableScene) -> None:
    """Consult, asking first when the consultation uses up what is left of the meeting."""
    from game.ui.scenes.dialogs import ConfirmScene

    cost, left = t.session.rules.scenario.calendar.consult_cost, t.obs.exchanges_left
    if cost < left:
        t.submit(ConsultCapital())
        return
    body = tr(
        "A consultation uses {cost} exchanges, and this meeting has {left} left: it ends the meeting, and the "
        "talks go on at the next one.",
        cost=cost,
        left=left,
    )
    t.app.push(
        ConfirmScene(t.app, tr("Consult your capital?"), body, tr("Consult"), lambda: t.submit(ConsultCapital()))
    )


def propose(t: TableScene) -> None:
    t.submit(Propose(t.draft_package()))


def accept(t: TableScene) -> None:
    from game.ui.scenes.dialogs import ConfirmScene

    obs = t.obs
    offer = obs.their_offer
    if offer is None:
        return
    mine = score(obs.utility(offer), obs.preferences.no_deal)
    own = score(obs.utility(t.draft_package()), obs.preferences.no_deal)
    # a bare "38/100" reads as a failing mark: say what the scale measures and what to compare it with
    body = tr(
        "If ratified, their package scores {score}/100 for you: 0 is no better than no deal, 100 is the best "
        "your side could get. Your own proposal scores {own}/100.\n\n{body} support for it: about {support:.0%}; "
        "it needs {threshold:.0%}, or the agreement fails at home and counts as no deal.\n\nThe {them} package:\n"
        "{package}",
        them=obs.public.delegations[t.side.other.index].short,
        package=obs.space.describe(offer, full=True).replace("; ", "\n"),
        score=f"{mine:.0f}",
        own=f"{own:.0f}",
        body=obs.brief.domestic.body,
        support=obs.support(offer),
        threshold=obs.brief.domestic.threshold,
    )
    t.app.push(ConfirmScene(t.app, tr("Accept their package"), body, tr("Accept"), lambda: t.submit(Accept())))


def red_line(t: TableScene) -> None:
    from game.ui.scenes.dialogs import ConfirmScene

    obs = t.obs
    i = t.selected
    level = t.draft_package().levels[i]
    domain = obs.space.domains[i]
    body = tr(
        "Declare publicly that on {issue} you will not go beyond {value}?\n\n"
        "A declared red line makes your position credible. Going back on it later costs you "
        "the other side's trust and support at home.\n\n(Choose the issue with Up/Down and the value with "
        "Left/Right, or the slider, before declaring.)",
        issue=obs.space.names[i],
        value=domain.format(domain.levels[level]),
    )
    t.app.push(
        ConfirmScene(t.app, tr("Declare a red line"), body, tr("Declare"), lambda: t.submit(DeclareRedLine(i, level)))
    )


def argue(t: TableScene) -> None:
    from game.ui.scenes.dialogs import ArgumentScene

    obs = t.obs
    # every card of this side's, those no longer true of its offer greyed (they cannot be tabled)
    cards = [a for a in obs.public.arguments if a.side == t.side.value]
    stale = [a.id for a in cards if a.id not in obs.my_arguments]
    coach = t.app.coach
    first = (
        tutorial.fitting_card(t.session.rules, t.session.state)
        if coach is not None and coach.step.id == "argument"
        else ""
    )
    t.app.push(
        ArgumentScene(
            t.app,
            cards,
            obs.tabled,
            obs.space,
            lambda argument: t.submit(TableArgument(argument)),
            stale=stale,
            first=first,
        )
    )


def confirm(t: TableScene, title: str, body: str, move: Move) -> None:
    from game.ui.scenes.dialogs import ConfirmScene

    t.app.push(ConfirmScene(t.app, title, body, title, lambda: t.submit(move)))


def adjourn(t: TableScene) -> None:
    confirm(
        t, tr("Adjourn"), tr("End this meeting now? The next meeting opens with the other exchanges unused."), Adjourn()
    )


def walk_out(t: TableScene) -> None:
    confirm(
        t,
        tr("Walk out"),
        tr("Leave the talks for good? The game ends with no agreement; you score as no deal."),
        WalkOut(),
    )


def within_red_line(t: TableScene, issue: int, level: int) -> int:
    """The draft's value on an issue moved towards `level`, stopping at the player's own red line: the
    engine refuses any proposal beyond it (the same rule for every player), so the slider never offers
    one; the footer says why it stopped."""
    assert t.draft is not None
    prefs = t.obs.preferences
    now = t.draft[issue]
    if prefs.acceptable_level(issue, level):
        return level
    table = prefs.tables[issue]
    if not prefs.acceptable_level(issue, now):
        # an event moved the line past the draft: it may still move towards the line, never away from it
        return level if table[level] >= table[now] else now
    step = 1 if level > now else -1
    reached = now
    while reached != level and prefs.acceptable_level(issue, reached + step):
        reached += step
    domain = t.obs.space.domains[issue]
    # short, the value first: the footer has one line for it, cut at its end at the largest text
    level_at = domain.levels[prefs.red_lines[issue]]
    t.tell(
        lambda: tr(
            "Your red line stops you at {line} on {issue}",
            issue=t.obs.space.names[issue],
            line=t.obs.space.domains[issue].format(level_at),
        )
    )
    return reached
