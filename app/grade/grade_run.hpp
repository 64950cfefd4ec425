#pragma once
// Grades submissions in parallel: N worker threads, each starting, checking and stopping one submission's
// server at a time in its own sandbox (distinct port and data folder). The thread that starts a server also
// stops it, because the server dies with the thread that spawned it (PR_SET_PDEATHSIG is per thread).

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/checking/check_run.hpp"
#include "app/course/pack.hpp"
#include "app/grade/grade_db.hpp"
#include "app/grade/submissions.hpp"

namespace roadwork::grade {

struct GradeOptions {
  std::filesystem::path out_dir;            ///< the runs' data folders go in out_dir/runs
  int jobs = 1;                             ///< worker threads, each grading one submission at a time
  std::optional<std::string> run_template;  ///< `--run`: see server_source()
  checking::CheckOptions check;             ///< limits, network isolation, keep-going (runs_dir is set here)
};

/// Live progress; called from the worker threads, one call at a time. Either may be empty.
struct GradeProgress {
  std::function<void(const std::string& submission)> started;
  std::function<void(const GradeRecord& record)> finished;  ///< after the record is committed
};

/// Grades `pending` with `options.jobs` workers and records each grade in `db` the moment it is known, so
/// an interrupted run keeps every grade it finished. A submission whose server cannot be started (no
/// roadwork.toml, a broken command) gets an error grade. A Fatal (a check file of the pack does not parse)
/// stops handing out submissions, and is rethrown once the workers have stopped their servers.
void grade_submissions(const course::Pack& pack, const course::Exercise& exercise,
                       const std::vector<Submission>& pending, const GradeOptions& options, GradeDb& db,
                       const GradeProgress& progress);

}  // namespace roadwork::grade
