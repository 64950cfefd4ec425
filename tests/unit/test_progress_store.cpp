// The progress store on real SQLite files in a temp folder: schema and migrations, queries, files it must
// refuse, and processes writing at once or killed mid-write.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "app/progress/store.hpp"
#include "tests/unit/support.hpp"

namespace {

namespace fs = std::filesystem;
using roadwork::progress::Attempt;
using roadwork::progress::Store;
using roadwork::progress::StoreError;
using roadwork::testing::read_file;
using roadwork::testing::TempDir;

/// A pipe whose ends are closed on destruction; closing the write end early signals end of file.
class Pipe {
 public:
  Pipe() { REQUIRE(::pipe(ends_) == 0); }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  int read_end() const { return ends_[0]; }
  int write_end() const { return ends_[1]; }
  void close_read() { close_end(0); }
  void close_write() { close_end(1); }

 private:
  void close_end(int which) {
    if (ends_[which] >= 0) {
      ::close(ends_[which]);
      ends_[which] = -1;
    }
  }
  int ends_[2] = {-1, -1};
};

/// A forked process running `body`, which returns whether it succeeded. The child leaves with _exit, so it
/// runs none of the destructors it inherited (it must not remove the parent's TempDir) and no doctest
/// reporting. A child still running when this is destroyed (a failed REQUIRE in the parent) is killed and
/// reaped.
class Child {
 public:
  explicit Child(const std::function<bool()>& body) : pid_(::fork()) {
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      bool ok = false;
      try {
        ok = body();
      } catch (const std::exception& error) {
        std::fprintf(stderr, "child %d: %s\n", ::getpid(), error.what());
      }
      ::_exit(ok ? 0 : 1);
    }
  }
  ~Child() {
    if (pid_ > 0) {
      kill();
      wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void kill() const { ::kill(pid_, SIGKILL); }

  /// Reaps the child; returns its wait status.
  int wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_;
};

bool exited_ok(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

Attempt make_attempt(const std::string& pack_id, const std::string& exercise_id, std::int64_t started_at_ms,
                     const std::string& verdict, int steps_passed = 0, int steps_failed = 0) {
  return Attempt{.pack_id = pack_id,
                 .pack_version = "1.0.0",
                 .exercise_id = exercise_id,
                 .started_at_ms = started_at_ms,
                 .duration_ms = 42,
                 .verdict = verdict,
                 .steps_passed = steps_passed,
                 .steps_failed = steps_failed,
                 .report_json = R"({"status":")" + verdict + R"("})"};
}

/// PRAGMA integrity_check of the file, opened read-only: "ok" when SQLite finds nothing wrong.
std::string integrity_check(const fs::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA integrity_check").getString();
}

}  // namespace

TEST_CASE("a new store creates its folder and the current schema") {
  TempDir dir;
  const fs::path path = dir.path() / "workspace" / ".roadwork" / "progress.db";
  Store store(path);

  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  CHECK(Store::schema_version() == 1);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == Store::schema_version());
  CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
  for (const char* table : {"attempts", "state", "lesson_reads", "quiz_answers", "hints_used"}) {
    CAPTURE(table);
    CHECK(db.tableExists(table));
  }
  CHECK(db.execAndGet("SELECT tbl_name FROM sqlite_schema WHERE name = 'attempts_by_exercise'").getString() ==
        "attempts");
}

TEST_CASE("reopening keeps attempts and state and migrates nothing again") {
  TempDir dir;
  const fs::path path = dir.path() / "progress.db";
  {
    Store store(path);
    store.record_attempt(make_attempt("backend", "hello-server", 1000, "pass", 3, 0));
    store.set_state("current_exercise", "hello-server");
  }
  Store store(path);
  CHECK(store.attempts("backend", "hello-server").size() == 1);
  CHECK(store.get_state("current_exercise") == "hello-server");
  CHECK(SQLite::Database(path.string()).execAndGet("PRAGMA user_version").getInt() ==
        Store::schema_version());
}

TEST_CASE("checkpoint moves the attempts into the database file while the store stays open") {
  TempDir dir;
  const fs::path path = dir.path() / "progress.db";
  Store store(path);
  store.record_attempt(make_attempt("backend", "hello-server", 1000, "pass", 3, 0));
  // The database file alone, without its -wal file.
  const auto attempts_in_database_file = [&] {
    const fs::path copy = dir.path() / "copy" / "progress.db";
    fs::remove_all(copy.parent_path());
    fs::create_directories(copy.parent_path());
    fs::copy_file(path, copy);
    return Store(copy).attempts("backend", "hello-server").size();
  };
  REQUIRE(attempts_in_database_file() == 0);  // the attempt is in the -wal file only
  store.checkpoint();
  CHECK(attempts_in_database_file() == 1);
  store.record_attempt(make_attempt("backend", "hello-server", 2000, "fail", 1, 2));
  CHECK(store.attempts("backend", "hello-server").size() == 2);
}

TEST_CASE("attempts returns one exercise's attempts, oldest first, with every field") {
  TempDir dir;
  Store store(dir.path() / "progress.db");
  Attempt first = make_attempt("backend", "notes-crud", 1000, "fail", 1, 4);
  first.pack_version = "1.2.0";
  first.duration_ms = 1234;
  // Recorded out of order: started_at_ms decides, recording order breaks a tie.
  const std::int64_t third_id =
      store.record_attempt(make_attempt("backend", "notes-crud", 3000, "pass", 5, 0));
  const std::int64_t first_id = store.record_attempt(first);
  store.record_attempt(make_attempt("backend", "notes-crud", 2000, "error"));
  store.record_attempt(make_attempt("backend", "notes-crud", 2000, "fail"));
  store.record_attempt(make_attempt("backend", "hello-server", 500, "pass"));
  store.record_attempt(make_attempt("other-pack", "notes-crud", 500, "pass"));
  CHECK(first_id > third_id);

  const std::vector<Attempt> attempts = store.attempts("backend", "notes-crud");
  REQUIRE(attempts.size() == 4);
  CHECK(attempts[0].pack_id == "backend");
  CHECK(attempts[0].pack_version == "1.2.0");
  CHECK(attempts[0].exercise_id == "notes-crud");
  CHECK(attempts[0].started_at_ms == 1000);
  CHECK(attempts[0].duration_ms == 1234);
  CHECK(attempts[0].verdict == "fail");
  CHECK(attempts[0].steps_passed == 1);
  CHECK(attempts[0].steps_failed == 4);
  CHECK(attempts[0].report_json == R"({"status":"fail"})");
  CHECK(attempts[1].verdict == "error");
  CHECK(attempts[2].verdict == "fail");
  CHECK(attempts[3].started_at_ms == 3000);
  CHECK(store.attempts("backend", "never-tried").empty());
}

TEST_CASE("summaries derive counts, passed and the last attempt per exercise, one pack at a time") {
  TempDir dir;
  Store store(dir.path() / "progress.db");
  // hello-server: recorded out of order, passed once, the latest attempt (t=300) failed.
  store.record_attempt(make_attempt("backend", "hello-server", 300, "fail", 2, 1));
  store.record_attempt(make_attempt("backend", "hello-server", 100, "fail", 0, 3));
  store.record_attempt(make_attempt("backend", "hello-server", 200, "pass", 3, 0));
  // notes-crud: never passed; two attempts started at the same time, the later recorded is "last".
  store.record_attempt(make_attempt("backend", "notes-crud", 150, "fail", 1, 1));
  store.record_attempt(make_attempt("backend", "notes-crud", 150, "error", 0, 0));
  // Another pack with an exercise of the same id must not leak into "backend".
  store.record_attempt(make_attempt("my-course", "hello-server", 999, "pass", 7, 0));

  const auto backend = store.summaries("backend");
  REQUIRE(backend.size() == 2);
  CHECK(backend[0].exercise_id == "hello-server");
  CHECK(backend[0].attempts == 3);
  CHECK(backend[0].passed);
  CHECK(backend[0].last_verdict == "fail");
  CHECK(backend[0].last_at_ms == 300);
  CHECK(backend[0].last_steps_passed == 2);
  CHECK(backend[0].last_steps_failed == 1);
  CHECK(backend[1].exercise_id == "notes-crud");
  CHECK(backend[1].attempts == 2);
  CHECK_FALSE(backend[1].passed);
  CHECK(backend[1].last_verdict == "error");
  CHECK(backend[1].last_at_ms == 150);
  CHECK(backend[1].last_steps_passed == 0);
  CHECK(backend[1].last_steps_failed == 0);

  const auto course = store.summaries("my-course");
  REQUIRE(course.size() == 1);
  CHECK(course[0].exercise_id == "hello-server");
  CHECK(course[0].attempts == 1);
  CHECK(course[0].passed);
  CHECK(course[0].last_at_ms == 999);
  CHECK(course[0].last_steps_passed == 7);

  CHECK(store.summaries("no-such-pack").empty());
}

TEST_CASE("state: unset is nullopt, set, overwrite") {
  TempDir dir;
  Store store(dir.path() / "progress.db");
  CHECK_FALSE(store.get_state("current_exercise").has_value());
  store.set_state("current_exercise", "hello-server");
  store.set_state("stack", "node");
  CHECK(store.get_state("current_exercise") == "hello-server");
  store.set_state("current_exercise", "notes-crud");
  CHECK(store.get_state("current_exercise") == "notes-crud");
  CHECK(store.get_state("stack") == "node");
  store.set_state("stack", "");
  CHECK(store.get_state("stack") == "");
}

TEST_CASE("an attempt with an unknown verdict is refused and not recorded") {
  TempDir dir;
  Store store(dir.path() / "progress.db");
  CHECK_THROWS_WITH_AS(store.record_attempt(make_attempt("backend", "hello-server", 1, "passed")),
                       doctest::Contains("CHECK constraint failed"), StoreError);
  CHECK(store.attempts("backend", "hello-server").empty());
}

TEST_CASE("a database newer than this build is refused, naming the file, and left untouched") {
  TempDir dir;
  const fs::path path = dir.path() / "progress.db";
  const int newer = Store::schema_version() + 1;
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE future (x INTEGER)");
    db.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  const std::string expected = path.string() + ": progress database has schema version " +
                               std::to_string(newer) + ", newer than this roadwork understands (" +
                               std::to_string(Store::schema_version()) + "); update roadwork to use it";
  CHECK_THROWS_WITH_AS(Store{path}, expected.c_str(), StoreError);

  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == newer);
  CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "delete");
  CHECK_FALSE(db.tableExists("attempts"));
}

