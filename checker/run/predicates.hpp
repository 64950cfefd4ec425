#pragma once
// Predicates: the test at the end of an assert (Hurl docs: asserting-response, "Predicates").

#include <optional>
#include <string>

#include "checker/hurl/ast.hpp"
#include "checker/run/regex.hpp"
#include "checker/run/value.hpp"

namespace roadwork::run {

/// A predicate with its value evaluated: `value` for the predicates that take one (a regex's pattern as a
/// string for `matches`, with `regex` compiled from it).
struct ResolvedPredicate {
  bool negated = false;
  hurl::PredicateKind kind = hurl::PredicateKind::Equal;
  std::optional<Value> value;
  std::optional<Regex> regex;
};

/// The outcome of a predicate, with expected and actual as reports show them.
struct PredicateOutcome {
  bool passed = false;
  std::string expected;
  std::string actual;
  std::string message;  ///< why the types cannot be compared, when they cannot
};

/// What `predicate` expects, for people: `"ok"`, `greater than 3`, `starts with "The"`, `matches /^\d+$/`,
/// `something` (exists), `empty`, `a string`, … prefixed with `not ` when negated (`not exists` reads
/// `none`).
std::string expected_text(const ResolvedPredicate& predicate);

/// Tests `actual` (nullopt when the query returned nothing) with Hurl's typing:
///   == and != compare numbers by value (1 == 1.0), anything else by kind and content (a string never
///   equals a number); > >= < <= compare two numbers or two strings; startsWith, endsWith and contains take
///   two strings or two bytes; includes a list and any value; matches a string; isEmpty a list, object,
///   string or bytes; isIsoDate and isUuid a string; exists and the other type tests anything.
/// Nothing to test (nullopt) fails every predicate and passes every negated one. Kinds a predicate cannot
/// compare fail it even when negated (Hurl's type mismatch), with `message` saying so.
PredicateOutcome evaluate_predicate(const ResolvedPredicate& predicate, const std::optional<Value>& actual);

}  // namespace roadwork::run
