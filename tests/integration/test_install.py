"""`cmake --install` gives a roadwork that stands alone: the binary in PREFIX/bin finds the built-in pack in
PREFIX/share/roadwork/backend, also after the whole prefix is moved, and never reads the source tree."""
import os
import shutil
import subprocess
import unittest

from harness import Result, WorkspaceTest

BUILD_DIR = os.environ.get("ROADWORK_BUILD_DIR", "")


class InstallTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.assertTrue(BUILD_DIR, "ctest sets ROADWORK_BUILD_DIR to the build tree")
        installed = subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", str(self.tmp / "prefix")],
                                   capture_output=True, text=True, timeout=120)
        self.assertEqual(installed.returncode, 0, installed.stderr)
        # Moved as a whole: nothing of the build or source tree may be needed any more.
        self.prefix = self.tmp / "moved" / "usr"
        self.prefix.parent.mkdir()
        shutil.move(self.tmp / "prefix", self.prefix)
        self.env.pop("ROADWORK_PACK_DIR")

    def installed(self, *args, cwd):
        return Result(subprocess.run([self.prefix / "bin" / "roadwork", *args], cwd=cwd, env=self.env,
                                     capture_output=True, text=True, timeout=120))

    def test_the_installed_binary_grades_hello_server_from_its_own_share_folder(self):
        share = self.prefix / "share" / "roadwork" / "backend"
        self.assertTrue((share / "lessons" / "roadmap.toml").is_file())
        result = self.installed("roadmap", cwd=self.tmp)
        self.assertEqual(result.code, 0, result)
        self.assertIn("How the web works", result.out)

        self.assertEqual(self.installed("init", "ws", "--stack", "python", cwd=self.tmp).code, 0)
        workspace = self.tmp / "ws"
        result = self.installed("start", "hello-server", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        result = self.installed("check", "hello-server", cwd=workspace)
        self.assertEqual(result.code, 1, result)  # the starter
        shutil.copytree(share / "exercises" / "hello-server" / "solution" / "python", workspace / "notes",
                        dirs_exist_ok=True)
        result = self.installed("check", "hello-server", "--json", cwd=workspace)
        self.assertEqual(result.code, 0, result)
        self.assertEqual(result.json()["status"], "pass")
        for test in result.json()["tests"]:
            for failure in test["failures"]:
                self.assertNotIn(str(BUILD_DIR), failure["file"])

    def test_an_installed_binary_without_its_share_folder_says_what_is_missing(self):
        shutil.rmtree(self.prefix / "share")
        result = self.installed("roadmap", cwd=self.tmp)
        self.assertEqual(result.code, 2, result)
        self.assertIn(f"cannot find the built-in pack: {self.prefix / 'share' / 'roadwork' / 'backend'} is "
                      "missing", result.err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
