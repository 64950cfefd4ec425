#include "app/report/json_writer.hpp"

#include <algorithm>

#include "app/report/details.hpp"
#include "app/report/not_run.hpp"
#include "checker/run/curl.hpp"
#include "checker/text/utf8.hpp"

namespace roadwork::report {

namespace {

using nlohmann::json;

json text(std::string_view value) { return roadwork::text::valid_utf8(value); }

json text_or_null(std::string_view value) { return value.empty() ? json(nullptr) : text(value); }

json request_json(const std::optional<run::HttpCall>& call) {
  if (!call) return nullptr;
  return {{"method", text(call->method)},
          {"url", text(call->url)},
          {"status", call->status},
          {"time_ms", call->time_ms}};
}

json failure_json(const hurl::SourceLocation& location, const run::EntryResult& entry,
                  const run::FileResult& file) {
  return {{"file", text(location.file.empty() ? file.path : location.file)},
          {"line", location.line},
          {"column", location.column},
          {"assert", nullptr},
          {"expected", nullptr},
          {"actual", nullptr},
          {"message", nullptr},
          {"request", request_json(entry.call)},
          {"curl", entry.call ? text(run::curl_command(*entry.call)) : json(nullptr)}};
}

json failures_json(const StepResult& step) {
  auto failures = json::array();
  for (const auto& file : step.files) {
    for (const auto& entry : file.entries) {
      for (const auto& result : entry.asserts) {
        if (result.passed) continue;
        auto failure = failure_json(result.location, entry, file);
        failure["assert"] = text(result.source_text);
        failure["expected"] = text(result.expected);
        failure["actual"] = text(result.actual);
        failure["message"] = text_or_null(result.message);
        failures.push_back(std::move(failure));
      }
      if (entry.error) {
        auto failure = failure_json(entry.location, entry, file);
        failure["message"] = text(*entry.error);
        failures.push_back(std::move(failure));
      }
    }
  }
  return failures;
}

json message_json(const StepResult& step) {
  if (step.verdict == Verdict::Pass) return nullptr;
  if (!ran(step)) return text(kNotRun);
  auto details = render_details(step, {});
  if (details.empty()) return text(failure_summary(step));
  details.pop_back();  // the last line's '\n'
  return text(details);
}

json rules_json(const StepResult& step) {
  auto rules = json::array();
  for (const auto& rule : step.rules) rules.push_back({{"id", text(rule.id)}, {"rule", text(rule.rule)}});
  return rules;
}

json hints_json(const StepResult& step) {
  auto hints = json::array();
  for (const auto& hint : step.hints) hints.push_back(text(hint));
  return hints;
}

json test_json(const StepResult& step) {
  std::string test_code;
  for (const auto& file : step.files) test_code += (test_code.empty() ? "" : "\n") + file.path;
  return {{"name", text(step.name)},
          {"status", to_string(step.verdict)},
          {"message", message_json(step)},
          {"output", text_or_null(step.output)},
          {"test_code", text(test_code)},
          {"kind", text(step.kind)},
          {"ran", ran(step)},
          {"time_ms", step.time_ms},
          {"failures", failures_json(step)},
          {"rules", rules_json(step)},
          {"hints", hints_json(step)}};
}

// Exercism requires a top-level message whenever the status is "error".
json run_message(const Report& report) {
  if (report.verdict() != Verdict::Error) return nullptr;
  if (!report.message.empty()) return text(report.message);
  const auto errored = std::find_if(report.steps.begin(), report.steps.end(),
                                    [](const auto& step) { return step.verdict == Verdict::Error; });
  return text(errored->name + ": " + failure_summary(*errored));
}

}  // namespace

nlohmann::json to_json(const Report& report) {
  auto tests = json::array();
  for (const auto& step : report.steps) tests.push_back(test_json(step));
  return {{"version", 2},
          {"status", to_string(report.verdict())},
          {"message", run_message(report)},
          {"tests", std::move(tests)},
          {"exercise", text(report.exercise)},
          {"pack", text(report.pack)},
          {"time_ms", report.time_ms},
          {"hint", text_or_null(report.hint)},
          {"output", text_or_null(report.server_output)},
          {"server_start_ms", report.server_start_ms},
          {"server_stop_ms", report.server_stop_ms},
          {"isolated", report.isolated}};
}

}  // namespace roadwork::report
