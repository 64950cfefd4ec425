#include "app/packs/problems.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <tuple>

namespace roadwork::packs {

int Problems::count(Severity severity) const {
  return static_cast<int>(std::count_if(problems_.begin(), problems_.end(),
                                        [&](const auto& p) { return p.severity == severity; }));
}

void Problems::sort_by_place() {
  static const std::regex kPlace(R"(^(.*?):(\d+):(\d+): )");
  const auto place = [](const Problem& problem) {
    std::smatch match;
    if (!std::regex_search(problem.text, match, kPlace)) return std::tuple(problem.text, 0, 0);
    return std::tuple(match[1].str(), std::stoi(match[2].str()), std::stoi(match[3].str()));
  };
  std::stable_sort(problems_.begin(), problems_.end(),
                   [&](const Problem& a, const Problem& b) { return place(a) < place(b); });
}

void Problems::add(Severity severity, const Place& place, const std::string& message) {
  problems_.push_back({severity, fmt::format("{}:{}:{}: {}: {}", place.file, place.line, place.column,
                                             severity == Severity::Error ? "error" : "warning", message)});
}

}  // namespace roadwork::packs
