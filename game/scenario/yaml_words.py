"""YAML syntax errors in plain words, at the place an author must look.

PyYAML says "expected ',' or ']', but got ':' while parsing a flow sequence"; an author needs "a list
opened with [ on line 26 is never closed". Each rule below turns one of the parser's messages into
what went wrong and how to fix it, in the player's language. The rules cover every message PyYAML's
scanner, parser, composer and safe constructor can raise (tests/test_yaml_words.py has a broken file
for each); a message no rule knows (a later PyYAML's) keeps the parser's words, said as such.
"""

from __future__ import annotations

import re

import yaml

from game.i18n import tr

Place = tuple[int, int, str]
"""(line, column, message), 1-based."""


def _at(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _first_line(text: str) -> str:
    """The first line with content (not blank, not a comment, not a directive or '---')."""
    return next((t for t in text.splitlines() if t.strip() and not t.lstrip().startswith(("#", "%", "---"))), "")


def _found(problem: str) -> str:
    """The character or token the parser found ("but found '}'"), as an author would write it."""
    match = re.search(r"found (?:character )?('(?:\\'|[^'])*'|\S+)", problem)
    if match is None:
        return "?"
    found = match.group(1).strip("'")
    tokens = {"<scalar>": tr("a text"), "<block mapping start>": tr("a key"), "<block sequence start>": "-"}
    tokens |= {"<stream end>": tr("the end of the file"), "<block end>": tr("the end of a block")}
    return tokens.get(found, found.strip("<>").replace("\\n", tr("the end of the line")))


def in_plain_words(exc: yaml.MarkedYAMLError, text: str) -> Place:
    problem, context = exc.problem or "", exc.context or ""
    line, col = _at(exc.problem_mark or exc.context_mark)
    start_line, start_col = _at(exc.context_mark) if exc.context_mark is not None else (line, col)
    first = _first_rule(problem, context, text, line, col, start_line, start_col)
    if first is not None:
        return first
    message = tr("YAML syntax error: {problem}", problem=problem)
    if context and (start_line, start_col) != (line, col):
        message += tr(" ({context} that starts at line {start_line}, column {start_col})",
                      context=context, start_line=start_line, start_col=start_col)  # fmt: skip
    return line, col, message


def _runaway_quote(text: str, line: int, col: int) -> Place | None:
    """A text in quotes whose closing quote is missing on its line runs on to the next quote in the file,
    lines below, swallowing the keys between, and the parser fails there or on the line after: the place
    to look is where the quote opened. The last text before the error, if it is in quotes, runs over
    several lines to the error's line or the one before, and swallowed a line that reads as a key."""
    last = None
    try:
        for token in yaml.scan(text):
            if (token.start_mark.line + 1, token.start_mark.column + 1) >= (line, col):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.style not in ('"', "'"):
        return None
    start_line, end_line = last.start_mark.line + 1, last.end_mark.line + 1
    swallowed = [_line(text, n) for n in range(start_line + 1, end_line + 1)]
    if not (start_line < end_line and end_line >= line - 1 and any(_KEY_LINE.match(x) for x in swallowed)):
        return None
    message = tr(
        "the quote opened on line {start_line}, column {start_col} is not closed on its line, so the text runs on "
        "to the next {quote} on line {line}, column {col}: add the closing {quote} at the end of line {start_line}",
        start_line=start_line,
        start_col=last.start_mark.column + 1,
        quote=last.style,
        line=end_line,
        col=last.end_mark.column,
    )
    if last.style == "'":
        message += tr(" (inside single quotes, an apostrophe is written twice: '')")
    return start_line, last.start_mark.column + 1, message


_KEY_LINE = re.compile(r"^\s*(- )?[A-Za-z_][\w-]*:( |$)")


def _dedented(text: str, line: int) -> Place | None:
    """The line before `line` indented less than the lines on either side of it: YAML ends the block
    there, and fails only on the next line; the place to look is the line indented too little. (When
    the lines after `line` go back to the lesser indentation, `line` is the one indented too far.)"""

    def content(n: int) -> bool:
        return bool(_line(text, n).strip()) and not _line(text, n).lstrip().startswith("#")

    numbers = [n for n in range(line - 1, 0, -1) if content(n)]
    after = next((n for n in range(line + 1, text.count("\n") + 2) if content(n)), None)
    if len(numbers) < 2 or after is None:
        return None
    previous, before = numbers[0], numbers[1]
    here, above, twice = _indent(_line(text, line)), _indent(_line(text, previous)), _indent(_line(text, before))
    if _indent(_line(text, after)) != here:
        return None
    if above < here == twice and ":" in _line(text, previous) and not _line(text, previous).lstrip().startswith("-"):
        return (previous, above + 1, tr("this key is indented less than the keys beside it (lines {before} and "
                "{after}): line it up with them", before=before, after=line))  # fmt: skip
    return None


def _first_rule(
    problem: str, context: str, text: str, line: int, col: int, start_line: int, start_col: int
) -> Place | None:
    if "quoted scalar" not in context:
        runaway = _runaway_quote(text, line, col)
        if runaway is not None:
            return runaway
    here = _quoting(problem, context, text, line, col, start_line, start_col)
    if here is None:
        here = _structure(problem, context, text, line, col, start_line, start_col)
    if here is None:
        here = _marks(problem, context, line, col, start_line, start_col)
    return here


def _quoting(
    problem: str, context: str, text: str, line: int, col: int, start_line: int, start_col: int
) -> Place | None:
    """Quotes, escapes, block texts (| and >), and characters that cannot start a value."""
    if "escape" in problem and "double-quoted" in context:
        return (line, col, tr("an unknown escape after \\ inside double quotes: write \\\\ for a backslash "
                "(or put the text in single quotes, where \\ is an ordinary character)"))  # fmt: skip
    if "quoted scalar" in context:
        return (start_line, start_col, tr("a quote opened on line {start_line}, column {start_col} is never "
                "closed: add the closing quote at the end of the text", start_line=start_line, start_col=start_col))  # fmt: skip
    if "'\\t'" in problem:
        return line, col, tr("a tab character: YAML indents with spaces only; replace the tab with spaces")
    if "block scalar" in context:
        return (line, col, tr("after | or > only - or + (and a digit 1-9) may follow on the same line: start the "
                "text itself on the next line, indented"))  # fmt: skip
    if "cannot start any token" in problem:
        return (line, col, tr("a value cannot start with {char}: put the whole value in quotes (\"...\")",
                char=_found(problem)))  # fmt: skip
    if problem.startswith("expected the node content") and "<stream end>" in problem:
        return (line, col, tr("the file ends where a value is still expected: close every [ and {{ opened above, "
                "and give every key its value"))  # fmt: skip
    if problem.startswith("expected the node content"):
        return (line, col, tr("a value is missing here, and {char} cannot start one: write the value, or put it "
                "in quotes (\"...\")", char=_found(problem)))  # fmt: skip
    return None


def _structure(
    problem: str, context: str, text: str, line: int, col: int, start_line: int, start_col: int
) -> Place | None:
    """Brackets, indentation, keys and colons, documents."""
    if "flow sequence" in context:
        return (start_line, start_col, tr("a list opened with [ on line {start_line}, column {start_col} is never "
                "closed: add ] after its last item (the reader gave up at line {line}, column {col})",
                start_line=start_line, start_col=start_col, line=line, col=col))  # fmt: skip
    if "flow mapping" in context:
        return (start_line, start_col, tr("a mapping opened with {{ on line {start_line}, column {start_col} is "
                "never closed: add }} after its last key (the reader gave up at line {line}, column {col})",
                start_line=start_line, start_col=start_col, line=line, col=col))  # fmt: skip
    if problem == "mapping values are not allowed here":
        before = _line(text, line)[: col - 1]
        if ": " in before.lstrip().lstrip("- "):
            return (line, col, tr("a ': ' inside a value: put the whole value in quotes (\"...\"), or write the "
                    "text after '>-' on the lines below"))  # fmt: skip
        previous = next((n for n in range(line - 1, 0, -1) if _line(text, n).strip()), 0)
        above = _line(text, previous).split(" #")[0].rstrip()
        if previous and ":" not in above and not above.lstrip().startswith(("#", "- ", "-")):
            return (previous, 1, tr("line {line} has no ':' after its key, so YAML reads it and the next line as "
                    "one text: write 'key: value' on it", line=previous))  # fmt: skip
        dedented = _dedented(text, line)
        if dedented is not None:
            return dedented
        return line, col, tr("this key is indented more than the keys beside it: line it up with them")
    if problem.startswith("expected <block end>"):
        before = _line(text, line)[: col - 1].rstrip()
        if before.endswith(('"', "'")) and before.lstrip():
            return (line, col, tr("text after a closing quote: put the whole value in one pair of quotes, or "
                    "start a new line for the next key"))  # fmt: skip
        return (line, col, tr("this line is not indented like the lines of the block that starts on line {start_line}"
                ": indent it like its neighbours (a list item starts with '- ', a space after the dash)",
                start_line=start_line))  # fmt: skip
    if problem == "could not find expected ':'":
        return (start_line, start_col, tr("a line with no ':' after its key: write 'key: value', or put a text "
                "that runs over several lines in quotes"))  # fmt: skip
    if problem == "sequence entries are not allowed here":
        return (line, col, tr("a list item ('- ') cannot stand on the line of its key: put it on a line of its own "
                "below the key, indented, or put the text in quotes"))  # fmt: skip
    if problem == "mapping keys are not allowed here" or problem == "found unhashable key":
        return (line, col, tr("a key must be a plain word or number: a '?', a list or a mapping cannot be a key "
                "(put the text in quotes)"))  # fmt: skip
    if problem.startswith("expected '<document start>'") and _indent(_line(text, line)) < _indent(_first_line(text)):
        return (line, col, tr("this line is indented less than the first line of the file: the keys at the top "
                "level all start at the beginning of the line"))  # fmt: skip
    if "another document" in problem or problem.startswith("expected '<document start>'"):
        return (line, col, tr("a scenario file holds one document, and this is more after its end ('---' or "
                "'...', or a line outside every block): remove it, or indent it under a key"))  # fmt: skip
    return None


def _marks(problem: str, context: str, line: int, col: int, start_line: int, start_col: int) -> Place | None:
    """Anchors and aliases, tags, directives: YAML's marks that a scenario hardly needs."""
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return line, col, tr("an alias (*name) with no anchor (&name) before it: define the anchor first")
    if "found duplicate anchor" in context:
        return (line, col, tr("the anchor &{name} is defined twice (first at line {start_line}, column {start_col}): "
                "give each anchor its own name", name=_quoted_name(context),
                start_line=start_line, start_col=start_col))  # fmt: skip
    if "anchor" in context or "alias" in context:
        return (start_line, start_col, tr("an anchor (&name) or alias (*name) needs a name right after the & or *: "
                "letters, digits, - or _; text that starts with & or * goes in quotes"))  # fmt: skip
    if "for merging" in problem:
        return (line, col, tr("'<<:' merges a mapping into this one: give it an alias of a mapping (<<: *name) "
                "or a list of them (<<: [*a, *b])"))  # fmt: skip
    if "recursive node" in problem:
        return line, col, tr("an alias inside the value of its own anchor: write the inner value out")
    if (
        "directive" in context
        or "directive" in problem
        or ("YAML document" in problem or problem.startswith("duplicate tag handle"))
    ):
        return (line, col, tr("a line starting with '%' is a YAML directive, and this one is wrong: a scenario "
                "needs none, so remove it (or put text that starts with '%' in quotes)"))  # fmt: skip
    if (
        "tag" in context
        or "tag" in problem
        or re.match(r"expected a (scalar|sequence|mapping) node", problem)
        or "base64" in problem
        or "ordered map" in context
        or "pairs" in context
    ):
        return (line, col, tr("a tag (a word starting with !) that a scenario cannot use: scenarios are plain "
                "data, with no tags; remove it, or put text that starts with ! in quotes"))  # fmt: skip
    return None


def _quoted_name(text: str) -> str:
    match = re.search(r"'([^']*)'", text)
    return match.group(1) if match else "?"


def reader_words(exc: yaml.reader.ReaderError, text: str) -> Place:
    """A character YAML does not allow anywhere (a control character, often pasted in by accident)."""
    position = exc.position if isinstance(exc.position, int) and 0 <= exc.position <= len(text) else 0
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else 0
    return (line, col, tr("a control character (U+{code}) that YAML does not allow: delete it (it is often "
            "pasted in with a text from elsewhere)", code=f"{code:04X}"))  # fmt: skip
