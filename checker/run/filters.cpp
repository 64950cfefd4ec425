#include "checker/run/filters.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "checker/run/encoding.hpp"
#include "checker/run/json_query.hpp"
#include "checker/run/regex.hpp"
#include "checker/text/utf8.hpp"

namespace roadwork::run {

namespace {

using Kind = Value::Kind;
using Applied = Result<std::optional<Value>>;

Applied some(Value value) { return std::optional<Value>{std::move(value)}; }

hurl::Diagnostic wrong_input(hurl::FilterKind filter, const Value& input, std::string_view wanted) {
  return failure(fmt::format("filter `{}` needs {}, but its input is {} ({})", filter_name(filter), wanted,
                             kind_name(input.kind()), describe(input)));
}

// The UTF-8 characters of `text`, each as its bytes (a stray continuation byte joins the one before).
std::vector<std::string> characters(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < text.size();) {
    auto next = pos + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    out.push_back(text.substr(pos, next - pos));
    pos = next;
  }
  return out;
}

// Rust's str::replace, which an empty pattern makes insert `to` around every character.
std::string replace_all(const std::string& text, const std::string& from, const std::string& to) {
  std::string out;
  if (from.empty()) {
    out = to;
    for (const auto& character : characters(text)) out += character + to;
    return out;
  }
  std::size_t pos = 0;
  for (auto found = text.find(from); found != std::string::npos; found = text.find(from, pos)) {
    out += text.substr(pos, found - pos) + to;
    pos = found + from.size();
  }
  return out + text.substr(pos);
}

Applied element(const ResolvedFilter& filter, const Value& input) {
  if (input.kind() != Kind::List) return wrong_input(filter.kind, input, "a list");
  const auto size = static_cast<std::int64_t>(input.json().size());
  if (filter.kind != hurl::FilterKind::Nth && size == 0) {
    return failure(
        fmt::format("filter `{}` has nothing to take: the list is empty", filter_name(filter.kind)));
  }
  std::int64_t index = filter.kind == hurl::FilterKind::First  ? 0
                       : filter.kind == hurl::FilterKind::Last ? -1
                                                               : filter.index;
  if (index < 0) index += size;
  if (index < 0 || index >= size) {
    return failure(fmt::format("nth {} is out of bounds: the list has {} item{}", filter.index, size,
                               size == 1 ? "" : "s"));
  }
  return some(Value::from_json(input.json()[static_cast<std::size_t>(index)]));
}

Applied to_int(const Value& input) {
  switch (input.kind()) {
    case Kind::Integer:
      return some(input);
    case Kind::Float: {
      const double number = std::trunc(input.as_number());
      if (!std::isfinite(number) || std::fabs(number) > 9.2e18) break;
      return some(Value::integer(static_cast<std::int64_t>(number)));
    }
    case Kind::String: {
      std::string_view text = input.as_string();
      if (text.starts_with('+')) text.remove_prefix(1);  // Rust's i64 parser takes a leading '+'
      std::int64_t number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error == std::errc() && end == text.data() + text.size() && !text.empty())
        return some(Value::integer(number));
      break;
    }
    default:
      break;
  }
  return wrong_input(hurl::FilterKind::ToInt, input, "an integer, a float or a string holding an integer");
}

Applied to_float(const Value& input) {
  if (input.is_number()) return some(Value::floating(input.as_number()));
  if (input.kind() == Kind::String) {
    const auto& text = input.as_string();
    // strtod accepts what Rust's f64 parser accepts (decimal, exponent, inf, nan) plus hex floats and leading
    // blanks, which Rust refuses.
    const bool plain = !text.empty() && text.find_first_of(" \t\n\rxX") == std::string::npos;
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (plain && end == text.c_str() + text.size()) return some(Value::floating(number));
  }
  return wrong_input(hurl::FilterKind::ToFloat, input, "a number or a string holding a number");
}

