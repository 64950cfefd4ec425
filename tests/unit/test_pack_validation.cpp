// Pack validation on the packs of tests/fixtures/packs: the valid pack `mini` has no problem, and each
// broken pack yields exactly the problems listed here, in order and word for word, every one located
// `file:line:col`. Also the runs a validation plans, the pack `pack new` writes, the forms of names, the
// packs added to a workspace, and how an exercise is found among several packs.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/core/fatal.hpp"
#include "app/core/temp_dir.hpp"
#include "app/course/exercise_code.hpp"
#include "app/course/mutant.hpp"
#include "app/course/names.hpp"
#include "app/course/pack.hpp"
#include "app/packs/behaviour.hpp"
#include "app/packs/new_pack.hpp"
#include "app/packs/registry.hpp"
#include "app/packs/validate_files.hpp"
#include "app/workspace/workspace.hpp"
#include "tests/unit/support.hpp"

namespace {

namespace fs = std::filesystem;
using roadwork::Fatal;
using roadwork::testing::error_message;
using roadwork::testing::problem_of;
using roadwork::testing::TempDir;
using roadwork::testing::value_of;
namespace packs = roadwork::packs;
namespace course = roadwork::course;
namespace workspace = roadwork::workspace;

const fs::path kFixtures = fs::path(ROADWORK_SOURCE_DIR) / "tests" / "fixtures" / "packs";

/// Every problem of the pack at `root`, with `root/` cut from the paths so they read as the pack names them.
std::vector<std::string> problems_of(const fs::path& root) {
  std::vector<std::string> texts;
  const auto prefix = root.string() + "/";
  const auto files = value_of(packs::validate_files(root));
  for (const auto& problem : files.problems.all()) {
    auto text = problem.text();
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
      text.erase(at, prefix.size());
    texts.push_back(text);
  }
  return texts;
}

void check_lines(const std::vector<std::string>& actual, const std::vector<std::string>& expected) {
  for (std::size_t i = 0; i < std::max(actual.size(), expected.size()); ++i) {
    const std::string got = i < actual.size() ? actual[i] : "(none)";
    const std::string want = i < expected.size() ? expected[i] : "(none)";
    CHECK(got == want);
  }
}

}  // namespace

TEST_CASE("the pack mini is valid: no error, no warning") {
  const auto files = value_of(packs::validate_files(kFixtures / "mini"));
  CHECK(files.problems.all().empty());
  CHECK(files.pack.id == "mini");
  REQUIRE(files.pack.exercises.size() == 2);
  const auto& greet = files.pack.exercises[0];
  REQUIRE(greet.mutants.size() == 1);
  CHECK(greet.mutants[0].fails == "GET /greet without a name greets the world");
  CHECK(greet.mutants[0].rule == "world-by-default");
  CHECK(greet.mutants[0].stacks() == std::vector<std::string>{"python"});
  REQUIRE(greet.rules.size() == 1);
  CHECK(greet.rules[0].id == "world-by-default");
  CHECK(greet.rules[0].steps == std::vector<std::string>{"GET /greet without a name greets the world"});
  CHECK(greet.rules[0].hint == "Fall back to \"world\" when the query string has no name.");
}

TEST_CASE("a pack read up to one exercise leaves out those after it, and only those") {
  TempDir dir;
  const fs::path pack = dir.path() / "mini";
  fs::copy(kFixtures / "mini", pack, fs::copy_options::recursive);
  const auto ids = [](const course::Pack& loaded) {
    std::vector<std::string> out;
    for (const auto& exercise : loaded.exercises) out.push_back(exercise.id);
    return out;
  };
  CHECK(ids(value_of(course::load_pack(pack, course::MutantLoading::All, "greet"))) ==
        std::vector<std::string>{"greet"});
  CHECK(ids(value_of(course::load_pack(pack, course::MutantLoading::All, "shout"))) ==
        std::vector<std::string>{"greet", "shout"});
  // An id the roadmap does not list (or an added pack's PACK/ID) reads the whole pack.
  CHECK(ids(value_of(course::load_pack(pack, course::MutantLoading::All, "nope"))) ==
        std::vector<std::string>{"greet", "shout"});
  const auto shout = value_of(course::load_pack(pack, course::MutantLoading::All, "shout"));
  CHECK(shout.earlier_in_project(*shout.find_exercise("shout")).size() == 1);
  // What comes after is not even read: a broken exercise there does not stop a command about `greet`.
  std::ofstream(pack / "exercises" / "shout" / "exercise.toml", std::ios::app) << "\nbroken = [\n";
  CHECK(ids(value_of(course::load_pack(pack, course::MutantLoading::All, "greet"))) ==
        std::vector<std::string>{"greet"});
  CHECK_FALSE(course::load_pack(pack, course::MutantLoading::All, "shout"));
}

