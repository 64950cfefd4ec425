"""Lesson code that a learner pastes passes the checks it prepares for (lessons/README.md: checked snippets).

A fenced block whose info string holds `check=EXERCISE:FILE:NAME[,NAME…]` is pasted into a copy of the
exercise's reference solution in place of the top-level definitions NAME… of FILE (the first one's place
takes the snippet, the others are removed), and `roadwork check EXERCISE` must pass in a fresh workspace.
Python definitions are found with `ast`; JavaScript ones as `function NAME(` (or `async function`) at the
start of a line through the next line that is a lone `}`.
"""
import ast
import re
import shutil
import unittest

from harness import EXERCISES, SOURCE_DIR, WorkspaceTest

LESSONS = SOURCE_DIR / "lessons"
FENCE = re.compile(r"^(`{3,}|~{3,})(\w+)[^\n]*?\bcheck=([\w-]+):([\w./-]+):([\w,]+)[^\n]*\n(.*?)^\1[ \t]*$",
                   re.M | re.S)
STACKS = {"python": "python", "js": "node", "javascript": "node"}


def snippets():
    """(lesson, stack, exercise, file, names, code) of every checked snippet of the built-in pack."""
    found = []
    for lesson in sorted(LESSONS.rglob("*.md")):
        for fence in FENCE.finditer(lesson.read_text()):
            _, language, exercise, file, names, code = fence.groups()
            found.append((lesson.relative_to(SOURCE_DIR), STACKS[language], exercise, file, names.split(","), code))
    return found


def python_span(source, name):
    """The lines [start, end) of the top-level definition `name` of `source`, decorators included."""
    for node in ast.parse(source).body:
        targets = [node.name] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else \
            [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        if name in targets:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            return first - 1, node.end_lineno
    raise AssertionError(f"no top-level definition {name}")


def javascript_span(source, name):
    lines = source.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(rf"(async )?function {name}\(", line)), None)
    if start is None:
        raise AssertionError(f"no function {name}( at the start of a line")
    end = next(i for i in range(start, len(lines)) if lines[i] == "}")
    return start, end + 1


def paste(source, stack, names, code):
    """`source` with the definitions `names` replaced by `code`."""
    span = python_span if stack == "python" else javascript_span
    lines = source.split("\n")
    spans = sorted((span(source, name) for name in names), reverse=True)
    first = min(spans)
    for start, end in spans:
        lines[start:end] = code.rstrip("\n").split("\n") if (start, end) == first else []
    return "\n".join(lines)


class LessonSnippetTest(WorkspaceTest):
    def test_checked_snippets_pass_their_exercise(self):
        found = snippets()
        self.assertGreaterEqual(len(found), 11, "the lessons lost their checked snippets")
        for lesson, stack, exercise, file, names, code in found:
            with self.subTest(lesson=str(lesson), exercise=exercise, names=names):
                self.assertIn(exercise, {p.name for p in EXERCISES.iterdir()}, lesson)
                self.check_pasted(stack, exercise, file, names, code)

    def check_pasted(self, stack, exercise, file, names, code):
        """`roadwork check EXERCISE` passes on its solution with `code` pasted over `names` of `file`."""
        shutil.rmtree(self.tmp / "ws", ignore_errors=True)
        workspace = self.init(stack)
        self.assertEqual(self.roadwork("start", exercise, "--force", cwd=workspace).code, 0)
        project = "taskboard" if exercise.startswith("taskboard") else "notes"
        self.install_solution(workspace, exercise, stack, project)
        target = workspace / project / file
        pasted = paste(target.read_text(), stack, names, code)
        self.assertIn(code.rstrip("\n"), pasted)
        target.write_text(pasted)
        result = self.roadwork("check", exercise, cwd=workspace, timeout=300)
        self.assertEqual(result.code, 0, result)

    def test_a_snippet_that_breaks_the_rule_fails_its_check(self):
        # The same machinery with a verify_password that accepts any password: the check must fail, or the
        # test above proves nothing.
        lenient = "def verify_password(password, stored):\n    return True\n"
        workspace = self.init("python")
        self.assertEqual(self.roadwork("start", "taskboard-auth", "--force", cwd=workspace).code, 0)
        self.install_solution(workspace, "taskboard-auth", "python", "taskboard")
        target = workspace / "taskboard" / "server.py"
        target.write_text(paste(target.read_text(), "python", ["verify_password"], lenient))
        result = self.roadwork("check", "taskboard-auth", cwd=workspace, timeout=300)
        self.assertEqual(result.code, 1, result)


if __name__ == "__main__":
    unittest.main(verbosity=2)
