#include "checker/run/curl.hpp"

#include <fmt/format.h>

#include "checker/text/utf8.hpp"

namespace roadwork::run {

namespace {

bool is_printable_text(const std::string& text) {
  if (!text::is_valid_utf8(text)) return false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
  }
  return true;
}

// bash's $'…' form, which can carry any byte.
std::string ansi_c_quote(const std::string& bytes) {
  std::string out = "$'";
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7F) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out + "'";
}

bool is_default_header(const std::pair<std::string, std::string>& header) {
  return (same_header_name(header.first, "User-Agent") && header.second == "roadwork") ||
         (same_header_name(header.first, "Accept") && header.second == "*/*");
}

}  // namespace

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string curl_command(const std::string& method, const std::string& url, const HeaderList& headers,
                         const std::string& body, const RedirectPolicy& redirects) {
  std::string command = "curl -i";
  if (method == "HEAD") {
    command += " --head";  // -X HEAD would make curl wait for a body that never comes
  } else if (method != "GET" || !body.empty()) {
    command += " -X " + method;  // an HTTP token (Hurl grammar: method), safe unquoted
  }
  if (redirects.follow) {
    command += " -L";
    if (redirects.max_redirects != 50) command += fmt::format(" --max-redirs {}", redirects.max_redirects);
  }
  command += " " + shell_quote(url);
  for (const auto& header : headers) {
    if (!is_default_header(header)) command += " -H " + shell_quote(header.first + ": " + header.second);
  }
  if (body.empty()) return command;
  if (!find_header(headers, "Content-Type")) command += " -H 'Content-Type:'";
  if (!is_printable_text(body)) return command + " --data-binary " + ansi_c_quote(body);
  // --data reads a file when the text starts with '@'; --data-raw never does.
  return command + (body.starts_with('@') ? " --data-raw " : " --data ") + shell_quote(body);
}

std::string curl_command(const HttpCall& call) {
  return curl_command(call.method, call.url, call.request_headers, call.request_body, call.redirects);
}

}  // namespace roadwork::run
