// Tests of the .hurl subset parser: every construct parsed into the AST, and every error message checked as
// the exact text format_diagnostic prints.

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "checker/hurl/diagnostic.hpp"
#include "checker/hurl/parser.hpp"

namespace {

using namespace roadwork::hurl;

HurlFile parse_ok(std::string_view source) {
  const auto result = parse(source, "t.hurl");
  if (!result.errors.empty()) FAIL_CHECK(format_diagnostic(result.errors.front(), source));
  REQUIRE(result.file.has_value());
  return *result.file;
}

std::string error_of(std::string_view source) {
  const auto result = parse(source, "t.hurl");
  REQUIRE_FALSE(result.file.has_value());
  REQUIRE(result.errors.size() == 1);
  return format_diagnostic(result.errors.front(), source);
}

// A template written back as text with its placeholders as {{name}}, so one CHECK covers all its parts.
std::string text(const Template& value) {
  std::string out;
  for (const auto& part : value.parts) out += part.is_variable ? "{{" + part.text + "}}" : part.text;
  return out;
}

std::string where(const SourceLocation& at) {
  return at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

Response response_of(std::string_view source) {
  const auto file = parse_ok(source);
  REQUIRE(file.entries.size() == 1);
  REQUIRE(file.entries[0].response.has_value());
  return *file.entries[0].response;
}

// Parses one line of [Asserts] (line 4 of its file).
Assert assert_of(std::string_view line) {
  const auto response = response_of("GET http://x\nHTTP 200\n[Asserts]\n" + std::string(line) + "\n");
  REQUIRE(response.asserts.size() == 1);
  return response.asserts[0];
}

Body request_body_of(std::string_view body) {
  const auto file = parse_ok("POST http://x\n" + std::string(body) + "\n");
  REQUIRE(file.entries[0].request.body.has_value());
  return *file.entries[0].request.body;
}

struct ErrorCase {
  std::string_view source;
  std::string_view expected;
};

void check_errors(const std::vector<ErrorCase>& cases) {
  for (const auto& error_case : cases) {
    CAPTURE(error_case.source);
    CHECK(error_of(error_case.source) == error_case.expected);
  }
}

}  // namespace

TEST_CASE("request line, headers and comments") {
  const auto file = parse_ok(
      "# Create a note\n"
      "\n"
      "GET {{host}}/notes?x=1   # trailing comment\n"
      "Accept: application/json\n"
      "X-Token: BEEF \\#STEAK  # the escaped # is kept\n"
      "  Indented : yes\n"
      "{{name}}-Id: {{ id }}\n");
  CHECK(file.path == "t.hurl");
  REQUIRE(file.entries.size() == 1);
  const auto& request = file.entries[0].request;
  CHECK(request.method == "GET");
  CHECK(where(request.location) == "t.hurl:3:1");
  CHECK(text(request.url) == "{{host}}/notes?x=1");
  REQUIRE(request.url.parts.size() == 2);
  CHECK(where(request.url.parts[0].location) == "t.hurl:3:5");
  CHECK(where(request.url.parts[1].location) == "t.hurl:3:13");
  REQUIRE(request.headers.size() == 4);
  CHECK(text(request.headers[0].key) == "Accept");
  CHECK(text(request.headers[0].value) == "application/json");
  CHECK(where(request.headers[0].location) == "t.hurl:4:1");
  CHECK(where(request.headers[0].value.location) == "t.hurl:4:9");
  CHECK(text(request.headers[1].value) == "BEEF #STEAK");
  CHECK(text(request.headers[2].key) == "Indented");
  CHECK(where(request.headers[2].location) == "t.hurl:6:3");
  CHECK(text(request.headers[3].key) == "{{name}}-Id");
  CHECK(text(request.headers[3].value) == "{{id}}");
  CHECK_FALSE(file.entries[0].response.has_value());
  CHECK_FALSE(request.body.has_value());
}

TEST_CASE("entries: any uppercase method, CRLF lines, a byte order mark") {
  const auto file = parse_ok("\xEF\xBB\xBFPURGE http://a\r\nX: 1\r\n\r\nCUSTOM http://b\r\nHTTP 204\r\n");
  REQUIRE(file.entries.size() == 2);
  CHECK(file.entries[0].request.method == "PURGE");
  CHECK(where(file.entries[0].request.location) == "t.hurl:1:1");
  CHECK(text(file.entries[0].request.headers[0].value) == "1");
  CHECK(file.entries[1].request.method == "CUSTOM");
  CHECK(where(file.entries[1].request.location) == "t.hurl:4:1");
  CHECK(file.entries[1].response->status == 204);
}

TEST_CASE("an empty file or one with only comments has no entries") {
  CHECK(parse_ok("").entries.empty());
  CHECK(parse_ok("# nothing\n\n   # here\n").entries.empty());
}

TEST_CASE("request sections: query, form, cookies, basic auth") {
  const auto file = parse_ok(
      "POST http://x/search\n"
      "[Query]\n"
      "q: hurl\n"
      "# a comment between lines\n"
      "tag: {{tag}}\n"
      "[QueryStringParams]\n"
      "page: 2\n"
      "[Form]\n"
      "name: Bob\n"
      "[FormParams]\n"
      "age: 30\n"
      "[Cookies]\n"
      "theme: dark\n"
      "[BasicAuth]\n"
      "bob: s3cret {{suffix}}\n");
  const auto& request = file.entries[0].request;
  REQUIRE(request.query_params.size() == 3);
  CHECK(text(request.query_params[1].key) == "tag");
  CHECK(text(request.query_params[1].value) == "{{tag}}");
  CHECK(text(request.query_params[2].value) == "2");
  REQUIRE(request.form_params.size() == 2);
  CHECK(text(request.form_params[1].key) == "age");
  REQUIRE(request.cookies.size() == 1);
  CHECK(text(request.cookies[0].value) == "dark");
  REQUIRE(request.basic_auth.has_value());
  CHECK(text(request.basic_auth->key) == "bob");
  CHECK(text(request.basic_auth->value) == "s3cret {{suffix}}");
  CHECK(where(request.basic_auth->location) == "t.hurl:15:1");
}

TEST_CASE("[Options]") {
  const auto file = parse_ok(
      "GET http://x\n"
      "[Options]\n"
      "retry: 5\n"
      "retry-interval: 500ms\n"
      "delay: 2s\n"
      "variable: id=42\n"
      "variable: name=\"Bob {{last}}\"\n"
      "location: true\n"
      "max-redirs: -1\n"
      "skip: false\n"
      "repeat: 3\n"
      "max-time: 2s\n");
  const auto& options = file.entries[0].request.options;
  CHECK(where(options.location_in_source) == "t.hurl:2:1");
  CHECK(options.retry == 5);
  CHECK(options.retry_interval_ms == 500);
  CHECK(options.delay_ms == 2000);
  REQUIRE(options.variables.size() == 2);
  CHECK(text(options.variables[0].key) == "id");
  CHECK(text(options.variables[0].value) == "42");
  CHECK(text(options.variables[1].value) == "Bob {{last}}");
  CHECK(options.variable_is_quoted == std::vector<bool>{false, true});
  CHECK(options.location == true);
  CHECK(options.max_redirs == -1);
  CHECK(options.skip == false);
  CHECK(options.repeat == 3);
  CHECK(options.max_time_ms == 2000);

  const auto durations =
      parse_ok("GET http://x\n[Options]\nretry-interval: 250\ndelay: 1m\nretry: -1\nmax-time: 750\n");
  const auto& more = durations.entries[0].request.options;
  const auto plain = parse_ok("GET http://x\n");
  const auto& options_of_plain_request = plain.entries[0].request.options;
  CHECK(more.retry_interval_ms == 250);
  CHECK(more.delay_ms == 60000);
  CHECK(more.retry == -1);
  CHECK(more.max_time_ms == 750);
  CHECK_FALSE(more.location.has_value());
  CHECK_FALSE(options_of_plain_request.max_time_ms.has_value());
}

TEST_CASE("JSON bodies keep their source and mark where placeholders sit") {
  const std::string json =
      "{\n"
      "  \"name\": \"{{name}}\",\n"
      "  \"age\": {{age}},\n"
      "  \"tags\": [\"a\", \"b\\\"c\", \"\\u00e9\"],\n"
      "  \"n\": -1.5e3, \"ok\": true, \"none\": null, \"zero\": 0\n"
      "}";
  const auto body = request_body_of(json);
  CHECK(body.kind == Body::Kind::Json);
  CHECK(text(body.text) == json);
  CHECK(where(body.location) == "t.hurl:2:1");
  REQUIRE(body.text.parts.size() == 5);
  CHECK(body.text.parts[1].text == "name");
  CHECK(body.text.parts[1].in_json_string);
  CHECK(where(body.text.parts[1].location) == "t.hurl:3:12");
  CHECK(body.text.parts[3].text == "age");
  CHECK_FALSE(body.text.parts[3].in_json_string);

  for (const std::string_view scalar : {"[1, 2, {\"a\": []}]", "\"text\"", "42", "true", "null", "{}"}) {
    CAPTURE(scalar);
    const auto value = request_body_of(scalar);
    CHECK(value.kind == Body::Kind::Json);
    CHECK(text(value.text) == scalar);
  }
  const auto whole = request_body_of("{{payload}}  # a comment");
  REQUIRE(whole.text.parts.size() == 1);
  CHECK(whole.text.parts[0].is_variable);
  CHECK_FALSE(whole.text.parts[0].in_json_string);
}

TEST_CASE("a JSON array body is not mistaken for a section") {
  const auto file = parse_ok("POST http://x\n[true, false]\nHTTP 200\n[Asserts]\nstatus == 200\n[null]\n");
  CHECK(text(file.entries[0].request.body->text) == "[true, false]");
  CHECK(text(file.entries[0].response->body->text) == "[null]");
}

TEST_CASE("multiline, oneline, base64 and hex bodies") {
  const auto json = request_body_of("```json\n{\"a\": {{x}}}\n```");
  CHECK(json.kind == Body::Kind::Multiline);
  CHECK(json.language == "json");
  CHECK(text(json.text) == "{\"a\": {{x}}}\n");

  const auto plain = request_body_of("```\nline1 # not a comment \\n\n  line2\n```");
  CHECK(plain.language.empty());
  CHECK(text(plain.text) == "line1 # not a comment \\n\n  line2\n");

  const auto xml = request_body_of("```xml\n<a/>\n```");
  CHECK(xml.language == "xml");
  CHECK(text(xml.text) == "<a/>\n");

  const auto empty = request_body_of("```\n```");
  CHECK(empty.text.parts.empty());

  const auto inline_fence = request_body_of("```Hello {{name}}!```");
  CHECK(inline_fence.kind == Body::Kind::Multiline);
  CHECK(text(inline_fence.text) == "Hello {{name}}!");

  const auto oneline = request_body_of("`Hello \\u{2708} \\`{{name}}\\``");
  CHECK(oneline.kind == Body::Kind::Oneline);
  CHECK(text(oneline.text) == "Hello \xE2\x9C\x88 `{{name}}`");

  const auto base64 = request_body_of("base64,SGVs\n  bG8g\nd29ybGQ=;");
  CHECK(base64.kind == Body::Kind::Base64);
  CHECK(base64.bytes == "Hello world");
  CHECK(request_body_of("base64,SGk;").bytes == "Hi");

  const auto hex = request_body_of("hex,48656C6c6f00;");
  CHECK(hex.kind == Body::Kind::Hex);
  CHECK(hex.bytes == std::string("Hello\0", 6));
}

TEST_CASE("response line: versions and any status") {
  const auto status_of = [](std::string_view line) {
    return response_of("GET http://x\n" + std::string(line));
  };
  CHECK(status_of("HTTP 200").version == "HTTP");
  CHECK(status_of("HTTP 200").status == 200);
  CHECK(status_of("HTTP/1.0 404").version == "HTTP/1.0");
  CHECK(status_of("HTTP/1.1 201 # created").status == 201);
  CHECK(status_of("HTTP/2 *").version == "HTTP/2");
  CHECK_FALSE(status_of("HTTP/2 *").status.has_value());
  CHECK(status_of("HTTP/3 200").version == "HTTP/3");
  CHECK(where(status_of("\n\nHTTP 200").location) == "t.hurl:4:1");
}

TEST_CASE("response: implicit headers, captures, asserts and body") {
  const auto response = response_of(
      "GET http://x\n"
      "HTTP 201\n"
      "Content-Type: application/json\n"
      "Location: /notes/{{id}}\n"
      "[Captures]\n"
      "note_id: jsonpath \"$.id\"\n"
      "token: header \"Set-Cookie\" regex /token=(\\w+)/ urlDecode\n"
      "[Asserts]\n"
      "status == 201\n"
      "\n"
      "jsonpath \"$.title\" == \"Buy milk\"\n"
      "{\"id\": 1}\n");
  REQUIRE(response.headers.size() == 2);
  CHECK(text(response.headers[1].value) == "/notes/{{id}}");
  REQUIRE(response.captures.size() == 2);
  CHECK(response.captures[0].name == "note_id");
  CHECK(response.captures[0].query.kind == QueryKind::Jsonpath);
  CHECK(text(*response.captures[0].query.argument) == "$.id");
  CHECK(where(response.captures[0].location) == "t.hurl:6:1");
  CHECK(response.captures[1].name == "token");
  REQUIRE(response.captures[1].filters.size() == 2);
  CHECK(response.captures[1].filters[0].kind == FilterKind::Regex);
  CHECK(text(response.captures[1].filters[0].arguments[0]) == "token=(\\w+)");
  CHECK(response.captures[1].filters[0].argument_is_regex_literal == std::vector<bool>{true});
  CHECK(response.captures[1].filters[1].kind == FilterKind::UrlDecode);
  REQUIRE(response.asserts.size() == 2);
  CHECK(response.asserts[1].source_text == "jsonpath \"$.title\" == \"Buy milk\"");
  CHECK(where(response.asserts[1].location) == "t.hurl:11:1");
  REQUIRE(response.body.has_value());
  CHECK(text(response.body->text) == "{\"id\": 1}");
}

TEST_CASE("every query") {
  struct QueryCase {
    std::string_view line;
    QueryKind kind;
    std::string_view argument;
  };
  const std::vector<QueryCase> cases = {
      {"status exists", QueryKind::Status, ""},
      {"version exists", QueryKind::Version, ""},
      {"url exists", QueryKind::Url, ""},
      {"header \"Content-Type\" exists", QueryKind::Header, "Content-Type"},
      {"cookie \"LSID[Expires]\" exists", QueryKind::Cookie, "LSID[Expires]"},
      {"body exists", QueryKind::Body, ""},
      {"bytes exists", QueryKind::Bytes, ""},
      {"jsonpath \"$.notes[{{i}}].id\" exists", QueryKind::Jsonpath, "$.notes[{{i}}].id"},
      {"regex \"id=(\\\\d+)\" exists", QueryKind::Regex, "id=(\\d+)"},
      {"variable \"note_id\" exists", QueryKind::Variable, "note_id"},
      {"duration exists", QueryKind::Duration, ""},
      {"sha256 exists", QueryKind::Sha256, ""},
  };
  for (const auto& query_case : cases) {
    CAPTURE(query_case.line);
    const auto query = assert_of(query_case.line).query;
    CHECK(query.kind == query_case.kind);
    CHECK(query.argument.has_value() == !query_case.argument.empty());
    if (query.argument) CHECK(text(*query.argument) == query_case.argument);
    CHECK_FALSE(query.argument_is_regex_literal);
    CHECK(where(query.location) == "t.hurl:4:1");
  }
  const auto regex = assert_of("regex /id=(\\d+)\\/x/ exists").query;
  CHECK(regex.argument_is_regex_literal);
  CHECK(text(*regex.argument) == "id=(\\d+)/x");
}

TEST_CASE("every filter, chained") {
  const auto filters =
      assert_of(
          "jsonpath \"$.a\" count nth 0 nth -1 first last split \",\" replace \"a\" \"b\" "
          "replaceRegex /\\d+/ \"n\" replaceRegex \"x\" \"y\" regex \"(a)\" jsonpath \"$.c\" toInt "
          "toFloat toString urlEncode urlDecode htmlEscape htmlUnescape base64Decode base64Encode "
          "decode \"UTF-8\" location exists")
          .filters;
  const std::vector<FilterKind> kinds = {
      FilterKind::Count,        FilterKind::Nth,          FilterKind::Nth,          FilterKind::First,
      FilterKind::Last,         FilterKind::Split,        FilterKind::Replace,      FilterKind::ReplaceRegex,
      FilterKind::ReplaceRegex, FilterKind::Regex,        FilterKind::Jsonpath,     FilterKind::ToInt,
      FilterKind::ToFloat,      FilterKind::ToString,     FilterKind::UrlEncode,    FilterKind::UrlDecode,
      FilterKind::HtmlEscape,   FilterKind::HtmlUnescape, FilterKind::Base64Decode, FilterKind::Base64Encode,
      FilterKind::Decode,       FilterKind::Location};
  REQUIRE(filters.size() == kinds.size());
  for (std::size_t i = 0; i < kinds.size(); ++i) CHECK(filters[i].kind == kinds[i]);
  CHECK(filters[1].index == 0);
  CHECK(filters[2].index == -1);
  CHECK(text(filters[5].arguments[0]) == ",");
  REQUIRE(filters[6].arguments.size() == 2);
  CHECK(text(filters[6].arguments[1]) == "b");
  CHECK(text(filters[7].arguments[0]) == "\\d+");
  CHECK(filters[7].argument_is_regex_literal == std::vector<bool>{true, false});
  CHECK(filters[8].argument_is_regex_literal == std::vector<bool>{false, false});
  CHECK(text(filters[10].arguments[0]) == "$.c");
  CHECK(text(filters[20].arguments[0]) == "UTF-8");
  CHECK(where(filters[0].location) == "t.hurl:4:16");
}

TEST_CASE("every predicate, with and without not") {
  struct PredicateCase {
    std::string_view line;
    PredicateKind kind;
    bool negated;
  };
  const std::vector<PredicateCase> cases = {
      {"status == 200", PredicateKind::Equal, false},
      {"status != 500", PredicateKind::NotEqual, false},
      {"duration > 1.5", PredicateKind::Greater, false},
      {"duration >= 2", PredicateKind::GreaterOrEqual, false},
      {"duration < 1000", PredicateKind::Less, false},
      {"header \"Date\" <= \"Z\"", PredicateKind::LessOrEqual, false},
      {"body startsWith \"{\"", PredicateKind::StartsWith, false},
      {"bytes endsWith hex,0a;", PredicateKind::EndsWith, false},
      {"body contains \"note\"", PredicateKind::Contains, false},
      {"body matches /^\\{/", PredicateKind::Matches, false},
      {"jsonpath \"$.tags\" includes \"x\"", PredicateKind::Includes, false},
      {"header \"X\" not exists", PredicateKind::Exists, true},
      {"jsonpath \"$.a\" isEmpty", PredicateKind::IsEmpty, false},
      {"jsonpath \"$.a\" isBoolean", PredicateKind::IsBoolean, false},
      {"jsonpath \"$.a\" isCollection", PredicateKind::IsCollection, false},
      {"jsonpath \"$.a\" isFloat", PredicateKind::IsFloat, false},
      {"jsonpath \"$.a\" not isInteger", PredicateKind::IsInteger, true},
      {"jsonpath \"$.a\" isList", PredicateKind::IsList, false},
      {"jsonpath \"$.a\" isNumber", PredicateKind::IsNumber, false},
      {"jsonpath \"$.a\" isObject", PredicateKind::IsObject, false},
      {"jsonpath \"$.a\" isString", PredicateKind::IsString, false},
      {"jsonpath \"$.a\" isIsoDate", PredicateKind::IsIsoDate, false},
      {"jsonpath \"$.a\" isUuid", PredicateKind::IsUuid, false},
      {"status not  ==  404", PredicateKind::Equal, true},
  };
  for (const auto& predicate_case : cases) {
    CAPTURE(predicate_case.line);
    const auto an_assert = assert_of(predicate_case.line);
    CHECK(an_assert.predicate.kind == predicate_case.kind);
    CHECK(an_assert.predicate.negated == predicate_case.negated);
    CHECK(an_assert.source_text == predicate_case.line);
  }
  CHECK_FALSE(assert_of("status exists").predicate.value.has_value());
  CHECK(where(assert_of("status   not exists").predicate.location) == "t.hurl:4:10");
}

TEST_CASE("predicate values of every kind") {
  using Kind = PredicateValue::Kind;
  const auto value_of = [](std::string_view value) {
    const auto predicate = assert_of("jsonpath \"$.a\" == " + std::string(value)).predicate;
    REQUIRE(predicate.value.has_value());
    CHECK(predicate.value->source_text == value);
    CHECK(where(predicate.value->location) == "t.hurl:4:19");
    return *predicate.value;
  };
  CHECK(value_of("null").kind == Kind::Null);
  CHECK(value_of("true").boolean);
  CHECK(value_of("false").kind == Kind::Bool);
  CHECK_FALSE(value_of("false").boolean);
  CHECK(value_of("42").integer == 42);
  CHECK(value_of("-7").kind == Kind::Integer);
  CHECK(value_of("-9223372036854775808").integer == INT64_MIN);
  CHECK(value_of("3.10").floating == doctest::Approx(3.1));
  CHECK(value_of("3.10").kind == Kind::Float);
  const auto quoted = value_of("\"say \\\"{{word}}\\\"\"");
  CHECK(quoted.kind == Kind::String);
  CHECK(text(quoted.string) == "say \"{{word}}\"");
  const auto multiline = value_of("```\nline\n```");
  CHECK(multiline.kind == Kind::String);
  CHECK(text(multiline.string) == "line\n");
  CHECK(text(value_of("`one {{x}}`").string) == "one {{x}}");
  CHECK(value_of("base64,SGk=;").bytes == "Hi");
  CHECK(value_of("hex,4869;").kind == Kind::Bytes);
  const auto placeholder = value_of("{{ note_id }}");
  CHECK(placeholder.kind == Kind::Placeholder);
  REQUIRE(placeholder.string.parts.size() == 1);
  CHECK(placeholder.string.parts[0].is_variable);
  CHECK(placeholder.string.parts[0].text == "note_id");
  const auto regex = assert_of("body matches /a\\/b\\d/").predicate.value;
  CHECK(regex->kind == Kind::Regex);
  CHECK(text(regex->string) == "a/b\\d");
}

TEST_CASE("quoted strings decode Hurl's escapes; \\{ keeps braces literal") {
  const auto value = assert_of("header \"X\" == \"a\\\"b\\\\c\\n\\t\\u{2708}\\{\\{lit\\}\\}\\#\\/\\b\\f\\r\"")
                         .predicate.value->string;
  REQUIRE(value.parts.size() == 1);
  CHECK_FALSE(value.parts[0].is_variable);
  CHECK(value.parts[0].text == "a\"b\\c\n\t\xE2\x9C\x88{{lit}}#/\b\f\r");
  CHECK(text(assert_of("header \"X\" == \"\\u{1F600}\"").predicate.value->string) == "\xF0\x9F\x98\x80");
  CHECK(text(assert_of("header \"X\" == \"\"").predicate.value->string).empty());
}

TEST_CASE("assert source text is the line trimmed, without its comment") {
  const auto response = response_of("GET http://x\nHTTP 200\n[Asserts]\n   jsonpath \"$.a\" == 1   # why\n");
  CHECK(response.asserts[0].source_text == "jsonpath \"$.a\" == 1");
  CHECK(where(response.asserts[0].location) == "t.hurl:4:4");
}

TEST_CASE("columns count code points") {
  const auto file = parse_ok("GET http://x\nX: caf\xC3\xA9 {{x}}\n");
  CHECK(where(file.entries[0].request.headers[0].value.parts[1].location) == "t.hurl:2:9");
  CHECK(error_of("GET http://x\nX: caf\xC3\xA9 {{x y}}\n") ==
        "t.hurl:2:13: error: filters in templates are not supported\n"
        "X: caf\xC3\xA9 {{x y}}\n"
        "            ^\n");
}

TEST_CASE("parse_file reads a file, or says why it cannot") {
  const auto path = std::filesystem::temp_directory_path() / "roadwork_test_hurl_parser.hurl";
  std::ofstream(path) << "GET http://x\nHTTP 200\n";
  const auto result = parse_file(path.string());
  std::filesystem::remove(path);
  REQUIRE(result.file.has_value());
  CHECK(result.file->path == path.string());
  CHECK(result.file->entries.size() == 1);

  const auto missing = parse_file("no/such/file.hurl");
  REQUIRE(missing.errors.size() == 1);
  CHECK(format_diagnostic(missing.errors[0], "") ==
        "no/such/file.hurl:1:1: error: cannot read file: No such file or directory\n");

  const auto directory = parse_file(ROADWORK_SOURCE_DIR);
  REQUIRE(directory.errors.size() == 1);
  CHECK(directory.errors[0].message == "cannot read file: Is a directory");
}

TEST_CASE("errors: file structure and request") {
  check_errors({
      {"get http://x\n",
       "t.hurl:1:1: error: expected a request: METHOD url\n"
       "get http://x\n"
       "^\n"},
      {"GET\n",
       "t.hurl:1:4: error: expected a URL\n"
       "GET\n"
       "   ^\n"},
      {"GET http://x y\n",
       "t.hurl:1:14: error: expected end of line\n"
       "GET http://x y\n"
       "             ^\n"},
      {"GET http://x\nHTTP 200\nHTTP 200\n",
       "t.hurl:3:1: error: expected a request: METHOD url\n"
       "HTTP 200\n"
       "^\n"},
      {"GET http://x\nnot a header\n",
       "t.hurl:2:1: error: expected a header, a section, a body or HTTP <status>\n"
       "not a header\n"
       "^\n"},
      {"GET http://x\n[Query]\nq: 1\nnot a param\n",
       "t.hurl:4:1: error: expected name: value\n"
       "not a param\n"
       "^\n"},
      {"POST http://x\n{}\nX: 1\n",
       "t.hurl:3:1: error: expected HTTP <status> or a new request\n"
       "X: 1\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n{}\nX: 1\n",
       "t.hurl:4:1: error: expected a request: METHOD url\n"
       "X: 1\n"
       "^\n"},
      {"GET http://x\nX: \xFF\n",
       "t.hurl:2:4: error: invalid UTF-8\n"
       "X: \xFF\n"
       "   ^\n"},
  });
}

TEST_CASE("errors: response line and response") {
  check_errors({
      {"GET http://x\nHTTP/4 200\n",
       "t.hurl:2:1: error: expected HTTP, HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3\n"
       "HTTP/4 200\n"
       "^\n"},
      {"GET http://x\nHTTP ok\n",
       "t.hurl:2:6: error: expected HTTP status code\n"
       "HTTP ok\n"
       "     ^\n"},
      {"GET http://x\nHTTP 2000\n",
       "t.hurl:2:6: error: expected HTTP status code\n"
       "HTTP 2000\n"
       "     ^\n"},
      {"GET http://x\nHTTP 200 OK\n",
       "t.hurl:2:10: error: expected end of line\n"
       "HTTP 200 OK\n"
       "         ^\n"},
      {"GET http://x\nHTTP 200\nnot a header\n",
       "t.hurl:3:1: error: expected a header, a section or a body\n"
       "not a header\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n[Captures]\nid: status\nnot a capture\n",
       "t.hurl:5:1: error: expected name: query\n"
       "not a capture\n"
       "^\n"},
  });
}

TEST_CASE("errors: sections") {
  check_errors({
      {"GET http://x\n[Foo]\n",
       "t.hurl:2:1: error: unknown section [Foo]\n"
       "[Foo]\n"
       "^\n"},
      {"POST http://x\n[MultipartFormData]\nf: file,a.txt;\n",
       "t.hurl:2:1: error: [MultipartFormData] is not supported\n"
       "[MultipartFormData]\n"
       "^\n"},
      {"POST http://x\n[Multipart]\n",
       "t.hurl:2:1: error: [Multipart] is not supported\n"
       "[Multipart]\n"
       "^\n"},
      {"GET http://x\n[Asserts]\n",
       "t.hurl:2:1: error: [Asserts] belongs to the response, after HTTP <status>\n"
       "[Asserts]\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n[Query]\n",
       "t.hurl:3:1: error: [Query] belongs to the request, before HTTP <status>\n"
       "[Query]\n"
       "^\n"},
      {"GET http://x\n[Query\n",
       "t.hurl:2:7: error: expected ']'\n"
       "[Query\n"
       "      ^\n"},
      {"GET http://x\n[Query] q: 1\n",
       "t.hurl:2:9: error: expected end of line\n"
       "[Query] q: 1\n"
       "        ^\n"},
      {"GET http://x\n[BasicAuth]\n",
       "t.hurl:3:1: error: expected user: password\n"
       "\n"
       "^\n"},
      {"GET http://x\n[BasicAuth]\nbob: a\nalice: b\n",
       "t.hurl:4:1: error: [BasicAuth] takes one user: password line\n"
       "alice: b\n"
       "^\n"},
  });
}

TEST_CASE("errors: [Options]") {
  check_errors({
      {"GET http://x\n[Options]\ncompressed: true\n",
       "t.hurl:3:1: error: option compressed is not supported\n"
       "compressed: true\n"
       "^\n"},
      {"GET http://x\n[Options]\nretyr: 3\n",
       "t.hurl:3:1: error: unknown option retyr\n"
       "retyr: 3\n"
       "^\n"},
      {"GET http://x\n[Options]\nretry{{x}}: 3\n",
       "t.hurl:3:6: error: expected ':'\n"
       "retry{{x}}: 3\n"
       "     ^\n"},
      {"GET http://x\n[Options]\nretry: {{n}}\n",
       "t.hurl:3:8: error: a template in option retry is not supported\n"
       "retry: {{n}}\n"
       "       ^\n"},
      {"GET http://x\n[Options]\nretry: x\n",
       "t.hurl:3:8: error: expected an integer\n"
       "retry: x\n"
       "       ^\n"},
      {"GET http://x\n[Options]\nretry: -2\n",
       "t.hurl:3:8: error: expected an integer of -1 or more\n"
       "retry: -2\n"
       "       ^\n"},
      {"GET http://x\n[Options]\nrepeat: 99999999999\n",
       "t.hurl:3:9: error: number out of range\n"
       "repeat: 99999999999\n"
       "        ^\n"},
      {"GET http://x\n[Options]\ndelay: soon\n",
       "t.hurl:3:8: error: expected a duration such as 500ms, 2s or 1m\n"
       "delay: soon\n"
       "       ^\n"},
      {"GET http://x\n[Options]\ndelay: 2h\n",
       "t.hurl:3:9: error: unknown duration unit \"h\" (use ms, s or m)\n"
       "delay: 2h\n"
       "        ^\n"},
      {"GET http://x\n[Options]\nretry-interval: 99999999999999999m\n",
       "t.hurl:3:17: error: number out of range\n"
       "retry-interval: 99999999999999999m\n"
       "                ^\n"},
      {"GET http://x\n[Options]\nmax-time: 0\n",
       "t.hurl:3:11: error: max-time must be more than 0\n"
       "max-time: 0\n"
       "          ^\n"},
      {"GET http://x\n[Options]\nlocation: yes\n",
       "t.hurl:3:11: error: expected true or false\n"
       "location: yes\n"
       "          ^\n"},
      {"GET http://x\n[Options]\nvariable: 1x=2\n",
       "t.hurl:3:11: error: expected a variable name\n"
       "variable: 1x=2\n"
       "          ^\n"},
      {"GET http://x\n[Options]\nvariable: x\n",
       "t.hurl:3:12: error: expected '='\n"
       "variable: x\n"
       "           ^\n"},
      {"GET http://x\n[Options]\nvariable: x=\n",
       "t.hurl:3:13: error: expected a value\n"
       "variable: x=\n"
       "            ^\n"},
  });
}

TEST_CASE("errors: strings, escapes and templates") {
  check_errors({
      {"GET http://x/\\q\n",
       "t.hurl:1:14: error: invalid escape sequence\n"
       "GET http://x/\\q\n"
       "             ^\n"},
      {"GET http://x/\\u{D800}\n",
       "t.hurl:1:14: error: invalid unicode escape\n"
       "GET http://x/\\u{D800}\n"
       "             ^\n"},
      {"GET http://x/\\u00e9\n",
       "t.hurl:1:14: error: invalid unicode escape\n"
       "GET http://x/\\u00e9\n"
       "             ^\n"},
      {"GET {{host}/x\n",
       "t.hurl:1:11: error: expected '}}'\n"
       "GET {{host}/x\n"
       "          ^\n"},
      {"GET {{ }}/x\n",
       "t.hurl:1:8: error: expected a variable name\n"
       "GET {{ }}/x\n"
       "       ^\n"},
      {"GET {{newUuid}}\n",
       "t.hurl:1:7: error: function newUuid is not supported\n"
       "GET {{newUuid}}\n"
       "      ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nheader \"X == 1\n",
       "t.hurl:4:8: error: unterminated string\n"
       "header \"X == 1\n"
       "       ^\n"},
      {"POST http://x\n`abc\n",
       "t.hurl:2:1: error: unterminated string\n"
       "`abc\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nbody matches /abc\n",
       "t.hurl:4:14: error: unterminated regex\n"
       "body matches /abc\n"
       "             ^\n"},
  });
}

TEST_CASE("errors: bodies") {
  check_errors({
      {"POST http://x\n```\nabc\n",
       "t.hurl:2:1: error: unterminated multiline string\n"
       "```\n"
       "^\n"},
      {"POST http://x\n```graphql\n{ me }\n```\n",
       "t.hurl:2:4: error: multiline graphql is not supported\n"
       "```graphql\n"
       "   ^\n"},
      {"POST http://x\n```hex\n00\n```\n",
       "t.hurl:2:4: error: multiline hex is not supported\n"
       "```hex\n"
       "   ^\n"},
      {"POST http://x\n```foo\nx\n```\n",
       "t.hurl:2:4: error: unknown multiline string type \"foo\"\n"
       "```foo\n"
       "   ^\n"},
      {"POST http://x\n```json,escape\n{}\n```\n",
       "t.hurl:2:9: error: multiline attribute escape is not supported\n"
       "```json,escape\n"
       "        ^\n"},
      {"POST http://x\n```json, \n{}\n```\n",
       "t.hurl:2:8: error: expected end of line\n"
       "```json, \n"
       "       ^\n"},
      {"POST http://x\n```json x\n{}\n```\n",
       "t.hurl:2:9: error: expected end of line\n"
       "```json x\n"
       "        ^\n"},
      {"POST http://x\nbase64,SG!k;\n",
       "t.hurl:2:10: error: expected ';' after the base64 data\n"
       "base64,SG!k;\n"
       "         ^\n"},
      {"POST http://x\nbase64,S;\n",
       "t.hurl:2:8: error: invalid base64\n"
       "base64,S;\n"
       "       ^\n"},
      {"POST http://x\nhex,zz;\n",
       "t.hurl:2:5: error: expected ';' after the hex data\n"
       "hex,zz;\n"
       "    ^\n"},
      {"POST http://x\nhex,abc;\n",
       "t.hurl:2:5: error: invalid hex: odd number of digits\n"
       "hex,abc;\n"
       "    ^\n"},
      {"POST http://x\nfile,data.bin;\n",
       "t.hurl:2:1: error: file bodies are not supported\n"
       "file,data.bin;\n"
       "^\n"},
      {"POST http://x\n<?xml version=\"1.0\"?>\n",
       "t.hurl:2:1: error: XML bodies are not supported\n"
       "<?xml version=\"1.0\"?>\n"
       "^\n"},
  });
}

TEST_CASE("errors: JSON bodies") {
  check_errors({
      {"POST http://x\n{\"a\" 1}\n",
       "t.hurl:2:6: error: invalid JSON body: expected ':'\n"
       "{\"a\" 1}\n"
       "     ^\n"},
      {"POST http://x\n{\"a\": 1,}\n",
       "t.hurl:2:9: error: invalid JSON body: expected a quoted key\n"
       "{\"a\": 1,}\n"
       "        ^\n"},
      {"POST http://x\n{\"a\": 1 \"b\": 2}\n",
       "t.hurl:2:9: error: invalid JSON body: expected ',' or '}'\n"
       "{\"a\": 1 \"b\": 2}\n"
       "        ^\n"},
      {"POST http://x\n[1 2]\n",
       "t.hurl:2:4: error: invalid JSON body: expected ',' or ']'\n"
       "[1 2]\n"
       "   ^\n"},
      {"POST http://x\n{\"a\": tru}\n",
       "t.hurl:2:7: error: invalid JSON body: expected a value\n"
       "{\"a\": tru}\n"
       "      ^\n"},
      {"POST http://x\n{\"a\": \"b\n}\n",
       "t.hurl:2:7: error: invalid JSON body: unterminated string\n"
       "{\"a\": \"b\n"
       "      ^\n"},
      {"POST http://x\n{\"a\": \"\\x\"}\n",
       "t.hurl:2:8: error: invalid JSON body: invalid escape sequence\n"
       "{\"a\": \"\\x\"}\n"
       "       ^\n"},
      {"POST http://x\n[-]\n",
       "t.hurl:2:3: error: invalid JSON body: invalid number\n"
       "[-]\n"
       "  ^\n"},
      {"POST http://x\n{\"a\": 1} x\n",
       "t.hurl:2:10: error: expected end of line\n"
       "{\"a\": 1} x\n"
       "         ^\n"},
  });
  const std::string deep(300, '[');
  CHECK(error_of("POST http://x\n" + deep + "\n") ==
        "t.hurl:2:258: error: invalid JSON body: nested too deeply\n" + deep + "\n" + std::string(257, ' ') +
            "^\n");
}

TEST_CASE("errors: queries and filters") {
  check_errors({
      {"GET http://x\nHTTP 200\n[Asserts]\nxpath \"//a\" exists\n",
       "t.hurl:4:1: error: query xpath is not supported\n"
       "xpath \"//a\" exists\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\ncertificate \"Subject\" == \"x\"\n",
       "t.hurl:4:1: error: query certificate is not supported\n"
       "certificate \"Subject\" == \"x\"\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nfoo == 1\n",
       "t.hurl:4:1: error: expected a query\n"
       "foo == 1\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nheader Content-Type == \"x\"\n",
       "t.hurl:4:8: error: expected a quoted string\n"
       "header Content-Type == \"x\"\n"
       "       ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nregex 12 exists\n",
       "t.hurl:4:7: error: expected a quoted string or a /regex/\n"
       "regex 12 exists\n"
       "      ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nheader\"X\" exists\n",
       "t.hurl:4:7: error: expected a space\n"
       "header\"X\" exists\n"
       "      ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\njsonpath \"$.a\" xpath \"//b\" exists\n",
       "t.hurl:4:16: error: filter xpath is not supported\n"
       "jsonpath \"$.a\" xpath \"//b\" exists\n"
       "               ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\njsonpath \"$.a\" toDate \"%Y\" exists\n",
       "t.hurl:4:16: error: filter toDate is not supported\n"
       "jsonpath \"$.a\" toDate \"%Y\" exists\n"
       "               ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\njsonpath \"$.a\" replace /a/ \"b\" == \"c\"\n",
       "t.hurl:4:24: error: replace with a /regex/ is not supported (use replaceRegex)\n"
       "jsonpath \"$.a\" replace /a/ \"b\" == \"c\"\n"
       "                       ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nbytes decode \"gb2312\" == \"x\"\n",
       "t.hurl:4:14: error: encoding \"gb2312\" is not supported (only \"utf-8\")\n"
       "bytes decode \"gb2312\" == \"x\"\n"
       "             ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\njsonpath \"$.a\" nth x == 1\n",
       "t.hurl:4:20: error: expected an integer\n"
       "jsonpath \"$.a\" nth x == 1\n"
       "                   ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\njsonpath \"$.a\" split , == 1\n",
       "t.hurl:4:22: error: expected a quoted string\n"
       "jsonpath \"$.a\" split , == 1\n"
       "                     ^\n"},
  });
}

TEST_CASE("errors: predicates and values") {
  check_errors({
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus\n",
       "t.hurl:4:7: error: expected a predicate\n"
       "status\n"
       "      ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus ~= 200\n",
       "t.hurl:4:8: error: expected a predicate\n"
       "status ~= 200\n"
       "       ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus not\n",
       "t.hurl:4:11: error: expected a predicate\n"
       "status not\n"
       "          ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus==200\n",
       "t.hurl:4:7: error: expected a space\n"
       "status==200\n"
       "      ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus isDate\n",
       "t.hurl:4:8: error: predicate isDate is not supported\n"
       "status isDate\n"
       "       ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus equals 200\n",
       "t.hurl:4:8: error: predicate equals is not supported\n"
       "status equals 200\n"
       "       ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus > true\n",
       "t.hurl:4:10: error: expected a number or a quoted string\n"
       "status > true\n"
       "         ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nbody startsWith 1\n",
       "t.hurl:4:17: error: expected a quoted string or bytes\n"
       "body startsWith 1\n"
       "                ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nbody matches 1\n",
       "t.hurl:4:14: error: expected a quoted string or a /regex/\n"
       "body matches 1\n"
       "             ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nbody == /a/\n",
       "t.hurl:4:9: error: a /regex/ can only follow matches\n"
       "body == /a/\n"
       "        ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nbody == file,a.txt;\n",
       "t.hurl:4:9: error: file values are not supported\n"
       "body == file,a.txt;\n"
       "        ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nbody == nope\n",
       "t.hurl:4:9: error: expected a value\n"
       "body == nope\n"
       "        ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus ==\n",
       "t.hurl:4:10: error: expected a value\n"
       "status ==\n"
       "         ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus == 200 300\n",
       "t.hurl:4:15: error: expected end of line\n"
       "status == 200 300\n"
       "              ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nduration < 1.\n",
       "t.hurl:4:14: error: expected digits after '.'\n"
       "duration < 1.\n"
       "             ^\n"},
      {"GET http://x\nHTTP 200\n[Asserts]\nstatus == 99999999999999999999\n",
       "t.hurl:4:11: error: number out of range\n"
       "status == 99999999999999999999\n"
       "          ^\n"},
  });
}

TEST_CASE("errors: captures") {
  check_errors({
      {"GET http://x\nHTTP 200\n[Captures]\nid: jsonpath \"$.id\" == 1\n",
       "t.hurl:4:21: error: expected a filter\n"
       "id: jsonpath \"$.id\" == 1\n"
       "                    ^\n"},
      {"GET http://x\nHTTP 200\n[Captures]\nid: jsonpath \"$.id\" redact\n",
       "t.hurl:4:21: error: capture redact is not supported\n"
       "id: jsonpath \"$.id\" redact\n"
       "                    ^\n"},
      {"GET http://x\nHTTP 200\n[Captures]\n1d: status\n",
       "t.hurl:4:1: error: expected a variable name\n"
       "1d: status\n"
       "^\n"},
      {"GET http://x\nHTTP 200\n[Captures]\nmy.id: status\n",
       "t.hurl:4:3: error: expected ':'\n"
       "my.id: status\n"
       "  ^\n"},
  });
}
