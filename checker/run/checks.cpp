#include "checker/run/checks.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "checker/hurl/diagnostic.hpp"
#include "checker/run/filters.hpp"
#include "checker/run/predicates.hpp"
#include "checker/run/queries.hpp"
#include "checker/run/templates.hpp"

namespace roadwork::run {

namespace {

// A template error stops the entry; any other failure belongs to the one assert or capture.
struct Extraction {
  std::optional<hurl::Diagnostic> template_error;
  Result<std::optional<Value>> value = std::optional<Value>{};
};

Extraction extract(const hurl::Query& query, const std::vector<hurl::Filter>& filters,
                   const HttpResponse& response, const Scope& scope) {
  std::string argument;
  if (query.argument) {
    auto expanded = expand(*query.argument, scope);
    if (!expanded.ok()) return {expanded.error()};
    argument = std::move(expanded.value());
  }
  Extraction out;
  out.value = evaluate_query(query.kind, argument, response, scope.variables);
  for (const auto& filter : filters) {
    if (!out.value.ok()) break;
    ResolvedFilter resolved{filter.kind, filter.index, {}};
    for (const auto& tmpl : filter.arguments) {
      auto expanded = expand(tmpl, scope);
      if (!expanded.ok()) return {expanded.error()};
      resolved.arguments.push_back(std::move(expanded.value()));
    }
    const auto& input = out.value.value();
    if (!input) {
      out.value = failure(
          fmt::format("filter `{}` has no input: the query returned nothing", filter_name(filter.kind)),
          filter.location);
      break;
    }
    out.value = apply_filter(resolved, *input);
    if (!out.value.ok()) out.value = located(out.value.error(), filter.location);
  }
  return out;
}

// The predicate with its value evaluated; a template error stops the entry, a bad regex fails the assert
// through the returned message.
Result<std::pair<ResolvedPredicate, std::string>> resolve(const hurl::Predicate& predicate,
                                                          const Scope& scope) {
  ResolvedPredicate resolved{predicate.negated, predicate.kind, std::nullopt, std::nullopt};
  std::string problem;
  if (predicate.value) {
    using Kind = hurl::PredicateValue::Kind;
    const auto& value = *predicate.value;
    switch (value.kind) {
      case Kind::Null:
        resolved.value = Value::null();
        break;
      case Kind::Bool:
        resolved.value = Value::boolean(value.boolean);
        break;
      case Kind::Integer:
        resolved.value = Value::integer(value.integer);
        break;
      case Kind::Float:
        resolved.value = Value::floating(value.floating);
        break;
      case Kind::Bytes:
        resolved.value = Value::bytes(value.bytes);
        break;
      case Kind::Placeholder: {
        if (value.string.parts.empty()) break;
        auto typed = lookup(value.string.parts.front(), scope);
        if (!typed.ok()) return typed.error();
        resolved.value = std::move(typed.value());
        break;
      }
      case Kind::String:
      case Kind::Regex: {
        auto text = expand(value.string, scope);
        if (!text.ok()) return text.error();
        resolved.value = Value::string(std::move(text.value()));
        break;
      }
    }
  }
  if (predicate.kind == hurl::PredicateKind::Matches && resolved.value &&
      resolved.value->kind() == Value::Kind::String) {
    auto regex = Regex::compile(resolved.value->as_string());
    if (regex.ok()) {
      resolved.regex = std::move(regex.value());
    } else {
      problem = regex.error().message;
    }
  }
  return std::pair{std::move(resolved), problem};
}

// Runs one [Asserts] line; returns a template error, which stops the entry.
std::optional<hurl::Diagnostic> run_assert(const hurl::Assert& line, const HttpResponse& response,
                                           const Scope& scope, std::vector<AssertResult>& results) {
  auto predicate = resolve(line.predicate, scope);
  if (!predicate.ok()) return predicate.error();
  auto extraction = extract(line.query, line.filters, response, scope);
  if (extraction.template_error) return extraction.template_error;
  AssertResult result{line.location, line.source_text, false, expected_text(predicate.value().first), "", ""};
  if (!predicate.value().second.empty()) {
    result.message = predicate.value().second;
  } else if (!extraction.value.ok()) {
    result.message = extraction.value.error().message;
  } else {
    const auto outcome = evaluate_predicate(predicate.value().first, extraction.value.value());
    result.passed = outcome.passed;
    result.actual = outcome.actual;
    result.message = outcome.message;
  }
  results.push_back(std::move(result));
  return std::nullopt;
}

// `HTTP/1.1 201`: the version unless it is a wildcard, then the status unless it is `*`.
void check_version_and_status(const hurl::Response& spec, const HttpResponse& response,
                              std::vector<AssertResult>& results) {
  const auto source = fmt::format("{} {}", spec.version, spec.status ? std::to_string(*spec.status) : "*");
  if (spec.version != "HTTP" && spec.version != "HTTP/*") {
    results.push_back(
        {spec.location, source, spec.version == response.version, spec.version, response.version, ""});
  }
  if (spec.status) {
    results.push_back({spec.location, source, *spec.status == response.status, std::to_string(*spec.status),
                       std::to_string(response.status), ""});
  }
}

// `Name: value` under the status line: some header of that name must have exactly that value.
std::optional<hurl::Diagnostic> check_header(const hurl::KeyValue& header, const HttpResponse& response,
                                             const Scope& scope, std::vector<AssertResult>& results) {
  auto name = expand(header.key, scope);
  if (!name.ok()) return name.error();
  auto value = expand(header.value, scope);
  if (!value.ok()) return value.error();
  const auto values = header_values(response.headers, name.value());
  AssertResult result{header.location, name.value() + ": " + value.value(),
                      false,           describe(Value::string(value.value())),
                      "none",          ""};
  result.passed = std::find(values.begin(), values.end(), value.value()) != values.end();
  if (values.size() == 1) result.actual = describe(Value::string(values.front()));
  if (values.size() > 1) result.actual = describe(Value::from_json(values));
  results.push_back(std::move(result));
  return std::nullopt;
}

// The body written after the asserts, compared with the response as Hurl does: text for text bodies
// (byte for byte, so JSON must be written the way the server writes it), bytes for base64 and hex.
std::optional<hurl::Diagnostic> check_body(const hurl::Body& body, const HttpResponse& response,
                                           const Scope& scope, std::vector<AssertResult>& results) {
  using Kind = hurl::Body::Kind;
  AssertResult result{body.location, "response body", false, "", "", ""};
  if (body.kind == Kind::Base64 || body.kind == Kind::Hex) {
    result.expected = describe(Value::bytes(body.bytes));
    result.actual = describe(Value::bytes(response.body));
    result.passed = body.bytes == response.body;
    results.push_back(std::move(result));
    return std::nullopt;
  }
  auto expected = body.kind == Kind::Json ? expand_json(body.text, scope) : expand(body.text, scope);
  if (!expected.ok()) return expected.error();
  result.expected = describe(Value::string(expected.value()));
  auto actual = body_text(response);
  if (!actual.ok()) {
    result.message = actual.error().message;
  } else {
    result.actual = describe(Value::string(actual.value()));
    result.passed = actual.value() == expected.value();
    const auto as_json = [](const std::string& text) { return nlohmann::json::parse(text, nullptr, false); };
    if (!result.passed && body.kind == Kind::Json && !as_json(actual.value()).is_discarded() &&
        as_json(actual.value()) == as_json(expected.value())) {
      result.message =
          "the JSON is the same, but written differently: like Hurl, roadwork compares the body "
          "text exactly (use jsonpath asserts to compare values)";
    }
  }
  results.push_back(std::move(result));
  return std::nullopt;
}

}  // namespace

std::string entry_error(const hurl::Diagnostic& error) {
  return hurl::format_location(error.location) + ": " + error.message;
}

CheckOutcome check_response(const hurl::Response& spec, const HttpResponse& response, Variables& variables,
                            const hurl::HurlFile& file) {
  CheckOutcome outcome;
  // One allocation: HTTP's version and status, then every header, assert and the body.
  outcome.asserts.reserve(2 + spec.headers.size() + spec.asserts.size() + (spec.body ? 1 : 0));
  const Scope scope{variables, file};
  const auto stop = [&](const hurl::Diagnostic& error) {
    outcome.error = entry_error(error);
    return outcome;
  };
  check_version_and_status(spec, response, outcome.asserts);
  for (const auto& result : outcome.asserts) {
    if (!result.passed) return outcome;
  }
  for (const auto& capture : spec.captures) {
    auto extraction = extract(capture.query, capture.filters, response, scope);
    if (extraction.template_error) return stop(*extraction.template_error);
    if (!extraction.value.ok()) {
      return stop(
          failure(fmt::format("capture `{}` failed: {}", capture.name, extraction.value.error().message),
                  capture.location));
    }
    if (!extraction.value.value()) {
      return stop(failure(fmt::format("capture `{}` failed: the query returned nothing", capture.name),
                          capture.location));
    }
    variables[capture.name] = extraction.value.value()->to_json();
    outcome.captures.emplace_back(capture.name, describe(*extraction.value.value()));
  }
  for (const auto& header : spec.headers) {
    if (auto error = check_header(header, response, scope, outcome.asserts)) return stop(*error);
  }
  for (const auto& line : spec.asserts) {
    if (auto error = run_assert(line, response, scope, outcome.asserts)) return stop(*error);
  }
  if (spec.body) {
    if (auto error = check_body(*spec.body, response, scope, outcome.asserts)) return stop(*error);
  }
  return outcome;
}

}  // namespace roadwork::run
