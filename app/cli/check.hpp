#pragma once
// What `roadwork check` shares with the commands built on it: choosing the exercise (hint, watch) and one
// whole check run with its text output (watch).

#include <string>
#include <string_view>

#include "app/cli/context.hpp"

namespace roadwork::cli {

/// The exercise `id`, or the current one when `id` is empty; a Fatal (exit 2) saying how to choose one when
/// there is neither. `command` is the subcommand named in that message, e.g. "check".
const course::Exercise& choose_exercise(const Session& session, const std::string& id,
                                        std::string_view command);

/// The workspace's project that `exercise` grows; a Fatal (exit 2) saying to run `roadwork start` first when
/// the workspace has none yet, or saying to run `roadwork practice` for a practice exercise (it has none).
const workspace::Project& project_of(const Session& session, const course::Exercise& exercise);

/// Runs `roadwork check EXERCISE` (with --keep-going when `keep_going`) as the command does: starts the
/// server, prints each step and the summary, records the attempt. Returns its exit code.
int check_with_text_report(const std::string& exercise, bool keep_going);

}  // namespace roadwork::cli
