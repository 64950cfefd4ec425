// Step kinds: loading [[steps]] tables (every error as an exact `file:line:col: error: …` string), the
// placeholders of sql steps, and the parts of running steps that the integration test (test_steps.py) cannot
// reach through the command line: every `expect` of sql steps, practice steps against roadwork's real
// practice server with no learner server started, and step kinds that refuse `check --url`. The servers are
// real processes: tests/fixtures/steps/server.py.

#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/checking/check_run.hpp"
#include "app/core/fatal.hpp"
#include "app/course/pack.hpp"
#include "app/course/step_load.hpp"
#include "app/practice/exercise.hpp"
#include "app/practice/practice.hpp"
#include "app/practice/practice_server.hpp"
#include "app/practice/secrets.hpp"
#include "tests/unit/support.hpp"

namespace {

namespace fs = std::filesystem;
using roadwork::Fatal;
using roadwork::testing::error_message;
using roadwork::testing::problem_of;
using roadwork::testing::TempDir;
using roadwork::testing::value_of;
using namespace roadwork;
using report::Verdict;

const fs::path kFixturePack = fs::path(ROADWORK_SOURCE_DIR) / "tests" / "fixtures" / "steps";
const std::string kServer = "python3 " + (kFixturePack / "server.py").string();

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// Lines 1-7 of every exercise.toml below; a test's step keys start on line 8.
constexpr const char* kHeader = R"(id = "ex"
title = "An exercise"
stage = "s"
project = "p"

[[steps]]
name = "n"
)";

/// The exercise folder `ex` in `dir` with exercise.toml = kHeader + `steps`, and checks/a.hurl.
fs::path make_exercise(const TempDir& dir, const std::string& steps) {
  auto exercise = dir.path() / "ex";
  write(exercise / "exercise.toml", kHeader + steps);
  write(exercise / "checks" / "a.hurl", "GET {{host}}/health\nHTTP 200\n");
  return exercise;
}

/// The problem of loading the exercise, with its folder shown as "ex".
std::string load_error(const std::string& steps) {
  const TempDir dir;
  const auto exercise = make_exercise(dir, steps);
  auto message = problem_of(course::load_exercise(exercise));
  if (message.empty()) return "(loaded without an error)";
  for (auto at = message.find(exercise.string()); at != std::string::npos;
       at = message.find(exercise.string()))
    message.replace(at, exercise.string().size(), "ex");
  return message;
}

}  // namespace

TEST_CASE("every step kind loads with its keys, paths resolved against the exercise folder") {
  const TempDir dir;
  const auto folder = make_exercise(dir, R"(hurl = "checks/a.hurl"

[[steps]]
name = "restart"
restart = "kill"

[[steps]]
name = "signal"
signal = "SIGINT"
during = "checks/a.hurl"
exit_code = 3
within = "250ms"

[[steps]]
name = "burst"
burst = "checks/a.hurl"
count = 20
concurrency = 5
all_pass = false
some_status = 429
distinct = "id"
after = "checks/a.hurl"

[[steps]]
name = "logs"
logs = "json"
fields = ["method", "path"]

[[steps]]
name = "sql"
sql = "SELECT a, b FROM t WHERE id = {{ id }}"
expect = "equals"
value = [[1, "x"], [2.5, true]]

[[steps]]
name = "command"
command = "test"

[[steps]]
name = "practice"
practice = "query-string"
)");
  const auto exercise = value_of(course::load_exercise(folder));
  REQUIRE(exercise.steps.size() == 8);
  std::string kinds;
  for (const auto& step : exercise.steps) kinds += std::string(step.kind()) + " ";
  CHECK(kinds == "hurl restart signal burst logs sql command practice ");
  CHECK(std::get<course::RestartStep>(exercise.steps[1].spec).env.empty());
  CHECK(std::get<course::HurlStep>(exercise.steps[0].spec).file == folder / "checks/a.hurl");
  CHECK(std::get<course::RestartStep>(exercise.steps[1].spec).kill);
  const auto& signal = std::get<course::SignalStep>(exercise.steps[2].spec);
  CHECK(signal.signal == SIGINT);
  CHECK(signal.during == folder / "checks/a.hurl");
  CHECK(signal.exit_code == 3);
  CHECK(signal.within == std::chrono::milliseconds(250));
  const auto& burst = std::get<course::BurstStep>(exercise.steps[3].spec);
  CHECK((burst.count == 20 && burst.concurrency == 5 && !burst.all_pass && burst.some_status == 429));
  CHECK(burst.distinct == "id");
  CHECK(std::get<course::LogsStep>(exercise.steps[4].spec).fields ==
        std::vector<std::string>{"method", "path"});
  const auto& sql = std::get<course::SqlStep>(exercise.steps[5].spec);
  CHECK(sql.query == "SELECT a, b FROM t WHERE id = ?");
  CHECK(sql.parameters == std::vector<std::string>{"id"});
  CHECK(sql.value == std::vector<std::vector<course::SqlValue>>{{std::int64_t{1}, std::string("x")},
                                                                {2.5, std::int64_t{1}}});
  CHECK(std::get<course::CommandStep>(exercise.steps[6].spec).against ==
        course::CommandStep::Against::Learner);
  CHECK(std::get<course::PracticeStep>(exercise.steps[7].spec).task == "query-string");
}

