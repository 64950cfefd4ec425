#include "app/practice/recorded_request.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace roadwork::practice {

namespace {

std::optional<std::string> find_value(const std::vector<NameValue>& pairs, std::string_view name,
                                      bool ignore_case) {
  for (const auto& [key, value] : pairs)
    if (ignore_case ? equals_ignoring_case(key, name) : key == name) return value;
  return std::nullopt;
}

// Missing optional fields keep their defaults; present ones must have the right type.
template <typename T>
void read_optional(const nlohmann::json& json, const char* key, T& field) {
  if (const auto found = json.find(key); found != json.end()) found->get_to(field);
}

}  // namespace

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::optional<std::string> RecordedRequest::header(std::string_view name) const {
  return find_value(headers, name, true);
}

std::optional<std::string> RecordedRequest::param(std::string_view name) const {
  return find_value(params, name, false);
}

std::string RecordedRequest::request_line() const {
  return method + " " + path + (query.empty() ? "" : "?" + query);
}

std::string utc_timestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto since_epoch = time.time_since_epoch();
  const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis = duration_cast<milliseconds>(since_epoch).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

void to_json(nlohmann::json& json, const RecordedRequest& request) {
  json = {{"time", request.time},
          {"client", request.client},
          {"method", request.method},
          {"path", request.path},
          {"query", request.query},
          {"params", request.params},
          {"headers", request.headers},
          {"body", request.body},
          {"response", {{"status", request.response.status}, {"headers", request.response.headers}}}};
}

void from_json(const nlohmann::json& json, RecordedRequest& request) {
  json.at("method").get_to(request.method);
  json.at("path").get_to(request.path);
  read_optional(json, "time", request.time);
  read_optional(json, "client", request.client);
  read_optional(json, "query", request.query);
  read_optional(json, "params", request.params);
  read_optional(json, "headers", request.headers);
  read_optional(json, "body", request.body);
  if (const auto response = json.find("response"); response != json.end()) {
    read_optional(*response, "status", request.response.status);
    read_optional(*response, "headers", request.response.headers);
  }
}

}  // namespace roadwork::practice
