#include "checker/jsonpath/jsonpath.hpp"

#include <limits>

#include "checker/jsonpath/ast.hpp"
#include "checker/jsonpath/evaluator.hpp"
#include "checker/jsonpath/parser.hpp"

namespace roadwork::jsonpath {

std::variant<Query, ParseError> Query::parse(std::string_view text) {
  std::variant<CompiledQuery, ParseError> parsed = Parser(text).parse();
  if (auto* error = std::get_if<ParseError>(&parsed)) return std::move(*error);
  Query query;
  query.compiled_ = std::make_shared<const CompiledQuery>(std::move(std::get<CompiledQuery>(parsed)));
  return query;
}

std::vector<Node> Query::evaluate(const nlohmann::json& document) const {
  return std::get<std::vector<Node>>(evaluate(document, EvalLimits{std::numeric_limits<std::size_t>::max()}));
}

std::variant<std::vector<Node>, EvalError> Query::evaluate(const nlohmann::json& document,
                                                           const EvalLimits& limits) const {
  if (!compiled_) return std::vector<Node>{};
  return evaluate_query(*compiled_, document, limits.max_steps);
}

}  // namespace roadwork::jsonpath
