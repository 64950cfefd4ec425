#include "checker/run/predicates.hpp"

#include <fmt/format.h>

#include <cctype>

#include "checker/run/dates.hpp"

namespace roadwork::run {

namespace {

using Kind = Value::Kind;
using P = hurl::PredicateKind;

// A test result: passed or not, or a kind mismatch, which fails whatever the negation.
struct Test {
  bool passed = false;
  bool mismatch = false;
};

Test verdict(bool passed) { return Test{passed, false}; }
Test mismatch() { return Test{false, true}; }

const char* predicate_name(P kind) {
  switch (kind) {
    case P::Equal:
      return "==";
    case P::NotEqual:
      return "!=";
    case P::Greater:
      return ">";
    case P::GreaterOrEqual:
      return ">=";
    case P::Less:
      return "<";
    case P::LessOrEqual:
      return "<=";
    case P::StartsWith:
      return "startsWith";
    case P::EndsWith:
      return "endsWith";
    case P::Contains:
      return "contains";
    case P::Matches:
      return "matches";
    case P::Includes:
      return "includes";
    case P::Exists:
      return "exists";
    case P::IsEmpty:
      return "isEmpty";
    case P::IsBoolean:
      return "isBoolean";
    case P::IsCollection:
      return "isCollection";
    case P::IsFloat:
      return "isFloat";
    case P::IsInteger:
      return "isInteger";
    case P::IsList:
      return "isList";
    case P::IsNumber:
      return "isNumber";
    case P::IsObject:
      return "isObject";
    case P::IsString:
      return "isString";
    case P::IsIsoDate:
      return "isIsoDate";
    case P::IsUuid:
      return "isUuid";
  }
  return "predicate";
}

// What each predicate can work on, for the mismatch message.
const char* accepted_kinds(P kind) {
  switch (kind) {
    case P::Greater:
    case P::GreaterOrEqual:
    case P::Less:
    case P::LessOrEqual:
      return "two numbers or two strings";
    case P::StartsWith:
    case P::EndsWith:
    case P::Contains:
      return "two strings or two bytes values";
    case P::Includes:
      return "a list";
    case P::Matches:
    case P::IsIsoDate:
    case P::IsUuid:
      return "a string";
    case P::IsEmpty:
      return "a list, an object, a string or bytes";
    default:
      return "comparable values";
  }
}

bool is_type_test(P kind) {
  return kind == P::IsBoolean || kind == P::IsCollection || kind == P::IsFloat || kind == P::IsInteger ||
         kind == P::IsList || kind == P::IsNumber || kind == P::IsObject || kind == P::IsString;
}

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// -1, 0 or 1; nullopt when the two cannot be ordered.
std::optional<int> compare(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.kind() == Kind::Integer && b.kind() == Kind::Integer) {
      return a.as_integer() < b.as_integer() ? -1 : a.as_integer() > b.as_integer() ? 1 : 0;
    }
    return a.as_number() < b.as_number() ? -1 : a.as_number() > b.as_number() ? 1 : 0;
  }
  if (a.kind() == Kind::String && b.kind() == Kind::String) {
    const int order = a.as_string().compare(b.as_string());
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }
  return std::nullopt;
}

Test affix(P kind, const Value& actual, const Value& expected) {
  const bool strings = actual.kind() == Kind::String && expected.kind() == Kind::String;
  const bool bytes = actual.kind() == Kind::Bytes && expected.kind() == Kind::Bytes;
  if (!strings && !bytes) return mismatch();
  const auto text = strings ? actual.as_string() : actual.as_bytes();
  const auto part = strings ? expected.as_string() : expected.as_bytes();
  if (kind == P::StartsWith) return verdict(text.starts_with(part));
  if (kind == P::EndsWith) return verdict(text.ends_with(part));
  return verdict(text.find(part) != std::string::npos);
}

Test size_is_zero(const Value& actual) {
  switch (actual.kind()) {
    case Kind::List:
    case Kind::Object:
      return verdict(actual.json().empty());
    case Kind::String:
      return verdict(actual.as_string().empty());
    case Kind::Bytes:
      return verdict(actual.as_bytes().empty());
    default:
      return mismatch();
  }
}