TEST_CASE("a step without exactly one kind key names what is wrong") {
  CHECK(load_error("") ==
        "ex/exercise.toml:7:8: error: step \"n\" has no kind: add one of hurl, restart, signal, burst, logs, "
        "sql, "
        "command, password_storage or practice");
  CHECK(load_error("hurll = \"checks/a.hurl\"\n") ==
        "ex/exercise.toml:8:1: error: unknown key `hurll` in [[steps]]; did you mean `hurl`?");
  CHECK(load_error("hurl = \"checks/a.hurl\"\nrestart = true\n") ==
        "ex/exercise.toml:9:11: error: a step has exactly one kind key; this one has both `hurl` and "
        "`restart`");
}

TEST_CASE("keys a kind does not take are errors that list the keys it takes") {
  CHECK(load_error("signal = \"SIGTERM\"\ntimeout = \"5s\"\n") ==
        "ex/exercise.toml:9:1: error: unknown key `timeout` in a signal step (it takes name, signal, during, "
        "exit_code, within, hint)");
  CHECK(load_error("logs = \"json\"\npattern = \"x\"\n") ==
        "ex/exercise.toml:9:1: error: unknown key `pattern` in a logs = \"json\" step (it takes name, logs, "
        "fields, hint)");
  CHECK(load_error("sql = \"SELECT 1\"\nexpect = \"all_match\"\npattern = \"x\"\nrows = 1\n") ==
        "ex/exercise.toml:11:1: error: unknown key `rows` in a sql step with expect = \"all_match\" (it "
        "takes name, "
        "sql, expect, pattern, hint)");
  CHECK(
      load_error("signal = \"SIGTERM\"\nwithin = \"2s\"\nexit_cod = 0\n") ==
      "ex/exercise.toml:10:1: error: unknown key `exit_cod` in a signal step (it takes name, signal, during, "
      "exit_code, within, hint); did you mean `exit_code`?");
}

TEST_CASE("every kind takes a hint, which check shows when the step fails") {
  const TempDir dir;
  const auto exercise = value_of(course::load_exercise(
      make_exercise(dir, "hurl = \"checks/a.hurl\"\nhint = \"Answer 201, not 200\"\n")));
  CHECK(exercise.steps[0].hint == "Answer 201, not 200");
  const TempDir other;
  CHECK(value_of(course::load_exercise(make_exercise(other, "hurl = \"checks/a.hurl\"\n")))
            .steps[0]
            .hint.empty());
  CHECK(load_error("hurl = \"checks/a.hurl\"\nhint = 3\n") ==
        "ex/exercise.toml:9:8: error: `hint` must be a string");
}

