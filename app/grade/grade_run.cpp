#include "app/grade/grade_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "app/core/clock.hpp"
#include "app/grade/grade_reports.hpp"

namespace roadwork::grade {
namespace {

report::Report check_submission(const course::Pack& pack, const course::Exercise& exercise,
                                const Submission& submission, const GradeOptions& options) {
  std::string error;
  const auto source = server_source(submission, exercise, options.run_template, error);
  if (!source) {
    report::Report report;
    report.exercise = exercise.id;
    report.pack = pack.id;
    report.message = error;
    return report;
  }
  grading::CheckOptions check = options.check;
  check.runs_dir = options.out_dir / "runs";
  check.state_dir = options.out_dir / "state" / submission.name;
  return grading::check_exercise(pack, exercise, *source, check, {});
}

}  // namespace

void grade_submissions(const course::Pack& pack, const course::Exercise& exercise,
                       const std::vector<Submission>& pending, const GradeOptions& options, GradeDb& db,
                       const GradeProgress& progress) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // serialises the progress callbacks and guards `failure`
  std::exception_ptr failure;
  const auto work = [&] {
    for (std::size_t i; !failed && (i = next++) < pending.size();) {
      const Submission& submission = pending[i];
      try {
        if (progress.started) {
          std::lock_guard lock(mutex);
          progress.started(submission.name);
        }
        const auto record =
            grade_of(submission.name, check_submission(pack, exercise, submission, options), now_ms());
        db.record(exercise.id, record);
        if (progress.finished) {
          std::lock_guard lock(mutex);
          progress.finished(record);
        }
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    const auto jobs = static_cast<std::size_t>(std::max(1, options.jobs));
    for (std::size_t j = 0; j < std::min(jobs, pending.size()); ++j) workers.emplace_back(work);
  }  // joined here: every worker has stopped its server
  if (failure) std::rethrow_exception(failure);
}

}  // namespace roadwork::grade