Test run_test(const ResolvedPredicate& predicate, const Value& actual) {
  static const Value kNull = Value::null();
  const Value& expected = predicate.value ? *predicate.value : kNull;
  switch (predicate.kind) {
    case P::Equal:
    case P::NotEqual: {
      if (actual.kind() == Kind::Unit) return mismatch();  // a cookie flag only exists or not
      const bool equal = equal_values(actual, expected);
      return verdict(predicate.kind == P::Equal ? equal : !equal);
    }
    case P::Greater:
    case P::GreaterOrEqual:
    case P::Less:
    case P::LessOrEqual: {
      const auto order = compare(actual, expected);
      if (!order) return mismatch();
      if (predicate.kind == P::Greater) return verdict(*order > 0);
      if (predicate.kind == P::GreaterOrEqual) return verdict(*order >= 0);
      if (predicate.kind == P::Less) return verdict(*order < 0);
      return verdict(*order <= 0);
    }
    case P::StartsWith:
    case P::EndsWith:
    case P::Contains:
      return affix(predicate.kind, actual, expected);
    case P::Includes: {
      if (actual.kind() != Kind::List) return mismatch();
      for (const auto& item : actual.json()) {
        if (equal_values(Value::from_json(item), expected)) return verdict(true);
      }
      return verdict(false);
    }
    case P::Matches: {
      if (actual.kind() != Kind::String || !predicate.regex) return mismatch();
      return verdict(predicate.regex->is_match(actual.as_string()));
    }
    case P::Exists:
      return verdict(true);
    case P::IsEmpty:
      return size_is_zero(actual);
    case P::IsBoolean:
      return verdict(actual.kind() == Kind::Bool);
    case P::IsCollection:
      return verdict(actual.kind() == Kind::List || actual.kind() == Kind::Object ||
                     actual.kind() == Kind::Bytes);
    case P::IsFloat:
      return verdict(actual.kind() == Kind::Float);
    case P::IsInteger:
      return verdict(actual.kind() == Kind::Integer);
    case P::IsList:
      return verdict(actual.kind() == Kind::List);
    case P::IsNumber:
      return verdict(actual.is_number());
    case P::IsObject:
      return verdict(actual.kind() == Kind::Object);
    case P::IsString:
      return verdict(actual.kind() == Kind::String);
    case P::IsIsoDate:
      if (actual.kind() != Kind::String) return mismatch();
      return verdict(is_rfc3339(actual.as_string()));
    case P::IsUuid:
      if (actual.kind() != Kind::String) return mismatch();
      return verdict(is_uuid(actual.as_string()));
  }
  return mismatch();
}

std::string positive_expectation(const ResolvedPredicate& predicate) {
  auto value = predicate.value ? describe(*predicate.value) : std::string();
  switch (predicate.kind) {
    case P::Equal:
      return value;
    case P::NotEqual:
      return "not " + value;
    case P::Greater:
      return "greater than " + value;
    case P::GreaterOrEqual:
      return "greater than or equal to " + value;
    case P::Less:
      return "less than " + value;
    case P::LessOrEqual:
      return "less than or equal to " + value;
    case P::StartsWith:
      return "starts with " + value;
    case P::EndsWith:
      return "ends with " + value;
    case P::Contains:
      return "contains " + value;
    case P::Includes:
      return "includes " + value;
    case P::Matches:
      return "matches /" + (predicate.value ? predicate.value->as_string() : "") + "/";
    case P::Exists:
      return "something";
    case P::IsEmpty:
      return "empty";
    case P::IsBoolean:
      return "a boolean";
    case P::IsCollection:
      return "a collection (a list, an object or bytes)";
    case P::IsFloat:
      return "a float";
    case P::IsInteger:
      return "an integer";
    case P::IsList:
      return "a list";
    case P::IsNumber:
      return "a number";
    case P::IsObject:
      return "an object";
    case P::IsString:
      return "a string";
    case P::IsIsoDate:
      return "an ISO 8601 date-time string (like 2024-01-31T09:30:00Z)";
    case P::IsUuid:
      return "a UUID string (like 3f2504e0-4f89-11d3-9a0c-0305e82c3301)";
  }
  return value;
}

}  // namespace

std::string expected_text(const ResolvedPredicate& predicate) {
  if (!predicate.negated) return positive_expectation(predicate);
  if (predicate.kind == P::Exists) return "none";
  if (predicate.kind == P::NotEqual) return predicate.value ? describe(*predicate.value) : "null";
  return "not " + positive_expectation(predicate);
}

PredicateOutcome evaluate_predicate(const ResolvedPredicate& predicate, const std::optional<Value>& actual) {
  PredicateOutcome outcome;
  outcome.expected = expected_text(predicate);
  if (!actual) {
    outcome.actual = "none";
    outcome.passed = predicate.negated;
    return outcome;
  }
  outcome.actual = is_type_test(predicate.kind)
                       ? fmt::format("{} {}", kind_name(actual->kind()), describe(*actual))
                       : describe(*actual);
  const auto test = run_test(predicate, *actual);
  if (test.mismatch) {
    outcome.message = fmt::format("`{}` works on {}; the query returned {}", predicate_name(predicate.kind),
                                  accepted_kinds(predicate.kind), kind_name(actual->kind()));
    return outcome;
  }
  outcome.passed = test.passed != predicate.negated;
  return outcome;
}

}  // namespace roadwork::run