TEST_CASE("values of the wrong type or out of range are errors at the value") {
  CHECK(load_error("restart = \"yes\"\n") ==
        "ex/exercise.toml:8:11: error: `restart` must be true or \"kill\"");
  CHECK(load_error("restart = false\n") ==
        "ex/exercise.toml:8:11: error: `restart` must be true or \"kill\"");
  CHECK(load_error("signal = \"SIGKILL\"\n") ==
        "ex/exercise.toml:8:10: error: `signal` must be \"SIGTERM\", \"SIGINT\" or \"SIGHUP\"");
  CHECK(load_error("signal = \"SIGTERM\"\nwithin = \"5 seconds\"\n") ==
        "ex/exercise.toml:9:10: error: `within` must be a duration such as \"500ms\", \"10s\" or \"2m\"");
  CHECK(load_error("signal = \"SIGTERM\"\nexit_code = 300\n") ==
        "ex/exercise.toml:9:13: error: `exit_code` must be from 0 to 255");
  CHECK(load_error("burst = \"checks/a.hurl\"\ncount = \"20\"\nconcurrency = 2\n") ==
        "ex/exercise.toml:9:9: error: `count` must be an integer from 1 to 10000");
  CHECK(load_error("burst = \"checks/a.hurl\"\ncount = 0\nconcurrency = 2\n") ==
        "ex/exercise.toml:9:9: error: `count` must be from 1 to 10000");
  CHECK(load_error("burst = \"checks/a.hurl\"\ncount = 4\n") ==
        "ex/exercise.toml:6:1: error: missing required key `concurrency`");
  CHECK(load_error("burst = \"checks/a.hurl\"\ncount = 4\nconcurrency = 5\n") ==
        "ex/exercise.toml:10:15: error: `concurrency` must not exceed `count`");
  CHECK(load_error("burst = \"checks/a.hurl\"\ncount = 4\nconcurrency = 2\nsome_status = 99\n") ==
        "ex/exercise.toml:11:15: error: `some_status` must be from 100 to 599");
  CHECK(load_error("logs = \"xml\"\n") ==
        "ex/exercise.toml:8:8: error: `logs` must be \"json\", \"matches\" or \"none_match\"");
  CHECK(load_error("logs = \"none_match\"\n") ==
        "ex/exercise.toml:6:1: error: missing required key `pattern`");
  CHECK(
      load_error("restart = true\nrefuse = true\n") ==
      "ex/exercise.toml:9:10: error: `refuse` needs `env` or `unset`: the settings the server must refuse to "
      "start with");
  CHECK(load_error("restart = true\nenv = { PORT = \"1\" }\n") ==
        "ex/exercise.toml:9:16: error: `PORT` is set by roadwork for every run; choose another name");
  CHECK(load_error("restart = true\nenv = { A = \"1\" }\noutput = \"A\"\n") ==
        "ex/exercise.toml:10:10: error: `output` needs `unset` or `refuse`: it is what a refused start "
        "printed");
  CHECK(load_error("restart = true\nenv = { A = \"{{host}}\" }\n") ==
        "ex/exercise.toml:9:13: error: `A` may hold the template {{uid}} and no other: the checks' variables "
        "do "
        "not exist yet when the server starts");
  CHECK(load_error("restart = true\nenv = { A = \"a-{{uid}}-{{uid}}\" }\n") == "(loaded without an error)");
  CHECK(
      load_error("restart = true\nenv = { A = \"1\" }\ncreates_nothing = true\n") ==
      "ex/exercise.toml:10:19: error: `creates_nothing` needs `unset` or `refuse`: it is about a start that "
      "must be refused");
  CHECK(load_error("restart = true\nunset = [\"A\"]\ncreates_nothing = false\n") ==
        "ex/exercise.toml:10:19: error: `creates_nothing` must be true (or left out)");
  CHECK(load_error("restart = true\nunset = [\"A\"]\ndatabase = \"checks/a.hurl\"\n") ==
        "ex/exercise.toml:10:12: error: `database` cannot go with `refuse` or `unset`: the server must start "
        "on "
        "it");
  CHECK(load_error("logs = \"matches\"\n") == "ex/exercise.toml:6:1: error: missing required key `pattern`");
  CHECK(load_error("command = \"npm test\"\n") ==
        "ex/exercise.toml:8:11: error: `command` must be \"test\" (the project's test command in "
        "roadwork.toml)");
  CHECK(load_error("command = \"test\"\nagainst = \"mutant\"\n") ==
        "ex/exercise.toml:9:11: error: `against` must be \"learner\", \"solution\" or \"mutants\"");
  CHECK(load_error("practice = \"\"\n") == "ex/exercise.toml:8:12: error: `practice` must not be empty");
}

