// libFuzzer target for checker/jsonpath: parses the input as a query and evaluates it on a small document
// that has every JSON type, nesting, Unicode and control characters in names and strings. `tools/dev fuzz`
// builds (CMake option ROADWORK_FUZZ) and runs it; every test run replays its corpus.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <variant>

#include "checker/jsonpath/jsonpath.hpp"

namespace {

const nlohmann::json& document() {
  static const nlohmann::json kDocument = nlohmann::json::parse(R"({
    "a": [1, 2.5, -3, "x", "Ab\n\u2028", true, false, null, [], {}],
    "b": {"c": {"d": [0, [1, [2, [3]]]]}, "e'\\": "é😀", "\u0007": 9007199254740993},
    "regex": "[a-z]+",
    "": [{"k": 1}, {"k": "1"}, {"k": [1]}, {"k": {"k": 1}}]
  })");
  return kDocument;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = roadwork::jsonpath::Query::parse(text);
  if (const auto* query = std::get_if<roadwork::jsonpath::Query>(&parsed)) {
    // A bounded evaluation: queries like $..*..*..* grow their result exponentially with their length.
    (void)query->evaluate(document(), roadwork::jsonpath::EvalLimits{100'000});
  }
  return 0;
}
