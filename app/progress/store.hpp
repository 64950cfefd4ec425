#pragma once
// The progress store: <workspace>/.roadwork/progress.db (SQLite, WAL, busy timeout, schema versioned with
// PRAGMA user_version and forward migrations). Safe with two roadwork processes at once, and a process killed
// mid-write loses nothing it committed.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace roadwork::progress {

/// One check run of one exercise. Times are Unix epoch milliseconds; durations milliseconds.
struct Attempt {
  std::string pack_id;
  std::string pack_version;
  std::string exercise_id;
  std::int64_t started_at_ms = 0;
  std::int64_t duration_ms = 0;
  std::string verdict;  ///< "pass", "fail" or "error"
  int steps_passed = 0;
  int steps_failed = 0;
  std::string report_json;  ///< the run's JSON report
};

/// What the store knows of one exercise.
struct ExerciseSummary {
  std::string exercise_id;
  int attempts = 0;
  bool passed = false;       ///< at least one attempt passed
  std::string last_verdict;  ///< empty when never attempted
  std::int64_t last_at_ms = 0;
  int last_steps_passed = 0;
  int last_steps_failed = 0;
};

/// One answer to one quiz question. Times are Unix epoch milliseconds.
struct QuizAnswer {
  std::string pack_id;
  std::string stage_id;
  std::string question;  ///< the question's id in the stage's quiz.toml
  std::string answer;    ///< as the quiz recorded it, e.g. "1,3" or the text typed
  bool correct = false;
  std::int64_t answered_at_ms = 0;
};

/// Thrown when the database cannot be opened, is newer than this roadwork understands, or a query fails
/// (e.g. another process held the write lock past the busy timeout). The message starts with the file's path.
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One connection to the progress database; use it from one thread at a time (open one per thread).
/// Every method throws StoreError on failure.
class Store {
 public:
  /// Opens (creating it and its folder if needed) and migrates the database at `path`. Throws StoreError
  /// when `path` is not an SQLite database or its schema is newer than schema_version().
  explicit Store(const std::filesystem::path& path);
  ~Store();

  /// The schema version this build writes (PRAGMA user_version).
  static int schema_version();

  /// Records one attempt in its own transaction; returns its row id. It is durable once this returns,
  /// even if the process is killed right after. A verdict other than pass/fail/error is refused.
  std::int64_t record_attempt(const Attempt& attempt);

  /// Copies what the -wal file holds into the database file (PRAGMA wal_checkpoint(PASSIVE)), which closing
  /// the store would otherwise do: `check` calls it while the learner's server shuts down, so that its exit
  /// waits on no disk write. It waits for nobody: what another roadwork process still reads is left for the
  /// close.
  void checkpoint();

  /// Summaries of every exercise of `pack_id` with at least one attempt, ordered by exercise id. "Last" is
  /// the attempt that started latest (the later recorded on a tie).
  std::vector<ExerciseSummary> summaries(const std::string& pack_id);

  /// All attempts of one exercise, oldest (by started_at_ms, then recording order) first.
  std::vector<Attempt> attempts(const std::string& pack_id, const std::string& exercise_id);

  /// Records that the learner read `lesson_id` (its path in the pack without ".md") at `at_ms`.
  void record_lesson_read(const std::string& pack_id, const std::string& lesson_id, std::int64_t at_ms);

  /// The ids of the lessons of `pack_id` read at least once.
  std::set<std::string> lessons_read(const std::string& pack_id);

  /// Records one answer; earlier answers to the same question are kept, the latest one counts.
  void record_quiz_answer(const QuizAnswer& answer);

  /// The latest answer (by answered_at_ms, then recording order) to every question of `pack_id` ever
  /// answered, ordered by stage and question.
  std::vector<QuizAnswer> latest_quiz_answers(const std::string& pack_id);

  /// Marks the next of an exercise's `available` hints as used and returns its number (1 for the first),
  /// or nullopt when all of them were used already. One statement, so two processes never take the same one.
  std::optional<int> take_hint(const std::string& pack_id, const std::string& exercise_id, int available);
  /// How many of an exercise's hints `take_hint` has handed out (0 when none).
  int hints_seen(const std::string& pack_id, const std::string& exercise_id);

  /// Key-value workspace state (e.g. the current exercise); nullopt when unset.
  std::optional<std::string> get_state(const std::string& key);
  /// Sets `key` to `value`, replacing any previous value.
  void set_state(const std::string& key, const std::string& value);

 private:
  std::filesystem::path path_;  ///< for error messages
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace roadwork::progress
