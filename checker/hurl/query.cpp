#include "checker/hurl/query.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "checker/hurl/numbers.hpp"
#include "checker/hurl/strings.hpp"

namespace roadwork::hurl::detail {

namespace {

enum class Argument { None, Quoted, QuotedOrRegex, Integer };

struct QuerySpec {
  std::string_view name;
  QueryKind kind;
  Argument argument;
};

constexpr std::array<QuerySpec, 12> kQueries = {{
    {"status", QueryKind::Status, Argument::None},
    {"version", QueryKind::Version, Argument::None},
    {"url", QueryKind::Url, Argument::None},
    {"header", QueryKind::Header, Argument::Quoted},
    {"cookie", QueryKind::Cookie, Argument::Quoted},
    {"body", QueryKind::Body, Argument::None},
    {"bytes", QueryKind::Bytes, Argument::None},
    {"jsonpath", QueryKind::Jsonpath, Argument::Quoted},
    {"regex", QueryKind::Regex, Argument::QuotedOrRegex},
    {"variable", QueryKind::Variable, Argument::Quoted},
    {"duration", QueryKind::Duration, Argument::None},
    {"sha256", QueryKind::Sha256, Argument::None},
}};

constexpr std::array<std::string_view, 5> kUnsupportedQueries = {"xpath", "certificate", "md5", "ip",
                                                                 "redirects"};

struct FilterSpec {
  std::string_view name;
  FilterKind kind;
  std::array<Argument, 2> arguments;
};

constexpr std::array<FilterSpec, 20> kFilters = {{
    {"count", FilterKind::Count, {}},
    {"nth", FilterKind::Nth, {Argument::Integer}},
    {"first", FilterKind::First, {}},
    {"last", FilterKind::Last, {}},
    {"split", FilterKind::Split, {Argument::Quoted}},
    {"replace", FilterKind::Replace, {Argument::Quoted, Argument::Quoted}},
    {"replaceRegex", FilterKind::ReplaceRegex, {Argument::QuotedOrRegex, Argument::Quoted}},
    {"regex", FilterKind::Regex, {Argument::QuotedOrRegex}},
    {"jsonpath", FilterKind::Jsonpath, {Argument::Quoted}},
    {"toInt", FilterKind::ToInt, {}},
    {"toFloat", FilterKind::ToFloat, {}},
    {"toString", FilterKind::ToString, {}},
    {"urlEncode", FilterKind::UrlEncode, {}},
    {"urlDecode", FilterKind::UrlDecode, {}},
    {"htmlEscape", FilterKind::HtmlEscape, {}},
    {"htmlUnescape", FilterKind::HtmlUnescape, {}},
    {"base64Decode", FilterKind::Base64Decode, {}},
    {"base64Encode", FilterKind::Base64Encode, {}},
    {"decode", FilterKind::Decode, {Argument::Quoted}},
    {"location", FilterKind::Location, {}},
}};

constexpr std::array<std::string_view, 12> kUnsupportedFilters = {
    "xpath", "toDate",        "dateFormat", "format",     "daysAfterNow",        "daysBeforeNow",
    "toHex", "urlQueryParam", "utf8Decode", "utf8Encode", "base64UrlSafeDecode", "base64UrlSafeEncode"};

// A quoted string or, where allowed, a regex literal.
void read_string_argument(Reader& reader, Argument argument, Template& text, bool& is_regex_literal) {
  is_regex_literal = argument == Argument::QuotedOrRegex && reader.peek() == '/';
  if (is_regex_literal) {
    text = read_regex_literal(reader);
  } else if (reader.peek() == '"') {
    text = read_quoted_string(reader);
  } else {
    reader.fail(argument == Argument::Quoted ? "expected a quoted string"
                                             : "expected a quoted string or a /regex/");
  }
}

bool is_utf8_label(const Template& text) {
  if (text.parts.size() != 1 || text.parts[0].is_variable) return false;
  std::string label = text.parts[0].text;
  std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return std::tolower(c); });
  return label == "utf-8" || label == "utf8";
}

}  // namespace

Query read_query(Reader& reader) {
  Query query;
  query.location = reader.location();
  const auto word = reader.peek_word();
  if (std::ranges::find(kUnsupportedQueries, word) != kUnsupportedQueries.end()) {
    reader.fail("query " + std::string(word) + " is not supported");
  }
  const auto spec = std::ranges::find(kQueries, word, &QuerySpec::name);
  if (spec == kQueries.end()) reader.fail("expected a query");
  reader.advance(word.size());
  query.kind = spec->kind;
  if (spec->argument != Argument::None) {
    reader.expect_space();
    query.argument.emplace();
    read_string_argument(reader, spec->argument, *query.argument, query.argument_is_regex_literal);
  }
  return query;
}

std::optional<Filter> try_read_filter(Reader& reader) {
  const Mark start = reader.mark();
  const auto word = reader.peek_word();
  if (std::ranges::find(kUnsupportedFilters, word) != kUnsupportedFilters.end()) {
    reader.fail("filter " + std::string(word) + " is not supported");
  }
  const auto spec = std::ranges::find(kFilters, word, &FilterSpec::name);
  if (spec == kFilters.end()) return std::nullopt;
  reader.advance(word.size());
  Filter filter;
  filter.kind = spec->kind;
  filter.location = reader.location_of(start);
  for (const Argument argument : spec->arguments) {
    if (argument == Argument::None) break;
    reader.expect_space();
    if (argument == Argument::Integer) {
      filter.index = read_integer(reader);
      continue;
    }
    // Hurl 5's replace took a regex; Hurl 6 moved that to replaceRegex, and older files still do it.
    if (filter.kind == FilterKind::Replace && reader.peek() == '/') {
      reader.fail("replace with a /regex/ is not supported (use replaceRegex)");
    }
    const Mark argument_start = reader.mark();
    bool is_regex_literal = false;
    read_string_argument(reader, argument, filter.arguments.emplace_back(), is_regex_literal);
    filter.argument_is_regex_literal.push_back(is_regex_literal);
    if (filter.kind == FilterKind::Decode && !is_utf8_label(filter.arguments.back())) {
      reader.fail_at(argument_start, "encoding " + std::string(reader.text_since(argument_start)) +
                                         " is not supported (only \"utf-8\")");
    }
  }
  return filter;
}

}  // namespace roadwork::hurl::detail
