#include "app/progress/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <system_error>
#include <thread>
#include <utility>

#include "app/progress/schema.hpp"

namespace roadwork::progress {
namespace {

// How long a write waits for another roadwork process's transaction. Ours commit in milliseconds, so this
// only runs out when the other process is stuck.
constexpr std::chrono::milliseconds kBusyTimeout{5000};

/// Runs `body`, turning SQLite's exceptions into a StoreError that names the database file, so the one fatal
/// error path in main can say which file is at fault.
template <typename Body>
auto naming_file(const std::filesystem::path& path, Body&& body) -> decltype(body()) {
  try {
    return std::forward<Body>(body)();
  } catch (const SQLite::Exception& error) {
    throw StoreError(fmt::format("{}: {}", path.string(), error.what()));
  }
}

/// Switches the database to WAL, which lets readers and a writer work at once and makes a commit one append
/// to the -wal file that a killed process cannot tear. The mode is stored in the file, so this only writes
/// the first time. On a file system without shared memory SQLite keeps the rollback journal: slower, as
/// safe.
void enable_wal(SQLite::Database& db) {
  // Switching needs an exclusive lock. When two processes open a fresh file at once, each holds the shared
  // lock the other must wait out; SQLite reports that deadlock as SQLITE_BUSY at once instead of calling
  // the busy handler. Retrying the statement drops our shared lock, so one of the two gets through.
  const auto deadline = std::chrono::steady_clock::now() + kBusyTimeout;
  for (std::chrono::milliseconds pause{1};; pause = std::min(2 * pause, std::chrono::milliseconds{50})) {
    const int result = db.tryExec("PRAGMA journal_mode = WAL");
    if (result == SQLITE_OK) {
      return;
    }
    if ((result & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) {
      throw SQLite::Exception(db.getHandle(), result);
    }
    std::this_thread::sleep_for(pause);
  }
}

/// Opens (creating it and its folder) and migrates the database at `path`, with the settings every
/// connection needs.
std::unique_ptr<SQLite::Database> open(const std::filesystem::path& path) {
  if (path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw StoreError(fmt::format("{}: cannot create its folder: {}", path.string(), error.message()));
    }
  }
  auto db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                               static_cast<int>(kBusyTimeout.count()));
  // Foreign keys are off by default and per connection.
  db->exec("PRAGMA foreign_keys = ON");
  // Migrating reads the file first, so a file this build must refuse (not a database, or a newer schema)
  // is refused before anything, even the journal mode, is written to it.
  migrate(*db, path);
  enable_wal(*db);
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit survives the process being
  // killed (it is in the OS's page cache); only an OS crash or power cut can undo the last few.
  db->exec("PRAGMA synchronous = NORMAL");
  return db;
}

}  // namespace

Store::Store(const std::filesystem::path& path) : path_(path) {
  db_ = naming_file(path_, [&] { return open(path_); });
}

Store::~Store() = default;

int Store::schema_version() { return latest_schema_version(); }

std::int64_t Store::record_attempt(const Attempt& attempt) {
  return naming_file(path_, [&] {
    // One INSERT is its own (autocommit) transaction and asks for the write lock as it starts, so a busy
    // database is waited out (busy timeout). A write that follows a read in one transaction can instead fail
    // at once on a stale snapshot (SQLITE_BUSY_SNAPSHOT): multi-statement writes need BEGIN IMMEDIATE.
    SQLite::Statement insert(*db_,
                             "INSERT INTO attempts (pack_id, pack_version, exercise_id, started_at_ms, "
                             "duration_ms, verdict, steps_passed, steps_failed, report_json) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::bind(insert, attempt.pack_id, attempt.pack_version, attempt.exercise_id, attempt.started_at_ms,
                 attempt.duration_ms, attempt.verdict, attempt.steps_passed, attempt.steps_failed,
                 attempt.report_json);
    insert.exec();
    return db_->getLastInsertRowid();
  });
}

void Store::checkpoint() {
  naming_file(path_, [&] { db_->exec("PRAGMA wal_checkpoint(PASSIVE)"); });
}

std::vector<ExerciseSummary> Store::summaries(const std::string& pack_id) {
  return naming_file(path_, [&] {
    // Window functions give each exercise's counts and its latest row in one pass over the index.
    SQLite::Statement query(*db_, R"sql(
      SELECT exercise_id, attempts, passed, verdict, started_at_ms, steps_passed, steps_failed
      FROM (
        SELECT exercise_id, verdict, started_at_ms, steps_passed, steps_failed,
               COUNT(*) OVER exercise AS attempts,
               MAX(verdict = 'pass') OVER exercise AS passed,
               ROW_NUMBER() OVER (PARTITION BY exercise_id ORDER BY started_at_ms DESC, id DESC) AS recency
        FROM attempts
        WHERE pack_id = ?
        WINDOW exercise AS (PARTITION BY exercise_id)
      )
      WHERE recency = 1
      ORDER BY exercise_id
    )sql");
    query.bind(1, pack_id);
    std::vector<ExerciseSummary> summaries;
    while (query.executeStep()) {
      ExerciseSummary& summary = summaries.emplace_back();
      summary.exercise_id = query.getColumn(0).getString();
      summary.attempts = query.getColumn(1).getInt();
      summary.passed = query.getColumn(2).getInt() != 0;
      summary.last_verdict = query.getColumn(3).getString();
      summary.last_at_ms = query.getColumn(4).getInt64();
      summary.last_steps_passed = query.getColumn(5).getInt();
      summary.last_steps_failed = query.getColumn(6).getInt();
    }
    return summaries;
  });
}