TEST_CASE("check files must exist") {
  CHECK(load_error("hurl = \"checks/nope.hurl\"\n") ==
        "ex/exercise.toml:8:8: error: no such check file: ex/checks/nope.hurl");
  CHECK(load_error("signal = \"SIGTERM\"\nduring = \"checks/slow.hurl\"\n") ==
        "ex/exercise.toml:9:10: error: no such check file: ex/checks/slow.hurl");
  CHECK(load_error("burst = \"checks/a.hurl\"\ncount = 2\nconcurrency = 2\nafter = \"nope.hurl\"\n") ==
        "ex/exercise.toml:11:9: error: no such check file: ex/nope.hurl");
  CHECK(load_error("restart = true\ndatabase = \"checks/old.sql\"\n") ==
        "ex/exercise.toml:9:12: error: no such check file: ex/checks/old.sql");
}

TEST_CASE("sql steps: each expect needs its key, and `value` holds rows of plain values") {
  CHECK(load_error("sql = \"SELECT 1\"\nexpect = \"many\"\n") ==
        "ex/exercise.toml:9:10: error: `expect` must be \"rows\", \"none\", \"some\", \"all_match\", "
        "\"none_match\" or "
        "\"equals\"");
  CHECK(load_error("sql = \"SELECT 1\"\nexpect = \"rows\"\n") ==
        "ex/exercise.toml:9:10: error: expect = \"rows\" needs `rows`");
  CHECK(load_error("sql = \"SELECT 1\"\nexpect = \"none_match\"\n") ==
        "ex/exercise.toml:9:10: error: expect = \"none_match\" needs `pattern`");
  CHECK(load_error("sql = \"SELECT 1\"\nexpect = \"equals\"\nvalue = [1, 2]\n") ==
        "ex/exercise.toml:10:10: error: each row of `value` must be an array of column values, e.g. [1, "
        "\"a\"]");
  CHECK(
      load_error("sql = \"SELECT 1\"\nexpect = \"equals\"\nvalue = [[1, [2]]]\n") ==
      "ex/exercise.toml:10:14: error: a value of an `equals` row must be an integer, a float, a string or a "
      "boolean");
  CHECK(load_error("sql = \"SELECT * FROM users WHERE name = '{{name}}'\"\nexpect = \"some\"\n") ==
        "ex/exercise.toml:8:7: error: `{{` inside a quoted SQL string: a placeholder stands for a whole "
        "value and is "
        "bound as a parameter, so write it without quotes (WHERE id = {{id}})");
}

TEST_CASE("password_storage steps: a query with bound placeholders and the passwords the checks sent") {
  const TempDir dir;
  const auto exercise = value_of(
      course::load_exercise(make_exercise(dir,
                                          "password_storage = \"SELECT password_hash FROM users WHERE id > "
                                          "{{id}}\"\npasswords = [\"a b c d\"]\n")));
  const auto& step = std::get<course::PasswordStorageStep>(exercise.steps[0].spec);
  CHECK(step.query == "SELECT password_hash FROM users WHERE id > ?");
  CHECK(step.parameters == std::vector<std::string>{"id"});
  CHECK(step.passwords == std::vector<std::string>{"a b c d"});
  CHECK(load_error("password_storage = \"SELECT 1\"\n") ==
        "ex/exercise.toml:7:8: error: missing required key `passwords`");
  CHECK(load_error("password_storage = \"SELECT 1\"\npasswords = [\"\"]\n") ==
        "ex/exercise.toml:9:13: error: `passwords` must list the passwords the check files sent, none of "
        "them empty");
}

