#include "app/report/details.hpp"

#include "app/report/not_run.hpp"
#include "checker/report/failures.hpp"
#include "checker/report/text_util.hpp"

namespace roadwork::report {

std::string render_details(const StepResult& step, const TextStyle& style) {
  if (step.verdict == Verdict::Pass || !ran(step)) return "";
  std::string out;
  if (!step.message.empty()) out += labelled("", step.message, style.fail);
  for (const auto& file : step.files) out += render_failures(file, style);
  for (const auto& rule : step.rules) out += labelled("rule:      ", rule.rule, style.bold);
  for (const auto& hint : step.hints) out += labelled("hint:      ", hint, style.warn);
  return out;
}

std::string failure_summary(const StepResult& step) {
  if (!step.message.empty()) return step.message.substr(0, step.message.find('\n'));
  for (const auto& file : step.files) {
    if (auto line = first_failure_line(file)) return std::move(*line);
  }
  return "failed";
}

}  // namespace roadwork::report
