#include "checker/report/failures.hpp"

#include <fmt/format.h>

#include "checker/hurl/diagnostic.hpp"
#include "checker/report/text_util.hpp"
#include "checker/run/curl.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::report {

namespace {

// Asserts carry their own file; an entry error may come without one, so the file being run stands in.
std::string where(const hurl::SourceLocation& location, const run::FileResult& file) {
  if (!location.file.empty()) return hurl::format_location(location);
  auto with_file = location;
  with_file.file = file.path;
  return hurl::format_location(with_file);
}

std::string request_line(const run::HttpCall& call) {
  auto outcome = call.status == 0 ? std::string("no response")
                                  : fmt::format("{} in {}", call.status, format_duration(call.time_ms));
  if (call.response_truncated) outcome += " (body cut at the size limit)";
  return fmt::format("{} {} → {}", call.method, call.url, outcome);
}

// The start of a response body on one line, so a learner sees what their server said (a starter's "not
// implemented yet", a traceback's last words) without running the curl line.
constexpr std::size_t kBodyPreviewBytes = 200;

// The length of the UTF-8 sequence that `lead` starts (1 for ASCII and for stray bytes).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::string body_preview(const std::string& body) {
  if (body.find('\0') != std::string::npos) return fmt::format("({} bytes of binary data)", body.size());
  std::string out;
  std::size_t i = 0;
  for (; i < body.size() && out.size() < kBodyPreviewBytes; ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (c >= 0x20 && c != 0x7f) {
      out += body[i];
    }
  }
  if (i == body.size()) return out;
  // Cut back to a whole UTF-8 character when the limit fell inside one.
  auto lead = out.size();
  while (lead > 0 && (static_cast<unsigned char>(out[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead > 0 && lead - 1 + utf8_length(static_cast<unsigned char>(out[lead - 1])) > out.size())
    out.resize(lead - 1);
  return out + fmt::format("… ({} bytes)", body.size());
}

// The port an absolute http(s) URL names ("http://127.0.0.1:41234/x" → "41234"); empty when it names none.
std::string_view url_port(std::string_view url) {
  const auto authority_start = url.find("://");
  if (authority_start == std::string_view::npos) return {};
  auto authority = url.substr(authority_start + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  const auto colon = authority.rfind(':');
  if (colon == std::string_view::npos || authority.find(']', colon) != std::string_view::npos) return {};
  return authority.substr(colon + 1);
}

// "reproduce: curl …", and when the run's server is gone, how to start it again on the curl's port.
std::string reproduce_lines(const run::HttpCall& call, const TextStyle& style) {
  std::string out = "reproduce: " + styled(style.code, text::escape_controls(run::curl_command(call))) + "\n";
  if (style.serve_command.empty()) return out;
  const auto port = url_port(call.url);
  const auto serve = style.serve_command + (port.empty() ? "" : " --port " + std::string(port));
  return out + "           " + styled(style.dim, "first start your server again, in another terminal: ") +
         styled(style.code, serve) + "\n";
}

std::string entry_details(const run::EntryResult& entry, const run::FileResult& file,
                          const TextStyle& style) {
  std::string out;
  for (const auto& result : entry.asserts) {
    if (result.passed) continue;
    out += styled(style.bold, text::escape_controls(where(result.location, file))) + "\n";
    out += "  " + styled(style.code, text::escape_controls(result.source_text)) + "\n";
    out += labelled("  expected: ", result.expected, style.pass);
    out += labelled("  actual:   ", result.actual, style.fail);
    out += indent_lines(text::escape_controls(result.message), "  ");
  }
  if (entry.error) {
    out += styled(style.bold, text::escape_controls(where(entry.location, file))) + "\n";
    out += labelled("  ", *entry.error, style.fail);
  }
  if (entry.call) {
    out += "request:   " + text::escape_controls(request_line(*entry.call)) + "\n";
    if (!entry.call->response_body.empty()) {
      out +=
          "response:  " + styled(style.code, text::escape_controls(body_preview(entry.call->response_body))) +
          "\n";
    }
    out += reproduce_lines(*entry.call, style);
  }
  return out;
}

}  // namespace

std::string render_failures(const run::FileResult& file, const TextStyle& style) {
  std::string out;
  for (const auto& entry : file.entries) {
    if (!entry.passed()) out += entry_details(entry, file, style);
  }
  return out;
}

std::optional<std::string> first_failure_line(const run::FileResult& file) {
  for (const auto& entry : file.entries) {
    for (const auto& result : entry.asserts) {
      if (!result.passed) {
        return fmt::format("{}: expected {}, actual {}", result.source_text, result.expected, result.actual);
      }
    }
    if (entry.error) return entry.error->substr(0, entry.error->find('\n'));
  }
  return std::nullopt;
}

}  // namespace roadwork::report
