// An exercise's code materialised from the pack (app/course/exercise_code.hpp): unified diffs applied
// strictly, starters derived from marked regions, and the lineage of builds_on read from real folders.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/core/fatal.hpp"
#include "app/core/text_file.hpp"
#include "app/course/exercise_code.hpp"
#include "app/course/pack.hpp"
#include "app/course/starter_regions.hpp"
#include "app/course/unified_diff.hpp"
#include "tests/unit/support.hpp"

namespace fs = std::filesystem;
using roadwork::Fatal;
using roadwork::testing::error_message;
using roadwork::testing::TempDir;
using namespace roadwork::course;

namespace {

std::string applied_error(const std::string& patch, FileTree tree) {
  const auto error = apply_unified_diff(patch, "x.patch", tree);
  return error ? roadwork::render(*error) : "(applied)";
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("a unified diff changes, creates and deletes files") {
  FileTree tree{{"server.py", {"a\nb\nc\nd\n", true}}, {"old.py", {"gone\n", false}}};
  const auto error = apply_unified_diff(
      "diff -ruN a/server.py b/server.py\n"
      "--- a/server.py\t2026-12-07 10:00:00.000000000 +0000\n"
      "+++ b/server.py\t2026-12-07 10:00:01.000000000 +0000\n"
      "@@ -1,2 +1,3 @@\n"
      " a\n"
      "+a2\n"
      " b\n"
      "@@ -4 +5 @@\n"
      "-d\n"
      "+D\n"
      "\\ No newline at end of file\n"
      "--- /dev/null\n"
      "+++ b/tests/new.py\n"
      "@@ -0,0 +1,2 @@\n"
      "+one\n"
      "+\n"
      "--- a/old.py\n"
      "+++ /dev/null\n"
      "@@ -1 +0,0 @@\n"
      "-gone\n",
      "x.patch", tree);
  CHECK_FALSE(error);
  CHECK(tree.size() == 2);
  CHECK(tree.at("server.py").text == "a\na2\nb\nc\nD");
  CHECK(tree.at("server.py").executable);
  CHECK(tree.at("tests/new.py").text == "one\n\n");
}

TEST_CASE("a hunk that does not apply is an error at its line, and names what the file reads") {
  const FileTree tree{{"server.py", {"a\nb\n", false}}};
  CHECK(applied_error("--- a/server.py\n+++ b/server.py\n@@ -1,2 +1,2 @@\n a\n-B\n+c\n", tree) ==
        "x.patch:5:1: error: this hunk does not apply to server.py: line 2 reads \"b\" where the patch has "
        "\"B\"");
  CHECK(
      applied_error("--- a/server.py\n+++ b/server.py\n@@ -5,1 +5,1 @@\n-x\n+y\n", tree) ==
      "x.patch:3:1: error: this hunk does not apply to server.py: it starts at line 5, after the file's end "
      "(it has 2 lines)");
  CHECK(applied_error("--- a/other.py\n+++ b/other.py\n@@ -1 +1 @@\n-x\n+y\n", tree) ==
        "x.patch:1:1: error: this patch changes other.py, which does not exist");
  CHECK(applied_error("--- /dev/null\n+++ b/server.py\n@@ -0,0 +1 @@\n+x\n", tree) ==
        "x.patch:1:1: error: this patch creates server.py, which already exists");
  CHECK(applied_error("--- a/server.py\n+++ b/server.py\n@@ -1,2 +1,2 @@\n a\n", tree) ==
        "x.patch:3:1: error: the hunk ends before its 2 old and 2 new lines (a line of it was removed or an "
        "editor changed it)");
  CHECK(
      applied_error("--- a/server.py\n+++ b/server.py\n@@ -1 +1 @@ x\n-a\n+b\n@@ -1 +1 @@\n-a\n+b\n", tree) ==
      "x.patch:6:1: error: this hunk overlaps the one before it: hunks must go down the file");
  CHECK(
      applied_error("--- a/server.py\n+++ b/server.py\n@@ -1 +1 @@\n-a\n+b\n+c\n", tree) ==
      "x.patch:6:1: error: this line comes after the hunk at line 3 has all the lines its @@ header counts: "
      "correct the counts there");
  CHECK(applied_error("--- a/server.py\n+++ b/server.py\n@@ one @@\n", tree) ==
        "x.patch:3:1: error: a hunk header must read @@ -START,COUNT +START,COUNT @@");
  CHECK(
      applied_error("--- server.py\n+++ server.py\n@@ -1 +1 @@\n-a\n+b\n", tree) ==
      "x.patch:1:1: error: cannot tell which file \"server.py\" is: a path needs a first folder to drop, as "
      "`diff -ruN old new` writes old/x and new/x");
}

TEST_CASE("what GNU diff -ruN writes applies and gives the new folder back") {
  const TempDir dir;
  write(dir.path() / "old" / "server.py", "import os\n\nprint('hi')\n");
  write(dir.path() / "old" / "gone.py", "x = 1\n");
  write(dir.path() / "new" / "server.py", "import os\nimport sys\n\nprint('hi', file=sys.stderr)\n");
  write(dir.path() / "new" / "tests" / "test_it.py", "def test():\n    pass");
  const auto command = "cd '" + dir.path().string() + "' && diff -ruN old new > change.patch";
  REQUIRE(std::system(command.c_str()) == 256);  // diff's exit status 1: the folders differ
  auto tree = read_file_tree(dir.path() / "old");
  REQUIRE(tree);
  CHECK_FALSE(
      apply_unified_diff(*roadwork::read_text_file(dir.path() / "change.patch"), "change.patch", *tree));
  const auto want = read_file_tree(dir.path() / "new");
  REQUIRE(want);
  REQUIRE(tree->size() == want->size());
  for (const auto& [name, file] : *want) CHECK(tree->at(name).text == file.text);
}

TEST_CASE("a marked file gives the solution, the starter, and itself") {
  const std::string marked =
      "def handler():\n"
      "    # roadwork: starter\n"
      "    #| # TODO: answer 201\n"
      "    #|\n"
      "    #|     return 501\n"
      "    # roadwork: solution\n"
      "    return 201\n"
      "    # roadwork: end\n"
      "// roadwork: starter\n"
      "// roadwork: solution\n"
      "extra()\n"
      "// roadwork: end\n";
  const FileTree tree{{"server.py", {marked, false}},
                      {"tests/test_a.py", {"# roadwork: solution only\nassert 1\n", false}},
                      {"tests/test_example.py", {"# roadwork: starter only\nassert 0\n", false}}};
  const auto solution = code_variant(tree, CodeVariant::Solution, "");
  REQUIRE(solution);
  CHECK(solution->size() == 2);
  CHECK(solution->at("server.py").text == "def handler():\n    return 201\nextra()\n");
  CHECK(solution->at("tests/test_a.py").text == "assert 1\n");
  const auto starter = code_variant(tree, CodeVariant::Starter, "");
  REQUIRE(starter);
  CHECK(starter->size() == 2);
  CHECK(starter->at("server.py").text == "def handler():\n    # TODO: answer 201\n\n        return 501\n");
  CHECK(starter->at("tests/test_example.py").text == "assert 0\n");
  const auto same = code_variant(tree, CodeVariant::Marked, "");
  REQUIRE(same);
  CHECK(same->size() == 3);
  CHECK(same->at("server.py").text == marked);
}

TEST_CASE("a malformed region is an error at its line") {
  const auto error = [](const std::string& text) {
    const auto variant =
        code_variant({{"server.py", {text, false}}}, CodeVariant::Solution, "ex/solution/python.patch: ");
    return variant ? std::string("(no error)") : roadwork::render(variant.error());
  };
  CHECK(error("a\n# roadwork: starter\n#| x\nb\n") ==
        "ex/solution/python.patch: server.py:4:1: error: a starter region holds only `#| text` lines (or "
        "`//| text`) until `roadwork: solution`");
  CHECK(error("# roadwork: starter\n# roadwork: solution\nx\n") ==
        "ex/solution/python.patch: server.py:1:1: error: this starter region is never closed: end it with "
        "`roadwork: end`");
  CHECK(error("  # roadwork: end\n") ==
        "ex/solution/python.patch: server.py:1:3: error: `roadwork: end` closes a region's `roadwork: "
        "solution` part, and there is none open");
  CHECK(error("# roadwork: solutions\n") ==
        "ex/solution/python.patch: server.py:1:1: error: unknown marker: roadwork's markers are `roadwork: "
        "starter`, `solution`, `end`, `solution only` and `starter only`");
  CHECK(
      error("x\n# roadwork: solution only\n") ==
      "ex/solution/python.patch: server.py:2:1: error: `roadwork: solution only` and `starter only` go on a "
      "file's first line");
}

TEST_CASE("an exercise's code is its lineage's first folder with each later patch applied to the solution") {
  const TempDir dir;
  const auto first = dir.path() / "first";
  const auto second = dir.path() / "second";
  write(first / "solution" / "python" / "server.py",
        "# roadwork: starter\n#| TODO = 1\n# roadwork: solution\nDONE = 1\n# roadwork: end\n");
  // The patch applies to first's solution, without its markers, and marks its own region.
  write(second / "solution" / "python.patch",
        "--- a/server.py\n+++ b/server.py\n@@ -1 +1,6 @@\n DONE = 1\n+# roadwork: starter\n+#| TODO = 2\n"
        "+# roadwork: solution\n+DONE = 2\n+# roadwork: end\n");
  Exercise exercise;
  exercise.dir = second;
  exercise.lineage = {first, second};
  CHECK(has_code(exercise, "python"));
  CHECK_FALSE(has_code(exercise, "node"));
  CHECK_FALSE(exercise_code(exercise, "node", CodeVariant::Solution));
  CHECK(exercise_code(exercise, "python", CodeVariant::Solution)->at("server.py").text ==
        "DONE = 1\nDONE = 2\n");
  CHECK(exercise_code(exercise, "python", CodeVariant::Starter)->at("server.py").text ==
        "DONE = 1\nTODO = 2\n");
  CHECK(code_stacks(exercise) == std::vector<std::string>{"python"});

  // A change to the first solution that the patch's context no longer matches is an error in the patch.
  write(first / "solution" / "python" / "server.py", "DONE = 0\n");
  const auto broken = exercise_code(exercise, "python", CodeVariant::Solution);
  REQUIRE_FALSE(broken);
  CHECK(roadwork::render(broken.error()) ==
        (second / "solution" / "python.patch").string() +
            ":4:1: error: this hunk does not apply to server.py: line 1 reads \"DONE = 0\" where the patch "
            "has \"DONE = 1\"");
}

TEST_CASE("the solution's change is the patch without its regions, in hunks diff -u would write") {
  const TempDir dir;
  std::string old_text, marked;
  for (int i = 1; i <= 30; ++i) old_text += "line " + std::to_string(i) + "\n";
  marked = old_text;
  marked.replace(marked.find("line 5\n"), 7,
                 "line 5\n# roadwork: starter\n#| # TODO: the new code\n# roadwork: solution\nnew code\n"
                 "# roadwork: end\n");
  marked.replace(marked.find("line 25\n"), 8, "line twenty-five\n");
  write(dir.path() / "old" / "server.py", old_text);
  write(dir.path() / "new" / "server.py", marked);
  write(dir.path() / "new" / "tests" / "test_example.py", "# roadwork: starter only\nassert False\n");
  const auto command = "cd '" + dir.path().string() + "' && diff -ruN -U 12 old new > change.patch";
  REQUIRE(std::system(command.c_str()) == 256);
  const auto patch = *roadwork::read_text_file(dir.path() / "change.patch");
  const auto change = drop_added_lines(patch, "change.patch", StarterLines());
  REQUIRE(change);
  // Two changes 20 lines apart are two hunks of 3 lines of context each; the starter-only file is gone.
  CHECK(*change ==
        "--- a/server.py\n+++ b/server.py\n"
        "@@ -3,6 +3,7 @@\n line 3\n line 4\n line 5\n+new code\n line 6\n line 7\n line 8\n"
        "@@ -22,7 +23,7 @@\n line 22\n line 23\n line 24\n-line 25\n+line twenty-five\n line 26\n line 27\n"
        " line 28\n");
  FileTree tree{{"server.py", {old_text, false}}};
  CHECK_FALSE(apply_unified_diff(*change, "change", tree));
  CHECK(tree.at("server.py").text ==
        code_variant({{"server.py", {marked, false}}}, CodeVariant::Solution, "")->at("server.py").text);
}

TEST_CASE("the files whose starter text opens a task are where the learner looks") {
  const FileTree tree{
      {"server.py",
       {"# roadwork: starter\n#| follow the TODO comments in app/jobs.py\n# roadwork: solution\n"
        "# roadwork: end\n",
        false}},
      {"app/jobs.py",
       {"x = 1\n    # roadwork: starter\n    #| # TODO 2: queue the export\n"
        "    # roadwork: solution\n    queue()\n    # roadwork: end\n",
        false}},
      {"app/tasks.py", {"# TODO: not in a region, so not this exercise's\n", false}},
      {"tests/test_example.py", {"# roadwork: starter only\n# TODO: write the tests\n", false}}};
  CHECK(todo_files(tree) == std::vector<std::string>{"app/jobs.py", "tests/test_example.py"});
}