TEST_CASE("a mutant's edits applied to a copy of the solution make the mutant") {
  const auto pack = value_of(course::load_pack(kFixtures / "mini"));
  const auto& greet = pack.exercises[0];
  auto solution = course::exercise_code(greet, "python", course::CodeVariant::Solution);
  REQUIRE(solution);
  const auto files = course::edited_files(*solution, greet.mutants[0], "python");
  REQUIRE(files);
  REQUIRE(files->size() == 1);
  CHECK(files->at("server.py").find("f\"Hello, {name}!\"") != std::string::npos);
  CHECK(files->at("server.py").find("{name or 'world'}") == std::string::npos);
  CHECK(course::edited_files(*solution, greet.mutants[0], "node")->empty());
  CHECK_FALSE(course::apply_mutant(greet.mutants[0], "python", *solution));
  CHECK(solution->at("server.py").text == files->at("server.py"));
}

TEST_CASE("every problem of a roadmap and its lessons, each at its place") {
  check_lines(
      problems_of(kFixtures / "broken-roadmap"),
      {
          "lessons/01-basics/quiz.toml:6:10: error: a single question has exactly one answer; use kind = "
          "\"multiple\" for more",
          "lessons/roadmap.toml:1:1: warning: exercises/orphan/ is not listed by any stage: no learner can "
          "reach it",
          "lessons/roadmap.toml:2:1: error: unknown key `theme` in roadmap.toml",
          "lessons/roadmap.toml:5:6: error: pack id \"Broken Roadmap\" must be kebab-case: lower-case words "
          "and digits joined by -",
          "lessons/roadmap.toml:7:11: error: version \"1.0\" must be a semantic version: MAJOR.MINOR.PATCH, "
          "such as \"1.0.0\"",
          "lessons/roadmap.toml:8:1: error: unknown key `author` in [pack]",
          "lessons/roadmap.toml:13:1: error: unknown key `summary` in [[stages]]",
          "lessons/roadmap.toml:14:12: error: no such lesson file: lessons/01-basics/missing.md",
          "lessons/roadmap.toml:14:36: error: lesson file is empty: lessons/01-basics/empty.md",
          "lessons/roadmap.toml:14:58: error: lesson file is not valid UTF-8 (line 1): "
          "lessons/01-basics/latin1.md",
          "lessons/roadmap.toml:14:81: error: lesson file renders to no text: "
          "lessons/01-basics/links-only.md",
          "lessons/roadmap.toml:15:8: error: no such quiz file: lessons/01-basics/missing-quiz.toml",
          "lessons/roadmap.toml:16:13: error: exercise \"later\" is listed twice",
          "lessons/roadmap.toml:16:14: warning: exercise \"later\" has no folder exercises/later/ yet: "
          "learners see it as coming soon",
          "lessons/roadmap.toml:16:32: error: exercise id \"Bad_Id\" must be kebab-case: lower-case words "
          "and "
          "digits joined by -",
          "lessons/roadmap.toml:18:1: error: missing required key `title`",
          "lessons/roadmap.toml:19:6: error: stage id \"basics\" is used twice (first at line 11)",
          "lessons/roadmap.toml:20:8: error: `goal` must be a string",
          "lessons/roadmap.toml:21:11: error: `lessons` must be an array of strings",
          "lessons/roadmap.toml:23:13: error: stage \"basics\" lists no exercises",
          "lessons/roadmap.toml:28:14: warning: exercise \"more\" has no folder exercises/more/ yet: "
          "learners "
          "see it as coming soon",
          "lessons/roadmap.toml:28:22: error: `exercises` must hold only strings",
      });
}

