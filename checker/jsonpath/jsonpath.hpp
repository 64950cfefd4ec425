#pragma once
// JSONPath (RFC 9535) over nlohmann::json.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

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

struct CompiledQuery;  // opaque syntax tree

/// A parsed query, cheap to copy, reusable on many documents.
class Query {
 public:
  /// Parses `text`; returns the query or the first error.
  static std::variant<Query, ParseError> parse(std::string_view text);

  /// Evaluates against `document`; returns the nodelist in document order as RFC 9535 §2 defines it.
  std::vector<Node> evaluate(const nlohmann::json& document) const;

 private:
  std::shared_ptr<const CompiledQuery> compiled_;
};

}  // namespace roadwork::jsonpath
