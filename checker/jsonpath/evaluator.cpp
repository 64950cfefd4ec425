#include "checker/jsonpath/evaluator.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "checker/jsonpath/compare.hpp"
#include "checker/jsonpath/functions.hpp"
#include "checker/jsonpath/normalized_path.hpp"

namespace roadwork::jsonpath {
namespace {

using Json = nlohmann::json;

// A node and its Trail entry; the entry is meaningless inside filters, where no paths are kept.
struct Located {
  const Json* value;
  std::size_t entry;
};

// RFC 9535 §2.3.4.2.2: the indices a slice selects, in order, from an array of `length` elements.
template <typename Visit>
void for_each_slice_index(const SliceSelector& slice, std::int64_t length, Visit visit) {
  const auto normalize = [length](std::int64_t i) { return i >= 0 ? i : length + i; };
  if (slice.step > 0) {
    const std::int64_t lower = std::clamp<std::int64_t>(normalize(slice.start.value_or(0)), 0, length);
    const std::int64_t upper = std::clamp<std::int64_t>(normalize(slice.end.value_or(length)), 0, length);
    for (std::int64_t i = lower; i < upper; i += slice.step) visit(i);
  } else if (slice.step < 0) {
    const std::int64_t upper =
        std::clamp<std::int64_t>(normalize(slice.start.value_or(length - 1)), -1, length - 1);
    const std::int64_t lower =
        std::clamp<std::int64_t>(normalize(slice.end.value_or(-length - 1)), -1, length - 1);
    for (std::int64_t i = upper; lower < i; i += slice.step) visit(i);
  }
}

class Evaluator {
 public:
  Evaluator(const Json& root, std::size_t max_steps) : root_(root), steps_left_(max_steps) {}

  std::optional<std::vector<Node>> run(const Path& path) {
    Trail trail;
    const std::vector<Located> located = select(path, root_, &trail);
    std::vector<Node> nodes;
    nodes.reserve(located.size());
    for (const Located& node : located) {
      std::string normalized = trail.path(node.entry);
      if (!charge(normalized.size())) break;
      nodes.push_back({node.value, std::move(normalized)});
    }
    if (exhausted_) return std::nullopt;
    return nodes;
  }

 private:
  // Spends `steps` of the budget; false once it is gone, after which every loop winds down.
  bool charge(std::size_t steps) {
    if (steps > steps_left_) exhausted_ = true;
    if (!exhausted_) steps_left_ -= steps;
    return !exhausted_;
  }

  // RFC 9535 §2.1.2 and §2.5: applies each segment to every node of the previous one's result. Without a
  // trail (inside filters) no locations are recorded.
  std::vector<Located> select(const Path& path, const Json& start, Trail* trail) {
    std::vector<Located> current{{&start, Trail::kRoot}};
    for (const Segment& segment : path.segments) {
      std::vector<Located> next;
      for (const Located& node : current) {
        if (segment.descendant) {
          descend(segment, node, trail, next);
        } else {
          apply(segment, node, trail, next);
        }
        if (exhausted_) return {};
      }
      current = std::move(next);
    }
    return current;
  }

  // RFC 9535 §2.5.2.2: visits the node and its descendants, each before its own descendants and arrays in
  // order, applying the segment's selectors to each.
  void descend(const Segment& segment, const Located& node, Trail* trail, std::vector<Located>& out) {
    std::vector<Located> pending{node};
    while (!pending.empty() && charge(1)) {
      const Located visited = pending.back();
      pending.pop_back();
      apply(segment, visited, trail, out);
      const std::size_t first_child = pending.size();
      children(visited, trail, pending);
      std::reverse(pending.begin() + static_cast<std::ptrdiff_t>(first_child), pending.end());
    }
  }

  void apply(const Segment& segment, const Located& node, Trail* trail, std::vector<Located>& out) {
    for (const Selector& selector : segment.selectors) {
      std::visit([&](const auto& s) { select_with(s, node, trail, out); }, selector);
    }
  }

  // RFC 9535 §2.3.2: the children of a node, elements and member values in order.
  void children(const Located& node, Trail* trail, std::vector<Located>& out) {
    if (!charge(node.value->is_structured() ? node.value->size() : 0)) return;
    if (node.value->is_array()) {
      for (std::size_t i = 0; i < node.value->size(); ++i) out.push_back(element(node, i, trail));
    } else if (node.value->is_object()) {
      for (auto it = node.value->begin(); it != node.value->end(); ++it) {
        out.push_back(member(node, it, trail));
      }
    }
  }

  static Located element(const Located& parent, std::size_t index, Trail* trail) {
    return {&(*parent.value)[index], trail != nullptr ? trail->add_element(parent.entry, index) : 0};
  }

  static Located member(const Located& parent, const Json::const_iterator& it, Trail* trail) {
    return {&it.value(), trail != nullptr ? trail->add_member(parent.entry, it.key()) : 0};
  }

  // RFC 9535 §2.3.1.2
  void select_with(const NameSelector& selector, const Located& node, Trail* trail,
                   std::vector<Located>& out) {
    if (!node.value->is_object()) return;
    const auto it = node.value->find(selector.name);
    if (it != node.value->end() && charge(1)) out.push_back(member(node, it, trail));
  }

