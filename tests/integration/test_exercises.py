"""Every written exercise, in each stack: the reference solution passes, the starter fails at its first step.

Drives the real binary on real learner servers (python3 and node processes) in a temporary workspace.
"""
import sys
import tomllib
import unittest

from harness import EXERCISES, WorkspaceTest

EXERCISE_IDS = ["hello-server", "notes-crud"]
STACKS = ["python", "node"]


def first_step_name(exercise):
    with open(EXERCISES / exercise / "exercise.toml", "rb") as f:
        return tomllib.load(f)["steps"][0]["name"]


class ExerciseTest(WorkspaceTest):
    def start(self, exercise, stack):
        workspace = self.init(stack)
        for required in self.requirements(exercise):
            result = self.roadwork("start", required, "--force", cwd=workspace)
            self.assertEqual(result.code, 0, result)
        result = self.roadwork("start", exercise, "--force", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        return workspace

    def requirements(self, exercise):
        with open(EXERCISES / exercise / "exercise.toml", "rb") as f:
            return tomllib.load(f).get("requires", [])

    def check_starter_fails(self, exercise, stack):
        workspace = self.start(exercise, stack)
        result = self.roadwork("check", exercise, "--json", cwd=workspace)
        self.assertEqual(result.code, 1, result)
        report = result.json()
        self.assertEqual(report["status"], "fail", result)
        first = report["tests"][0]
        self.assertEqual(first["name"], first_step_name(exercise))
        self.assertEqual(first["status"], "fail", result)
        self.assertTrue(first["failures"], "a failed step names the assert that failed")

    def check_solution_passes(self, exercise, stack):
        workspace = self.start(exercise, stack)
        self.install_solution(workspace, exercise, stack)
        result = self.roadwork("check", exercise, cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertIn("steps passed", result.out)


def add_cases():
    for exercise in EXERCISE_IDS:
        for stack in STACKS:
            suffix = f"{exercise.replace('-', '_')}_{stack}"
            setattr(ExerciseTest, f"test_starter_fails_{suffix}",
                    lambda self, e=exercise, s=stack: self.check_starter_fails(e, s))
            setattr(ExerciseTest, f"test_solution_passes_{suffix}",
                    lambda self, e=exercise, s=stack: self.check_solution_passes(e, s))


add_cases()

if __name__ == "__main__":
    unittest.main(verbosity=2)
