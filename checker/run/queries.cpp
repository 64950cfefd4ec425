#include "checker/run/queries.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "checker/run/cookies.hpp"
#include "checker/run/dates.hpp"
#include "checker/run/encoding.hpp"
#include "checker/run/json_query.hpp"
#include "checker/run/regex.hpp"
#include "checker/run/sha256.hpp"
#include "checker/text/utf8.hpp"

namespace roadwork::run {

namespace {

using Found = Result<std::optional<Value>>;

Found some(Value value) { return std::optional<Value>{std::move(value)}; }
Found nothing() { return std::optional<Value>{}; }

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The start of a body, for messages about why it could not be read.
std::string excerpt(const std::string& body) {
  constexpr std::size_t kLength = 200;
  auto text = roadwork::text::valid_utf8(body.substr(0, kLength));
  return describe(Value::string(text)) + (body.size() > kLength ? "…" : "");
}

Found header_query(const HttpResponse& response, const std::string& name) {
  const auto values = header_values(response.headers, name);
  if (values.empty()) return nothing();
  if (values.size() == 1) return some(Value::string(values.front()));
  return some(Value::from_json(values));
}

// `cookie "name"` or `cookie "name[Attribute]"` (Hurl docs: asserting-response, "Cookie assert").
Found cookie_query(const HttpResponse& response, const std::string& argument) {
  auto name = argument;
  std::string attribute = "Value";
  if (const auto open = argument.find('['); open != std::string::npos && argument.ends_with(']')) {
    name = argument.substr(0, open);
    attribute = argument.substr(open + 1, argument.size() - open - 2);
  }
  std::optional<SetCookie> cookie;
  for (const auto& value : header_values(response.headers, "Set-Cookie")) {
    if (auto parsed = parse_set_cookie(value); parsed && parsed->name == name) {
      cookie = std::move(parsed);
      break;
    }
  }
  if (!cookie) return nothing();
  const auto key = lower(attribute);
  if (key == "value") return some(Value::string(cookie->value));
  if (key == "secure" || key == "httponly")
    return cookie->attribute(attribute) ? some(Value::unit()) : nothing();
  if (key == "domain" || key == "path" || key == "samesite") {
    const auto value = cookie->attribute(attribute);
    return value ? some(Value::string(*value)) : nothing();
  }
  if (key == "max-age") {
    const auto value = cookie->attribute(attribute);
    if (!value) return nothing();
    std::int64_t seconds = 0;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), seconds);
    if (error != std::errc() || end != value->data() + value->size()) {
      return failure(fmt::format("cookie `{}` has a Max-Age that is not an integer: `{}`", name, *value));
    }
    return some(Value::integer(seconds));
  }
  if (key == "expires") {
    const auto value = cookie->attribute(attribute);
    if (!value) return nothing();
    const auto date = parse_http_date(*value);
    if (!date)
      return failure(fmt::format("cookie `{}` has an Expires that is not an HTTP date: `{}`", name, *value));
    return some(Value::date(*date));
  }
  return failure(
      fmt::format("`{}` is not a cookie attribute (use Value, Expires, Max-Age, Domain, Path, Secure, "
                  "HttpOnly or SameSite)",
                  attribute));
}

Found jsonpath_query(const HttpResponse& response, const std::string& expression) {
  auto text = body_text(response);
  if (!text.ok()) return text.error();
  auto document = parse_json(text.value());
  if (!document.ok()) {
    return failure(fmt::format("the body is not valid JSON: {}; it starts with {}", document.error().message,
                               excerpt(response.body)));
  }
  return evaluate_jsonpath(expression, document.value());
}

Found regex_query(const HttpResponse& response, const std::string& pattern) {
  auto text = body_text(response);
  if (!text.ok()) return text.error();
  auto regex = Regex::compile(pattern);
  if (!regex.ok()) return regex.error();
  auto group = regex_first_group(regex.value(), text.value());
  if (!group) return nothing();
  return some(Value::string(std::move(*group)));
}

}  // namespace

Result<std::string> body_text(const HttpResponse& response) {
  const auto type = lower(find_header(response.headers, "Content-Type").value_or(""));
  if (const auto at = type.find("charset="); at != std::string::npos) {
    auto charset = type.substr(at + 8);
    charset = charset.substr(0, charset.find(';'));
    std::erase(charset, '"');
    if (charset != "utf-8" && charset != "utf8" && charset != "us-ascii") {
      return failure(
          fmt::format("the body's charset `{}` is not supported (roadwork reads UTF-8 only)", charset));
    }
  }
  if (!text::is_valid_utf8(response.body)) {
    return failure("the body is not valid UTF-8 text (query `bytes` reads it as bytes); it starts with " +
                   excerpt(response.body));
  }
  return response.body;
}

Result<std::optional<Value>> evaluate_query(hurl::QueryKind kind, const std::string& argument,
                                            const HttpResponse& response, const Variables& variables) {
  using Kind = hurl::QueryKind;
  switch (kind) {
    case Kind::Status:
      return some(Value::integer(response.status));
    case Kind::Version: {
      std::string version = response.version;
      if (version.starts_with("HTTP/")) version.erase(0, 5);
      return some(Value::string(version));
    }
    case Kind::Url:
      return some(Value::string(response.url));
    case Kind::Header:
      return header_query(response, argument);
    case Kind::Cookie:
      return cookie_query(response, argument);
    case Kind::Body: {
      auto text = body_text(response);
      if (!text.ok()) return text.error();
      return some(Value::string(std::move(text.value())));
    }
    case Kind::Bytes:
      return some(Value::bytes(response.body));
    case Kind::Jsonpath:
      return jsonpath_query(response, argument);
    case Kind::Regex:
      return regex_query(response, argument);
    case Kind::Variable: {
      const auto found = variables.find(argument);
      if (found == variables.end()) return nothing();
      return some(Value::from_json(found->second));
    }
    case Kind::Duration:
      return some(Value::integer(static_cast<std::int64_t>(std::floor(response.time_ms))));
    case Kind::Sha256:
      return some(Value::bytes(sha256(response.body)));
  }
  return nothing();
}

}  // namespace roadwork::run
