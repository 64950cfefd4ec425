#include "app/grade/grade_db.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <array>

namespace roadwork::grade {
namespace {

// How long a statement waits for another connection's write (a second `roadwork grade` on the same folder).
constexpr int kBusyTimeoutMs = 5000;

// Migration i takes a database from user_version i to i + 1. Append only: a released migration never
// changes, because graders' databases already ran it. STRICT tables refuse wrongly typed values.
constexpr std::array<const char*, 1> kMigrations = {
    // 1: one row per graded submission of an exercise.
    R"sql(
      CREATE TABLE grades (
        exercise_id TEXT NOT NULL,
        submission TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),
        steps_passed INTEGER NOT NULL CHECK (steps_passed >= 0),
        steps_total INTEGER NOT NULL CHECK (steps_total >= steps_passed),
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        first_failure TEXT NOT NULL,
        graded_at_ms INTEGER NOT NULL,
        report_json TEXT NOT NULL,
        junit_xml TEXT NOT NULL,
        PRIMARY KEY (exercise_id, submission)
      ) STRICT;
    )sql",
};

// Runs `body`, turning SQLite's exceptions into a GradeDbError that names the file.
template <typename Body>
auto naming_file(const std::filesystem::path& path, Body&& body) -> decltype(body()) {
  try {
    return std::forward<Body>(body)();
  } catch (const SQLite::Exception& error) {
    throw GradeDbError(fmt::format("{}: {}", path.string(), error.what()));
  }
}

int checked_version(SQLite::Database& db, const std::filesystem::path& path) {
  const int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > GradeDb::schema_version()) {
    throw GradeDbError(
        fmt::format("{}: grading database has schema version {}, newer than this roadwork "
                    "understands ({}); update roadwork to use it",
                    path.string(), version, GradeDb::schema_version()));
  }
  return version;
}

// Each migration in its own IMMEDIATE transaction, the version read again under the write lock, so two
// processes opening a fresh file at once apply each migration once.
void migrate(SQLite::Database& db, const std::filesystem::path& path) {
  for (int version = checked_version(db, path); version < GradeDb::schema_version();) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    version = checked_version(db, path);
    if (version < GradeDb::schema_version()) {
      db.exec(kMigrations[static_cast<std::size_t>(version)]);
      db.exec(fmt::format("PRAGMA user_version = {}", ++version));
    }
    transaction.commit();
  }
}

GradeRecord record_from(SQLite::Statement& row) {
  return {row.getColumn("submission").getString(),  row.getColumn("verdict").getString(),
          row.getColumn("steps_passed").getInt(),   row.getColumn("steps_total").getInt(),
          row.getColumn("duration_ms").getInt64(),  row.getColumn("first_failure").getString(),
          row.getColumn("graded_at_ms").getInt64(), row.getColumn("report_json").getString(),
          row.getColumn("junit_xml").getString()};
}

// The column list and placeholders after "INSERT [OR REPLACE]", in bind_grade's order.
constexpr const char* kInsertGrade =
    " INTO grades (exercise_id, submission, verdict, steps_passed, steps_total, duration_ms, first_failure, "
    "graded_at_ms, report_json, junit_xml) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

void bind_grade(SQLite::Statement& statement, const std::string& exercise, const GradeRecord& record) {
  statement.bind(1, exercise);
  statement.bind(2, record.submission);
  statement.bind(3, record.verdict);
  statement.bind(4, record.steps_passed);
  statement.bind(5, record.steps_total);
  statement.bind(6, record.duration_ms);
  statement.bind(7, record.first_failure);
  statement.bind(8, record.graded_at_ms);
  statement.bind(9, record.report_json);
  statement.bind(10, record.junit_xml);
}

}  // namespace

int GradeDb::schema_version() { return static_cast<int>(kMigrations.size()); }

GradeDb::GradeDb(const std::filesystem::path& path, Access access) : path_(path) {
  naming_file(path_, [&] {
    if (access == Access::ReadOnly) {
      db_ = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READONLY, kBusyTimeoutMs);
      if (checked_version(*db_, path_) != schema_version()) {
        throw GradeDbError(
            fmt::format("{}: grading database has an older schema; open it with this "
                        "roadwork's `grade` once to migrate it",
                        path_.string()));
      }
      return;
    }
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    db_ = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                             kBusyTimeoutMs);
    migrate(*db_, path_);
    // WAL: a commit is one append that a killed process cannot tear. FULL: each commit is synced, so even a
    // power cut keeps every grade recorded (one sync per graded submission costs nothing next to grading).
    db_->exec("PRAGMA journal_mode = WAL");
    db_->exec("PRAGMA synchronous = FULL");
  });
}

GradeDb::~GradeDb() = default;

std::set<std::string> GradeDb::graded(const std::string& exercise) {
  std::lock_guard lock(mutex_);
  return naming_file(path_, [&] {
    std::set<std::string> names;
    SQLite::Statement query(*db_, "SELECT submission FROM grades WHERE exercise_id = ?");
    query.bind(1, exercise);
    while (query.executeStep()) names.insert(query.getColumn(0).getString());
    return names;
  });
}

void GradeDb::record(const std::string& exercise, const GradeRecord& record) {
  std::lock_guard lock(mutex_);
  naming_file(path_, [&] {
    SQLite::Statement insert(*db_, std::string("INSERT OR REPLACE") + kInsertGrade);
    bind_grade(insert, exercise, record);
    insert.exec();  // one statement outside a transaction is its own transaction
  });
}

int GradeDb::record_newer(const std::vector<std::pair<std::string, GradeRecord>>& grades) {
  std::lock_guard lock(mutex_);
  return naming_file(path_, [&] {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    // SQLite's upsert: the row is replaced only where the WHERE clause holds.
    SQLite::Statement upsert(*db_,
                             std::string("INSERT") + kInsertGrade +
                                 " ON CONFLICT (exercise_id, submission) DO UPDATE SET "
                                 "verdict = excluded.verdict, steps_passed = excluded.steps_passed, "
                                 "steps_total = excluded.steps_total, duration_ms = excluded.duration_ms, "
                                 "first_failure = excluded.first_failure, "
                                 "graded_at_ms = excluded.graded_at_ms, report_json = excluded.report_json, "
                                 "junit_xml = excluded.junit_xml "
                                 "WHERE excluded.graded_at_ms > grades.graded_at_ms");
    int recorded = 0;
    for (const auto& [exercise, record] : grades) {
      bind_grade(upsert, exercise, record);
      recorded += upsert.exec();
      upsert.reset();
    }
    transaction.commit();
    return recorded;
  });
}

std::vector<GradeRecord> GradeDb::results(const std::string& exercise) {
  std::lock_guard lock(mutex_);
  return naming_file(path_, [&] {
    std::vector<GradeRecord> records;
    SQLite::Statement query(*db_, "SELECT * FROM grades WHERE exercise_id = ? ORDER BY submission");
    query.bind(1, exercise);
    while (query.executeStep()) records.push_back(record_from(query));
    return records;
  });
}

std::vector<std::string> GradeDb::exercises() {
  std::lock_guard lock(mutex_);
  return naming_file(path_, [&] {
    std::vector<std::string> ids;
    SQLite::Statement query(*db_, "SELECT DISTINCT exercise_id FROM grades ORDER BY exercise_id");
    while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
    return ids;
  });
}

}  // namespace roadwork::grade
