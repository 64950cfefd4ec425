#include "checker/hurl/predicate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "checker/hurl/bytes.hpp"
#include "checker/hurl/numbers.hpp"
#include "checker/hurl/strings.hpp"
#include "checker/hurl/template_text.hpp"

namespace roadwork::hurl::detail {

namespace {

using Kind = PredicateValue::Kind;

struct PredicateSpec {
  std::string_view name;
  PredicateKind kind;
};

// Two-character operators come first so `>=` is not read as `>`.
constexpr std::array<PredicateSpec, 6> kOperators = {{
    {">=", PredicateKind::GreaterOrEqual},
    {"<=", PredicateKind::LessOrEqual},
    {"==", PredicateKind::Equal},
    {"!=", PredicateKind::NotEqual},
    {">", PredicateKind::Greater},
    {"<", PredicateKind::Less},
}};

constexpr std::array<PredicateSpec, 17> kWords = {{
    {"startsWith", PredicateKind::StartsWith},
    {"endsWith", PredicateKind::EndsWith},
    {"contains", PredicateKind::Contains},
    {"matches", PredicateKind::Matches},
    {"includes", PredicateKind::Includes},
    {"exists", PredicateKind::Exists},
    {"isEmpty", PredicateKind::IsEmpty},
    {"isBoolean", PredicateKind::IsBoolean},
    {"isCollection", PredicateKind::IsCollection},
    {"isFloat", PredicateKind::IsFloat},
    {"isInteger", PredicateKind::IsInteger},
    {"isList", PredicateKind::IsList},
    {"isNumber", PredicateKind::IsNumber},
    {"isObject", PredicateKind::IsObject},
    {"isString", PredicateKind::IsString},
    {"isIsoDate", PredicateKind::IsIsoDate},
    {"isUuid", PredicateKind::IsUuid},
}};

constexpr std::array<std::string_view, 9> kUnsupported = {
    "equals", "notEquals", "greaterThan", "greaterThanOrEquals", "lessThan", "lessThanOrEquals",
    "isDate", "isIpv4",    "isIpv6"};

bool takes_value(PredicateKind kind) {
  switch (kind) {
    case PredicateKind::Equal:
    case PredicateKind::NotEqual:
    case PredicateKind::Greater:
    case PredicateKind::GreaterOrEqual:
    case PredicateKind::Less:
    case PredicateKind::LessOrEqual:
    case PredicateKind::StartsWith:
    case PredicateKind::EndsWith:
    case PredicateKind::Contains:
    case PredicateKind::Matches:
    case PredicateKind::Includes:
      return true;
    default:
      return false;
  }
}

// Why `value` does not fit `predicate` (Hurl grammar: equal-predicate … match-predicate), or "" if it does.
std::string_view value_mismatch(PredicateKind predicate, Kind value) {
  if (value == Kind::Placeholder) return "";  // its type is known only at run time
  switch (predicate) {
    case PredicateKind::Greater:
    case PredicateKind::GreaterOrEqual:
    case PredicateKind::Less:
    case PredicateKind::LessOrEqual:
      if (value == Kind::Integer || value == Kind::Float || value == Kind::String) return "";
      return "expected a number or a quoted string";
    case PredicateKind::StartsWith:
    case PredicateKind::EndsWith:
    case PredicateKind::Contains:
      return value == Kind::String || value == Kind::Bytes ? "" : "expected a quoted string or bytes";
    case PredicateKind::Matches:
      return value == Kind::String || value == Kind::Regex ? "" : "expected a quoted string or a /regex/";
    default:
      return value != Kind::Regex ? "" : "a /regex/ can only follow matches";
  }
}

PredicateKind read_predicate_name(Reader& reader) {
  for (const auto& op : kOperators) {
    if (reader.consume(op.name)) return op.kind;
  }
  const auto word = reader.peek_word();
  if (std::ranges::find(kUnsupported, word) != kUnsupported.end()) {
    reader.fail("predicate " + std::string(word) + " is not supported");
  }
  const auto spec = std::ranges::find(kWords, word, &PredicateSpec::name);
  if (spec == kWords.end()) reader.fail("expected a predicate");
  reader.advance(word.size());
  return spec->kind;
}

}  // namespace

Predicate read_predicate(Reader& reader) {
  Predicate predicate;
  predicate.location = reader.location();
  if (reader.looking_at_word("not")) {
    reader.advance(3);
    reader.expect_space();
    predicate.negated = true;
  }
  predicate.kind = read_predicate_name(reader);
  if (!takes_value(predicate.kind)) return predicate;
  reader.expect_space();
  const Mark value_start = reader.mark();
  predicate.value = read_predicate_value(reader);
  const auto mismatch = value_mismatch(predicate.kind, predicate.value->kind);
  if (!mismatch.empty()) reader.fail_at(value_start, std::string(mismatch));
  return predicate;
}

PredicateValue read_predicate_value(Reader& reader) {
  PredicateValue value;
  value.location = reader.location();
  const Mark start = reader.mark();
  if (at_number(reader)) {
    const auto number = read_number(reader);
    if (const auto* integer = std::get_if<std::int64_t>(&number)) {
      value.kind = Kind::Integer;
      value.integer = *integer;
    } else {
      value.kind = Kind::Float;
      value.floating = std::get<double>(number);
    }
  } else if (reader.looking_at_word("null")) {
    value.kind = Kind::Null;
    reader.advance(4);
  } else if (reader.looking_at_word("true") || reader.looking_at_word("false")) {
    value.kind = Kind::Bool;
    value.boolean = reader.peek() == 't';
    reader.advance(value.boolean ? 4 : 5);
  } else if (reader.peek() == '"') {
    value.kind = Kind::String;
    value.string = read_quoted_string(reader);
  } else if (reader.looking_at("```")) {
    value.kind = Kind::String;
    value.string = read_multiline_string(reader).text;
  } else if (reader.peek() == '`') {
    value.kind = Kind::String;
    value.string = read_oneline_string(reader);
  } else if (reader.looking_at("base64,")) {
    value.kind = Kind::Bytes;
    value.bytes = read_base64_literal(reader);
  } else if (reader.looking_at("hex,")) {
    value.kind = Kind::Bytes;
    value.bytes = read_hex_literal(reader);
  } else if (reader.looking_at("file,")) {
    reader.fail("file values are not supported");
  } else if (reader.peek() == '/') {
    value.kind = Kind::Regex;
    value.string = read_regex_literal(reader);
  } else if (reader.looking_at("{{")) {
    value.kind = Kind::Placeholder;
    TemplateBuilder builder(reader);
    builder.add_placeholder(read_placeholder(reader));
    value.string = std::move(builder).finish();
  } else {
    reader.fail("expected a value");
  }
  value.source_text = reader.text_since(start);
  return value;
}

}  // namespace roadwork::hurl::detail
