#include "app/cli/exercise_status.hpp"

#include <algorithm>

namespace roadwork::cli {

std::map<std::string, Status> exercise_statuses(const Session& session) {
  std::map<std::string, Status> statuses;
  for (const auto& stage : session.pack.stages)
    for (const auto& id : stage.exercises)
      statuses[id] = session.pack.find_exercise(id) ? Status::NotStarted : Status::ComingSoon;
  for (const auto& summary : session.store->summaries(session.pack.id)) {
    const auto it = statuses.find(summary.exercise_id);
    if (it != statuses.end()) it->second = summary.passed ? Status::Passed : Status::Attempted;
  }
  return statuses;
}

const char* describe(Status status) {
  switch (status) {
    case Status::ComingSoon:
      return "coming soon";
    case Status::NotStarted:
      return "not started";
    case Status::Attempted:
      return "in progress";
    case Status::Passed:
      return "passed";
  }
  return "";
}

}  // namespace roadwork::cli