TEST_CASE("sql placeholders become bound parameters") {
  std::string error;
  auto sql =
      course::parse_sql_template("SELECT 'a''{' FROM t WHERE a = {{x}} AND \"b\" = {{ user-id_2 }}", error);
  REQUIRE(sql);
  CHECK(sql->query == "SELECT 'a''{' FROM t WHERE a = ? AND \"b\" = ?");
  CHECK(sql->parameters == std::vector<std::string>{"x", "user-id_2"});
  for (const auto* bad : {"SELECT {{1x}}", "SELECT {{x", "SELECT {{}}", "SELECT {{x y}}"}) {
    CAPTURE(bad);
    CHECK_FALSE(course::parse_sql_template(bad, error));
    CHECK(error == "a placeholder in `sql` must be `{{name}}` with a variable name ([A-Za-z][A-Za-z0-9_-]*)");
  }
  CHECK_FALSE(course::parse_sql_template("SELECT \"{{x}}\"", error));
}

TEST_CASE("rules: steps they name must exist, ids are unique, and the text holds no control characters") {
  const std::string step = "hurl = \"checks/a.hurl\"\n";
  const std::string rule = "\n[[rules]]\nid = \"r\"\nrule = \"R.\"\nsteps = [\"n\"]\n";
  CHECK(load_error(step + rule) == "(loaded without an error)");
  CHECK(load_error(step + "\n[[rules]]\nid = \"r\"\nrule = \"R.\"\nsteps = [\"m\"]\n") ==
        "ex/exercise.toml:13:9: error: `steps` names \"m\", which is no step of this exercise");
  CHECK(load_error(step + rule + rule) ==
        "ex/exercise.toml:16:6: error: rule id \"r\" is used twice (first at line 11)");
  CHECK(
      load_error(step + "\n[[rules]]\nid = \"r\"\nrule = \"R\\u001b[2J\"\nsteps = [\"n\"]\n") ==
      "ex/exercise.toml:12:8: error: `rule` holds a control character: pack text may hold tabs and newlines, "
      "nothing a terminal would act on (write it out, e.g. \\u001b as the text \\x1b)");
  CHECK(load_error(step + "\n[[rules]]\nid = \"r\"\nrule = \"two\\nlines\"\nsteps = [\"n\"]\n") ==
        "ex/exercise.toml:12:8: error: `rule` must be one line without control characters");
}

TEST_CASE("command steps that start the solution or the mutants need them in the exercise folder") {
  CHECK(load_error("command = \"test\"\nagainst = \"solution\"\n") ==
        "ex/exercise.toml:9:11: error: this step starts the reference solution, but there is no python "
        "solution (solution/python/, or solution/python.patch on the code of builds_on)");
  const TempDir dir;
  const auto folder = make_exercise(dir, "command = \"test\"\nagainst = \"mutants\"\n");
  write(folder / "solution" / "python" / "server.py", "");
  CHECK(problem_of(course::load_exercise(folder)) ==
        (folder / "exercise.toml").string() +
            ":9:11: error: against = \"mutants\" needs at least one mutants/<name>.toml");
  const std::string edit =
      "\n[[edit]]\nstack = \"python\"\nfile = \"server.py\"\nfind = \"x\"\nreplace = \"y\"\n";
  write(folder / "mutants" / "no-check.toml", "rule = \"r\"\nfails = \"n\"\nwhy = \"it has a bug\"\n" + edit);
  CHECK(problem_of(course::load_exercise(folder)) ==
        (folder / "mutants/no-check.toml").string() +
            ":1:8: error: `rule` \"r\" is not the id of a [[rules]] entry of exercise.toml");
  std::ofstream(folder / "exercise.toml", std::ios::app)
      << "\n[[rules]]\nid = \"r\"\nrule = \"R.\"\nsteps = [\"n\"]\n";
  write(folder / "mutants" / "no-check.toml",
        "rule = \"r\"\nfails = \"another step\"\nwhy = \"it has a bug\"\n" + edit);
  CHECK(problem_of(course::load_exercise(folder)) ==
        (folder / "mutants/no-check.toml").string() +
            ":2:9: error: `fails` must be the name of a step of this exercise");
  write(folder / "mutants" / "no-check.toml", "rule = \"r\"\nfails = \"n\"\nwhy = \"it has a bug\"\n" + edit);
  const auto exercise = value_of(course::load_exercise(folder));
  REQUIRE(exercise.mutants.size() == 1);
  CHECK(exercise.mutants[0].name == "no-check");
  CHECK(exercise.mutants[0].rule == "r");
  REQUIRE(exercise.mutants[0].edits.size() == 1);
  CHECK(exercise.mutants[0].edits[0].find_location.line == 8);
  CHECK(exercise.rules.at(0).steps == std::vector<std::string>{"n"});
  CHECK(exercise.mutants[0].why == "it has a bug");
}

