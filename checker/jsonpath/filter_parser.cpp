// Filter expressions (RFC 9535 §2.3.5.1) and their well-typedness (§2.4.3).

#include <charconv>
#include <cmath>

#include "checker/jsonpath/functions.hpp"
#include "checker/jsonpath/parser.hpp"

namespace roadwork::jsonpath {
namespace {

// Parentheses, filters and function calls nest; the cap keeps recursion (here and in the evaluator) far from
// the end of the stack on any input.
constexpr int kMaxNesting = 64;

CompareOp compare_op(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq:
      return CompareOp::kEq;
    case TokenKind::kNe:
      return CompareOp::kNe;
    case TokenKind::kLt:
      return CompareOp::kLt;
    case TokenKind::kLe:
      return CompareOp::kLe;
    case TokenKind::kGt:
      return CompareOp::kGt;
    default:
      return CompareOp::kGe;
  }
}

Expr make(Expr::Kind kind, std::size_t offset) {
  Expr expr;
  expr.kind = kind;
  expr.offset = offset;
  return expr;
}

// RFC 9535 §2.3.5.1 singular-query, in words for error messages.
constexpr std::string_view kSingularRule =
    "names and indices only, one per segment and no whitespace inside brackets";

std::string call_name(const Expr& call) { return std::string(call.function->name) + "()"; }

}  // namespace

std::optional<Expr> Parser::logical_or() {
  if (depth_ >= kMaxNesting) {
    fail(peek(), "the query is nested too deeply");
    return std::nullopt;
  }
  ++depth_;
  std::optional<Expr> result = joined(Expr::Kind::kOr);
  --depth_;
  return result;
}

// logical-or-expr = logical-and-expr *(S "||" S logical-and-expr)
// logical-and-expr = basic-expr *(S "&&" S basic-expr)
std::optional<Expr> Parser::joined(Expr::Kind kind) {
  const TokenKind separator = kind == Expr::Kind::kOr ? TokenKind::kOr : TokenKind::kAnd;
  const auto next = [&] { return kind == Expr::Kind::kOr ? joined(Expr::Kind::kAnd) : basic(); };
  std::optional<Expr> first = next();
  if (!first || peek().kind != separator) return first;
  if (!check_test(*first)) return std::nullopt;
  Expr result = make(kind, first->offset);
  result.operands.push_back(std::move(*first));
  while (peek().kind == separator) {
    advance();
    std::optional<Expr> operand = next();
    if (!operand || !check_test(*operand)) return std::nullopt;
    result.operands.push_back(std::move(*operand));
  }
  return result;
}

// basic-expr = paren-expr / comparison-expr / test-expr, where only paren-expr and test-expr take a "!".
std::optional<Expr> Parser::basic() {
  const Token& start = peek();
  if (start.kind == TokenKind::kNot) {
    advance();
    std::optional<Expr> negated = peek().kind == TokenKind::kLParen ? parenthesized() : operand();
    if (!negated || !check_test(*negated)) return std::nullopt;
    if (is_comparison(peek().kind)) {
      fail(peek(), "'!' applies to the left operand only; write !(a == b) to negate a comparison");
      return std::nullopt;
    }
    Expr result = make(Expr::Kind::kNot, start.offset);
    result.operands.push_back(std::move(*negated));
    return result;
  }
  if (start.kind == TokenKind::kLParen) {
    std::optional<Expr> inner = parenthesized();
    if (inner && is_comparison(peek().kind)) {
      fail(peek(), "a parenthesized expression cannot be compared");
      return std::nullopt;
    }
    return inner;
  }
  std::optional<Expr> left = operand();
  if (!left || !is_comparison(peek().kind)) return left;
  if (!check_comparable(*left)) return std::nullopt;
  Expr result = make(Expr::Kind::kCompare, left->offset);
  result.op = compare_op(advance().kind);
  std::optional<Expr> right = operand();
  if (!right || !check_comparable(*right)) return std::nullopt;
  result.operands.push_back(std::move(*left));
  result.operands.push_back(std::move(*right));
  return result;
}

// paren-expr = "(" S logical-expr S ")"
std::optional<Expr> Parser::parenthesized() {
  advance();
  std::optional<Expr> inner = logical_or();
  if (!inner || !check_test(*inner)) return std::nullopt;
  if (peek().kind != TokenKind::kRParen) {
    fail(peek(), "expected ')'");
    return std::nullopt;
  }
  advance();
  return inner;
}

// A literal (§2.3.5.1), a query (filter-query or singular-query) or a function expression (§2.4).
std::optional<Expr> Parser::operand() {
  const Token& token = peek();
  switch (token.kind) {
    case TokenKind::kString: {
      Expr literal = make(Expr::Kind::kLiteral, token.offset);
      literal.literal = advance().text;
      return literal;
    }
    case TokenKind::kNumber:
      return literal_number(advance());
    case TokenKind::kRoot:
    case TokenKind::kCurrent: {
      Expr query = make(Expr::Kind::kQuery, token.offset);
      query.query.relative = advance().kind == TokenKind::kCurrent;
      if (!segments(query.query)) return std::nullopt;
      return query;
    }
    case TokenKind::kName: {
      if (peek(1).kind == TokenKind::kLParen) return call();
      Expr literal = make(Expr::Kind::kLiteral, token.offset);
      if (token.text == "true" || token.text == "false") {
        literal.literal = token.text == "true";
      } else if (token.text != "null") {
        fail(token,
             "unexpected name '" + token.text + "': member names must follow a query, as in @." + token.text);
        return std::nullopt;
      }
      advance();
      return literal;
    }
    default:
      fail(token, "expected a literal, a query ('@' or '$') or a function call");
      return std::nullopt;
  }
}

