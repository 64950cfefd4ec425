#include "app/packs/requires_cycles.hpp"

#include <algorithm>
#include <set>
#include <vector>

namespace roadwork::packs {

namespace {

// A depth-first walk along `requires`. An edge to an exercise still on the path closes a cycle.
class CycleFinder {
 public:
  CycleFinder(const course::Pack& pack, const std::map<std::string, TomlDoc>& docs, Problems& problems)
      : pack_(pack), docs_(docs), problems_(problems) {}

  void visit(const course::Exercise& exercise) {
    if (done_.count(exercise.id)) return;
    path_.push_back(exercise.id);
    for (const auto& required : exercise.requires_) {
      const auto on_path = std::find(path_.begin(), path_.end(), required);
      if (on_path != path_.end()) {
        report(exercise.id, required, on_path);
      } else if (const auto* next = pack_.find_exercise(required)) {
        visit(*next);
      }
    }
    path_.pop_back();
    done_.insert(exercise.id);
  }

 private:
  void report(const std::string& from, const std::string& to,
              std::vector<std::string>::const_iterator start) {
    std::string cycle;
    for (auto it = start; it != path_.end(); ++it) cycle += *it + " → ";
    cycle += to;
    const auto& doc = docs_.at(from);
    const auto items = located_strings(doc.table, "requires");
    const auto item = std::find_if(items.begin(), items.end(), [&](const auto& i) { return i.value == to; });
    problems_.error(doc.place(item == items.end() ? nullptr : item->node), "requires cycle: " + cycle);
  }

  const course::Pack& pack_;
  const std::map<std::string, TomlDoc>& docs_;
  Problems& problems_;
  std::vector<std::string> path_;
  std::set<std::string> done_;
};

}  // namespace

void check_requires_cycles(const course::Pack& pack, const std::map<std::string, TomlDoc>& docs,
                           Problems& problems) {
  CycleFinder finder(pack, docs, problems);
  for (const auto& exercise : pack.exercises) finder.visit(exercise);
}

}  // namespace roadwork::packs