TEST_CASE("every problem of exercise folders, each at its place") {
  check_lines(
      problems_of(kFixtures / "broken-exercises"),
      {
          "exercises/bad-toml/exercise.toml:1:15: error: Error while parsing string: unescaped control "
          "characters other than TAB (U+0009) are explicitly prohibited",
          "exercises/checks/checks/xpath.hurl:4:1: error: query xpath is not supported\nxpath "
          "\"string(//title)\" == \"Home\"\n^",
          "exercises/checks/exercise.toml:1:1: warning: exercise \"checks\" has no rules: add a [[rules]] "
          "entry for each rule its README states, naming the steps that check it",
          "exercises/cycle-a/exercise.toml:1:1: warning: exercise \"cycle-a\" has no rules: add a [[rules]] "
          "entry for each rule its README states, naming the steps that check it",
          "exercises/cycle-b/exercise.toml:1:1: warning: exercise \"cycle-b\" has no rules: add a [[rules]] "
          "entry for each rule its README states, naming the steps that check it",
          "exercises/cycle-b/exercise.toml:5:13: error: requires cycle: cycle-a → cycle-b → cycle-a",
          "exercises/fields/exercise.toml:1:1: error: missing required key `project`",
          "exercises/fields/exercise.toml:1:1: warning: exercise \"field\" has no rules: add a [[rules]] "
          "entry for each rule its README states, naming the steps that check it",
          "exercises/fields/exercise.toml:1:6: error: id \"field\" must match the folder name \"fields\"",
          "exercises/fields/exercise.toml:2:9: error: `title` must be a string",
          "exercises/fields/exercise.toml:4:1: error: unknown key `difficulty` in exercise.toml",
          "exercises/fields/exercise.toml:5:19: error: `startup_timeout` must be a duration such as "
          "\"500ms\", \"10s\" or \"2m\"",
          "exercises/fields/exercise.toml:6:13: error: requires \"nowhere\", which is not an exercise of "
          "this pack",
          "exercises/fields/exercise.toml:6:24: error: requires \"soon\", which is not written yet (there is "
          "no exercises/soon/)",
          "exercises/fields/exercise.toml:7:9: error: `hints` must be an array of strings",
          "exercises/fields/exercise.toml:16:10: error: `output` needs `unset` or `refuse`: it is what a "
          "refused start printed",
          "exercises/fields/exercise.toml:19:8: error: `PORT` is set by roadwork for every run; choose "
          "another name",
          "exercises/fields/exercise.toml:20:14: error: environment variable name `lower_case` must be "
          "written in A-Z, 0-9 and _",
          "exercises/fields/exercise.toml:21:10: error: `NUMBER` must be a string",
          "exercises/folders/exercise.toml:1:1: error: no README.md: the task as the learner reads it",
          "exercises/folders/exercise.toml:1:1: error: no python reference solution: solution/python/, or "
          "solution/python.patch with builds_on",
          "exercises/folders/exercise.toml:1:1: error: starter/go/ has no go solution to go with it",
          "exercises/folders/exercise.toml:1:1: error: the node starter is the solution itself: mark the "
          "code "
          "the learner writes with `roadwork: starter` regions (exercises/README.md: Starters)",
          "exercises/folders/exercise.toml:1:1: warning: exercise \"folders\" has no rules: add a [[rules]] "
          "entry for each rule its README states, naming the steps that check it",
          "exercises/mutants/exercise.toml:1:1: error: mutants/no-toml/ is a whole-copy mutant folder; write "
          "the bug as edits of the reference solution in mutants/no-toml.toml",
          "exercises/mutants/exercise.toml:16:6: error: no mutant breaks rule \"unchecked\" in the python "
          "solution: add mutants/<bug>.toml with rule = \"unchecked\" and an [[edit]] with stack = "
          "\"python\", to prove a step checks it",
          "exercises/mutants/exercise.toml:21:6: error: rule id \"ok-answers\" is used twice (first at line "
          "11)",
          "exercises/mutants/exercise.toml:28:9: error: `steps` names \"a step that does not exist\", which "
          "is no step of this exercise",
          "exercises/mutants/mutants/bad-fails.toml:2:9: error: `fails` must be the name of a step of this "
          "exercise",
          "exercises/mutants/mutants/extra-key.toml:4:1: error: unknown key `bug` in a mutant (it takes "
          "rule, fails, why, [[edit]])",
          "exercises/mutants/mutants/find-missing.toml:8:8: error: find occurs 0 times in server.py (it must "
          "occur exactly once)",
          "exercises/mutants/mutants/find-twice.toml:8:8: error: find occurs 2 times in server.py (it must "
          "occur exactly once)",
          "exercises/mutants/mutants/unknown-rule.toml:1:8: error: `rule` \"no-such-rule\" is not the id of "
          "a [[rules]] entry of exercise.toml",
          "exercises/no-steps/exercise.toml:1:6: error: exercise \"no-steps\" has no [[steps]]",
          "exercises/wrong-stage/exercise.toml:1:1: warning: exercise \"wrong-stage\" has no rules: add a "
          "[[rules]] entry for each rule its README states, naming the steps that check it",
          "exercises/wrong-stage/exercise.toml:3:9: error: stage \"two\" does not match roadmap.toml, where "
          "stage \"one\" lists this exercise",
          "exercises/wrong-stage/exercise.toml:11:8: error: step name \"GET / answers 200\" is used twice "
          "(first at line 7)",
          "exercises/wrong-stage/exercise.toml:15:8: error: step \"a step without a kind\" has no kind: add "
          "one of hurl, restart, signal, burst, logs, sql, command, password_storage or practice",
          "exercises/wrong-stage/exercise.toml:19:8: error: no such check file: "
          "exercises/wrong-stage/checks/missing.hurl",
          "lessons/roadmap.toml:11:13: error: exercises/no-toml/ has no exercise.toml",
          "lessons/roadmap.toml:16:14: warning: exercise \"soon\" has no folder exercises/soon/ yet: "
          "learners see it as coming soon",
      });
}

