#include "checker/run/value.hpp"

#include <fmt/format.h>

#include <limits>

#include "checker/run/dates.hpp"
#include "checker/run/encoding.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::run {

namespace {

// A report shows at most this much of one value; bodies of several MiB would bury the message.
constexpr std::size_t kDescribeLimit = 4096;

std::string cut(std::string text) {
  if (text.size() <= kDescribeLimit) return text;
  auto end = kDescribeLimit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // keep UTF-8 whole
  const auto dropped = text.size() - end;
  text.resize(end);
  return text + fmt::format("… ({} more bytes)", dropped);
}

// JSON text that never throws on invalid UTF-8 (a server may send any bytes inside a JSON string). The
// dump escapes C0 controls itself; C1 controls, which it keeps, become \u0080–\u009f as well.
std::string dump(const nlohmann::json& json) {
  return text::escape_controls(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

Value Value::from_json(const nlohmann::json& json) {
  using Type = nlohmann::json::value_t;
  switch (json.type()) {
    case Type::null:
      return null();
    case Type::boolean:
      return Value(Kind::Bool, json);
    case Type::number_integer:
      return Value(Kind::Integer, json);
    case Type::number_unsigned:
      if (json.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return floating(json.get<double>());
      }
      return integer(json.get<std::int64_t>());
    case Type::number_float:
      return Value(Kind::Float, json);
    case Type::string:
      return Value(Kind::String, json);
    case Type::array:
      return Value(Kind::List, json);
    case Type::object:
      return Value(Kind::Object, json);
    case Type::binary:
      return Value(Kind::Bytes, json);
    case Type::discarded:
      break;
  }
  return null();
}

Value Value::string(std::string text) { return Value(Kind::String, nlohmann::json(std::move(text))); }
Value Value::integer(std::int64_t number) { return Value(Kind::Integer, nlohmann::json(number)); }
Value Value::floating(double number) { return Value(Kind::Float, nlohmann::json(number)); }
Value Value::boolean(bool flag) { return Value(Kind::Bool, nlohmann::json(flag)); }
Value Value::null() { return Value(Kind::Null, nlohmann::json()); }
Value Value::unit() { return Value(Kind::Unit, nlohmann::json(true)); }
Value Value::date(std::int64_t unix_seconds) { return Value(Kind::Date, nlohmann::json(unix_seconds)); }

Value Value::bytes(std::string_view data) {
  return Value(Kind::Bytes, nlohmann::json::binary(std::vector<std::uint8_t>(data.begin(), data.end())));
}

nlohmann::json Value::to_json() const {
  if (kind_ == Kind::Date) return format_iso8601(as_date());
  return json_;
}

const std::string& Value::as_string() const { return json_.get_ref<const std::string&>(); }
std::int64_t Value::as_integer() const { return json_.get<std::int64_t>(); }
double Value::as_number() const { return json_.get<double>(); }
std::int64_t Value::as_date() const { return json_.get<std::int64_t>(); }

std::string Value::as_bytes() const {
  const auto& binary = json_.get_binary();
  return std::string(binary.begin(), binary.end());
}

bool equal_values(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.kind() == Value::Kind::Integer && b.kind() == Value::Kind::Integer) {
      return a.as_integer() == b.as_integer();
    }
    return a.as_number() == b.as_number();
  }
  if (a.kind() != b.kind()) return false;
  // nlohmann compares lists and objects element-wise and numbers across integer/float, as Hurl does.
  return a.json() == b.json();
}

std::string describe(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Bytes:
      return cut("hex," + hex_encode(value.as_bytes()) + ";");
    case Value::Kind::Unit:
      return "present";
    case Value::Kind::Date:
      return format_iso8601(value.as_date());
    default:
      return cut(dump(value.json()));
  }
}

std::optional<std::string> render(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::String:
      return value.as_string();
    case Value::Kind::Null:
    case Value::Kind::Bool:
    case Value::Kind::Integer:
    case Value::Kind::Float:
      return dump(value.json());
    case Value::Kind::Date:
      return format_iso8601(value.as_date());
    default:
      return std::nullopt;
  }
}

const char* kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Bool:
      return "a boolean";
    case Value::Kind::Integer:
      return "an integer";
    case Value::Kind::Float:
      return "a float";
    case Value::Kind::String:
      return "a string";
    case Value::Kind::Bytes:
      return "bytes";
    case Value::Kind::List:
      return "a list";
    case Value::Kind::Object:
      return "an object";
    case Value::Kind::Unit:
      return "a flag";
    case Value::Kind::Date:
      return "a date";
  }
  return "a value";
}

}  // namespace roadwork::run
