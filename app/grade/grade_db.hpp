#pragma once
// The grading database of `roadwork grade`: <out>/grades.db (SQLite, WAL, schema versioned with PRAGMA
// user_version and forward migrations, as the progress store). One row per graded submission, written in
// its own transaction as soon as the submission is graded, so a run that is interrupted — Ctrl-C, a crash,
// a power cut — resumes where it stopped and never finds a half-written row.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace SQLite {
class Database;
}

namespace roadwork::grade {

/// The grade of one submission of one exercise. Times are Unix epoch milliseconds; durations milliseconds.
struct GradeRecord {
  std::string submission;  ///< the submission's folder name
  std::string verdict;     ///< "pass", "fail" or "error"
  int steps_passed = 0;
  int steps_total = 0;
  std::int64_t duration_ms = 0;
  std::string first_failure;  ///< one line: why it did not pass; "" on a pass
  std::int64_t graded_at_ms = 0;
  std::string report_json;  ///< the check run's JSON report (report::to_json)
  std::string junit_xml;    ///< the same as a JUnit <testsuite> document (grade_reports.hpp)
};

/// Thrown when the database cannot be opened, is newer than this roadwork understands, or a statement
/// fails. The message starts with the file's path.
struct GradeDbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One connection to a grading database. Thread-safe: calls are serialised, so parallel graders can record
/// their results as they finish. Every method throws GradeDbError on failure.
class GradeDb {
 public:
  /// ReadWrite creates the file (and its folder) when missing and migrates it; ReadOnly opens an existing
  /// database of exactly this build's schema version (a shard's output that `grade merge` reads).
  enum class Access { ReadWrite, ReadOnly };

  /// Opens the database at `path` with `access`.
  explicit GradeDb(const std::filesystem::path& path, Access access = Access::ReadWrite);
  ~GradeDb();
  GradeDb(const GradeDb&) = delete;
  GradeDb& operator=(const GradeDb&) = delete;

  /// The schema version this build writes (PRAGMA user_version).
  static int schema_version();

  /// Names of the submissions of `exercise` already graded.
  std::set<std::string> graded(const std::string& exercise);

  /// Records (or replaces) the grade of one submission in its own transaction; durable once it returns. A
  /// verdict other than pass/fail/error is refused.
  void record(const std::string& exercise, const GradeRecord& record);

  /// Records each (exercise, grade) unless the database holds one of that submission graded at the same time
  /// or later, all in one transaction (all or nothing); returns how many it recorded. Merging the same
  /// grades twice therefore changes nothing the second time.
  int record_newer(const std::vector<std::pair<std::string, GradeRecord>>& grades);

  /// Every grade of `exercise`, by submission name.
  std::vector<GradeRecord> results(const std::string& exercise);

  /// The ids of the exercises with at least one grade, sorted.
  std::vector<std::string> exercises();

 private:
  std::filesystem::path path_;  ///< for error messages
  std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace roadwork::grade
