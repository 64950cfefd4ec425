#include "app/report/junit_writer.hpp"

#include <fmt/format.h>

#include "app/report/details.hpp"
#include "app/report/not_run.hpp"
#include "checker/text/utf8.hpp"

namespace roadwork::report {

namespace {

// The character reference for a character that XML reserves, or "" for any other. In attributes, tab and
// newlines become references too, because parsers would otherwise turn them into spaces (XML 1.0 3.3.3).
std::string_view reference(char c, bool attribute) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\r':  // parsers turn a raw CR into LF (2.11)
      return "&#13;";
    case '\t':
      return attribute ? "&#9;" : "";
    case '\n':
      return attribute ? "&#10;" : "";
    default:
      return "";
  }
}

// Escapes for XML 1.0 and drops what it cannot hold (2.2, Char): C0 controls but tab, LF and CR, then DEL
// and the C1 controls (allowed but discouraged), U+FFFE and U+FFFF.
std::string escape(std::string_view raw, bool attribute) {
  const auto text = roadwork::text::valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (const auto ref = reference(text[i], attribute); !ref.empty()) {
      out += ref;
    } else if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F) {
      continue;
    } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {  // U+0080–U+009F
      ++i;
    } else if (byte == 0xEF && next == 0xBF && i + 2 < text.size() &&
               (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {  // U+FFFE, U+FFFF
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string attr(std::string_view text) { return escape(text, true); }

std::string seconds(double ms) { return fmt::format("{:.3f}", ms / 1000); }

// The failure text: the terminal report's details without colour, or the one-line summary when there are
// none (a step that failed without asserts or a message).
std::string failure_text(const StepResult& step) {
  const auto details = render_details(step, {});
  return escape(details.empty() ? failure_summary(step) : details, false);
}

std::string testcase(const std::string& classname, const StepResult& step) {
  auto out = fmt::format(R"(  <testcase classname="{}" name="{}" time="{}")", attr(classname),
                         attr(step.name), seconds(step.time_ms));
  std::string body;
  if (!ran(step)) {
    body = fmt::format("    <skipped message=\"{}\"/>\n", attr(kNotRun));
  } else if (step.verdict != Verdict::Pass) {
    const auto element = step.verdict == Verdict::Error ? "error" : "failure";
    const auto type = step.verdict == Verdict::Error ? "error" : "assert";
    body = fmt::format("    <{0} message=\"{1}\" type=\"{2}\">{3}</{0}>\n", element,
                       attr(failure_summary(step)), type, failure_text(step));
  }
  if (!step.output.empty())
    body += fmt::format("    <system-out>{}</system-out>\n", escape(step.output, false));
  return body.empty() ? out + "/>\n" : out + ">\n" + body + "  </testcase>\n";
}

}  // namespace

std::string to_junit_xml(const Report& report) {
  const auto classname = "roadwork." + report.exercise;
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  std::string cases;
  if (!report.message.empty()) {
    ++tests;
    ++errors;
    cases += fmt::format(
        "  <testcase classname=\"{0}\" name=\"setup\" time=\"0.000\">\n"
        "    <error message=\"{1}\" type=\"error\">{2}</error>\n"
        "  </testcase>\n",
        attr(classname), attr(report.message.substr(0, report.message.find('\n'))),
        escape(report.message, false));
  }
  for (const auto& step : report.steps) {
    ++tests;
    if (!ran(step)) {
      ++skipped;
    } else if (step.verdict == Verdict::Error) {
      ++errors;
    } else if (step.verdict == Verdict::Fail) {
      ++failures;
    }
    cases += testcase(classname, step);
  }
  auto out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\">\n",
      attr(report.exercise), tests, failures, errors, skipped, seconds(report.time_ms));
  out += cases;
  if (!report.server_output.empty()) {
    out += fmt::format("  <system-out>{}</system-out>\n", escape(report.server_output, false));
  }
  return out + "</testsuite>\n";
}

}  // namespace roadwork::report
