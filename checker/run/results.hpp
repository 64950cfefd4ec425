#pragma once
// What running a .hurl file found, entry by entry: the runner's own results, which checker/report renders
// and the app's step results (app/report/results.hpp) carry. Like Hurl's runner, which owns its result model.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checker/hurl/diagnostic.hpp"

namespace roadwork::run {

/// [Options] `location` and `max-redirs` (Hurl's default limit is 50).
struct RedirectPolicy {
  bool follow = false;
  int max_redirects = 50;
};

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
  double time_ms = 0;        ///< from sending the request to the end of the response
  RedirectPolicy redirects;  ///< as the request was sent (curl.hpp: curl_command reproduces it)
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

}  // namespace roadwork::run
