#pragma once
// The syntax tree of a parsed query (RFC 9535 §2.1–§2.5). Built by the parser, read by the evaluator.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace roadwork::jsonpath {

struct Expr;
struct Function;

/// RFC 9535 §2.3.1: selects the member with this name.
struct NameSelector {
  std::string name;
};

/// RFC 9535 §2.3.2: selects every element or member value.
struct WildcardSelector {};

/// RFC 9535 §2.3.3: selects one element; negative counts from the end.
struct IndexSelector {
  std::int64_t index = 0;
};

/// RFC 9535 §2.3.4: `start:end:step`; an absent bound takes its default, which depends on the sign of step.
struct SliceSelector {
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> end;
  std::int64_t step = 1;
};

/// RFC 9535 §2.3.5: selects the children for which `condition` (of LogicalType) holds.
struct FilterSelector {
  std::shared_ptr<const Expr> condition;
};

using Selector = std::variant<NameSelector, WildcardSelector, IndexSelector, SliceSelector, FilterSelector>;

/// RFC 9535 §2.5: a child segment `[...]` or, with `descendant`, a descendant segment `..[...]`.
struct Segment {
  bool descendant = false;
  bool spaced = false;  // whitespace inside the brackets, which singular-query-segments (§2.3.5.1) rule out
  std::vector<Selector> selectors;
};

/// A query: `$` (or `@` when `relative`) followed by segments (RFC 9535 §2.1, §2.3.5).
struct Path {
  bool relative = false;
  std::vector<Segment> segments;

  /// True for a singular query (RFC 9535 §2.3.5.1): only child segments of one name or index selector each,
  /// written without whitespace inside the brackets, so it selects at most one node.
  bool singular() const;
};

/// The three types of filter expressions (RFC 9535 §2.4.1).
enum class Type { kValue, kLogical, kNodes };

/// RFC 9535 §2.3.5.1: comparison-op.
enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

/// A filter expression (RFC 9535 §2.3.5.1). One node type for all kinds keeps the tree simple; the kind says
/// which fields are used.
struct Expr {
  enum class Kind {
    kLiteral,  // `literal`
    kQuery,    // `query`
    kCall,     // `function` applied to `operands`
    kCompare,  // operands[0] `op` operands[1]
    kAnd,      // operands joined by &&
    kOr,       // operands joined by ||
    kNot,      // !operands[0]
  };

  Kind kind = Kind::kLiteral;
  std::size_t offset = 0;  // where the expression starts in the query, for error messages
  nlohmann::json literal;
  Path query;
  const Function* function = nullptr;
  CompareOp op = CompareOp::kEq;
  std::vector<Expr> operands;

  /// The expression's type (RFC 9535 §2.4.1): a query is NodesType, a literal ValueType, a call its
  /// function's result type, everything else LogicalType.
  Type type() const;
};

/// The parsed form of a query that `Query` shares between its copies.
struct CompiledQuery {
  Path path;
};

}  // namespace roadwork::jsonpath
