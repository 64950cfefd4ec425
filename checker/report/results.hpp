#pragma once
// The results model: what a check run found, independent of how it is shown (terminal, JSON, JUnit).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checker/hurl/diagnostic.hpp"

namespace roadwork::report {

/// pass: everything held; fail: the server answered wrongly; error: the check could not run (bad check
/// file, server never started, time limit). Names follow Exercism's results.json.
enum class Verdict { Pass, Fail, Error };

/// "pass", "fail" or "error".
const char* to_string(Verdict verdict);

/// The HTTP exchange of one entry, as sent and received.
struct HttpCall {
  std::string method;
  std::string url;  ///< absolute, with the query string
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::string request_body;
  int status = 0;            ///< 0 when no response arrived
  std::string http_version;  ///< e.g. "HTTP/1.1"
  std::vector<std::pair<std::string, std::string>> response_headers;
  std::string response_body;  ///< at most the runner's body cap
  bool response_truncated = false;
  double time_ms = 0;  ///< from sending the request to the end of the response
  std::string curl;    ///< a shell command that reproduces the request
};

/// One assert (or implicit status/header/body assert) and what it found.
struct AssertResult {
  hurl::SourceLocation location;
  std::string source_text;  ///< e.g. `jsonpath "$.status" == "ok"`, or `HTTP 201` for the implicit one
  bool passed = false;
  std::string expected;  ///< e.g. `"ok"`, `201`, `a string`
  std::string actual;    ///< e.g. `"OK"`, `404`, `none` when the query returned nothing
  std::string message;   ///< extra detail when the assert could not be evaluated (bad regex, …)
};

/// One entry of a .hurl file: its request, its asserts and the values it captured.
struct EntryResult {
  int index = 0;  ///< 1-based position in the file
  hurl::SourceLocation location;
  std::optional<HttpCall> call;  ///< the last try when the entry was retried
  std::vector<AssertResult> asserts;
  std::vector<std::pair<std::string, std::string>> captures;  ///< name and the value as JSON text
  std::optional<std::string> error;  ///< the request failed, a capture failed, a template had no value, …
  bool passed() const;
};

/// One .hurl file run from start to end (or to its first failing entry).
struct FileResult {
  std::string path;
  std::vector<EntryResult> entries;
  double time_ms = 0;
  bool passed() const;
  /// The first failing entry, or nullptr.
  const EntryResult* first_failure() const;
};

/// A rule a step checks, as the exercise states it to the learner (exercises/README.md: Rules).
struct CheckedRule {
  std::string id;    ///< kebab-case, e.g. "ids-never-reused"
  std::string rule;  ///< the sentence
};

/// One named test of a check run (an exercise step, or one file for `roadwork hurl`).
struct StepResult {
  std::string name;
  std::string kind;  ///< "hurl", "restart", … ; roadwork's field beside Exercism's
  Verdict verdict = Verdict::Pass;
  double time_ms = 0;
  std::vector<FileResult> files;  ///< for steps that ran .hurl files
  std::string message;            ///< why it failed or errored, in one or a few lines
  std::string output;  ///< the server's last output lines (a command step: its test run's), when they explain it
  std::vector<CheckedRule> rules;  ///< the rules the step checks, which a failure broke
  std::vector<std::string> hints;  ///< the step's hint, then its rules' hints, shown when it did not pass
};

/// A whole check run: all steps, in order, and what started the server.
struct Report {
  std::string exercise;
  std::string pack;
  std::vector<StepResult> steps;
  std::string hint;        ///< shown after a failure: when the first failing step has no hints of its own, one of the exercise's
  std::string message;     ///< run-level error (server never started, …)
  std::string server_output;  ///< tail of the server's output when the run failed
  double time_ms = 0;
  double server_start_ms =
      0;                      ///< from spawning the server to its port accepting (0: not started by roadwork)
  double server_stop_ms = 0;  ///< from SIGTERM until every process of the server was reaped
  /// False when roadwork started the server without the sandbox's isolation (the kernel refused namespaces,
  /// README.md "How it works").
  bool isolated = true;
  Verdict verdict() const;
};

}  // namespace roadwork::report
