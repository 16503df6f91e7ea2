"""YAML syntax errors in plain words, at the place an author must look.

PyYAML says "expected ',' or ']', but got ':' while parsing a flow sequence"; an author needs "a list
opened with [ on line 26 is never closed". Each rule below turns one of the parser's messages into
what went wrong and how to fix it; a message no rule knows keeps the parser's words.
"""

from __future__ import annotations

import yaml

from game.i18n import tr

Place = tuple[int, int, str]
"""(line, column, message), 1-based."""


def _at(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def in_plain_words(exc: yaml.MarkedYAMLError, text: str) -> Place:
    problem, context = exc.problem or "", exc.context or ""
    line, col = _at(exc.problem_mark or exc.context_mark)
    start_line, start_col = _at(exc.context_mark) if exc.context_mark is not None else (line, col)
    if "flow sequence" in context:
        return (start_line, start_col, tr("a list opened with [ on line {start_line}, column {start_col} is never "
                "closed: add ] after its last item (the reader gave up at line {line}, column {col})",
                start_line=start_line, start_col=start_col, line=line, col=col))  # fmt: skip
    if "flow mapping" in context:
        return (start_line, start_col, tr("a mapping opened with {{ on line {start_line}, column {start_col} is "
                "never closed: add }} after its last key (the reader gave up at line {line}, column {col})",
                start_line=start_line, start_col=start_col, line=line, col=col))  # fmt: skip
    if "quoted scalar" in context:
        return (start_line, start_col, tr("a quote opened on line {start_line}, column {start_col} is never "
                "closed: add the closing quote at the end of the text", start_line=start_line, start_col=start_col))  # fmt: skip
    if "'\\t'" in problem:
        return line, col, tr("a tab character: YAML indents with spaces only; replace the tab with spaces")
    if problem == "mapping values are not allowed here":
        before = _line(text, line)[: col - 1]
        if ": " in before.lstrip().lstrip("- "):
            return (line, col, tr("a ': ' inside a value: put the whole value in quotes (\"...\"), or write the "
                    "text after '>-' on the lines below"))  # fmt: skip
        return line, col, tr("this key is indented more than the keys beside it: line it up with them")
    if problem.startswith("expected <block end>"):
        return (line, col, tr("this line is not indented like the lines of the block that starts on line {start_line}"
                ": indent it like its neighbours (a list item starts with '- ', a space after the dash)",
                start_line=start_line))  # fmt: skip
    if problem == "could not find expected ':'":
        return (start_line, start_col, tr("a line with no ':' after its key: write 'key: value', or put a text "
                "that runs over several lines in quotes"))  # fmt: skip
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return line, col, tr("an alias (*name) with no anchor (&name) before it: define the anchor first")
    if "for merging" in problem:
        return (line, col, tr("'<<:' merges a mapping into this one: give it an alias of a mapping (<<: *name) "
                "or a list of them (<<: [*a, *b])"))  # fmt: skip
    message = tr("YAML syntax error: {problem}", problem=problem)
    if context and (start_line, start_col) != (line, col):
        message += tr(" ({context} that starts at line {start_line}, column {start_col})",
                      context=context, start_line=start_line, start_col=start_col)  # fmt: skip
    return line, col, message
