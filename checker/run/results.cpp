#include "checker/run/results.hpp"

#include <algorithm>

namespace roadwork::run {

bool EntryResult::passed() const {
  return !error && std::all_of(asserts.begin(), asserts.end(), [](const auto& a) { return a.passed; });
}

bool FileResult::passed() const { return first_failure() == nullptr; }

const EntryResult* FileResult::first_failure() const {
  const auto it = std::find_if(entries.begin(), entries.end(), [](const auto& e) { return !e.passed(); });
  return it == entries.end() ? nullptr : &*it;
}

}  // namespace roadwork::run
