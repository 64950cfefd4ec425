#include "checker/run/expression_checks.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <variant>

#include "checker/jsonpath/jsonpath.hpp"
#include "checker/run/regex.hpp"

namespace roadwork::run {

namespace {

// The template's text when it has no placeholder.
std::optional<std::string> literal(const hurl::Template& text) {
  std::string out;
  for (const auto& part : text.parts) {
    if (part.is_variable) return std::nullopt;
    out += part.text;
  }
  return out;
}

class Checker {
 public:
  void jsonpath(const hurl::Template& expression) {
    const auto text = literal(expression);
    if (!text) return;
    const auto parsed = jsonpath::Query::parse(*text);
    if (const auto* error = std::get_if<jsonpath::ParseError>(&parsed))
      report(expression.location, fmt::format("`{}` is not a valid JSONPath expression: {} (at offset {})", *text,
                                              error->message, error->offset));
  }

  void regex(const hurl::Template& pattern) {
    const auto text = literal(pattern);
    if (!text) return;
    const auto compiled = Regex::compile(*text);
    if (!compiled.ok()) report(pattern.location, "`" + *text + "` is not a valid regular expression: " +
                                                compiled.error().message);
  }

  // Hurl's `url` is the URL of the last request the entry sent: without `location: true` that is the
  // entry's own URL, whatever the server answers, so an assert on it tests nothing of the server.
  void query(const hurl::Query& query, bool follows_redirects) {
    if (query.kind == hurl::QueryKind::Url && !follows_redirects)
      report(query.location,
             "query `url` without `location: true` in [Options] is the URL this entry sends, whatever the server "
             "answers: add `location: true` to follow redirects, or check `header \"Location\"`");
    if (!query.argument) return;
    if (query.kind == hurl::QueryKind::Jsonpath) jsonpath(*query.argument);
    if (query.kind == hurl::QueryKind::Regex) regex(*query.argument);
  }

  void filters(const std::vector<hurl::Filter>& filters) {
    for (const auto& filter : filters) {
      // Hurl's `location` reads a redirect's response, which only its `redirects` query gives.
      if (filter.kind == hurl::FilterKind::Location)
        report(filter.location,
               "filter `location` can never succeed here: it needs a redirect's response, which only Hurl's "
               "`redirects` query gives, and roadwork does not support that query (check `header \"Location\"`, "
               "or `url` with `location: true`)");
      if (filter.arguments.empty()) continue;
      if (filter.kind == hurl::FilterKind::Jsonpath) jsonpath(filter.arguments.front());
      if (filter.kind == hurl::FilterKind::Regex || filter.kind == hurl::FilterKind::ReplaceRegex)
        regex(filter.arguments.front());
    }
  }

  void predicate(const hurl::Predicate& predicate) {
    if (predicate.kind == hurl::PredicateKind::Matches && predicate.value &&
        (predicate.value->kind == hurl::PredicateValue::Kind::Regex ||
         predicate.value->kind == hurl::PredicateValue::Kind::String))
      regex(predicate.value->string);
  }

  std::vector<hurl::Diagnostic> diagnostics;

 private:
  void report(const hurl::SourceLocation& where, std::string message) {
    diagnostics.push_back({where, std::move(message)});
  }
};

}  // namespace

std::vector<hurl::Diagnostic> check_expressions(const hurl::HurlFile& file) {
  Checker checker;
  for (const auto& entry : file.entries) {
    if (!entry.response) continue;
    const bool follows_redirects = entry.request.options.location.value_or(false);
    for (const auto& capture : entry.response->captures) {
      checker.query(capture.query, follows_redirects);
      checker.filters(capture.filters);
    }
    for (const auto& assertion : entry.response->asserts) {
      checker.query(assertion.query, follows_redirects);
      checker.filters(assertion.filters);
      checker.predicate(assertion.predicate);
    }
  }
  return checker.diagnostics;
}

hurl::ParseResult parse_checked(std::string_view source, const std::string& path) {
  auto parsed = hurl::parse(source, path);
  if (!parsed.file) return parsed;
  for (auto& error : check_expressions(*parsed.file)) parsed.errors.push_back(std::move(error));
  if (!parsed.errors.empty()) parsed.file.reset();
  return parsed;
}

}  // namespace roadwork::run
