#include "checker/jsonpath/compare.hpp"

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace roadwork::jsonpath {
namespace {

using Json = nlohmann::json;

// Every int64, uint64 and double converts to long double exactly where it has a 64-bit mantissa (x86-64,
// AArch64), so comparing there is exact across the three number types nlohmann::json keeps.
static_assert(std::numeric_limits<long double>::digits >= 64, "number comparison needs a 64-bit mantissa");

long double number(const Json& value) {
  switch (value.type()) {
    case Json::value_t::number_integer:
      return static_cast<long double>(value.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return static_cast<long double>(value.get<std::uint64_t>());
    default:
      return static_cast<long double>(value.get<double>());
  }
}

bool equal(const Json& left, const Json& right) {
  std::vector<std::pair<const Json*, const Json*>> pending{{&left, &right}};
  while (!pending.empty()) {
    const auto [a, b] = pending.back();
    pending.pop_back();
    if (a->is_number() && b->is_number()) {
      if (number(*a) != number(*b)) return false;
      continue;
    }
    if (a->type() != b->type() || a->size() != b->size()) return false;
    if (a->is_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) pending.emplace_back(&(*a)[i], &(*b)[i]);
    } else if (a->is_object()) {
      for (const auto& [name, member] : a->items()) {
        const auto found = b->find(name);
        if (found == b->end()) return false;
        pending.emplace_back(&member, &*found);
      }
    } else if (*a != *b) {  // null, boolean, string
      return false;
    }
  }
  return true;
}

bool less(const Json& left, const Json& right) {
  if (left.is_number() && right.is_number()) return number(left) < number(right);
  // UTF-8 byte order is code point order, and std::string compares bytes as unsigned char.
  if (left.is_string() && right.is_string()) {
    return left.get_ref<const std::string&>() < right.get_ref<const std::string&>();
  }
  return false;
}

bool equal_operands(const Json* left, const Json* right) {
  if (left == nullptr || right == nullptr) return left == right;
  return equal(*left, *right);
}

bool less_operands(const Json* left, const Json* right) {
  return left != nullptr && right != nullptr && less(*left, *right);
}

}  // namespace

bool compare(const Json* left, CompareOp op, const Json* right) {
  switch (op) {
    case CompareOp::kEq:
      return equal_operands(left, right);
    case CompareOp::kNe:
      return !equal_operands(left, right);
    case CompareOp::kLt:
      return less_operands(left, right);
    case CompareOp::kLe:
      return less_operands(left, right) || equal_operands(left, right);
    case CompareOp::kGt:
      return less_operands(right, left);
    case CompareOp::kGe:
      return less_operands(right, left) || equal_operands(left, right);
  }
  return false;
}

}  // namespace roadwork::jsonpath
