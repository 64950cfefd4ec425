// Unit tests of checker/jsonpath: RFC 9535 selectors, segments, filters, functions, normalized paths, errors.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/jsonpath/iregexp.hpp"
#include "checker/jsonpath/jsonpath.hpp"

namespace {

using nlohmann::json;
using roadwork::jsonpath::EvalError;
using roadwork::jsonpath::EvalLimits;
using roadwork::jsonpath::Node;
using roadwork::jsonpath::ParseError;
using roadwork::jsonpath::Query;

Query parse(std::string_view text) {
  std::variant<Query, ParseError> parsed = Query::parse(text);
  if (const auto* error = std::get_if<ParseError>(&parsed)) {
    FAIL_CHECK((std::string(text) + ": " + std::to_string(error->offset) + ": " + error->message));
    return Query();
  }
  return std::get<Query>(parsed);
}

// The values the query selects, as one JSON array.
json values(std::string_view text, const json& document) {
  json result = json::array();
  for (const Node& node : parse(text).evaluate(document)) result.push_back(*node.value);
  return result;
}

std::vector<std::string> paths(std::string_view text, const json& document) {
  std::vector<std::string> result;
  for (const Node& node : parse(text).evaluate(document)) result.push_back(node.path);
  return result;
}

// The error for an invalid query, as "offset: message".
std::string error(std::string_view text) {
  const std::variant<Query, ParseError> parsed = Query::parse(text);
  const auto* failure = std::get_if<ParseError>(&parsed);
  if (failure == nullptr) return "parsed";
  return std::to_string(failure->offset) + ": " + failure->message;
}

bool valid(std::string_view text) { return std::holds_alternative<Query>(Query::parse(text)); }

const json kStore = json::parse(R"({
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3",
       "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings",
       "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 399}
  }
})");

// A chain of `depth` arrays, each holding the next, built without recursion.
json nested_arrays(std::size_t depth) {
  json value = json::array();
  for (std::size_t i = 1; i < depth; ++i) {
    json outer = json::array();
    outer.push_back(std::move(value));
    value = std::move(outer);
  }
  return value;
}

}  // namespace

TEST_CASE("root and name selectors (RFC 9535 §2.2, §2.3.1)") {
  const json document = {{"a", 1}, {"b c", 2}, {"it's", 3}, {"ü", 4}, {"😀", 5}};
  CHECK(values("$", document) == json::array({document}));
  CHECK(values("$.a", document) == json::array({1}));
  CHECK(values("$['b c']", document) == json::array({2}));
  CHECK(values("$[\"b c\"]", document) == json::array({2}));
  CHECK(values(R"($['it\'s'])", document) == json::array({3}));
  CHECK(values("$.ü", document) == json::array({4}));
  CHECK(values(R"($["\u00FC"])", document) == json::array({4}));
  CHECK(values(R"($["\uD83D\uDE00"])", document) == json::array({5}));
  CHECK(values("$.missing", document).empty());
  CHECK(values("$.a.b", document).empty());
  CHECK(values("$['a','a']", document) == json::array({1, 1}));
}

TEST_CASE("wildcard selector (RFC 9535 §2.3.2)") {
  CHECK(values("$[*]", json::array({1, "x", nullptr})) == json::array({1, "x", nullptr}));
  CHECK(values("$.*", json::object({{"b", 2}, {"a", 1}})) == json::array({1, 2}));
  CHECK(values("$.*", 42).empty());
}

TEST_CASE("index selector (RFC 9535 §2.3.3)") {
  const json array = {"a", "b", "c"};
  CHECK(values("$[0]", array) == json::array({"a"}));
  CHECK(values("$[-1]", array) == json::array({"c"}));
  CHECK(values("$[-3]", array) == json::array({"a"}));
  CHECK(values("$[3]", array).empty());
  CHECK(values("$[-4]", array).empty());
  CHECK(values("$[0]", json::object({{"0", 1}})).empty());
  CHECK(valid("$[9007199254740991]"));
  CHECK(valid("$[-9007199254740991]"));
  CHECK(error("$[9007199254740992]") ==
        "2: integer is out of range: indices and slice bounds must be within +-(2^53-1)");
  CHECK(error("$[-0]") == "2: -0 is not a valid index or slice bound");
  CHECK(error("$[01]") == "2: leading zeros are not allowed in numbers");
  CHECK(error("$[1.0]") == "2: expected an integer");
}