namespace {

/// A pack in a temporary folder: roadmap.toml listing exercise `ex`, whose [[steps]] are `steps`.
struct TempPack {
  explicit TempPack(const std::string& steps) {
    write(dir.path() / "lessons" / "roadmap.toml",
          "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1.0.0\"\n\n[[stages]]\nid = \"s\"\ntitle = \"S\"\n"
          "exercises = [\"ex\", \"http-explorer\"]\n");
    make_exercise_in(dir.path() / "exercises", "ex", steps);
  }
  static void make_exercise_in(const fs::path& exercises, const std::string& id, const std::string& steps) {
    std::string header = kHeader;
    header.replace(header.find("\"ex\""), 4, "\"" + id + "\"");
    write(exercises / id / "exercise.toml", header + steps);
    write(exercises / id / "checks" / "a.hurl", "GET {{host}}/health\nHTTP 200\n");
  }
  TempDir dir;
};

/// The first problem of planning the pack's exercise `id` (check_exercise plans before starting anything).
std::string plan_error(const TempPack& pack, const std::string& id) {
  const auto loaded = value_of(course::load_pack(pack.dir.path()));
  const auto checked = checking::check_exercise(loaded, *loaded.find_exercise(id),
                                                {"exit 1", pack.dir.path(), std::nullopt, ""}, {});
  if (checked) return "(planned without an error)";
  const auto message = render(checked.error().front());
  return message.substr(message.find("exercise.toml"));
}

/// The report of a check run that must get as far as running: a plan error fails the test.
report::Report ran(Expected<report::Report, std::vector<Diagnostic>> checked) {
  if (!checked) FAIL(render(checked.error().front()));
  return std::move(*checked);
}

}  // namespace

TEST_CASE("patterns and practice tasks are checked before any server starts, at their place") {
  CHECK(plan_error(TempPack("logs = \"matches\"\npattern = \"(unclosed\"\n"), "ex")
            .rfind("exercise.toml:9:11: error: `pattern` is not a valid regular expression: ", 0) == 0);
  CHECK(plan_error(TempPack("sql = \"SELECT 1\"\nexpect = \"none_match\"\npattern = \"[z-a]\"\n"), "ex")
            .rfind("exercise.toml:10:11: error: `pattern` is not a valid regular expression: ", 0) == 0);
  CHECK(
      plan_error(TempPack("practice = \"query-string\"\n"), "ex") ==
      "exercise.toml:8:12: error: exercise \"ex\" has no practice server; practice exercises: http-explorer");
  TempPack pack("hurl = \"checks/a.hurl\"\n");
  TempPack::make_exercise_in(pack.dir.path() / "exercises", "http-explorer", "practice = \"nope\"\n");
  CHECK(plan_error(pack, "http-explorer") ==
        "exercise.toml:8:12: error: the practice server of http-explorer has no task \"nope\"; its tasks: "
        "query-string, json-post, custom-header, follow-redirect, return-cookie, cors-preflight");
}

