// logs steps: what the server printed since the last restart step, stdout and stderr together, the output
// of a server a signal step stopped included (exercises/README.md: logs): every line a JSON object with
// given keys, some line matching a pattern, or none.

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

// One line of the output a logs step judges, and where it was printed, for a verdict.
struct Line {
  std::string_view text;
  std::size_t number;               // 1-based, within its piece
  const StoppedOutput* stopped_by;  // the signal step's server that printed it, or nullptr: the running one
};

std::string where(const Line& line) {
  if (!line.stopped_by) return fmt::format("line {} of the server's output", line.number);
  return fmt::format("line {} of what the server printed before {} stopped it", line.number,
                     line.stopped_by->signal_name);
}

// Appends the complete lines of `output`, without their line ends. The first piece is cut when older
// output was dropped, and the last has no newline yet while the server may still be writing it
// (`ended`: it has exited, so its last piece is a whole line), so neither is a line to judge.
void add_lines(std::vector<Line>& lines, std::string_view output, bool dropped, bool ended,
               const StoppedOutput* stopped_by) {
  std::size_t begin = 0, number = 0;
  while (begin < output.size()) {
    auto end = output.find('\n', begin);
    if (end == std::string_view::npos && !ended) break;
    if (end == std::string_view::npos) end = output.size();
    auto text = output.substr(begin, end - begin);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    ++number;
    if (!(dropped && begin == 0)) lines.push_back({text, number, stopped_by});
    begin = end + 1;
  }
}

std::string quote(std::string_view line) {
  return line.size() <= kQuoteLength ? std::string(line) : std::string(line.substr(0, kQuoteLength)) + "…";
}

// Why the lines are not one JSON object each, with `fields` on every line that has any of them and on one
// line at least, or "" when they are. A line with none of the fields (`{"msg": "listening"}`) is another
// kind of event than the one the fields describe, and may be printed too.
std::string json_problem(const std::vector<Line>& lines, const std::vector<std::string>& fields) {
  std::size_t judged = 0;
  bool complete = fields.empty();
  for (const auto& line : lines) {
    if (line.text.find_first_not_of(" \t") == std::string_view::npos) continue;
    ++judged;
    const auto object = nlohmann::json::parse(line.text, nullptr, false);
    if (object.is_discarded() || !object.is_object())
      return fmt::format("{} is not a JSON object: {}", where(line), quote(line.text));
    const auto has = [&](const std::string& field) { return object.contains(field); };
    const auto missing = std::find_if_not(fields.begin(), fields.end(), has);
    if (missing == fields.end()) {
      complete = true;
    } else if (std::any_of(fields.begin(), fields.end(), has)) {
      return fmt::format("{} has no `{}`: {}", where(line), *missing, quote(line.text));
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
std::string none_match_problem(const std::vector<Line>& lines, const run::Regex& pattern,
                               const std::string& text) {
  for (const auto& line : lines) {
    if (pattern.is_match(line.text))
      return fmt::format("{} matches `{}`, which no line may: {}", where(line), text, quote(line.text));
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
    if (step.mode == course::LogsStep::Mode::Matches) {
      const auto& pattern = context.plan.pattern(step.pattern);
      const auto matches = [&](const StoppedOutput& stopped) {
        return any_line_matches(stopped.text, pattern);
      };
      const auto& stopped = context.stopped_outputs;
      if (any_line_matches(output, pattern) || std::any_of(stopped.begin(), stopped.end(), matches))
        return std::string();
      return fmt::format("no line of the server's output matches `{}`", step.pattern.text);
    }
    std::vector<Line> lines;
    for (const auto& stopped : context.stopped_outputs)
      add_lines(lines, stopped.text, stopped.dropped, true, &stopped);
    add_lines(lines, output, process.dropped_bytes() > 0, false, nullptr);
    if (step.mode == course::LogsStep::Mode::Json) return json_problem(lines, step.fields);
    return none_match_problem(lines, context.plan.pattern(step.pattern), step.pattern.text);
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