TEST_CASE("a file that is not a database is refused, naming the file, and left untouched") {
  TempDir dir;
  const fs::path path = dir.path() / "progress.db";
  const std::string text(4096, 'x');
  std::ofstream(path, std::ios::binary) << text;

  const std::string expected = path.string() + ": file is not a database";
  CHECK_THROWS_WITH_AS(Store{path}, expected.c_str(), StoreError);
  CHECK(read_file(path) == text);
  CHECK_FALSE(fs::exists(path.string() + "-wal"));
}

TEST_CASE("a folder that cannot be created is refused, naming the file") {
  TempDir dir;
  std::ofstream(dir.path() / "workspace") << "a file where the folder should be";
  const fs::path path = dir.path() / "workspace" / ".roadwork" / "progress.db";
  const std::string expected = path.string() + ": cannot create its folder: ";
  CHECK_THROWS_WITH_AS(Store{path}, doctest::Contains(expected.c_str()), StoreError);
}

TEST_CASE("two processes writing at once, starting on a fresh file, lose nothing") {
  TempDir dir;
  const fs::path path = dir.path() / ".roadwork" / "progress.db";
  constexpr int kWriters = 2;
  constexpr int kAttemptsEach = 200;
  // Both children block on the gate until the parent closes it, so they create and migrate the database at
  // the same moment and then write as fast as they can.
  Pipe gate;
  std::vector<std::unique_ptr<Child>> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.push_back(std::make_unique<Child>([&, writer] {
      gate.close_write();
      char byte = 0;
      if (::read(gate.read_end(), &byte, 1) != 0) {
        return false;
      }
      Store store(path);
      for (int i = 0; i < kAttemptsEach; ++i) {
        store.record_attempt(make_attempt("backend", "writer-" + std::to_string(writer), i, "pass"));
      }
      return true;
    }));
  }
  gate.close_write();
  for (auto& writer : writers) {
    CHECK(exited_ok(writer->wait()));
  }

  Store store(path);
  const auto summaries = store.summaries("backend");
  REQUIRE(summaries.size() == kWriters);
  for (int writer = 0; writer < kWriters; ++writer) {
    CAPTURE(writer);
    const auto attempts = store.attempts("backend", "writer-" + std::to_string(writer));
    REQUIRE(attempts.size() == kAttemptsEach);
    for (int i = 0; i < kAttemptsEach; ++i) {
      CHECK(attempts[i].started_at_ms == i);
    }
  }
  CHECK(integrity_check(path) == "ok");
}

