#include "checker/run/json_query.hpp"

#include <fmt/format.h>

#include "checker/jsonpath/jsonpath.hpp"

namespace roadwork::run {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Skips a quoted name selector starting at text[pos] (a quote); false if it is not one.
bool skip_quoted(std::string_view text, std::size_t& pos) {
  const char quote = text[pos++];
  while (pos < text.size() && text[pos] != quote) pos += text[pos] == '\\' ? 2 : 1;
  if (pos >= text.size()) return false;
  ++pos;
  return true;
}

bool skip_integer(std::string_view text, std::size_t& pos) {
  if (pos < text.size() && text[pos] == '-') ++pos;
  const auto start = pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  return pos > start;
}

}  // namespace

bool is_singular_jsonpath(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  if (pos >= text.size() || text[pos] != '$') return false;
  ++pos;
  for (;;) {
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (pos == text.size()) return true;
    if (text[pos] == '.') {
      ++pos;
      // `..` (descendants) and `.*` (wildcard) select many; any other shorthand is one member name.
      if (pos >= text.size() || text[pos] == '.' || text[pos] == '*') return false;
      while (pos < text.size() && !is_blank(text[pos]) && text[pos] != '.' && text[pos] != '[') ++pos;
      continue;
    }
    if (text[pos] != '[') return false;
    ++pos;
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (pos >= text.size()) return false;
    const bool one =
        (text[pos] == '\'' || text[pos] == '"') ? skip_quoted(text, pos) : skip_integer(text, pos);
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (!one || pos >= text.size() || text[pos] != ']') return false;  // `,` `:` `*` `?` select many
    ++pos;
  }
}

Result<std::optional<Value>> evaluate_jsonpath(const std::string& expression,
                                               const nlohmann::json& document) {
  auto parsed = jsonpath::Query::parse(expression);
  if (const auto* error = std::get_if<jsonpath::ParseError>(&parsed)) {
    return failure(fmt::format("`{}` is not a valid JSONPath expression: {} (at offset {})", expression,
                               error->message, error->offset));
  }
  auto evaluated = std::get<jsonpath::Query>(parsed).evaluate(document, jsonpath::EvalLimits{});
  if (const auto* error = std::get_if<jsonpath::EvalError>(&evaluated)) {
    return failure(fmt::format("JSONPath `{}` could not be evaluated: {}", expression, error->message));
  }
  const auto& nodes = std::get<std::vector<jsonpath::Node>>(evaluated);
  if (is_singular_jsonpath(expression)) {
    if (nodes.empty()) return std::optional<Value>{};
    return std::optional<Value>{Value::from_json(*nodes.front().value)};
  }
  auto list = nlohmann::json::array();
  for (const auto& node : nodes) list.push_back(*node.value);
  return std::optional<Value>{Value::from_json(list)};
}

Result<nlohmann::json> parse_json(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // nlohmann's what() starts with "[json.exception.parse_error.101] parse error at line 1, column 1: …".
    std::string message = error.what();
    if (const auto at = message.find("parse error"); at != std::string::npos) message.erase(0, at);
    return failure(message);
  }
}

}  // namespace roadwork::run
