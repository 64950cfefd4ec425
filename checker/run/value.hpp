#pragma once
// The values that queries, filters and predicates work on, with Hurl's types (Hurl docs:
// asserting-response, "Predicates": strings, booleans, numbers, bytes, null, collections).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace roadwork::run {

/// A typed value. JSON kinds (null, boolean, integer, float, string, list, object) are held as
/// nlohmann::json; bytes as a JSON binary value, so captures keep their type in `Variables`. Two kinds exist
/// only in checks: `Unit` (a cookie flag such as `Secure` that is present) and `Date` (a cookie's `Expires`).
class Value {
 public:
  enum class Kind { Null, Bool, Integer, Float, String, Bytes, List, Object, Unit, Date };

  /// The value of a JSON document node; an unsigned integer above INT64_MAX becomes a float.
  static Value from_json(const nlohmann::json& json);
  static Value string(std::string text);
  static Value integer(std::int64_t number);
  static Value floating(double number);
  static Value boolean(bool flag);
  static Value null();
  static Value bytes(std::string_view data);
  static Value unit();
  /// A point in time, in seconds since 1970-01-01T00:00:00Z.
  static Value date(std::int64_t unix_seconds);

  Kind kind() const { return kind_; }
  bool is_number() const { return kind_ == Kind::Integer || kind_ == Kind::Float; }

  /// The JSON form: what a capture stores in `Variables`. A Unit is stored as `true` and a Date as its
  /// ISO 8601 text, since JSON has neither.
  nlohmann::json to_json() const;

  // Accessors; each requires the matching kind.
  const std::string& as_string() const;
  std::string as_bytes() const;
  std::int64_t as_integer() const;
  double as_number() const;  ///< integer or float, as a double
  std::int64_t as_date() const;
  const nlohmann::json& json() const { return json_; }  ///< the list or object (or any JSON kind)

 private:
  Value(Kind kind, nlohmann::json json) : kind_(kind), json_(std::move(json)) {}
  Kind kind_;
  nlohmann::json json_;
};

/// Hurl's equality (`==`, and `includes` on each element): numbers compare by value across integer and
/// float (1 == 1.0); other kinds are equal only to the same kind with the same content.
bool equal_values(const Value& a, const Value& b);

/// How a value is shown as expected/actual in reports: strings quoted JSON-style, lists and objects as
/// compact JSON, bytes as `hex,…;`, dates as ISO 8601, a present cookie flag as `present`. Long texts are cut
/// to a few KiB so a huge body does not flood a report.
std::string describe(const Value& value);

/// What a value inserts into a template (Hurl docs: templates, "Types"): a string as-is, a number or
/// boolean or null as JSON text, a date as ISO 8601; nullopt for bytes, lists, objects and Unit, which
/// Hurl refuses to render.
std::optional<std::string> render(const Value& value);

/// The kind with an article, for messages: "a string", "an integer", "a list", …
const char* kind_name(Value::Kind kind);

}  // namespace roadwork::run
