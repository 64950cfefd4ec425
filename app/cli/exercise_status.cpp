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

Status stage_status(const course::Stage& stage, const std::map<std::string, Status>& statuses) {
  bool any_written = false, all_passed = true, any_tried = false;
  for (const auto& id : stage.exercises) {
    const auto status = statuses.at(id);
    if (status == Status::ComingSoon) continue;
    any_written = true;
    all_passed = all_passed && status == Status::Passed;
    any_tried = any_tried || status != Status::NotStarted;
  }
  if (!any_written) return Status::ComingSoon;
  if (all_passed) return Status::Passed;
  return any_tried ? Status::Attempted : Status::NotStarted;
}

const char* describe(Status status) {
  switch (status) {
    case Status::ComingSoon: return "coming soon";
    case Status::NotStarted: return "not started";
    case Status::Attempted: return "in progress";
    case Status::Passed: return "passed";
  }
  return "";
}

}  // namespace roadwork::cli