TEST_CASE("a writer killed mid-write loses nothing it committed") {
  TempDir dir;
  const fs::path path = dir.path() / "progress.db";
  // Big reports make each commit span many pages, so the kill most likely lands inside a write. Several
  // rounds kill at several points and recover the same file each time.
  const std::string report = R"({"output":")" + std::string(std::size_t{64} * 1024, 'x') + R"("})";
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    Pipe progress;
    Child writer([&] {
      progress.close_read();
      Store store(path);
      // Numbers continue from what earlier rounds committed; each is reported once record_attempt returned.
      for (auto i = static_cast<std::int64_t>(store.attempts("backend", "killed").size());; ++i) {
        Attempt attempt = make_attempt("backend", "killed", i, "fail");
        attempt.report_json = report;
        store.record_attempt(attempt);
        if (::write(progress.write_end(), &i, sizeof i) != sizeof i) {
          return false;
        }
      }
    });
    progress.close_write();
    std::int64_t last_committed = -1;
    int reported = 0;
    while (::read(progress.read_end(), &last_committed, sizeof last_committed) == sizeof last_committed) {
      if (++reported == 20) {
        writer.kill();
      }
    }
    const int status = writer.wait();
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));

    // Every reported row is there, in order; at most one more (committed, killed before reporting it).
    const auto attempts = Store(path).attempts("backend", "killed");
    REQUIRE(static_cast<std::int64_t>(attempts.size()) >= last_committed + 1);
    CHECK(static_cast<std::int64_t>(attempts.size()) <= last_committed + 2);
    for (std::size_t i = 0; i < attempts.size(); ++i) {
      CHECK(attempts[i].started_at_ms == static_cast<std::int64_t>(i));
      CHECK(attempts[i].report_json.size() == report.size());
    }
    CHECK(integrity_check(path) == "ok");
  }
}