Applied on_string(const ResolvedFilter& filter, const Value& input) {
  using F = hurl::FilterKind;
  if (input.kind() != Kind::String) return wrong_input(filter.kind, input, "a string");
  const auto& text = input.as_string();
  const auto argument = [&](std::size_t i) { return i < filter.arguments.size() ? filter.arguments[i] : ""; };
  switch (filter.kind) {
    case F::Split: {
      auto list = nlohmann::json::array();
      const auto separator = argument(0);
      if (separator.empty()) {  // Rust's split("") yields "", each character, ""
        list.push_back("");
        for (const auto& character : characters(text)) list.push_back(character);
        list.push_back("");
        return some(Value::from_json(list));
      }
      std::size_t pos = 0;
      for (auto found = text.find(separator); found != std::string::npos; found = text.find(separator, pos)) {
        list.push_back(text.substr(pos, found - pos));
        pos = found + separator.size();
      }
      list.push_back(text.substr(pos));
      return some(Value::from_json(list));
    }
    case F::Replace:
      return some(Value::string(replace_all(text, argument(0), argument(1))));
    case F::ReplaceRegex:
    case F::Regex: {
      auto regex = Regex::compile(argument(0));
      if (!regex.ok()) return regex.error();
      if (filter.kind == F::ReplaceRegex)
        return some(Value::string(regex_replace_all(regex.value(), text, argument(1))));
      auto group = regex_first_group(regex.value(), text);
      if (!group) return std::optional<Value>{};
      return some(Value::string(std::move(*group)));
    }
    case F::Jsonpath: {
      auto document = parse_json(text);
      if (!document.ok())
        return failure("filter `jsonpath` needs a string holding JSON: " + document.error().message);
      return evaluate_jsonpath(argument(0), document.value());
    }
    case F::UrlEncode:
      return some(Value::string(percent_encode(text, "/")));
    case F::UrlDecode:
      return some(Value::string(roadwork::text::valid_utf8(percent_decode(text))));
    case F::HtmlEscape:
      return some(Value::string(html_escape(text)));
    case F::HtmlUnescape:
      return some(Value::string(html_unescape(text)));
    case F::Base64Decode: {
      auto bytes = base64_decode(text);
      if (!bytes) return failure("filter `base64Decode`: " + describe(input) + " is not base64");
      return some(Value::bytes(*bytes));
    }
    default:
      return wrong_input(filter.kind, input, "another input");
  }
}

}  // namespace

const char* filter_name(hurl::FilterKind kind) {
  using F = hurl::FilterKind;
  switch (kind) {
    case F::Count:
      return "count";
    case F::Nth:
      return "nth";
    case F::First:
      return "first";
    case F::Last:
      return "last";
    case F::Split:
      return "split";
    case F::Replace:
      return "replace";
    case F::ReplaceRegex:
      return "replaceRegex";
    case F::Regex:
      return "regex";
    case F::Jsonpath:
      return "jsonpath";
    case F::ToInt:
      return "toInt";
    case F::ToFloat:
      return "toFloat";
    case F::ToString:
      return "toString";
    case F::UrlEncode:
      return "urlEncode";
    case F::UrlDecode:
      return "urlDecode";
    case F::HtmlEscape:
      return "htmlEscape";
    case F::HtmlUnescape:
      return "htmlUnescape";
    case F::Base64Decode:
      return "base64Decode";
    case F::Base64Encode:
      return "base64Encode";
    case F::Decode:
      return "decode";
    case F::Location:
      return "location";
  }
  return "filter";
}

Result<std::optional<Value>> apply_filter(const ResolvedFilter& filter, const Value& input) {
  using F = hurl::FilterKind;
  switch (filter.kind) {
    case F::Count:
      if (input.kind() == Kind::List)
        return some(Value::integer(static_cast<std::int64_t>(input.json().size())));
      if (input.kind() == Kind::Bytes)
        return some(Value::integer(static_cast<std::int64_t>(input.as_bytes().size())));
      return wrong_input(filter.kind, input, "a list or bytes");
    case F::Nth:
    case F::First:
    case F::Last:
      return element(filter, input);
    case F::ToInt:
      return to_int(input);
    case F::ToFloat:
      return to_float(input);
    case F::ToString: {
      if (auto text = render(input)) return some(Value::string(std::move(*text)));
      return wrong_input(filter.kind, input, "a string, a number, a boolean, null or a date");
    }
    case F::Base64Encode:
      if (input.kind() != Kind::Bytes) return wrong_input(filter.kind, input, "bytes");
      return some(Value::string(base64_encode(input.as_bytes())));
    case F::Decode: {
      if (input.kind() != Kind::Bytes) return wrong_input(filter.kind, input, "bytes");
      const auto bytes = input.as_bytes();
      if (!text::is_valid_utf8(bytes)) return failure("filter `decode`: the bytes are not valid UTF-8");
      return some(Value::string(bytes));
    }
    case F::Location:
      return failure(
          "filter `location` needs an HTTP response, which only Hurl's `redirects` query returns; "
          "roadwork does not support that query (check `header \"Location\"` instead)");
    default:
      return on_string(filter, input);
  }
}

}  // namespace roadwork::run