TEST_CASE("a roadmap that is not TOML is one error") {
  check_lines(problems_of(kFixtures / "broken-toml"),
              {"lessons/roadmap.toml:3:6: error: Error while parsing table header: expected ']', saw '\\n'"});
}

TEST_CASE("a pattern a check run cannot compile is found once the files are otherwise right") {
  check_lines(
      problems_of(kFixtures / "broken-pattern"),
      {"exercises/log-line/exercise.toml:1:1: warning: exercise \"log-line\" has no rules: add a [[rules]] "
       "entry for each rule its README states, naming the steps that check it",
       "exercises/log-line/exercise.toml:13:11: error: `pattern` is not a valid regular expression: "
       "`listening on (port` is not a valid regular expression: unclosed group: expected `)` (at "
       "offset 18)"});
}

TEST_CASE("a folder without lessons/roadmap.toml is no pack") {
  CHECK(problem_of(packs::validate_files(kFixtures)) ==
        kFixtures.string() + ": error: not a pack (there is no lessons/roadmap.toml)");
}

TEST_CASE("load_pack still stops at the first problem of a broken pack") {
  const auto root = kFixtures / "broken-roadmap";
  CHECK(problem_of(course::load_pack(root)) ==
        (root / "lessons" / "roadmap.toml").string() + ":2:1: error: unknown key `theme` in roadmap.toml");
}

TEST_CASE("the runs of a validation: solution, starter, then mutants, per exercise in roadmap order") {
  const auto pack = value_of(course::load_pack(kFixtures / "mini"));
  std::vector<std::string> labels;
  for (const auto& run : packs::plan_runs(pack, std::nullopt, std::nullopt))
    labels.push_back(run.exercise->id + " " + run.stack + " " + run.label());
  check_lines(labels,
              {"greet python solution", "greet python starter", "greet python mutant no-default",
               "shout python solution", "shout python starter", "shout python mutant not-upper-case"});
  CHECK(packs::plan_runs(pack, std::string("shout"), std::nullopt).size() == 3);
  CHECK(packs::plan_runs(pack, std::nullopt, std::string("node")).empty());
}

TEST_CASE("pack new writes a pack that validates as written") {
  const roadwork::TempDir dir(fs::temp_directory_path(), "roadwork-new-pack");
  const auto root = dir.path() / "web-101";
  const auto written = value_of(packs::write_new_pack(root, "web-101", "Web \"101\""));
  CHECK(written.size() == 9);
  const auto files = value_of(packs::validate_files(root));
  check_lines(problems_of(root), {});
  CHECK(files.pack.id == "web-101");
  CHECK(files.pack.title == "Web \"101\"");
  CHECK(packs::plan_runs(files.pack, std::nullopt, std::nullopt).size() == 3);
  CHECK(problem_of(packs::write_new_pack(root, "web-101", "again")) ==
        root.string() + " exists already and is not an empty folder; pick a new folder for the pack");
}

