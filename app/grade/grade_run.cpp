#include "app/grade/grade_run.hpp"

#include <chrono>
#include <mutex>

#include "app/checking/run_folder.hpp"
#include "app/core/clock.hpp"
#include "app/core/parallel.hpp"
#include "app/core/temp_dir.hpp"
#include "app/grade/grade_reports.hpp"
#include "app/sandbox/interrupt_posix.hpp"

namespace roadwork::grade {
namespace {

// A private copy of the submission, which its server may change at will: the original is hidden from every
// server of the run, so no server can read or change a classmate's code, or its own between runs. Symbolic
// links are copied as links, never followed: inside the sandbox they lead nowhere roadwork would not show.
std::optional<Submission> private_copy(const Submission& submission, const TempDir& copy,
                                       std::string& error) {
  error = checking::copy_folder(submission.dir, copy.path());
  if (!error.empty()) return std::nullopt;
  return Submission{submission.name, copy.path()};
}

// The report of a submission that could not be checked at all, saying why.
report::Report unchecked(const course::Pack& pack, const course::Exercise& exercise, std::string why) {
  report::Report report;
  report.exercise = exercise.id;
  report.pack = pack.id;
  report.message = std::move(why);
  return report;
}

report::Report check_submission(const course::Pack& pack, const course::Exercise& exercise,
                                const Submission& submission, const GradeOptions& options) {
  checking::CheckOptions check = options.check;
  check.runs_dir = options.out_dir / "runs";
  check.state_dir = options.out_dir / "state" / submission.name;
  const TempDir copy_dir(check.runs_dir, "code");
  std::string error;
  const auto copy = private_copy(submission, copy_dir, error);
  auto source = copy ? server_source(*copy, exercise, options.run_template, error) : std::nullopt;
  if (source) error = checking::link_pack_modules(source->project_dir, pack.root);
  if (!source || !error.empty()) return unchecked(pack, exercise, error);
  auto checked = checking::check_exercise(pack, exercise, *source, check);
  if (!checked) return unchecked(pack, exercise, render(checked.error()));
  return std::move(*checked);
}

}  // namespace

void grade_submissions(const course::Pack& pack, const course::Exercise& exercise,
                       const std::vector<Submission>& pending, const GradeOptions& options, GradeDb& db,
                       const GradeProgress& progress) {
  std::mutex mutex;  // serialises the progress callbacks and the records
  // A grade and the interrupt's note ("interrupted after grading N") change together (the progress
  // callback sets the note first), and no thread is frozen by an interrupt while it holds the mutex.
  const auto serialised = [&](const auto& step) {
    const sandbox::DeferInterrupt defer;
    const std::lock_guard lock(mutex);
    step();
  };
  // Each worker stops its servers before it returns: for_each_parallel joins them all.
  for_each_parallel(pending.size(), options.jobs, [&](std::size_t i) {
    const Submission& submission = pending[i];
    if (progress.started) serialised([&] { progress.started(submission.name); });
    const auto record =
        grade_of(submission.name, check_submission(pack, exercise, submission, options), now_ms());
    serialised([&] {
      db.record(exercise.id, record);
      if (progress.finished) progress.finished(record);
    });
  });
}

}  // namespace roadwork::grade
