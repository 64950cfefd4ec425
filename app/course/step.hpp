#pragma once
// One [[steps]] table of exercise.toml: a name and exactly one kind key, each kind with its own settings
// (exercises/README.md: Step kinds, the contract these types follow). Paths are absolute (resolved against
// the exercise folder when loaded).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/hurl/diagnostic.hpp"

namespace roadwork::course {

/// A regular expression as written in exercise.toml, with its place, so that a pattern that does not
/// compile is reported there before any server starts.
struct Pattern {
  std::string text;
  hurl::SourceLocation location;
};

/// `hurl = "checks/x.hurl"`: run a check file.
struct HurlStep {
  std::filesystem::path file;
};

/// `restart = true`: stop the server and start it again on the same port and data; `restart = "kill"` stops
/// it with SIGKILL and no grace period, as a crash or a power cut would, so only what the server had already
/// stored survives. With `unset`, the start without those environment variables must fail (exit non-zero
/// before listening), printing a line that matches `output` when given; the server is then started again
/// with its whole environment. `env` sets variables over the exercise's [env] for this start and every later
/// one, until the next restart step; with `refuse` (implied by `unset`), only for the start that must be
/// refused.
struct RestartStep {
  bool kill = false;  ///< `restart = "kill"`
  std::vector<std::string> unset;
  std::map<std::string, std::string> env;
  bool refuse = false;  ///< the start without `unset` and with `env` must fail; true whenever `unset` is set
  /// `creates_nothing = true`: the refused start gets an empty DATA_DIR of its own and must leave it empty
  /// (a server that checks its settings before it opens the database).
  bool creates_nothing = false;
  std::optional<Pattern> output;
  /// `database = "checks/x.sql"`: the server starts on a new database made by this SQL script, in place of
  /// the one it had (a database an earlier exercise's server left behind, for a migration).
  std::optional<std::filesystem::path> database;
};

/// `signal = "SIGTERM"`: signal the server, optionally while a request is in flight.
struct SignalStep {
  int signal = 0;                               ///< SIGTERM, SIGINT or SIGHUP
  std::string signal_name;                      ///< as written: "SIGTERM", …
  std::optional<std::filesystem::path> during;  ///< the check file whose request is in flight
  int exit_code = 0;                            ///< the status the server must exit with
  std::chrono::milliseconds within{5000};       ///< from the signal to the server's exit
};

/// `burst = "checks/x.hurl"`: the same file `count` times, `concurrency` at once.
struct BurstStep {
  std::filesystem::path file;
  int count = 0;
  int concurrency = 0;
  bool all_pass = true;                        ///< every run must pass its asserts
  std::optional<int> some_status;              ///< at least one response had this status code
  std::optional<std::string> distinct;         ///< a capture that must differ in every run
  std::optional<std::filesystem::path> after;  ///< a check file run once afterwards
};

/// `logs = "json"` or `logs = "matches"`: what the server printed.
struct LogsStep {
  enum class Mode { Json, Matches, NoneMatch };
  Mode mode = Mode::Json;
  std::vector<std::string> fields;  ///< Json: keys every line's object must have
  Pattern pattern;                  ///< Matches: some line must match it; NoneMatch: no line may
};

/// A value of an `equals` row as TOML writes it (a boolean is read as SQLite's 0 or 1).
using SqlValue = std::variant<std::int64_t, double, std::string>;

/// `sql = "SELECT …"`: a read-only query on the server's database and what its result must be.
struct SqlStep {
  enum class Expect { Rows, None, Some, AllMatch, NoneMatch, Equals };
  /// The query with each `{{name}}` replaced by `?`; `parameters` names the variable bound to each.
  std::string query;
  std::vector<std::string> parameters;
  Expect expect = Expect::Some;
  std::int64_t rows = 0;                     ///< Rows: the exact number of rows
  Pattern pattern;                           ///< AllMatch, NoneMatch
  std::vector<std::vector<SqlValue>> value;  ///< Equals: the exact rows, in order
};

/// `password_storage = "SELECT …"`: the password hashes the query returns are in a format roadwork can
/// verify, at least as costly as its floors (OWASP Password Storage Cheat Sheet, lowered for check runs),
/// each listed password verifies against one of them, and no cell of the database holds a listed password in
/// a reversible form (exercises/README.md: password_storage).
struct PasswordStorageStep {
  /// The query with each `{{name}}` replaced by `?`; `parameters` names the variable bound to each.
  std::string query;
  std::vector<std::string> parameters;
  std::vector<std::string> passwords;  ///< what the check files sent to the server as passwords
};

/// `command = "test"`: the project's test command against a server.
struct CommandStep {
  enum class Against { Learner, Solution, Mutants };
  Against against = Against::Learner;
};

/// `practice = "task-id"`: a task of the exercise's practice server.
struct PracticeStep {
  std::string task;
  hurl::SourceLocation location;  ///< where the task id is written, for an unknown id
};

/// The kind keys, in the order of Step::spec's alternatives.
inline constexpr std::string_view kStepKinds[] = {"hurl", "restart", "signal",           "burst",   "logs",
                                                  "sql",  "command", "password_storage", "practice"};

/// One step: a sentence the learner reads, and what to do.
struct Step {
  using Spec = std::variant<HurlStep, RestartStep, SignalStep, BurstStep, LogsStep, SqlStep, CommandStep,
                            PasswordStorageStep, PracticeStep>;
  static_assert(std::variant_size_v<Spec> == std::size(kStepKinds));

  std::string name;
  Spec spec;
  /// `hint = "…"`: what `roadwork check` shows when this step fails; empty when the step has none.
  std::string hint;

  /// The kind key that chose `spec`: "hurl", "restart", …; also the report's `kind`.
  std::string_view kind() const { return kStepKinds[spec.index()]; }
};

/// One [[rules]] table of exercise.toml: a rule the exercise README states to the learner, and the steps
/// that check it (exercises/README.md: Rules).
struct Rule {
  std::string id;                  ///< kebab-case, unique in the exercise
  std::string rule;                ///< the sentence, as the learner reads it
  std::vector<std::string> steps;  ///< names of [[steps]] of this exercise
  std::string hint;                ///< optional: shown when a step checking the rule fails
  hurl::SourceLocation location;   ///< where `id` is written
};

/// One [[edit]] of a mutant: `find` replaced by `replace` in `file` of solution/<stack>/.
struct MutantEdit {
  std::string stack;
  std::string file;  ///< relative to solution/<stack>/
  std::string find;  ///< must occur exactly once in the file
  std::string replace;
  hurl::SourceLocation find_location;  ///< where the `find` value is written, for a count that is not one
};

/// `mutants/<name>.toml`: the reference solution with one deliberate bug, written as edits of it
/// (exercises/README.md: Mutants).
struct Mutant {
  std::string name;            ///< the file name without `.toml`
  std::filesystem::path file;  ///< the mutant's .toml
  std::string rule;            ///< the id of the [[rules]] entry it breaks
  std::string fails;           ///< the name of the step of this exercise that must fail first against it
  std::string why;             ///< what the bug is
  std::vector<MutantEdit> edits;

  /// The stacks it has edits for, sorted.
  std::vector<std::string> stacks() const;
  /// Whether it has an edit for `stack`, so runs there.
  bool edits_stack(std::string_view stack) const;
};

}  // namespace roadwork::course
