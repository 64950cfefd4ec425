#include "app/report/text_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/report/details.hpp"
#include "app/report/not_run.hpp"
#include "checker/report/text_util.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::report {

namespace {

// The last `style.max_output_lines` lines of an output (the server's, or a command step's test run) under
// a heading that says whose, so that a long log does not push the failure off the screen; the JSON and
// JUnit reports keep all of it.
std::string output_section(std::string_view output, std::string_view whose, const std::string& indent,
                           const TextStyle& style) {
  auto lines = split_lines(output);
  if (lines.empty()) return "";
  std::string out = indent + styled(style.dim, fmt::format("{} output (last lines):", whose)) + "\n";
  const auto limit = static_cast<std::size_t>(style.max_output_lines);
  if (style.max_output_lines > 0 && lines.size() > limit) {
    const auto hidden = lines.size() - limit;
    out += indent + "  " + styled(style.dim, fmt::format("… {} earlier lines not shown", hidden)) + "\n";
    lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(hidden));
  }
  for (auto line : lines) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += indent + "  " + text::escape_controls(line) + "\n";
  }
  return out;
}

std::string step_line(const StepResult& step, const TextStyle& style) {
  const bool was_run = ran(step);
  std::string mark;
  if (!was_run) {
    mark = styled(style.dim, "·");
  } else if (step.verdict == Verdict::Pass) {
    mark = styled(style.pass, "✓");
  } else {
    mark = styled(style.fail, "✗");
  }
  const auto time = was_run ? format_duration(step.time_ms) : std::string("(not run)");
  const auto visible = text::escape_controls(step.name);
  const int used = 4 + display_width(visible) + display_width(time);
  const auto gap = static_cast<std::size_t>(std::max(style.width - used, 2));
  const auto name = was_run ? visible : styled(style.dim, visible);
  return "  " + mark + " " + name + std::string(gap, ' ') + styled(style.dim, time) + "\n";
}

std::string count_line(const Report& report, const TextStyle& style) {
  const auto total = report.steps.size();
  if (total == 0) return "  No step ran.\n";
  const auto passed = std::count_if(report.steps.begin(), report.steps.end(), [](const auto& step) {
    return ran(step) && step.verdict == Verdict::Pass;
  });
  const auto text = fmt::format("{} of {} {} passed.", passed, total, total == 1 ? "step" : "steps");
  return "  " + styled(static_cast<std::size_t>(passed) == total ? style.pass : style.bold, text) + "\n";
}

}  // namespace

std::string render_step(const StepResult& step, const TextStyle& style) {
  return step_line(step, style) + indent_lines(render_details(step, style), "    ") +
         output_section(step.output, step.kind == "command" ? "test" : "server", "    ", style);
}

std::string render_summary(const Report& report, const TextStyle& style) {
  std::string run_level;
  if (!report.message.empty()) {
    run_level = labelled("  " + styled(style.fail, "error:") + " ", report.message, {});
    run_level += output_section(report.server_output, "server", "    ", style);
  } else {
    run_level = output_section(report.server_output, "server", "  ", style);
  }
  // The empty line separates the summary from the steps; with no steps there is nothing to separate.
  std::string out = report.steps.empty() ? "" : "\n";
  if (!run_level.empty()) out += run_level + "\n";
  out += count_line(report, style);
  if (!report.isolated) {
    out += "  " + styled(style.warn, "not isolated:") + " the server ran without the sandbox's namespaces\n";
  }
  if (report.verdict() != Verdict::Pass && !report.hint.empty()) {
    out += labelled("  " + styled(style.warn, "hint:") + " ", report.hint, {});
  }
  return out;
}

std::string render_server_output(std::string_view output, const TextStyle& style) {
  const auto section = output_section(output, "server", "  ", style);
  return section.empty() ? "" : "\n" + section;
}

std::string render_text(const Report& report, const TextStyle& style) {
  std::string out;
  for (const auto& step : report.steps) out += render_step(step, style);
  return out + render_summary(report, style);
}

}  // namespace roadwork::report
