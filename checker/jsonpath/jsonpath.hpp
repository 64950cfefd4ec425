#pragma once
// JSONPath (RFC 9535) over nlohmann::json.

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace roadwork::jsonpath {

/// A syntax or well-typedness error in a query (RFC 9535 §2.1, §2.4.3); `offset` is 0-based in bytes.
struct ParseError {
  std::size_t offset = 0;
  std::string message;
};

/// A node of the result: a pointer into the queried document and its normalized path (RFC 9535 §2.7),
/// e.g. `$['a'][0]`. Pointers stay valid as long as the document does.
struct Node {
  const nlohmann::json* value = nullptr;
  std::string path;
};

/// An evaluation stopped by EvalLimits (RFC 9535 §4.1: a query can be written to take time or memory out of
/// proportion to the document, e.g. with nested descendant segments or many selectors).
struct EvalError {
  std::string message;
};

/// Bounds on one evaluation. A step is a node visited, selected or tested; a path character spelled out is
/// one step too. The default allows queries far larger than any check file needs.
struct EvalLimits {
  std::size_t max_steps = 10'000'000;
};

struct CompiledQuery;  // opaque syntax tree

/// A parsed query, cheap to copy, reusable on many documents.
class Query {
 public:
  /// Parses `text` (RFC 9535 §2.1.1 grammar, §2.4.3 well-typedness); returns the query or the first error.
  /// A default-constructed Query selects nothing.
  static std::variant<Query, ParseError> parse(std::string_view text);

  /// Evaluates against `document`; returns the nodelist in document order as RFC 9535 §2 defines it.
  /// Unbounded: for queries from untrusted sources use the overload with EvalLimits.
  std::vector<Node> evaluate(const nlohmann::json& document) const;

  /// Evaluates like evaluate(document), but returns EvalError once `limits` are exceeded. Deep documents are
  /// safe either way: evaluation recursion follows the query's nesting (capped by the parser), not the
  /// document's.
  std::variant<std::vector<Node>, EvalError> evaluate(const nlohmann::json& document,
                                                      const EvalLimits& limits) const;

 private:
  std::shared_ptr<const CompiledQuery> compiled_;
};

}  // namespace roadwork::jsonpath
