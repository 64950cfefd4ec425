#pragma once
// Recursive-descent parser from tokens to the syntax tree (RFC 9535 §2.1.1 and the ABNF of §2.3–§2.5), with
// the well-typedness checks of §2.4.3. Segments and selectors are in parser.cpp, filter expressions in
// filter_parser.cpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/jsonpath/ast.hpp"
#include "checker/jsonpath/jsonpath.hpp"
#include "checker/jsonpath/lexer.hpp"

namespace roadwork::jsonpath {

/// Parses one query text. Single use: construct, then call parse() once.
class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

  /// The query's tree, or the first syntax or well-typedness error with its byte offset.
  std::variant<CompiledQuery, ParseError> parse();

 private:
  // Token access. The token list ends with kEnd or kError, and no function advances past it.
  const Token& peek(std::size_t ahead = 0) const;
  const Token& advance();
  static bool is_comparison(TokenKind kind);

  // Records the first error and returns false. At a kError token the lexer's message wins: it says what is
  // wrong with the characters there, which the parser cannot.
  bool fail(const Token& at, std::string message);
  bool fail(std::size_t offset, std::string message);

  // parser.cpp: RFC 9535 §2.5 segments, §2.3 selectors.
  bool segments(Path& path);
  bool dot_member(Segment& segment, TokenKind after);
  bool bracketed_selection(Segment& segment);
  bool selector(std::vector<Selector>& selectors);
  bool index_or_slice(std::vector<Selector>& selectors);
  bool optional_integer(std::optional<std::int64_t>& value);  // false only on a malformed integer
  std::optional<std::int64_t> integer(const Token& token);

  // filter_parser.cpp: RFC 9535 §2.3.5.1 logical expressions. A lone operand (one without && or ||) is
  // returned as is, so that function arguments may be literals; the caller checks its type.
  std::optional<Expr> logical_or();
  std::optional<Expr> joined(Expr::Kind kind);
  std::optional<Expr> basic();
  std::optional<Expr> parenthesized();
  std::optional<Expr> operand();
  std::optional<Expr> literal_number(const Token& token);
  std::optional<Expr> call();
  bool check_test(const Expr& expr);
  bool check_comparable(const Expr& expr);
  bool check_argument(const Expr& argument, Type parameter, std::string_view function, std::size_t index);

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;  // nesting of logical expressions: filters, parentheses, function arguments
  std::optional<ParseError> error_;
};

}  // namespace roadwork::jsonpath
