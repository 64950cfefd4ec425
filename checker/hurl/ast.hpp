#pragma once
// The syntax tree of a .hurl file in roadwork's subset (Hurl grammar: hurl-file, entry, request, response).
// Templates are kept unexpanded; the runner expands them with the variables in scope at run time.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/hurl/diagnostic.hpp"

namespace roadwork::hurl {

/// A piece of a template: literal text (escapes already decoded) or a `{{name}}` placeholder.
struct TemplatePart {
  bool is_variable = false;
  std::string text;  ///< the literal text, or the variable name without braces and spaces
  SourceLocation location;
  /// Body::Kind::Json only: the placeholder sits inside a JSON string, so its value is inserted JSON-escaped;
  /// otherwise it stands for a whole JSON value and must render as a number, boolean or null (as Hurl does).
  bool in_json_string = false;
};

/// A string that may hold `{{name}}` placeholders (Hurl grammar: template).
struct Template {
  std::vector<TemplatePart> parts;
  SourceLocation location;
};

/// `key: value` in headers, [Query], [Form] and [Cookies] (Hurl grammar: key-value).
struct KeyValue {
  Template key;
  Template value;
  SourceLocation location;
};

/// A request or response body (Hurl grammar: body / bytes).
struct Body {
  enum class Kind {
    Json,       ///< a JSON value; `text` holds its source with templates kept (Hurl grammar: json-value)
    Multiline,  ///< ``` … ```; `text` is the content, `language` the optional tag (e.g. "json")
    Oneline,    ///< `…`
    Base64,     ///< base64,…; — `bytes` holds the decoded bytes
    Hex,        ///< hex,…; — `bytes` holds the decoded bytes
  };
  Kind kind = Kind::Json;
  Template text;
  std::string language;
  std::string bytes;
  SourceLocation location;
};

/// [Options] of one entry. Unset options are nullopt; durations are in milliseconds.
struct Options {
  std::optional<int> retry;  ///< number of retries; -1 means retry without end (bounded by the run's limit)
  std::optional<std::int64_t> retry_interval_ms;
  std::optional<std::int64_t> delay_ms;
  std::vector<KeyValue> variables;  ///< `variable: name=value`; key holds the name
  std::optional<bool> location;     ///< follow redirects
  std::optional<int> max_redirs;
  std::optional<bool> skip;
  std::optional<int> repeat;
  std::optional<std::int64_t> max_time_ms;  ///< the request's whole exchange (Hurl's max-time)
  SourceLocation location_in_source;
  /// Parallel to `variables`: the value was a quoted string, so it stays a string even when it reads as a
  /// number, boolean or null; an unquoted value is typed from its text (Hurl grammar: variable-value).
  std::vector<bool> variable_is_quoted;
};

/// The request half of an entry (Hurl grammar: request).
struct Request {
  std::string method;  ///< as written, e.g. "GET"
  Template url;
  std::vector<KeyValue> headers;
  std::vector<KeyValue> query_params;  ///< [Query] / [QueryStringParams]
  std::vector<KeyValue> form_params;   ///< [Form] / [FormParams]
  std::vector<KeyValue> cookies;       ///< [Cookies]
  std::optional<KeyValue> basic_auth;  ///< [BasicAuth]: key is the user, value the password
  Options options;
  std::optional<Body> body;
  SourceLocation location;
};

/// What a query reads from the response (Hurl grammar: query).
enum class QueryKind { Status, Version, Url, Header, Cookie, Body, Bytes, Jsonpath, Regex, Variable, Duration, Sha256 };

/// A query and its argument: the header or cookie name, the JSONPath, the regex, or the variable name.
struct Query {
  QueryKind kind = QueryKind::Status;
  std::optional<Template> argument;
  bool argument_is_regex_literal = false;  ///< `regex /…/` rather than `regex "…"`
  SourceLocation location;
};

/// A filter applied to a query's value (Hurl grammar: filter).
enum class FilterKind {
  Count, Nth, First, Last, Split, Replace, ReplaceRegex, Regex, Jsonpath, ToInt, ToFloat, ToString,
  UrlEncode, UrlDecode, HtmlEscape, HtmlUnescape, Base64Decode, Base64Encode, Decode, Location
};

/// A filter and its arguments: `nth` holds `index`; string arguments are in `arguments` in source order
/// (split: separator; replace: old, new; replaceRegex: regex, new; regex, jsonpath: the pattern/path;
/// decode: the encoding).
struct Filter {
  FilterKind kind = FilterKind::Count;
  std::int64_t index = 0;
  std::vector<Template> arguments;
  std::vector<bool> argument_is_regex_literal;  ///< parallel to `arguments`
  SourceLocation location;
};

/// A literal on the right of a predicate (Hurl grammar: predicate-value).
struct PredicateValue {
  /// Placeholder: a bare `{{name}}`, compared with the variable's value as typed; `string` holds that one
  /// variable part.
  enum class Kind { Null, Bool, Integer, Float, String, Bytes, Regex, Placeholder };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  std::string source_text;  ///< the value as written, for messages (e.g. `3.10`, `"ok"`, `/^a/`)
  Template string;          ///< Kind::String (quoted or multiline) and Kind::Regex (the pattern)
  std::string bytes;        ///< Kind::Bytes: decoded base64/hex/file bytes
  SourceLocation location;
};

/// The test of an assert (Hurl grammar: predicate-func), with an optional leading `not`.
enum class PredicateKind {
  Equal, NotEqual, Greater, GreaterOrEqual, Less, LessOrEqual, StartsWith, EndsWith, Contains, Matches,
  Includes, Exists, IsEmpty, IsBoolean, IsCollection, IsFloat, IsInteger, IsList, IsNumber, IsObject, IsString,
  IsIsoDate, IsUuid
};

struct Predicate {
  bool negated = false;
  PredicateKind kind = PredicateKind::Equal;
  std::optional<PredicateValue> value;  ///< absent for the one-word predicates (exists, isString, …)
  SourceLocation location;
};

/// One line of [Asserts]; `source_text` is the line as written, trimmed, for reports.
struct Assert {
  Query query;
  std::vector<Filter> filters;
  Predicate predicate;
  std::string source_text;
  SourceLocation location;
};

/// One line of [Captures]: `name: query filters…`.
struct Capture {
  std::string name;
  Query query;
  std::vector<Filter> filters;
  SourceLocation location;
};

/// The response half of an entry (Hurl grammar: response): `HTTP <status>`, implicit header asserts,
/// [Captures], [Asserts] and an implicit body assert.
struct Response {
  std::string version;        ///< "HTTP", "HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/3"
  std::optional<int> status;  ///< nullopt for `*`
  std::vector<KeyValue> headers;
  std::vector<Capture> captures;
  std::vector<Assert> asserts;
  std::optional<Body> body;
  SourceLocation location;
};

/// A request and the response expected for it (Hurl grammar: entry).
struct Entry {
  Request request;
  std::optional<Response> response;
};

/// A parsed .hurl file.
struct HurlFile {
  std::string path;
  std::vector<Entry> entries;
};

}  // namespace roadwork::hurl
