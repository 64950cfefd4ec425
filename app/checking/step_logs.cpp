// logs steps: what the server printed since it last started, stdout and stderr together (exercises/README.md:
// logs): every line a JSON object with given keys, some line matching a pattern, or none.

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <thread>
#include <vector>

#include "app/checking/steps.hpp"

namespace roadwork::checking {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A server may print a request's log line just after sending the response, so output that fails the step
// is looked at again for this long before the step fails.
constexpr auto kLateLineWait = 1s;
constexpr auto kPollInterval = 10ms;
constexpr std::size_t kQuoteLength = 120;

// The complete lines of `output`, without their line ends. The last piece has no newline yet (the server
// may be writing it) and the first is cut when older output was dropped, so neither is a line to judge.
std::vector<std::string_view> complete_lines(std::string_view output, bool dropped) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  for (auto end = output.find('\n'); end != std::string_view::npos; end = output.find('\n', begin)) {
    auto line = output.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!(dropped && begin == 0)) lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

std::string quote(std::string_view line) {
  return line.size() <= kQuoteLength ? std::string(line) : std::string(line.substr(0, kQuoteLength)) + "…";
}

// Why the lines are not one JSON object each, with `fields` on every line that has any of them and on one
// line at least, or "" when they are. A line with none of the fields (`{"msg": "listening"}`) is another
// kind of event than the one the fields describe, and may be printed too.
std::string json_problem(const std::vector<std::string_view>& lines, const std::vector<std::string>& fields) {
  std::size_t judged = 0;
  bool complete = fields.empty();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t") == std::string_view::npos) continue;
    ++judged;
    const auto object = nlohmann::json::parse(lines[i], nullptr, false);
    if (object.is_discarded() || !object.is_object())
      return fmt::format("line {} of the server's output is not a JSON object: {}", i + 1, quote(lines[i]));
    const auto has = [&](const std::string& field) { return object.contains(field); };
    const auto missing = std::find_if_not(fields.begin(), fields.end(), has);
    if (missing == fields.end()) {
      complete = true;
    } else if (std::any_of(fields.begin(), fields.end(), has)) {
      return fmt::format("line {} of the server's output has no `{}`: {}", i + 1, *missing, quote(lines[i]));
    }
  }
  if (judged == 0) return "the server printed no complete line; expected one JSON object per line";
  if (!complete) {
    std::string names;
    for (const auto& field : fields) names += (names.empty() ? "`" : ", `") + field + "`";
    return "no line of the server's output has all of " + names;
  }
  return "";
}

// "" when no complete line matches `pattern`, else which line does (a secret printed at startup, say).
std::string none_match_problem(const std::vector<std::string_view>& lines, const run::Regex& pattern,
                               const std::string& text) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (pattern.is_match(lines[i]))
      return fmt::format("line {} of the server's output matches `{}`, which no line may: {}", i + 1, text,
                         quote(lines[i]));
  }
  return "";
}

}  // namespace

report::StepResult run_step(const course::LogsStep& step, const PlannedStep&, StepContext& context) {
  if (!context.server) return needs_sandbox("logs");
  auto& process = *context.server->process();
  // Why the output so far fails the step, or "".
  const auto problem_now = [&] {
    const auto output = process.output();
    if (step.mode == course::LogsStep::Mode::Json)
      return json_problem(complete_lines(output, process.dropped_bytes() > 0), step.fields);
    if (step.mode == course::LogsStep::Mode::NoneMatch)
      return none_match_problem(complete_lines(output, process.dropped_bytes() > 0),
                                context.plan.pattern(step.pattern), step.pattern.text);
    if (any_line_matches(output, context.plan.pattern(step.pattern))) return std::string();
    return fmt::format("no line of the server's output matches `{}`", step.pattern.text);
  };
  auto problem = problem_now();
  // A printed line stays printed: waiting cannot mend a none_match step.
  const bool may_wait = step.mode != course::LogsStep::Mode::NoneMatch;
  for (const auto deadline = Clock::now() + kLateLineWait;
       may_wait && !problem.empty() && Clock::now() < deadline;) {
    std::this_thread::sleep_for(kPollInterval);
    problem = problem_now();
  }
  if (problem.empty()) return step_result(report::Verdict::Pass);
  return step_result(report::Verdict::Fail, problem, server_tail(context));
}

}  // namespace roadwork::checking
