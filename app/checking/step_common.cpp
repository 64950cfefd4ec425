// What the step kinds share: building results, and describing servers and durations in verdicts.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/checking/steps.hpp"

namespace roadwork::checking {

namespace {

// As many lines as the sandbox shows with a failed start, enough to hold a traceback's last frames.
constexpr std::size_t kVerdictLines = 20;

}  // namespace

report::StepResult step_result(report::Verdict verdict, std::string message, std::string output) {
  report::StepResult result;
  result.verdict = verdict;
  result.message = std::move(message);
  result.output = std::move(output);
  return result;
}

report::StepResult needs_sandbox(std::string_view kind) {
  return step_result(
      report::Verdict::Error,
      fmt::format("a {} step needs the server that roadwork starts, so it cannot run with --url; "
                  "run `roadwork check` without --url",
                  kind));
}

std::string server_tail(StepContext& context) {
  auto* process = context.server ? context.server->process() : nullptr;
  return process ? process->last_lines(kVerdictLines) : "";
}

std::string describe_duration(std::chrono::duration<double, std::milli> duration) {
  const auto ms = std::llround(duration.count());
  if (ms < 1000) return fmt::format("{} ms", ms);
  // Seconds with up to two decimals and no trailing zeros: "5 s", "7.2 s", "5.04 s" (just over a 5 s limit).
  auto text = fmt::format("{:.2f}", static_cast<double>(ms) / 1000);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + " s";
}

bool any_line_matches(std::string_view output, const run::Regex& pattern) {
  std::size_t begin = 0;
  while (begin <= output.size()) {
    const auto end = std::min(output.find('\n', begin), output.size());
    if (pattern.is_match(output.substr(begin, end - begin))) return true;
    begin = end + 1;
  }
  return false;
}

}  // namespace roadwork::checking
