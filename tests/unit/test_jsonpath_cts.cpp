// Runs the RFC 9535 JSONPath Compliance Test Suite (jsonpath-cts.json, kept with its licence in
// tests/conformance/) against checker/jsonpath.

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/jsonpath/jsonpath.hpp"

namespace {

using nlohmann::json;
using roadwork::jsonpath::Node;
using roadwork::jsonpath::ParseError;
using roadwork::jsonpath::Query;

// Cases allowed to fail, each with the reason. Keep it empty: every case of the suite passes.
constexpr std::array<std::string_view, 0> kExcluded = {};

bool matches(const std::vector<Node>& nodes, const json& values, const json* paths) {
  if (nodes.size() != values.size()) return false;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (*nodes[i].value != values[i]) return false;
    if (paths != nullptr && nodes[i].path != (*paths)[i].get<std::string>()) return false;
  }
  return true;
}

// Runs one case; returns what went wrong, or an empty string.
std::string run_case(const json& test) {
  const std::string selector = test.at("selector");
  std::variant<Query, ParseError> parsed = Query::parse(selector);
  if (test.value("invalid_selector", false)) {
    return std::holds_alternative<ParseError>(parsed) ? "" : "parsed, but the selector is invalid";
  }
  if (const auto* error = std::get_if<ParseError>(&parsed)) {
    return "parse error at " + std::to_string(error->offset) + ": " + error->message;
  }
  const std::vector<Node> nodes = std::get<Query>(parsed).evaluate(test.at("document"));
  json actual = json::array();
  for (const Node& node : nodes) actual.push_back({{"value", *node.value}, {"path", node.path}});
  if (test.contains("result")) {
    const json* paths = test.contains("result_paths") ? &test["result_paths"] : nullptr;
    if (matches(nodes, test["result"], paths)) return "";
  } else {
    for (std::size_t i = 0; i < test.at("results").size(); ++i) {
      const json* paths = test.contains("results_paths") ? &test["results_paths"][i] : nullptr;
      if (matches(nodes, test["results"][i], paths)) return "";
    }
  }
  return "got " + actual.dump();
}

}  // namespace

TEST_CASE("RFC 9535 compliance test suite") {
  std::ifstream file(ROADWORK_CONFORMANCE_DIR "/jsonpath-cts.json");
  REQUIRE(file.good());
  const json suite = json::parse(file);
  std::size_t passed = 0;
  std::size_t failed = 0;
  for (const json& test : suite.at("tests")) {
    const std::string problem = run_case(test);
    if (problem.empty()) {
      ++passed;
      continue;
    }
    ++failed;
    const std::string name = test.at("name");
    if (std::find(kExcluded.begin(), kExcluded.end(), name) == kExcluded.end()) {
      std::string report = name;
      report += ": " + test.at("selector").get<std::string>();
      report += ": " + problem;
      FAIL_CHECK(report);
    }
  }
  std::cout << "jsonpath-cts: " << passed << " passed, " << failed << " failed\n";
}