std::vector<Attempt> Store::attempts(const std::string& pack_id, const std::string& exercise_id) {
  return naming_file(path_, [&] {
    SQLite::Statement query(*db_,
                            "SELECT pack_id, pack_version, exercise_id, started_at_ms, duration_ms, verdict, "
                            "steps_passed, steps_failed, report_json "
                            "FROM attempts WHERE pack_id = ? AND exercise_id = ? ORDER BY started_at_ms, id");
    SQLite::bind(query, pack_id, exercise_id);
    std::vector<Attempt> attempts;
    while (query.executeStep()) {
      Attempt& attempt = attempts.emplace_back();
      attempt.pack_id = query.getColumn(0).getString();
      attempt.pack_version = query.getColumn(1).getString();
      attempt.exercise_id = query.getColumn(2).getString();
      attempt.started_at_ms = query.getColumn(3).getInt64();
      attempt.duration_ms = query.getColumn(4).getInt64();
      attempt.verdict = query.getColumn(5).getString();
      attempt.steps_passed = query.getColumn(6).getInt();
      attempt.steps_failed = query.getColumn(7).getInt();
      attempt.report_json = query.getColumn(8).getString();
    }
    return attempts;
  });
}

std::optional<std::string> Store::get_state(const std::string& key) {
  return naming_file(path_, [&]() -> std::optional<std::string> {
    SQLite::Statement query(*db_, "SELECT value FROM state WHERE key = ?");
    query.bind(1, key);
    if (!query.executeStep()) {
      return std::nullopt;
    }
    return query.getColumn(0).getString();
  });
}

void Store::set_state(const std::string& key, const std::string& value) {
  naming_file(path_, [&] {
    SQLite::Statement upsert(*db_,
                             "INSERT INTO state (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    SQLite::bind(upsert, key, value);
    upsert.exec();
  });
}

void Store::record_lesson_read(const std::string& pack_id, const std::string& lesson_id, std::int64_t at_ms) {
  naming_file(path_, [&] {
    SQLite::Statement insert(*db_,
                             "INSERT INTO lesson_reads (pack_id, lesson_id, read_at_ms) VALUES (?, ?, ?)");
    SQLite::bind(insert, pack_id, lesson_id, at_ms);
    insert.exec();
  });
}

std::set<std::string> Store::lessons_read(const std::string& pack_id) {
  return naming_file(path_, [&] {
    SQLite::Statement query(*db_, "SELECT DISTINCT lesson_id FROM lesson_reads WHERE pack_id = ?");
    query.bind(1, pack_id);
    std::set<std::string> read;
    while (query.executeStep()) read.insert(query.getColumn(0).getString());
    return read;
  });
}

void Store::record_quiz_answer(const QuizAnswer& answer) {
  naming_file(path_, [&] {
    SQLite::Statement insert(
        *db_,
        "INSERT INTO quiz_answers (pack_id, stage_id, question, answer, correct, answered_at_ms) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    SQLite::bind(insert, answer.pack_id, answer.stage_id, answer.question, answer.answer,
                 answer.correct ? 1 : 0, answer.answered_at_ms);
    insert.exec();
  });
}

std::vector<QuizAnswer> Store::latest_quiz_answers(const std::string& pack_id) {
  return naming_file(path_, [&] {
    SQLite::Statement query(*db_, R"sql(
      SELECT stage_id, question, answer, correct, answered_at_ms
      FROM (
        SELECT stage_id, question, answer, correct, answered_at_ms,
               ROW_NUMBER() OVER (PARTITION BY stage_id, question ORDER BY answered_at_ms DESC, id DESC) AS recency
        FROM quiz_answers
        WHERE pack_id = ?
      )
      WHERE recency = 1
      ORDER BY stage_id, question
    )sql");
    query.bind(1, pack_id);
    std::vector<QuizAnswer> answers;
    while (query.executeStep()) {
      answers.push_back({pack_id, query.getColumn(0).getString(), query.getColumn(1).getString(),
                         query.getColumn(2).getString(), query.getColumn(3).getInt() != 0,
                         query.getColumn(4).getInt64()});
    }
    return answers;
  });
}

std::optional<int> Store::take_hint(const std::string& pack_id, const std::string& exercise_id,
                                    int available) {
  if (available <= 0) return std::nullopt;
  return naming_file(path_, [&]() -> std::optional<int> {
    // The upsert's WHERE leaves a count that reached `available` alone, and then RETURNING yields no row.
    SQLite::Statement upsert(
        *db_,
        "INSERT INTO hints_used (pack_id, exercise_id, count) VALUES (?, ?, 1) "
        "ON CONFLICT (pack_id, exercise_id) DO UPDATE SET count = count + 1 WHERE count < ? "
        "RETURNING count");
    SQLite::bind(upsert, pack_id, exercise_id, available);
    if (!upsert.executeStep()) return std::nullopt;
    const int taken = upsert.getColumn(0).getInt();
    // Step to the end so the statement finishes and its write commits before it is destroyed.
    while (upsert.executeStep()) {
    }
    return taken;
  });
}

int Store::hints_seen(const std::string& pack_id, const std::string& exercise_id) {
  return naming_file(path_, [&] {
    SQLite::Statement query(*db_, "SELECT count FROM hints_used WHERE pack_id = ? AND exercise_id = ?");
    SQLite::bind(query, pack_id, exercise_id);
    return query.executeStep() ? query.getColumn(0).getInt() : 0;
  });
}

}  // namespace roadwork::progress