TEST_CASE("slice selector (RFC 9535 §2.3.4)") {
  const json array = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  CHECK(values("$[1:3]", array) == json::array({1, 2}));
  CHECK(values("$[:2]", array) == json::array({0, 1}));
  CHECK(values("$[8:]", array) == json::array({8, 9}));
  CHECK(values("$[::3]", array) == json::array({0, 3, 6, 9}));
  CHECK(values("$[-2:]", array) == json::array({8, 9}));
  CHECK(values("$[::-1]", array) == json::array({9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
  CHECK(values("$[5:1:-2]", array) == json::array({5, 3}));
  CHECK(values("$[-1:-4:-1]", array) == json::array({9, 8, 7}));
  CHECK(values("$[1:5:0]", array).empty());
  CHECK(values("$[-100:100:4]", array) == json::array({0, 4, 8}));
  CHECK(values("$[3:1]", array).empty());
  CHECK(values("$[ 1 : 3 : 1 ]", array) == json::array({1, 2}));
  CHECK(values("$[0:2]", json::object({{"0", 1}})).empty());
  CHECK(values("$[::9007199254740991]", array) == json::array({0}));
  CHECK(values("$[::-9007199254740991]", array) == json::array({9}));
}

TEST_CASE("descendant segments visit nodes before their descendants (RFC 9535 §2.5.2)") {
  const json document = json::parse(R"({"a": {"b": 1, "c": [2, {"b": 3}]}, "b": 4})");
  CHECK(values("$..b", document) == json::array({4, 1, 3}));  // the root's own member comes first
  CHECK(paths("$..b", document) == std::vector<std::string>{"$['b']", "$['a']['b']", "$['a']['c'][1]['b']"});
  CHECK(values("$..[0]", document) == json::array({2}));
  CHECK(values("$..*", json::array({json::array({1}), 2})) == json::array({json::array({1}), 2, 1}));
  CHECK(values("$.store..price", kStore) == json::array({399, 8.95, 12.99, 8.99, 22.99}));
  CHECK(values("$..book[2].author", kStore) == json::array({"Herman Melville"}));
  CHECK(values("$..book[-1:].title", kStore) == json::array({"The Lord of the Rings"}));
}

TEST_CASE("filters: comparisons (RFC 9535 §2.3.5.2.2)") {
  CHECK(values("$.store.book[?@.price < 10].title", kStore) ==
        json::array({"Sayings of the Century", "Moby Dick"}));
  CHECK(values("$..book[?@.isbn].title", kStore) == json::array({"Moby Dick", "The Lord of the Rings"}));
  CHECK(values("$..book[?!@.isbn].title", kStore) ==
        json::array({"Sayings of the Century", "Sword of Honour"}));
  CHECK(values("$..book[?@.price > $.store.bicycle.price]", kStore).empty());

  const json mixed = json::parse(R"([1, 1.0, 2, "1", true, null, [1], {"a": 1}, [1.0], {"a": 1.0}])");
  CHECK(values("$[?@ == 1]", mixed) == json::array({1, 1.0}));
  CHECK_FALSE(valid("$[?@ == [1]]"));  // arrays and objects have no literals
  CHECK(values("$[?@ == null]", mixed) == json::array({nullptr}));
  CHECK(values("$[?@ == true]", mixed) == json::array({true}));
  CHECK(values("$[?@ == '1']", mixed) == json::array({"1"}));
  CHECK(values("$[?@ < 2]", mixed) == json::array({1, 1.0}));
  CHECK(values("$[?@ <= true]", mixed) == json::array({true}));
  CHECK(values("$[?@ > '0']", mixed) == json::array({"1"}));
  CHECK(values("$[?@ == $[6]]", mixed) == json::array({json::array({1}), json::array({1.0})}));
  CHECK(values("$[?@ == $[7]]", mixed) ==
        json::array({json::object({{"a", 1}}), json::object({{"a", 1.0}})}));
  CHECK(values("$[?@ != 1]", json::array({1, 2})) == json::array({2}));
  CHECK(values("$[?1e2 == 100]", json::array({0})) == json::array({0}));
  CHECK(values("$[?-0 == 0]", json::array({0})) == json::array({0}));
  CHECK(values("$[?@ == 9007199254740993]", json::array({9007199254740993LL, 9007199254740992LL})) ==
        json::array({9007199254740993LL}));
  CHECK(values("$[?@ > 'a']", json::array({"b", "é", "A"})) == json::array({"b", "é"}));
}

TEST_CASE("filters: Nothing compares equal only to Nothing (RFC 9535 §2.3.5.2.2)") {
  const json document = json::parse(R"([{"a": 1}, {"b": 2}, {"a": null}])");
  CHECK(values("$[?@.a == @.c]", document) == json::array({json::object({{"b", 2}})}));
  CHECK(values("$[?@.a != 1]", document) ==
        json::array({json::object({{"b", 2}}), json::object({{"a", nullptr}})}));
  CHECK(values("$[?@.a <= @.c]", document) == json::array({json::object({{"b", 2}})}));
  CHECK(values("$[?@.a < @.c]", document).empty());
  CHECK(values("$[?@.a == null]", document) == json::array({json::object({{"a", nullptr}})}));
}

TEST_CASE("filters: logical operators, parentheses, existence, nesting (RFC 9535 §2.3.5)") {
  const json document = json::parse(R"([{"a": 1, "b": 2}, {"a": 2}, {"b": 1}, {"a": false}])");
  CHECK(values("$[?@.a && @.b]", document) == json::array({document[0]}));
  CHECK(values("$[?@.a || @.b]", document) ==
        json::array({document[0], document[1], document[2], document[3]}));
  CHECK(values("$[?@.a == 2 || @.b == 1 && @.a]", document) == json::array({document[1]}));
  CHECK(values("$[?(@.a == 2 || @.b == 1) && !@.a]", document) == json::array({document[2]}));
  CHECK(values("$[?!(@.a == 1)]", document) == json::array({document[1], document[2], document[3]}));
  CHECK(values("$[?@.a == false]", document) == json::array({document[3]}));
  CHECK(values("$[?$[0].a]", json::array({json::object({{"a", 1}}), 2})).size() == 2);
  CHECK(values("$[?@[?@ > 1]]", json::array({json::array({1}), json::array({1, 2})})) ==
        json::array({json::array({1, 2})}));
  CHECK(values("$[?@.*]", json::array({json::array(), json::array({0}), json::object(), 1})) ==
        json::array({json::array({0})}));
  CHECK(values("$.*[?@]", json::object({{"x", {{"a", 1}}}})) == json::array({1}));
}

TEST_CASE("function extensions (RFC 9535 §2.4)") {
  const json words = json::array(
      {"ab", "abc", "é😀", "a\nb", "\u2028", "ÁB", 7, json::array({1, 2}), json::object({{"k", 1}})});
  CHECK(values("$[?length(@) == 2]", words) == json::array({"ab", "é😀", "ÁB", json::array({1, 2})}));
  CHECK(values("$[?length(@) == 1]", words) == json::array({"\u2028", json::object({{"k", 1}})}));
  CHECK(values("$[?length(@.x) == length(@.y)]", json::array({1})) ==
        json::array({1}));  // Nothing == Nothing
  CHECK(values("$[?count(@.*) == 2]", words) == json::array({json::array({1, 2})}));
  CHECK(values("$[?count(@..*) >= 0]", words).size() == words.size());
  CHECK(values("$[?value(@..k) == 1]", words) == json::array({json::object({{"k", 1}})}));
  CHECK(values("$[?value(@.*) == 1]", words) == json::array({json::object({{"k", 1}})}));  // [1, 2]: Nothing

  CHECK(values("$[?match(@, 'ab')]", words) == json::array({"ab"}));
  CHECK(values("$[?search(@, 'b')]", words) == json::array({"ab", "abc", "a\nb"}));
  CHECK(values("$[?match(@, 'a.b')]", words).empty());  // . does not match \n
  CHECK(values("$[?match(@, '.')]", words) == json::array({"\u2028"}));
  CHECK(values("$[?match(@, '..')]", words) == json::array({"ab", "é😀", "ÁB"}));
  CHECK(values("$[?match(@, '\\\\p{Lu}+')]", words) == json::array({"ÁB"}));
  CHECK(values("$[?match(@, '[^a-z]{2}')]", words) == json::array({"é😀", "ÁB"}));
  CHECK(values("$[?match(@, 'a(b|x)c?')]", words) == json::array({"ab", "abc"}));
  CHECK(values("$[?search(@, '^a')]", words) == json::array({"ab", "abc", "a\nb"}));
  CHECK(values("$[?match(@, '[')]", words).empty());  // not an I-Regexp: false, not an error
  CHECK(values("$[?match(@, 1)]", words).empty());
  CHECK(values("$[?!match(@, 'a.*')]", json::array({"ab", 1})) == json::array({1}));
}

TEST_CASE("well-typedness of function expressions is checked at parse time (RFC 9535 §2.4.3)") {
  CHECK(valid("$[?length(@) < 3]"));
  CHECK(valid("$[?count(@.*) == 1]"));
  CHECK(valid("$[?length(value(@..a)) == 1]"));
  CHECK(valid("$[?match(@.a, $.pattern)]"));
  CHECK(error("$[?length(@.*) < 3]") ==
        "10: argument 1 of length() must be a singular query: names and indices "
        "only, one per segment and no whitespace inside brackets");
  CHECK(error("$[?count(1) == 1]") == "9: argument 1 of count() must be a query");
  CHECK(error("$[?length(@)]") == "3: length() returns a value, not a logical result; compare it");
  CHECK(error("$[?match(@, 'a') == true]") == "3: match() does not return a value and cannot be compared");
  CHECK(error("$[?match(@)]") == "3: match() takes 2 arguments, not 1");
  CHECK(error("$[?length(@, @)]") == "3: length() takes 1 argument, not 2");
  CHECK(error("$[?length(@ == 1) == 1]") ==
        "10: argument 1 of length() must be a value: a literal, a singular query or a function returning a "
        "value");
  CHECK(error("$[?foo(@)]") == "3: unknown function 'foo'");
  CHECK(error("$[?length (@) == 1]") == "9: whitespace is not allowed between a function name and '('");
}

TEST_CASE("syntax errors carry the byte offset and say what is wrong") {
  CHECK(error("") == "0: a query must start with '$'");
  CHECK(error(" $") == "0: whitespace is not allowed before '$'");
  CHECK(error("$ ") == "1: whitespace is not allowed at the end of a query");
  CHECK(error("$.") == "2: expected a member name or '*' after '.'");
  CHECK(error("$. a") == "2: whitespace is not allowed after '.'");
  CHECK(error("$...a") == "3: expected a member name, '*' or '[' after '..'");
  CHECK(error("$[]") == "2: expected a selector: a quoted name, '*', an index, a slice or a filter ('?')");
  CHECK(error("$['a'") == "5: expected ',' or ']' after a selector");
  CHECK(error("$['a]") == "2: unterminated string literal");
  CHECK(error("$['\\x']") == "3: invalid escape sequence in string literal");
  CHECK(error("$['\\uD800']") ==
        "3: high surrogate in \\u escape must be followed by a \\u escape of a low "
        "surrogate");
  CHECK(error("$['\\uDC00']") == "3: unpaired low surrogate in \\u escape");
  CHECK(error("$['\t']") == "3: control characters must be escaped in string literals");
  CHECK(error("$[?@.a = 1]") == "7: expected '==' (a single '=' is not an operator)");
  CHECK(error("$[?@.a == 1 & @.b]") == "12: expected '&&'");
  CHECK(error("$[?@.* == 1]") ==
        "3: only singular queries can be compared: names and indices only, one per "
        "segment and no whitespace inside brackets");
  CHECK(error("$[?@[ 'a' ] == 1]") ==
        "3: only singular queries can be compared: names and indices only, one "
        "per segment and no whitespace inside brackets");
  CHECK(error("$[?!@.a == 1]") ==
        "8: '!' applies to the left operand only; write !(a == b) to negate a "
        "comparison");
  CHECK(error("$[?(@.a) == 1]") == "9: a parenthesized expression cannot be compared");
  CHECK(error("$[?1]") == "3: a literal is not a test; compare it, as in @.flag == true");
  CHECK(error("$[?@.a == tru]") ==
        "10: unexpected name 'tru': member names must follow a query, as in @.tru");
  CHECK(error("$[?@.a == 1.]") == "12: expected a digit after the decimal point");
  CHECK(error("$[?@.a == 1e999]") == "10: number is out of range");
  CHECK(error("$#") == "1: unexpected character '#'");
  CHECK(error("$.a\x01") == "3: unexpected control character 0x01");
  CHECK(error("$.a\xff") == "3: invalid UTF-8 in query");
}

TEST_CASE("nesting is capped so that parsing and evaluation recursion stay shallow") {
  const auto nested = [](std::size_t depth) {
    return "$[?" + std::string(depth, '(') + "@" + std::string(depth, ')') + "]";
  };
  CHECK(valid(nested(60)));
  CHECK(error(nested(1000)) == "67: the query is nested too deeply");
  std::string filters = "$";
  for (int i = 0; i < 1000; ++i) filters += "[?@";
  CHECK(error(filters + std::string(1000, ']')) == "195: the query is nested too deeply");
}

TEST_CASE("whitespace is allowed where RFC 9535's S is, and nowhere else") {
  const json document = {{"a", json::array({1, 2})}};
  CHECK(values("$ .a", document) == json::array({json::array({1, 2})}));
  CHECK(values("$[ 'a' ][ 0 ]", document) == json::array({1}));
  CHECK(values("$[?\t@ \n==\r@ ]", json::array({1})) == json::array({1}));
  CHECK(values("$.a[? @ > 1 && ( @ < 3 ) ]", document) == json::array({2}));
  CHECK(values("$[?count( @.* ) == 2]", document) == json::array({json::array({1, 2})}));
  CHECK(values("$[?@ .a [0]== 1]", json::array({document})) == json::array({document}));
  CHECK_FALSE(valid("$.. a"));
  CHECK_FALSE(valid("$[?@. a]"));
  CHECK_FALSE(valid("$['a'] "));
}

TEST_CASE("normalized paths (RFC 9535 §2.7)") {
  const json document = {{"a", json::array({0, {{"b'\\", 1}}})}, {"\u000b\n\x1f/ü", 2}};
  CHECK(paths("$.a[1].*", document) == std::vector<std::string>{R"($['a'][1]['b\'\\'])"});
  CHECK(paths("$.a[-1]", document) == std::vector<std::string>{"$['a'][1]"});
  CHECK(paths("$[?@ == 2]", document) == std::vector<std::string>{"$['\\u000b\\n\\u001f/ü']"});
  CHECK(paths("$", document) == std::vector<std::string>{"$"});
  CHECK(paths("$..[?@ == 0]", document) == std::vector<std::string>{"$['a'][0]"});
}

TEST_CASE("I-Regexp translation (RFC 9485)") {
  using roadwork::jsonpath::iregexp_matches;
  using roadwork::jsonpath::RegexMode;
  using roadwork::jsonpath::translate_iregexp;
  CHECK(translate_iregexp("a.") == R"(\x{61}[^\n\r])");
  CHECK(translate_iregexp("(a|b){2,3}") == R"((?:\x{61}|\x{62}){2,3})");
  CHECK(translate_iregexp("[-a\\]]") == R"([\x{2D}\x{61}\x{5D}])");
  CHECK(translate_iregexp("\\p{Lu}[\\P{Nd}]") == R"(\p{Lu}[\P{Nd}])");
  for (const char* invalid : {"(", ")", "a{2,1}", "[]", "[a-]b-c]", "\\d", "\\w", "\\p{Xx}", "*a", "a**",
                              "a{,2}", "[z-a]", "(?:a)", "a{1000}{1000}", "\\"}) {
    CHECK_MESSAGE(!translate_iregexp(invalid), invalid);
  }
  CHECK(iregexp_matches("\\P{L}", "1", RegexMode::kMatch) == true);
  CHECK(iregexp_matches("[\\p{Nd}x]+", "x٣9", RegexMode::kMatch) == true);
  CHECK(iregexp_matches("a\\.c", "abc", RegexMode::kMatch) == false);
  CHECK(iregexp_matches("a[.]c", "a.c", RegexMode::kMatch) == true);
  CHECK(iregexp_matches("\\t", "\t", RegexMode::kMatch) == true);
  // Categories RE2 lacks (Cn) or reads without the unassigned code points (C), written as complements.
  CHECK(iregexp_matches("\\p{Cn}", "\u0378", RegexMode::kMatch) == true);  // unassigned
  CHECK(iregexp_matches("\\p{Cn}", "a", RegexMode::kMatch) == false);
  CHECK(iregexp_matches("\\p{C}+", "\u0378\x01", RegexMode::kMatch) == true);
  CHECK(iregexp_matches("[\\P{Cn}]+", "a\x01", RegexMode::kMatch) == true);
  CHECK(iregexp_matches("[x\\p{Cn}]", "x", RegexMode::kMatch) == std::nullopt);  // a class in a class
  CHECK(iregexp_matches("a{1001}", "a", RegexMode::kMatch) == std::nullopt);     // over RE2's limit
  CHECK(iregexp_matches("b", "abc", RegexMode::kSearch) == true);
  CHECK(iregexp_matches("^b", "abc", RegexMode::kSearch) == false);
  // Neither the text's length nor nested quantifiers make matching recurse deeply or backtrack exponentially.
  const std::string long_text(200000, 'a');
  CHECK(iregexp_matches("a*", long_text, RegexMode::kMatch) == true);
  CHECK(iregexp_matches("(a*)*b", long_text, RegexMode::kSearch) == false);
  CHECK(iregexp_matches("(((a+)+)+)+c", std::string(40, 'a'), RegexMode::kMatch) == false);
}

TEST_CASE("deep documents neither overflow the stack nor lose nodes") {
  constexpr std::size_t kDepth = 100000;
  const json deep = json::array({json::object({{"a", nested_arrays(kDepth)}, {"b", nested_arrays(kDepth)}})});
  // The queries keep results small: $..* would spell out paths of quadratic total length, and copying a
  // deep node (as values() does) recurses.
  CHECK(parse("$[?count(@..*) == 200000]").evaluate(deep).size() == 1);
  const std::vector<std::string> innermost = paths("$..[?length(@) == 0]", deep);
  REQUIRE(innermost.size() == 2);
  CHECK(innermost[0].size() == std::string("$[0]['a']").size() + 3 * (kDepth - 1));
  CHECK(parse("$[?@.a == @.b]").evaluate(deep).size() == 1);
  const json unequal =
      json::array({json::object({{"a", nested_arrays(kDepth)}, {"b", nested_arrays(kDepth - 1)}})});
  CHECK(parse("$[?@.a == @.b]").evaluate(unequal).empty());
}

TEST_CASE("evaluation limits stop runaway queries") {
  const json document = json::array({json::array({1, 2, 3}), json::array({4, 5, 6}), json::array({7, 8, 9})});
  const Query query = parse("$..[?$..[?$..*]]");  // every node tests every node against every node
  const auto limited = query.evaluate(document, EvalLimits{1000});
  REQUIRE(std::holds_alternative<EvalError>(limited));
  CHECK(std::get<EvalError>(limited).message ==
        "the query needs more than 1000 evaluation steps on this document");
  const auto enough = parse("$[*][0]").evaluate(document, EvalLimits{1000});
  REQUIRE(std::holds_alternative<std::vector<Node>>(enough));
  CHECK(std::get<std::vector<Node>>(enough).size() == 3);
  CHECK(Query().evaluate(document).empty());
}
