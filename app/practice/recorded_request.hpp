#pragma once
// One request as a practice server recorded it, with what the server answered, and its form in the log:
// one JSON object per line.
//
//   {"time": "2025-01-31T12:00:00.123Z", "client": "127.0.0.1:53122", "method": "GET", "path": "/search",
//    "query": "q=shoes&page=2", "params": [["q", "shoes"], ["page", "2"]],
//    "headers": [["Accept", "*/*"], ["Host", "127.0.0.1:41234"]], "body": "",
//    "response": {"status": 200, "headers": [["Content-Type", "application/json"]]}}
//
// Only `method` and `path` are required when reading, so hand-written logs (tests) stay short.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace roadwork::practice {

/// A header or query parameter, in the order it arrived; names keep the case they were sent in.
using NameValue = std::pair<std::string, std::string>;

/// What the practice server answered: enough to grade tasks that depend on it (a Location, a Set-Cookie).
struct RecordedResponse {
  int status = 0;
  std::vector<NameValue> headers;  ///< the headers the practice server set (not the transport's own)
};

struct RecordedRequest {
  std::string time;    ///< UTC, ISO 8601 with milliseconds
  std::string client;  ///< "address:port" of the client; one value per TCP connection
  std::string method;
  std::string path;                ///< percent-decoded, without the query string
  std::string query;               ///< the query string as sent, without '?'; empty when there was none
  std::vector<NameValue> params;   ///< the query parameters, percent-decoded
  std::vector<NameValue> headers;  ///< as sent
  std::string body;
  RecordedResponse response;

  /// The value of the first header called `name` (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
  /// The value of the first query parameter called `name` (case-sensitive, as servers read them), or nullopt.
  std::optional<std::string> param(std::string_view name) const;
  /// "GET /search?q=shoes": method, path and query as a learner reads them in messages.
  std::string request_line() const;
};

/// ASCII case-insensitive equality, for header names and media types.
bool equals_ignoring_case(std::string_view a, std::string_view b);

/// `time` as the log writes it: "2025-01-31T12:00:00.123Z".
std::string utc_timestamp(std::chrono::system_clock::time_point time);

void to_json(nlohmann::json& json, const RecordedRequest& request);
/// Throws nlohmann::json::exception when a field has the wrong type or `method`/`path` is missing.
void from_json(const nlohmann::json& json, RecordedRequest& request);

}  // namespace roadwork::practice
