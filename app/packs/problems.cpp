#include "app/packs/problems.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <tuple>

namespace roadwork::packs {

int Problems::count(Severity severity) const {
  return static_cast<int>(std::count_if(problems_.begin(), problems_.end(),
                                        [&](const auto& p) { return p.severity == severity; }));
}

void Problems::sort_by_place() {
  static const RE2 kPlace(R"(^(.*?):(\d+):(\d+): )");
  const auto place = [](const Problem& problem) {
    std::string file;
    int line = 0, column = 0;
    if (!RE2::PartialMatch(problem.text, kPlace, &file, &line, &column))
      return std::tuple(problem.text, 0, 0);
    return std::tuple(file, line, column);
  };
  std::stable_sort(problems_.begin(), problems_.end(),
                   [&](const Problem& a, const Problem& b) { return place(a) < place(b); });
}

void Problems::add(Severity severity, const Place& place, const std::string& message) {
  push({severity, fmt::format("{}:{}:{}: {}: {}", place.file, place.line, place.column,
                              severity == Severity::Error ? "error" : "warning", message)});
}

void Problems::push(Problem problem) {
  const auto same = [&](const Problem& known) { return known.text == problem.text; };
  if (std::none_of(problems_.begin(), problems_.end(), same)) problems_.push_back(std::move(problem));
}

}  // namespace roadwork::packs
