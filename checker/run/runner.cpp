#include "checker/run/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "checker/run/checks.hpp"
#include "checker/run/http_client.hpp"
#include "checker/run/requests.hpp"
#include "checker/run/templates.hpp"

namespace roadwork::run {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Hurl's default pause between tries of an entry with [Options] retry.
constexpr milliseconds kDefaultRetryInterval{1000};

bool deadline_passed(const RunOptions& options) {
  return options.deadline && Clock::now() >= *options.deadline;
}

// Sleeps for `duration`, or until the deadline; false when the deadline came first.
bool pause(milliseconds duration, const RunOptions& options) {
  const auto until = Clock::now() + duration;
  if (options.deadline && *options.deadline < until) {
    std::this_thread::sleep_until(*options.deadline);
    return false;
  }
  std::this_thread::sleep_until(until);
  return true;
}

// An unquoted `variable: name=value` in [Options] is typed as Hurl types it (Hurl grammar: variable-value):
// null, a boolean, an integer, a float, else a string.
nlohmann::json typed_value(const std::string& text) {
  if (text == "null") return nullptr;
  if (text == "true" || text == "false") return text == "true";
  std::int64_t integer = 0;
  if (const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
      error == std::errc() && end == text.data() + text.size() && !text.empty()) {
    return integer;
  }
  double floating = 0;
  if (const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), floating);
      error == std::errc() && end == text.data() + text.size() && !text.empty() &&
      text.find_first_not_of("-0123456789.") == std::string::npos) {
    return floating;
  }
  return text;
}

// One try of an entry, and whether trying again could change it (a missing variable cannot).
struct Attempt {
  EntryResult result;
  bool retryable = true;
};

class FileRun {
 public:
  FileRun(const hurl::HurlFile& file, Variables& variables, const RunOptions& options)
      : file_(file), variables_(variables), options_(options), client_(options) {}

  FileResult run() {
    const auto start = Clock::now();
    FileResult result;
    result.path = file_.path;
    for (std::size_t i = 0; i < file_.entries.size(); ++i) {
      const auto& entry = file_.entries[i];
      if (entry.request.options.skip.value_or(false)) continue;
      const int index = static_cast<int>(i) + 1;
      bool failed = false;
      const int repeats = entry.request.options.repeat.value_or(1);
      // Room for the repeats at once (up to a bound, as the first may fail): growing a vector of large
      // results copies each into fresh pages.
      result.entries.reserve(result.entries.size() +
                             static_cast<std::size_t>(std::clamp(repeats, 0, 1 << 16)));
      for (int repeat = 0; repeat < repeats && !failed; ++repeat) {
        result.entries.push_back(run_entry(entry, index));
        failed = !result.entries.back().passed();
      }
      if (failed && !options_.keep_going) break;
    }
    result.time_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return result;
  }

 private:
  static EntryResult blank_result(const hurl::Entry& entry, int index) {
    EntryResult result;
    result.index = index;
    result.location = entry.request.location;
    return result;
  }

  static EntryResult error_result(const hurl::Entry& entry, int index, std::string error) {
    auto result = blank_result(entry, index);
    result.error = std::move(error);
    return result;
  }

  // [Options]: variables and delay first, then tries until one passes, the retries run out or the deadline.
  EntryResult run_entry(const hurl::Entry& entry, int index) {
    const auto& options = entry.request.options;
    if (deadline_passed(options_)) {
      return error_result(entry, index, "time limit reached before this entry started");
    }
    for (std::size_t i = 0; i < options.variables.size(); ++i) {
      const Scope scope{variables_, file_};
      auto name = expand(options.variables[i].key, scope);
      auto value = name.ok() ? expand(options.variables[i].value, scope) : name;
      if (!value.ok()) return error_result(entry, index, entry_error(value.error()));
      const bool quoted = i < options.variable_is_quoted.size() && options.variable_is_quoted[i];
      variables_[name.value()] = quoted ? nlohmann::json(value.value()) : typed_value(value.value());
    }
    if (options.delay_ms && !pause(milliseconds(*options.delay_ms), options_)) {
      return error_result(entry, index, "time limit reached before this entry started");
    }
    const int retries = options.retry.value_or(0);
    const auto interval =
        options.retry_interval_ms ? milliseconds(*options.retry_interval_ms) : kDefaultRetryInterval;
    for (int tries = 1;; ++tries) {
      auto attempt = try_entry(entry, index);
      if (attempt.result.passed() || !attempt.retryable || (retries >= 0 && tries > retries)) {
        return std::move(attempt.result);
      }
      if (!pause(interval, options_) || deadline_passed(options_)) {
        if (!attempt.result.error) {
          attempt.result.error =
              fmt::format("still failing after {} tries when the time limit was reached", tries);
        }
        return std::move(attempt.result);
      }
    }
  }

  Attempt try_entry(const hurl::Entry& entry, int index) {
    Attempt attempt{blank_result(entry, index), true};
    auto& result = attempt.result;
    auto request = build_request(entry.request, Scope{variables_, file_});
    if (!request.ok()) {
      result.error = entry_error(request.error());
      attempt.retryable = false;
      return attempt;
    }
    auto& sent = request.value();
    const auto& options = entry.request.options;
    const RedirectPolicy redirects{options.location.value_or(false), options.max_redirs.value_or(50)};
    const auto max_time =
        options.max_time_ms ? std::chrono::milliseconds(*options.max_time_ms) : options_.max_time;
    auto response = client_.send(sent, redirects, max_time);

    // The request and response move into the result once nothing reads them any more.
    auto& call = result.call.emplace();
    call.request_headers = response.ok() ? std::move(response.value().sent_headers) : std::move(sent.headers);
    call.redirects = redirects;
    call.method = std::move(sent.method);
    call.url = std::move(sent.url);
    call.request_body = std::move(sent.body);
    if (!response.ok()) {
      result.error = response.error().message;
      return attempt;
    }
    auto& received = response.value();
    call.status = received.status;
    call.response_truncated = received.truncated;
    call.time_ms = received.time_ms;
    if (received.truncated) {
      result.error = fmt::format("the response body is larger than {} bytes, the most roadwork reads",
                                 options_.max_body_bytes);
    } else if (entry.response) {
      auto outcome = check_response(*entry.response, received, variables_, file_);
      result.asserts = std::move(outcome.asserts);
      result.captures = std::move(outcome.captures);
      result.error = std::move(outcome.error);
    }
    call.http_version = std::move(received.version);
    call.response_headers = std::move(received.headers);
    call.response_body = std::move(received.body);
    return attempt;
  }

  const hurl::HurlFile& file_;
  Variables& variables_;
  const RunOptions& options_;
  HttpClient client_;
};

}  // namespace

FileResult run_file(const hurl::HurlFile& file, Variables& variables, const RunOptions& options) {
  return FileRun(file, variables, options).run();
}

}  // namespace roadwork::run