// RFC 9535 §2.3.5.1 number literal: integers stay exact where int64 holds them, anything else is a double.
std::optional<Expr> Parser::literal_number(const Token& token) {
  Expr literal = make(Expr::Kind::kLiteral, token.offset);
  const char* first = token.text.data();
  const char* last = first + token.text.size();
  std::int64_t integer = 0;
  if (token.is_integer && std::from_chars(first, last, integer).ec == std::errc()) {
    literal.literal = integer;
    return literal;
  }
  double number = 0;
  if (std::from_chars(first, last, number).ec != std::errc() || !std::isfinite(number)) {
    fail(token, "number is out of range");
    return std::nullopt;
  }
  literal.literal = number;
  return literal;
}

// function-expr = function-name "(" S [function-argument *(S "," S function-argument)] S ")"
std::optional<Expr> Parser::call() {
  const Token& name = advance();
  const Token& paren = advance();
  if (paren.space_before()) {
    fail(paren.gap_offset, "whitespace is not allowed between a function name and '('");
    return std::nullopt;
  }
  Expr result = make(Expr::Kind::kCall, name.offset);
  result.function = find_function(name.text);
  if (result.function == nullptr) {
    fail(name, "unknown function '" + name.text + "'");
    return std::nullopt;
  }
  // Each argument is type-checked as soon as it is parsed, so that the first error in the text is reported.
  const std::vector<Type>& parameters = result.function->parameters;
  if (peek().kind != TokenKind::kRParen) {
    for (;;) {
      std::optional<Expr> argument = logical_or();
      if (!argument) return std::nullopt;
      const std::size_t index = result.operands.size();
      if (index < parameters.size() &&
          !check_argument(*argument, parameters[index], call_name(result), index + 1)) {
        return std::nullopt;
      }
      result.operands.push_back(std::move(*argument));
      if (peek().kind != TokenKind::kComma) break;
      advance();
    }
  }
  if (peek().kind != TokenKind::kRParen) {
    fail(peek(), "expected ',' or ')' in the arguments of " + call_name(result));
    return std::nullopt;
  }
  advance();
  if (result.operands.size() != parameters.size()) {
    fail(name, call_name(result) + " takes " + std::to_string(parameters.size()) + " argument" +
                   (parameters.size() == 1 ? "" : "s") + ", not " + std::to_string(result.operands.size()));
    return std::nullopt;
  }
  return result;
}

// RFC 9535 §2.4.3: a test-expr must be a query, or a function of LogicalType or NodesType.
bool Parser::check_test(const Expr& expr) {
  if (expr.kind == Expr::Kind::kLiteral) {
    return fail(expr.offset, "a literal is not a test; compare it, as in @.flag == true");
  }
  if (expr.kind == Expr::Kind::kCall && expr.type() == Type::kValue) {
    return fail(expr.offset, call_name(expr) + " returns a value, not a logical result; compare it");
  }
  return true;
}

// RFC 9535 §2.3.5.1 and §2.4.3: comparables are literals, singular queries and ValueType functions.
bool Parser::check_comparable(const Expr& expr) {
  if (expr.kind == Expr::Kind::kQuery && !expr.query.singular()) {
    return fail(expr.offset, "only singular queries can be compared: " + std::string(kSingularRule));
  }
  if (expr.kind == Expr::Kind::kCall && expr.type() != Type::kValue) {
    return fail(expr.offset, call_name(expr) + " does not return a value and cannot be compared");
  }
  return true;
}

// RFC 9535 §2.4.3: which arguments each declared parameter type accepts.
bool Parser::check_argument(const Expr& argument, Type parameter, std::string_view function,
                            std::size_t index) {
  const std::string which = "argument " + std::to_string(index) + " of " + std::string(function);
  const bool is_query = argument.kind == Expr::Kind::kQuery;
  switch (parameter) {
    case Type::kValue:
      if (is_query && !argument.query.singular()) {
        return fail(argument.offset, which + " must be a singular query: " + std::string(kSingularRule));
      }
      if (!is_query && argument.type() != Type::kValue) {
        return fail(argument.offset, which +
                                         " must be a value: a literal, a singular query or a function "
                                         "returning a value");
      }
      return true;
    case Type::kLogical:
      if (argument.type() == Type::kValue) {
        return fail(argument.offset, which + " must be a logical expression");
      }
      return true;
    case Type::kNodes:
      if (argument.type() != Type::kNodes) return fail(argument.offset, which + " must be a query");
      return true;
  }
  return true;
}

}  // namespace roadwork::jsonpath
