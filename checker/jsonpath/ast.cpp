#include "checker/jsonpath/ast.hpp"

#include <algorithm>

#include "checker/jsonpath/functions.hpp"

namespace roadwork::jsonpath {

bool Path::singular() const {
  return std::all_of(segments.begin(), segments.end(), [](const Segment& segment) {
    return !segment.descendant && !segment.spaced && segment.selectors.size() == 1 &&
           (std::holds_alternative<NameSelector>(segment.selectors[0]) ||
            std::holds_alternative<IndexSelector>(segment.selectors[0]));
  });
}

Type Expr::type() const {
  switch (kind) {
    case Kind::kLiteral:
      return Type::kValue;
    case Kind::kQuery:
      return Type::kNodes;
    case Kind::kCall:
      return function->result;
    default:
      return Type::kLogical;
  }
}

}  // namespace roadwork::jsonpath
