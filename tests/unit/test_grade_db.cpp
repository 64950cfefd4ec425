// The grading database against real SQLite files: grades survive reopening (resume), --regrade forgets
// them, a writer killed mid-run leaves a whole database, and the schema is versioned.

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/grade/grade_db.hpp"
#include "tests/unit/support.hpp"

namespace fs = std::filesystem;
using roadwork::grade::GradeDb;
using roadwork::grade::GradeDbError;
using roadwork::grade::GradeRecord;
using roadwork::testing::TempDir;

namespace {

GradeRecord grade(const std::string& submission, const std::string& verdict = "pass", int passed = 4) {
  return {submission,
          verdict,
          passed,
          4,
          120,
          verdict == "pass" ? "" : "step 2: expected 200",
          1700000000000,
          R"({"status":")" + verdict + R"("})",
          "<testsuite/>\n"};
}

std::vector<std::string> names(const std::vector<GradeRecord>& grades) {
  std::vector<std::string> out;
  for (const auto& g : grades) out.push_back(g.submission);
  return out;
}

}  // namespace

TEST_CASE("grades are recorded, listed by submission, and replaced when graded again") {
  TempDir dir;
  GradeDb db(dir.path() / "out" / "grades.db");
  db.record("hello-server", grade("carol"));
  db.record("hello-server", grade("alice", "fail", 1));
  db.record("notes-crud", grade("alice"));
  CHECK(db.graded("hello-server") == std::set<std::string>{"alice", "carol"});
  const auto grades = db.results("hello-server");
  CHECK(names(grades) == std::vector<std::string>{"alice", "carol"});
  CHECK(grades[0].verdict == "fail");
  CHECK(grades[0].steps_passed == 1);
  CHECK(grades[0].first_failure == "step 2: expected 200");
  CHECK(grades[0].report_json == R"({"status":"fail"})");
  CHECK(grades[0].junit_xml == "<testsuite/>\n");

  db.record("hello-server", grade("alice", "pass"));
  CHECK(db.results("hello-server")[0].verdict == "pass");
  CHECK(db.results("hello-server").size() == 2);
}

TEST_CASE("a reopened database resumes: what was graded stays graded; a new grade replaces the old one") {
  TempDir dir;
  const auto path = dir.path() / "grades.db";
  {
    GradeDb db(path);
    db.record("hello-server", grade("alice"));
    db.record("hello-server", grade("bob", "error", 0));
    db.record("notes-crud", grade("alice"));
  }
  GradeDb db(path);
  CHECK(db.graded("hello-server") == std::set<std::string>{"alice", "bob"});
  db.record("hello-server", grade("bob"));
  const auto results = db.results("hello-server");
  REQUIRE(results.size() == 2);
  CHECK(results[1].submission == "bob");
  CHECK(results[1].verdict == "pass");
  CHECK(db.graded("notes-crud") == std::set<std::string>{"alice"});
}

TEST_CASE("a verdict outside pass, fail and error is refused, naming the file") {
  TempDir dir;
  GradeDb db(dir.path() / "grades.db");
  try {
    db.record("hello-server", grade("alice", "maybe"));
    FAIL("no error");
  } catch (const GradeDbError& error) {
    CHECK(std::string(error.what()).starts_with((dir.path() / "grades.db").string() + ": "));
  }
  CHECK(db.graded("hello-server").empty());
}

TEST_CASE("a database of a newer schema is refused") {
  TempDir dir;
  const auto path = dir.path() / "grades.db";
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA user_version = " + std::to_string(GradeDb::schema_version() + 1));
  }
  CHECK_THROWS_WITH_AS(GradeDb{path}, doctest::Contains("newer than this roadwork understands"),
                       GradeDbError);
}

TEST_CASE("a grader killed while recording leaves a whole database with whole rows") {
  TempDir dir;
  const auto path = dir.path() / "grades.db";
  { GradeDb create(path); }
  const pid_t writer = ::fork();
  REQUIRE(writer >= 0);
  if (writer == 0) {
    try {
      GradeDb db(path);
      for (int i = 0;; ++i) db.record("hello-server", grade("submission-" + std::to_string(i)));
    } catch (...) {
    }
    ::_exit(1);
  }
  // Let it commit a good number of rows, then kill it mid-write.
  for (int waited = 0; waited < 500; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    SQLite::Database peek(path.string(), SQLite::OPEN_READONLY);
    if (peek.execAndGet("SELECT count(*) FROM grades").getInt() >= 20) break;
  }
  ::kill(writer, SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(writer, &status, 0) == writer);
  CHECK(WIFSIGNALED(status));

  SQLite::Database check(path.string(), SQLite::OPEN_READWRITE);
  CHECK(check.execAndGet("PRAGMA integrity_check").getString() == "ok");
  GradeDb db(path);
  const auto grades = db.results("hello-server");
  CHECK(grades.size() >= 20);
  for (const auto& g : grades) CHECK(g.report_json == R"({"status":"pass"})");
}

TEST_CASE("record_newer keeps the newest grade of each submission and merges idempotently") {
  TempDir dir;
  GradeDb db(dir.path() / "grades.db");
  auto old_grade = grade("alice", "fail", 1);
  old_grade.graded_at_ms = 1000;
  auto new_grade = grade("alice", "pass");
  new_grade.graded_at_ms = 2000;

  CHECK(db.record_newer({{"hello-server", old_grade}, {"hello-server", grade("bob")}}) == 2);
  CHECK(db.record_newer({{"hello-server", new_grade}}) == 1);
  CHECK(db.record_newer({{"hello-server", old_grade}}) == 0);  // older: kept out
  CHECK(db.record_newer({{"hello-server", new_grade}}) == 0);  // the same again: nothing changes
  const auto grades = db.results("hello-server");
  REQUIRE(grades.size() == 2);
  CHECK(grades[0].verdict == "pass");
  CHECK(grades[0].graded_at_ms == 2000);

  // All or nothing: a refused grade (a verdict outside pass/fail/error) leaves none of its batch.
  auto carol = grade("carol");
  carol.graded_at_ms = 3000;
  CHECK_THROWS_AS(db.record_newer({{"hello-server", carol}, {"hello-server", grade("dan", "maybe")}}),
                  GradeDbError);
  CHECK(names(db.results("hello-server")) == std::vector<std::string>{"alice", "bob"});
}

TEST_CASE("exercises lists each graded exercise once, sorted") {
  TempDir dir;
  GradeDb db(dir.path() / "grades.db");
  CHECK(db.exercises().empty());
  db.record("notes-crud", grade("bob"));
  db.record("hello-server", grade("bob"));
  db.record("hello-server", grade("alice"));
  CHECK(db.exercises() == std::vector<std::string>{"hello-server", "notes-crud"});
}

TEST_CASE("a read-only database is read but neither created nor written") {
  TempDir dir;
  const auto path = dir.path() / "shard" / "grades.db";
  CHECK_THROWS_AS(GradeDb(path, GradeDb::Access::ReadOnly), GradeDbError);
  CHECK_FALSE(fs::exists(path));
  { GradeDb(path).record("hello-server", grade("alice")); }
  GradeDb shard(path, GradeDb::Access::ReadOnly);
  CHECK(names(shard.results("hello-server")) == std::vector<std::string>{"alice"});
  CHECK_THROWS_WITH_AS(shard.record("hello-server", grade("bob")), doctest::Contains("readonly"),
                       GradeDbError);
}
