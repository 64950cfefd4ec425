#pragma once
// Comparison of filter operands (RFC 9535 §2.3.5.2.2).

#include <nlohmann/json.hpp>

#include "checker/jsonpath/ast.hpp"

namespace roadwork::jsonpath {

/// Compares two ValueType operands; nullptr stands for Nothing (an empty nodelist or a function's Nothing).
/// == is deep equality in which numbers compare by value (1 == 1.0) and Nothing equals only Nothing;
/// < holds only between two numbers or two strings (by Unicode scalar values); <= is < or ==; > and >= swap
/// the operands. Deeply nested arrays and objects are compared without recursion.
bool compare(const nlohmann::json* left, CompareOp op, const nlohmann::json* right);

}  // namespace roadwork::jsonpath
