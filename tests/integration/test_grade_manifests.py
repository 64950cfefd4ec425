"""The recipes for grading a class on many machines (deploy/): a Kubernetes Indexed Job and a GitHub Actions
matrix. No cluster or runner is at hand, so this tests what can run here: each manifest parses (python3-yaml)
and holds what its engine requires of an indexed or matrix run, and its own grade and merge commands, taken
from the file, run for every index on a real class, with the environment the engine would give them. The
merged reports must equal a single machine's grading of the whole class.
"""
import json
import os
import shutil
import subprocess
import unittest

import yaml

from harness import ROADWORK, SOURCE_DIR, WorkspaceTest, exercise_code

DEPLOY = SOURCE_DIR / "deploy"


class ManifestTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        self.classroom = self.tmp / "class"
        for name, kind in {"ada": "solution", "bob": "starter", "cy": "solution", "di": "starter"}.items():
            (self.classroom / name).mkdir(parents=True)
            shutil.copy(exercise_code("hello-server", "python", kind) / "server.py", self.classroom / name / "server.py")
        self.out = self.tmp / "out"
        self.out.mkdir()
        bin_dir = os.path.dirname(os.path.abspath(ROADWORK))
        self.env = dict(self.env, PATH=f"{bin_dir}:{self.env['PATH']}", CLASS=str(self.classroom), OUT=str(self.out))

    def run_script(self, script, env, shell=("sh", "-c")):
        completed = subprocess.run([*shell, script], cwd=self.tmp, env=dict(self.env, **env), capture_output=True,
                                   text=True, timeout=600)
        self.assertEqual(completed.returncode, 0, completed.stdout + completed.stderr)
        return completed.stdout

    def whole_class(self):
        """Verdicts of one machine grading the whole class."""
        report = self.tmp / "whole.json"
        subprocess.run([ROADWORK, "grade", "hello-server", "--submissions", str(self.classroom), "--out",
                        str(self.tmp / "whole"), "--json", str(report)], env=self.env, capture_output=True,
                       timeout=600)
        return {s["name"]: s["status"] for s in json.loads(report.read_text())["submissions"]}

    def merged(self):
        report = json.loads((self.out / "class.json").read_text())
        self.assertTrue((self.out / "class.html").read_text().startswith("<!DOCTYPE html>"))
        self.assertTrue((self.out / "class.xml").exists())
        return {s["name"]: s["status"] for s in report["submissions"]}

    def test_the_kubernetes_indexed_job_grades_every_slice_and_merges(self):
        grade_job = yaml.safe_load((DEPLOY / "kubernetes" / "grade-job.yaml").read_text())
        merge_job = yaml.safe_load((DEPLOY / "kubernetes" / "merge-job.yaml").read_text())
        for job in (grade_job, merge_job):
            self.assertEqual((job["apiVersion"], job["kind"]), ("batch/v1", "Job"))
            self.assertEqual(job["spec"]["template"]["spec"]["restartPolicy"], "Never")
        spec = grade_job["spec"]
        self.assertEqual(spec["completionMode"], "Indexed")
        container = spec["template"]["spec"]["containers"][0]
        env = {item["name"]: item["value"] for item in container["env"]}
        container_env = dict(env)
        self.assertEqual(spec["completions"], int(env["SHARDS"]))
        self.assertEqual(spec["parallelism"], spec["completions"])
        self.assertEqual(container["command"][:2], ["sh", "-c"])

        # Each pod's command as Kubernetes runs it: its env, and JOB_COMPLETION_INDEX 0..completions-1.
        env.update(EXERCISE="hello-server", CLASS=str(self.classroom), OUT=str(self.out))
        for index in range(spec["completions"]):
            self.run_script(container["command"][2], dict(env, JOB_COMPLETION_INDEX=str(index)))
        merge = merge_job["spec"]["template"]["spec"]["containers"][0]
        merge_env = {item["name"]: item["value"] for item in merge["env"]}
        self.assertEqual(merge_env["EXERCISE"], container_env["EXERCISE"], "the two Jobs name different exercises")
        output = self.run_script(merge["command"][2], dict(merge_env, OUT=str(self.out)))
        self.assertIn(f"Merged 4 grades from {spec['completions']} folders", output)
        self.assertEqual(self.merged(), self.whole_class())

    def test_the_github_actions_matrix_grades_every_slice_and_merges(self):
        workflow = yaml.safe_load((DEPLOY / "github-actions" / "grade-class.yml").read_text())
        jobs = workflow["jobs"]
        self.assertEqual(jobs["grade"]["needs"], "package")
        self.assertEqual(jobs["merge"]["needs"], "grade")
        self.assertFalse(jobs["grade"]["strategy"]["fail-fast"])
        shards = jobs["grade"]["strategy"]["matrix"]["shard"]
        self.assertEqual(shards, list(range(1, int(workflow["env"]["SHARDS"]) + 1)))

        def step(job, name):
            return next(s["run"] for s in jobs[job]["steps"] if s.get("name") == name)

        # Each runner's step as GitHub runs it: `sh -e` (a container's default shell), the workflow's and the
        # job's env, and the matrix value where the job's env names it.
        env = {key: str(value) for key, value in workflow["env"].items()}
        env.update(EXERCISE="hello-server", CLASS=str(self.classroom), OUT=str(self.out))
        self.assertEqual(jobs["grade"]["env"]["SHARD"], "${{ matrix.shard }}")
        for shard in shards:
            self.run_script(step("grade", "Grade this shard"), dict(env, SHARD=str(shard)), shell=("sh", "-e", "-c"))
        output = self.run_script(step("merge", "Merge the shards"), env, shell=("sh", "-e", "-c"))
        self.assertIn(f"Merged 4 grades from {len(shards)} folders", output)
        self.assertEqual(self.merged(), self.whole_class())


if __name__ == "__main__":
    unittest.main(verbosity=2)
