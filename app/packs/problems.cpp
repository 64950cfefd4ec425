#include "app/packs/problems.hpp"

#include <algorithm>

namespace roadwork::packs {

int Problems::count(Severity severity) const {
  return static_cast<int>(std::count_if(problems_.begin(), problems_.end(),
                                        [&](const auto& p) { return p.severity == severity; }));
}

void Problems::sort_by_place() {
  std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
    return comes_before(a.diagnostic, b.diagnostic);
  });
}

void Problems::add(Severity severity, const Place& place, const std::string& message) {
  push({severity, {place.file, place.line, place.column, message, ""}});
}

void Problems::push(Problem problem) {
  const auto same = [&](const Problem& known) {
    return known.severity == problem.severity && known.diagnostic == problem.diagnostic;
  };
  if (std::none_of(problems_.begin(), problems_.end(), same)) problems_.push_back(std::move(problem));
}

}  // namespace roadwork::packs