TEST_CASE("names: kebab-case ids and semantic versions") {
  CHECK(course::is_kebab_case("web-101"));
  CHECK_FALSE(course::is_kebab_case("Web"));
  CHECK_FALSE(course::is_kebab_case("web--101"));
  CHECK_FALSE(course::is_kebab_case("-web"));
  CHECK_FALSE(course::is_kebab_case(""));
  CHECK(course::is_semantic_version("1.0.0"));
  CHECK(course::is_semantic_version("0.3.1-beta.2+build.7"));
  CHECK_FALSE(course::is_semantic_version("1.0"));
  CHECK_FALSE(course::is_semantic_version("01.0.0"));
  CHECK(course::to_kebab_case("My Pack_2!") == "my-pack-2");
  CHECK(course::to_kebab_case("--") == "");
}

TEST_CASE("an exercise among several packs: by id, by PACK/ID, ambiguous, coming soon, unknown") {
  const auto mini = value_of(course::load_pack(kFixtures / "mini"));
  const auto runs = value_of(course::load_pack(kFixtures / "broken-runs"));
  const std::vector<const course::Pack*> both{&mini, &runs};
  CHECK(value_of(packs::resolve_exercise(both, "shout")).pack == &mini);
  CHECK(value_of(packs::resolve_exercise(both, "broken-runs/greet")).pack == &runs);
  CHECK(value_of(packs::resolve_exercise(both, "crash")).exercise->id == "crash");
  CHECK(problem_of(packs::resolve_exercise(both, "greet")) ==
        "exercise \"greet\" is ambiguous: it is in several packs; name one of mini/greet, broken-runs/greet");
  CHECK(problem_of(packs::resolve_exercise(both, "nothing")) ==
        "no exercise \"nothing\" in packs mini, broken-runs; available: mini/greet, mini/shout, "
        "broken-runs/greet, "
        "broken-runs/crash");
  CHECK(problem_of(packs::resolve_exercise(both, "mini/crash")) ==
        "no exercise \"crash\" in pack mini; available: mini/greet, mini/shout");
  CHECK(problem_of(packs::resolve_exercise(both, "other/greet")) ==
        "no pack \"other\" is installed; installed packs: mini, broken-runs");
  std::vector<roadwork::Diagnostic>
      errors;  // the pack is broken, but lists "soon" without its folder all the same
  const auto roadmap_only = value_of(course::load_pack(kFixtures / "broken-exercises", errors));
  CHECK(problem_of(packs::resolve_exercise({&roadmap_only}, "soon")) ==
        "exercise \"soon\" is on the roadmap but not written yet (coming soon)");
}

TEST_CASE("packs added to a workspace: saved in roadwork.toml, one per id, removed by id or folder") {
  const roadwork::TempDir dir(fs::temp_directory_path(), "roadwork-registry");
  auto ws = value_of(workspace::create(dir.path(), "python"));
  const auto builtin = value_of(course::load_pack(kFixtures / "broken-runs"));
  const auto mini = value_of(course::load_pack(kFixtures / "mini"));
  CHECK_FALSE(packs::add_pack(ws, {&builtin}, mini));
  const auto folder = (kFixtures / "mini").lexically_normal().string();
  CHECK(value_of(workspace::load(dir.path())).packs == std::vector<std::string>{folder});
  CHECK(value_of(packs::load_added_packs(ws)).front().id == "mini");
  CHECK(roadwork::testing::problem_text(packs::add_pack(ws, {&builtin, &mini}, mini).value()) ==
        "the pack mini (" + folder + ") is added already");
  CHECK(problem_of(packs::remove_pack(ws, "broken-runs", "broken-runs")) ==
        "the built-in pack broken-runs cannot be removed");
  CHECK(problem_of(packs::remove_pack(ws, "broken-runs", "maxi")) ==
        "no pack \"maxi\" was added to this workspace; added packs: mini");
  CHECK(value_of(packs::remove_pack(ws, "broken-runs", "mini")) == folder);
  CHECK(value_of(workspace::load(dir.path())).packs.empty());

  ws.packs = {(dir.path() / "gone").string()};
  CHECK_FALSE(workspace::save(ws));
  CHECK(problem_of(packs::load_added_packs(ws)) ==
        ws.config_path().string() + " lists the pack " + ws.packs.front() +
            ", which is not there any more; unregister it with `roadwork pack remove " + ws.packs.front() +
            "`");
  CHECK(value_of(packs::remove_pack(ws, "broken-runs", ws.packs.front())) == (dir.path() / "gone").string());
}
