#include "checker/jsonpath/functions.hpp"

#include <array>

#include "checker/jsonpath/iregexp.hpp"
#include "checker/text/utf8.hpp"

namespace roadwork::jsonpath {

const nlohmann::json* Value::get() const {
  if (const auto* ref = std::get_if<const nlohmann::json*>(&value_)) return *ref;
  return std::get_if<nlohmann::json>(&value_);
}

namespace {

using Json = nlohmann::json;

// RFC 9535 §2.4.4: the length of a string (in Unicode scalar values), array or object; Nothing otherwise.
Operand length(std::span<Operand> arguments) {
  const Json* value = std::get<Value>(arguments[0]).get();
  if (value == nullptr) return Value();
  if (value->is_string()) {
    return Value(Json(text::count_scalar_values(value->get_ref<const std::string&>())));
  }
  if (value->is_array() || value->is_object()) return Value(Json(value->size()));
  return Value();
}

// RFC 9535 §2.4.5: the number of nodes.
Operand count(std::span<Operand> arguments) { return Value(Json(std::get<Nodes>(arguments[0]).size())); }

// RFC 9535 §2.4.6 and §2.4.7: false unless both arguments are strings and the pattern is a valid I-Regexp.
Operand regex_test(std::span<Operand> arguments, RegexMode mode) {
  const Json* text = std::get<Value>(arguments[0]).get();
  const Json* pattern = std::get<Value>(arguments[1]).get();
  if (text == nullptr || pattern == nullptr || !text->is_string() || !pattern->is_string()) return false;
  return iregexp_matches(pattern->get_ref<const std::string&>(), text->get_ref<const std::string&>(), mode)
      .value_or(false);
}

Operand match(std::span<Operand> arguments) { return regex_test(arguments, RegexMode::kMatch); }
Operand search(std::span<Operand> arguments) { return regex_test(arguments, RegexMode::kSearch); }

// RFC 9535 §2.4.8: the value of the only node, or Nothing when there is not exactly one.
Operand value(std::span<Operand> arguments) {
  const Nodes& nodes = std::get<Nodes>(arguments[0]);
  return nodes.size() == 1 ? Value(nodes.front()) : Value();
}

const std::array<Function, 5> kFunctions = {{
    {"length", Type::kValue, {Type::kValue}, length},
    {"count", Type::kValue, {Type::kNodes}, count},
    {"match", Type::kLogical, {Type::kValue, Type::kValue}, match},
    {"search", Type::kLogical, {Type::kValue, Type::kValue}, search},
    {"value", Type::kValue, {Type::kNodes}, value},
}};

}  // namespace

const Function* find_function(std::string_view name) {
  for (const Function& function : kFunctions) {
    if (function.name == name) return &function;
  }
  return nullptr;
}

}  // namespace roadwork::jsonpath