namespace {

/// Runs exercise `id` of the fixture pack against tests/fixtures/steps/server.py started with `flags`,
/// every step even after a failure.
report::Report check_fixture(const course::Pack& pack, const course::Exercise& exercise,
                             const std::string& flags, const fs::path& state_dir = {}) {
  const TempDir runs;
  checking::CheckOptions options;
  options.keep_going = true;
  options.runs_dir = runs.path() / "runs";
  options.state_dir = state_dir;
  return ran(checking::check_exercise(pack, exercise, {kServer + " " + flags, runs.path(), std::nullopt, ""},
                                      options));
}

course::Step sql_step(const std::string& sql, course::SqlStep::Expect expect) {
  std::string error;
  auto parsed = course::parse_sql_template(sql, error);
  REQUIRE(parsed);
  course::SqlStep step;
  step.query = parsed->query;
  step.parameters = parsed->parameters;
  step.expect = expect;
  return {sql, step, ""};
}

}  // namespace

TEST_CASE("sql steps: every expect, against the database a real server wrote") {
  using Expect = course::SqlStep::Expect;
  const auto pack = value_of(course::load_pack(kFixturePack));
  auto exercise = *pack.find_exercise("hashing");
  exercise.steps.resize(1);  // POST /users, which captures user_id
  auto& steps = exercise.steps;
  steps.push_back(sql_step("SELECT name FROM sqlite_master WHERE name = 'users'", Expect::Some));
  steps.push_back(sql_step("SELECT id FROM users WHERE id = {{user_id}} + 1", Expect::Some));
  steps.push_back(sql_step("SELECT id FROM users WHERE id = {{user_id}} + 1", Expect::None));
  steps.push_back(sql_step("SELECT id, password_hash FROM users", Expect::None));
  steps.push_back(sql_step("SELECT COUNT(*), 2.5, 'x', NULL FROM users", Expect::Equals));
  std::get<course::SqlStep>(steps.back().spec).value = {{std::int64_t{1}, 2.5, std::string("x")}};
  steps.push_back(sql_step("SELECT COUNT(*), 2.5, 'x' FROM users", Expect::Equals));
  std::get<course::SqlStep>(steps.back().spec).value = {{1.0, 2.5, std::string("x")}};
  steps.push_back(sql_step("SELECT password_hash FROM users", Expect::NoneMatch));
  std::get<course::SqlStep>(steps.back().spec).pattern = {"hunter", {}};
  steps.push_back(sql_step("SELECT {{uid}}", Expect::Rows));
  std::get<course::SqlStep>(steps.back().spec).rows = 2;
  steps.push_back(sql_step("SELECT * FROM passwords", Expect::Some));
  steps.push_back(sql_step("SELECT {{nobody}}", Expect::Some));

  const auto report = check_fixture(pack, exercise, "--passwords plain");
  REQUIRE(report.message == "");
  REQUIRE(report.steps.size() == 11);
  const auto& s = report.steps;
  CHECK(s[0].verdict == Verdict::Pass);
  CHECK(s[1].verdict == Verdict::Pass);
  CHECK(s[2].message == "the query returned no rows; expected at least one");
  CHECK(s[3].verdict == Verdict::Pass);
  CHECK(s[4].message == "the query returned 1 row; expected none; the first is (1, \"hunter2\")");
  CHECK(s[5].message == "row 1: expected (1, 2.5, \"x\"), got (1, 2.5, \"x\", NULL)");
  CHECK(s[6].verdict == Verdict::Pass);
  CHECK(s[7].message == "row 1: password_hash \"hunter2\" matches hunter");
  CHECK(s[8].message == "the query returned 1 row; expected 2 rows");
  CHECK(s[9].message == "the query failed: no such table: passwords");
  CHECK(s[10].message == "variable `nobody` in the query is not set (no earlier step captured it)");
  for (std::size_t i = 0; i < s.size(); ++i) {
    CAPTURE(i);
    CHECK(s[i].kind == (i == 0 ? "hurl" : "sql"));
  }
}

