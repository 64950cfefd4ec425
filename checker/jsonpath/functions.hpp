#pragma once
// The function extensions of RFC 9535 §2.4: their signatures (for well-typedness at parse time, §2.4.3) and
// their behaviour (§2.4.4–§2.4.8).

#include <nlohmann/json.hpp>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/jsonpath/ast.hpp"

namespace roadwork::jsonpath {

/// A ValueType value (RFC 9535 §2.4.1): a JSON value, or Nothing. It points into the document or the query,
/// or owns a value a function computed.
class Value {
 public:
  Value() = default;  // Nothing
  explicit Value(const nlohmann::json* value) : value_(value) {}
  explicit Value(nlohmann::json computed) : value_(std::move(computed)) {}

  /// The JSON value, or nullptr for Nothing.
  const nlohmann::json* get() const;

 private:
  std::variant<std::monostate, const nlohmann::json*, nlohmann::json> value_;
};

/// A NodesType value (RFC 9535 §2.4.1); paths are not needed inside filters.
using Nodes = std::vector<const nlohmann::json*>;

/// A function argument or result, of the alternative that matches its declared type: ValueType as Value,
/// LogicalType as bool, NodesType as Nodes.
using Operand = std::variant<Value, bool, Nodes>;

/// A function extension: name, declared types and body. The body receives one operand per parameter, already
/// converted to the declared parameter type, and returns an operand of the declared result type.
struct Function {
  std::string_view name;
  Type result;
  std::vector<Type> parameters;
  Operand (*call)(std::span<Operand> arguments);
};

/// The function named `name`, or nullptr when RFC 9535 §2.4 defines no such function.
const Function* find_function(std::string_view name);

}  // namespace roadwork::jsonpath
