#pragma once
// Evaluation of a parsed query against a document (RFC 9535 §2.1.2, §2.3, §2.5).

#include <cstddef>
#include <nlohmann/json.hpp>
#include <variant>
#include <vector>

#include "checker/jsonpath/ast.hpp"
#include "checker/jsonpath/jsonpath.hpp"

namespace roadwork::jsonpath {

/// Applies `query` to `document` and returns the resulting nodelist with normalized paths, or EvalError when
/// more than `max_steps` steps (nodes visited, selected or tested, path characters spelled out) were needed.
/// Document depth costs no stack: descendant segments and comparisons walk the document with explicit stacks.
std::variant<std::vector<Node>, EvalError> evaluate_query(const CompiledQuery& query,
                                                          const nlohmann::json& document,
                                                          std::size_t max_steps);

}  // namespace roadwork::jsonpath