TEST_CASE("practice steps grade what the practice server recorded, and start no learner server") {
  const auto pack = value_of(course::load_pack(kFixturePack));
  const auto& exercise = *pack.find_exercise("http-explorer");
  const TempDir state;
  const auto log = practice::log_path(state.path(), "http-explorer");
  // A command that cannot start: if a server were started, the run would end with its failure.
  const auto not_a_server = "exit 3";
  const auto check = [&] {
    const TempDir runs;
    checking::CheckOptions options;
    options.runs_dir = runs.path();
    options.state_dir = state.path();
    return ran(
        checking::check_exercise(pack, exercise, {not_a_server, runs.path(), std::nullopt, ""}, options));
  };

  auto report = check();
  CHECK(report.message == "");
  CHECK(report.server_start_ms == 0);
  REQUIRE(report.steps.size() == 1);
  CHECK(report.steps[0].kind == "practice");
  CHECK(report.steps[0].verdict == Verdict::Fail);
  CHECK(report.steps[0].message ==
        "no request to /search has arrived yet: send GET /search with the query parameters q and page");

  {
    const auto server = value_of(practice::PracticeServer::start(
        *practice::find_practice_exercise("http-explorer"), value_of(practice::load_or_create_secrets(log)),
        {}, log, 0, nullptr));
    httplib::Client client("127.0.0.1", server->port());
    REQUIRE(client.Get("/search?q=shoes&page=2"));
  }
  report = check();
  CHECK(report.steps[0].verdict == Verdict::Pass);
}

TEST_CASE("restart steps read env and refuse; logs steps read none_match") {
  const TempDir dir;
  const auto folder = make_exercise(dir, R"(restart = true
env = { RATE_LIMIT = "3" }

[[steps]]
name = "refused"
restart = true
env = { SECRET = "" }
refuse = true
output = "SECRET"

[[steps]]
name = "quiet"
logs = "none_match"
pattern = "s3cret"
)");
  const auto exercise = value_of(course::load_exercise(folder));
  REQUIRE(exercise.steps.size() == 3);
  const auto& lower = std::get<course::RestartStep>(exercise.steps[0].spec);
  CHECK(lower.env == std::map<std::string, std::string>{{"RATE_LIMIT", "3"}});
  CHECK_FALSE(lower.refuse);
  const auto& refused = std::get<course::RestartStep>(exercise.steps[1].spec);
  CHECK(refused.env == std::map<std::string, std::string>{{"SECRET", ""}});
  CHECK(refused.refuse);
  CHECK(refused.output->text == "SECRET");
  const auto& quiet = std::get<course::LogsStep>(exercise.steps[2].spec);
  CHECK(quiet.mode == course::LogsStep::Mode::NoneMatch);
  CHECK(quiet.pattern.text == "s3cret");
}

TEST_CASE("steps that need the server roadwork starts are errors with --url") {
  TempPack pack(R"(restart = true

[[steps]]
name = "logs"
logs = "json"

[[steps]]
name = "sql"
sql = "SELECT 1"
expect = "some"

[[steps]]
name = "signal"
signal = "SIGTERM"
)");
  const auto loaded = value_of(course::load_pack(pack.dir.path()));
  checking::CheckOptions options;
  options.keep_going = true;
  const auto report = ran(checking::check_exercise(loaded, *loaded.find_exercise("ex"),
                                                   {"", {}, std::string("http://127.0.0.1:9"), ""}, options));
  REQUIRE(report.steps.size() == 4);
  for (const auto& step : report.steps) {
    CAPTURE(step.kind);
    CHECK(step.verdict == Verdict::Error);
    CHECK(step.message == "a " + step.kind +
                              " step needs the server that roadwork starts, so it cannot run with --url; run "
                              "`roadwork check` without --url");
  }
}

TEST_CASE("command steps need the project's test command") {
  const auto pack = value_of(course::load_pack(kFixturePack));
  const auto report = check_fixture(pack, *pack.find_exercise("own-tests"), "");
  REQUIRE(report.steps.size() == 1);
  CHECK(report.steps[0].verdict == Verdict::Error);
  CHECK(report.steps[0].message ==
        "this step runs your project's tests, but it has no test command: add `test = \"…\"` under "
        "[projects.owntests] in roadwork.toml");
}
