#pragma once
// Where the learner stands on each exercise and stage, derived from the progress store.

#include <map>
#include <string>

#include "app/cli/context.hpp"

namespace roadwork::cli {

enum class Status { ComingSoon, NotStarted, Attempted, Passed };

/// Status of every exercise the roadmap lists, by id (exercises without a folder are ComingSoon).
std::map<std::string, Status> exercise_statuses(const Session& session);

/// "passed", "in progress", "not started", "coming soon".
const char* describe(Status status);

}  // namespace roadwork::cli
