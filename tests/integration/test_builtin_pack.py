"""`roadwork pack validate` on the built-in pack (the source tree): every file holds, every solution passes and
every starter fails in the sandbox. Its own file, so that ctest runs this longest test beside the others.
"""
import sys
import unittest

from harness import SOURCE_DIR, WorkspaceTest


class BuiltinPackTest(WorkspaceTest):
    def test_builtin_pack_validates(self):
        # Every file holds (rules, mutants and their edits included), every solution passes and every starter
        # fails. Running the pack's ~400 mutants takes longer than the suite's budget on 2 cores: that run is
        # tests/bench/validate_speed.py (`bash tools/dev bench`), which also times --jobs 1 against 2.
        result = self.roadwork("pack", "validate", str(SOURCE_DIR), "--jobs", "2", "--skip-mutants", timeout=1200)
        self.assertEqual(result.code, 0, result)
        self.assertIn("0 errors", result.out)
        self.assertIn("everything holds", result.out)
        self.assertNotRegex(result.out, r"\s(python|node)\s+mutant\s")
        for exercise in sorted(path.name for path in (SOURCE_DIR / "exercises").iterdir() if path.is_dir()):
            if exercise != "http-explorer":  # practice steps only: nothing to run
                self.assertRegex(result.out, rf"{exercise}\s+python\s+solution\s+ok")
        sys.stderr.write(f"\n{result.out}")

if __name__ == "__main__":
    unittest.main(verbosity=2)
