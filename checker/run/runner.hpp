#pragma once
// Runs the entries of a parsed .hurl file against a server over HTTP/1.1, as `hurl --test` would.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "checker/hurl/ast.hpp"
#include "checker/run/results.hpp"

namespace roadwork::run {

/// Variables visible to templates, keyed by name. Values are JSON: strings, numbers, booleans, null,
/// lists and objects (a capture keeps the type its query produced).
using Variables = std::map<std::string, nlohmann::json>;

/// Limits and timeouts for one run. All durations in milliseconds.
struct RunOptions {
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds read_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
  /// Each request's whole exchange, from connecting to the last byte of the response (Hurl's --max-time;
  /// an entry's [Options] max-time overrides it).
  std::chrono::milliseconds max_time{5000};
  std::size_t max_body_bytes = 8 * 1024 * 1024;  ///< response bodies are read at most this far (bytes)
  /// Absolute deadline for the whole file; entries not started by then fail with "time limit reached".
  std::optional<std::chrono::steady_clock::time_point> deadline;
  bool keep_going = false;  ///< run later entries after a failed one (Hurl's --continue-on-error)
  /// Called by every request just before its body is sent (after the request line and headers), or, for a
  /// request without a body, just before it is sent. A burst step blocks here until all of its concurrent
  /// runs have arrived, so the server has accepted every connection and read every head before the bodies
  /// go out together (exercises/README.md: burst). Empty: no wait.
  std::function<void()> gate;
  /// When set, the origins (scheme://host:port) requests may go to, redirects included: the server under
  /// test first, then those the exercise declares (exercises/README.md: `origins`), so that an exercise's
  /// checks reach only what they grade. A request elsewhere fails its entry.
  std::optional<std::vector<std::string>> allowed_origins;
};

/// Runs every entry of `file` in order. Captures are added to `variables` and carried to later entries and
/// later files. Stops at the first failing entry unless `options.keep_going`. Never throws for a server's
/// behaviour (refused connection, timeout, bad JSON, huge body): those become failed asserts or entry errors.
/// Connections are kept alive between entries that target the same origin.
FileResult run_file(const hurl::HurlFile& file, Variables& variables, const RunOptions& options);

}  // namespace roadwork::run