  void select_with(const WildcardSelector&, const Located& node, Trail* trail, std::vector<Located>& out) {
    children(node, trail, out);
  }

  // RFC 9535 §2.3.3.2
  void select_with(const IndexSelector& selector, const Located& node, Trail* trail,
                   std::vector<Located>& out) {
    if (!node.value->is_array()) return;
    const auto length = static_cast<std::int64_t>(node.value->size());
    const std::int64_t index = selector.index >= 0 ? selector.index : length + selector.index;
    if (index >= 0 && index < length && charge(1)) {
      out.push_back(element(node, static_cast<std::size_t>(index), trail));
    }
  }

  void select_with(const SliceSelector& selector, const Located& node, Trail* trail,
                   std::vector<Located>& out) {
    if (!node.value->is_array()) return;
    for_each_slice_index(selector, static_cast<std::int64_t>(node.value->size()), [&](std::int64_t i) {
      if (charge(1)) out.push_back(element(node, static_cast<std::size_t>(i), trail));
    });
  }

  // RFC 9535 §2.3.5.2: the children for which the condition holds, with @ bound to each.
  void select_with(const FilterSelector& selector, const Located& node, Trail* trail,
                   std::vector<Located>& out) {
    if (node.value->is_array()) {
      for (std::size_t i = 0; i < node.value->size() && charge(1); ++i) {
        if (test(*selector.condition, (*node.value)[i])) out.push_back(element(node, i, trail));
      }
    } else if (node.value->is_object()) {
      for (auto it = node.value->begin(); it != node.value->end() && charge(1); ++it) {
        if (test(*selector.condition, it.value())) out.push_back(member(node, it, trail));
      }
    }
  }

  // A logical expression, or a query or NodesType call converted to LogicalType (RFC 9535 §2.4.2).
  bool test(const Expr& expr, const Json& current) {
    switch (expr.kind) {
      case Expr::Kind::kAnd:
        return std::all_of(expr.operands.begin(), expr.operands.end(),
                           [&](const Expr& operand) { return test(operand, current); });
      case Expr::Kind::kOr:
        return std::any_of(expr.operands.begin(), expr.operands.end(),
                           [&](const Expr& operand) { return test(operand, current); });
      case Expr::Kind::kNot:
        return !test(expr.operands[0], current);
      case Expr::Kind::kCompare: {
        const Value left = value(expr.operands[0], current);
        const Value right = value(expr.operands[1], current);
        return compare(left.get(), expr.op, right.get());
      }
      case Expr::Kind::kQuery:
        return !nodes(expr, current).empty();
      case Expr::Kind::kCall: {
        const Operand result = call(expr, current);
        if (const bool* logical = std::get_if<bool>(&result)) return *logical;
        return !std::get<Nodes>(result).empty();
      }
      case Expr::Kind::kLiteral:
        break;  // the parser rejects literals as tests
    }
    return false;
  }

  // A ValueType operand: a literal, a singular query's node (or Nothing) or a ValueType call.
  Value value(const Expr& expr, const Json& current) {
    switch (expr.kind) {
      case Expr::Kind::kLiteral:
        return Value(&expr.literal);
      case Expr::Kind::kQuery: {
        const Nodes found = nodes(expr, current);
        return found.size() == 1 ? Value(found.front()) : Value();
      }
      default:
        return std::get<Value>(call(expr, current));
    }
  }

  // A NodesType operand: a query's nodes or a NodesType call's result.
  Nodes nodes(const Expr& expr, const Json& current) {
    if (expr.kind != Expr::Kind::kQuery) return std::get<Nodes>(call(expr, current));
    const std::vector<Located> located = select(expr.query, expr.query.relative ? current : root_, nullptr);
    Nodes result(located.size());
    std::transform(located.begin(), located.end(), result.begin(),
                   [](const Located& node) { return node.value; });
    return result;
  }

  // RFC 9535 §2.4: each argument is evaluated as its parameter's declared type, which the parser checked.
  Operand call(const Expr& expr, const Json& current) {
    std::vector<Operand> arguments;
    arguments.reserve(expr.operands.size());
    for (std::size_t i = 0; i < expr.operands.size(); ++i) {
      switch (expr.function->parameters[i]) {
        case Type::kValue:
          arguments.emplace_back(value(expr.operands[i], current));
          break;
        case Type::kLogical:
          arguments.emplace_back(test(expr.operands[i], current));
          break;
        case Type::kNodes:
          arguments.emplace_back(nodes(expr.operands[i], current));
          break;
      }
    }
    return expr.function->call(arguments);
  }

  const Json& root_;
  std::size_t steps_left_;
  bool exhausted_ = false;
};

}  // namespace

std::variant<std::vector<Node>, EvalError> evaluate_query(const CompiledQuery& query, const Json& document,
                                                          std::size_t max_steps) {
  std::optional<std::vector<Node>> nodes = Evaluator(document, max_steps).run(query.path);
  if (!nodes) {
    return EvalError{"the query needs more than " + std::to_string(max_steps) +
                     " evaluation steps on this document"};
  }
  return std::move(*nodes);
}

}  // namespace roadwork::jsonpath
