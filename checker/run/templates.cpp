#include "checker/run/templates.hpp"

#include <fmt/format.h>

namespace roadwork::run {

namespace {

// Why `name` has no value: the file's captures tell whether it comes too late or from nowhere.
std::string unset_message(const std::string& name, const Scope& scope, const hurl::SourceLocation& at) {
  for (const auto& entry : scope.file.entries) {
    if (!entry.response) continue;
    for (const auto& capture : entry.response->captures) {
      if (capture.name != name) continue;
      if (capture.location.line >= at.line) {
        return fmt::format("variable `{}` is not set (it is captured later, at line {})", name,
                           capture.location.line);
      }
      return fmt::format("variable `{}` is not set (it would come from a capture of an earlier entry)", name);
    }
  }
  return fmt::format(
      "variable `{}` is not set (no entry of this file captures it, and it was not given as a "
      "variable)",
      name);
}

// The text a placeholder inserts, or why it cannot.
Result<std::string> render_part(const hurl::TemplatePart& part, const Scope& scope) {
  auto value = lookup(part, scope);
  if (!value.ok()) return value.error();
  if (auto text = render(value.value())) return std::move(*text);
  return failure(fmt::format("variable `{}` holds {} ({}), which cannot be inserted into text", part.text,
                             kind_name(value.value().kind()), describe(value.value())),
                 part.location);
}

// Escapes `text` for the inside of a JSON string literal.
void append_json_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
}

bool is_json_scalar(const std::string& text) {
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  return !parsed.is_discarded() && (parsed.is_number() || parsed.is_boolean() || parsed.is_null());
}

// What the literal parts of a template are: plain text (expand), or JSON source (expand_json).
enum class Source { Text, Json };

Result<std::string> expand_as(const hurl::Template& tmpl, const Scope& scope, Source source) {
  std::string out;
  for (const auto& part : tmpl.parts) {
    if (!part.is_variable) {
      out += part.text;
      continue;
    }
    auto text = render_part(part, scope);
    if (!text.ok()) return text.error();
    if (source == Source::Json && part.in_json_string) {
      append_json_escaped(out, text.value());
    } else if (source == Source::Text || is_json_scalar(text.value())) {
      out += text.value();
    } else {
      return failure(
          fmt::format("variable `{}` is the text {}, which is not a JSON number, boolean or null; to "
                      "insert it as a JSON string, write \"{{{{{}}}}}\"",
                      part.text, describe(Value::string(text.value())), part.text),
          part.location);
    }
  }
  return out;
}

}  // namespace

Result<Value> lookup(const hurl::TemplatePart& placeholder, const Scope& scope) {
  const auto found = scope.variables.find(placeholder.text);
  if (found == scope.variables.end()) {
    return failure(unset_message(placeholder.text, scope, placeholder.location), placeholder.location);
  }
  return Value::from_json(found->second);
}

Result<std::string> expand(const hurl::Template& tmpl, const Scope& scope) {
  return expand_as(tmpl, scope, Source::Text);
}

Result<std::string> expand_json(const hurl::Template& tmpl, const Scope& scope) {
  return expand_as(tmpl, scope, Source::Json);
}

}  // namespace roadwork::run
