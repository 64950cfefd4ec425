// roadwork grade EXERCISE --submissions DIR: grades every submission folder in parallel sandboxes, shows
// live progress, records each grade in the grading database as it finishes (so an interrupted run resumes),
// prints a summary table, writes --json, --junit and --html, and exits 0 when every submission passed,
// else 1. With --shard I/N it grades only its slice of the class, for `grade merge` (grade_merge.cpp) to
// join.

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/grade_output.hpp"
#include "app/cli/need.hpp"
#include "app/cli/sandbox_flags.hpp"
#include "app/core/fatal.hpp"
#include "app/grade/grade_reports.hpp"
#include "app/grade/grade_run.hpp"
#include "app/grade/shard.hpp"
#include "app/packs/registry.hpp"
#include "app/sandbox/interrupt_posix.hpp"
#include "app/term/spinner.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"
#include "checker/report/text_util.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {
namespace {

namespace fs = std::filesystem;

struct GradeCommandOptions {
  std::string exercise;
  std::string submissions;
  std::string out;
  std::string run;
  std::string pack;
  GradeReportFiles reports;
  std::optional<grade::Shard> shard;
  int jobs = 1;
  bool regrade = false;
  bool keep_going = false;
  bool unsafe = false;
  SandboxFlags sandbox{"strict", true};
};

// The live progress: a spinner line redrawn in place on a terminal; one plain line per graded submission
// anywhere else (a log, CI), so the record of what happened is complete.
class ProgressLine {
 public:
  explicit ProgressLine(std::size_t total) : total_(total) {
    if (term::understands_escapes(STDOUT_FILENO)) spinner_.emplace(label(), STDOUT_FILENO);
  }

  grade::GradeProgress callbacks() {
    return {[this](const std::string& name) {
              running_.insert(name);
              if (spinner_) spinner_->set_label(label());
            },
            [this](const grade::GradeRecord& record) {
              running_.erase(record.submission);
              ++done_;
              if (spinner_) {
                spinner_->set_label(label());
                return;
              }
              fmt::print("[{}/{}] {}: {} ({}/{} steps, {})\n", done_, total_,
                         text::escape_controls(record.submission), record.verdict, record.steps_passed,
                         record.steps_total,
                         report::format_duration(static_cast<double>(record.duration_ms)));
              std::fflush(stdout);
            }};
  }

  void stop() {
    if (spinner_) spinner_->stop();
  }

 private:
  std::string label() const {
    std::string names;
    for (const auto& name : running_) names += (names.empty() ? "" : ", ") + text::escape_controls(name);
    return fmt::format("graded {} of {}{}", done_, total_, names.empty() ? "" : " · grading " + names);
  }

  std::size_t total_;
  std::size_t done_ = 0;
  std::set<std::string> running_;
  std::optional<term::Spinner> spinner_;
};

// The grading output's default place: beside the class folder, never in it, so that no submission finds
// the grades by walking up from its own folder (class/ -> class.roadwork-grade/).
fs::path default_out_dir(const fs::path& submissions_dir) {
  fs::path folder = fs::absolute(submissions_dir).lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();  // "class/" names the folder "class"
  return folder.parent_path() / (folder.filename().string() + ".roadwork-grade");
}

// Every present submission's grade, whether graded now or by an earlier, interrupted run.
std::vector<grade::GradeRecord> present_grades(grade::GradeDb& db, const std::string& exercise,
                                               const std::vector<grade::Submission>& submissions) {
  std::set<std::string> present;
  for (const auto& submission : submissions) present.insert(submission.name);
  auto grades = db.results(exercise);
  std::erase_if(grades, [&](const auto& grade) { return !present.contains(grade.submission); });
  return grades;
}

// The grades of `standing`, by submission name (the database's order).
std::vector<grade::GradeRecord> grades_of(const std::map<std::string, grade::GradeRecord>& standing) {
  std::vector<grade::GradeRecord> grades;
  for (const auto& [name, grade] : standing) grades.push_back(grade);
  return grades;
}

int run_grade(const GradeCommandOptions& options) {
  // The exercise is found as `check` finds it: the built-in pack and, in a workspace, its added packs; with
  // --pack, in that pack alone (it may be a changed copy of one of them, with the same ids).
  const auto session = open_reading_session();
  std::optional<course::Pack> given;
  if (!options.pack.empty()) given = need(course::load_pack(options.pack));
  const auto match = need(packs::resolve_exercise(
      given ? std::vector<const course::Pack*>{&*given} : session.packs(), options.exercise));
  const auto& pack = *match.pack;
  const auto& exercise = *match.exercise;
  const fs::path submissions_dir = options.submissions;
  const fs::path out_dir = options.out.empty() ? default_out_dir(submissions_dir) : fs::path(options.out);
  auto submissions = need(grade::find_submissions(submissions_dir, out_dir));
  if (submissions.empty()) throw Fatal("--submissions: no submission folders in " + submissions_dir.string());
  const auto class_size = submissions.size();
  if (options.shard) {
    std::erase_if(submissions,
                  [&](const auto& submission) { return !grade::in_shard(submission.name, *options.shard); });
  }

  grade::GradeOptions grade_options;
  grade_options.out_dir = fs::absolute(out_dir);
  grade_options.jobs = options.jobs;
  if (!options.run.empty()) grade_options.run_template = options.run;
  grade_options.check.keep_going = options.keep_going;
  // The submissions' private copies and data folders are made under the grading output.
  const bool isolated = apply_sandbox_flags(options.sandbox, grade_options.check, {grade_options.out_dir});
  if (options.unsafe) {
    grade_options.check.isolation = sandbox::IsolationMode::Off;
  } else if (!isolated) {
    throw Fatal(
        "grade refuses to run submissions unisolated, where any of them could change the grades "
        "(--unsafe grades anyway)");
  }
  // No server sees the class folder (its classmates' code) or the grading output (the grades, the reports,
  // the other runs' data); each gets a private copy of its own submission instead.
  grade_options.check.hidden = {fs::absolute(submissions_dir), grade_options.out_dir};

  grade::GradeDb db(grade_options.out_dir / "grades.db");
  // --regrade grades everything again, replacing each grade as its new one is known: an interrupted
  // regrade keeps the old grades of the submissions it has not reached.
  const auto graded = options.regrade ? std::set<std::string>{} : db.graded(exercise.id);
  std::vector<grade::Submission> pending;
  std::copy_if(submissions.begin(), submissions.end(), std::back_inserter(pending),
               [&](const auto& submission) { return !graded.contains(submission.name); });

  const auto style = term::Style::for_fd(STDOUT_FILENO);
  const auto jobs =
      std::min<std::size_t>(static_cast<std::size_t>(options.jobs), std::max<std::size_t>(pending.size(), 1));
  const auto slice = options.shard ? fmt::format(" (shard {}/{} of {})", options.shard->index,
                                                 options.shard->count, class_size)
                                   : "";
  fmt::print("{}\n",
             style.bold(fmt::format(
                 "Grading {} in {}: {} submissions{}, {} jobs, {} limits{}", exercise.id,
                 submissions_dir.string(), submissions.size(), slice, jobs, options.sandbox.limits,
                 grade_options.check.isolation == sandbox::IsolationMode::Off ? ", NOT ISOLATED" : "")));
  if (pending.size() < submissions.size()) {
    fmt::print("  {}\n", style.dim(fmt::format("{} already graded in {} (--regrade grades them again)",
                                               submissions.size() - pending.size(), out_dir.string())));
  }
  std::fflush(stdout);
  ProgressLine progress(pending.size());
  auto callbacks = progress.callbacks();
  // After each grade: the reports as they stand and the interrupt's note, so that Ctrl-C leaves both.
  std::size_t done = 0;
  const auto note = [&] {
    sandbox::set_interrupt_note(
        fmt::format(
            "roadwork grade: interrupted after grading {} of {} submissions; their grades are kept in "
            "{} (run the same command again to grade the rest)",
            done, pending.size(), (grade_options.out_dir / "grades.db").string())
            .c_str());
  };
  // Every present submission's grade as it stands, kept as the database keeps it (which is read once), and
  // written out before the first grade too, so that an interrupted run always leaves reports.
  std::map<std::string, grade::GradeRecord> standing;
  for (auto& grade : present_grades(db, exercise.id, submissions))
    standing[grade.submission] = std::move(grade);
  write_grade_reports(options.reports, exercise.id, pack.id, grades_of(standing));
  note();
  // The note first and the terminal last: printing may wait for the terminal, and an interrupt meanwhile
  // finds the note and the reports already counting the grade the database now holds.
  callbacks.finished = [&, show = callbacks.finished](const grade::GradeRecord& record) {
    ++done;
    note();
    standing[record.submission] = record;
    write_grade_reports(options.reports, exercise.id, pack.id, grades_of(standing));
    show(record);
  };
  grade::grade_submissions(pack, exercise, pending, grade_options, db, callbacks);
  progress.stop();

  const auto grades = grades_of(standing);
  fmt::print("\n");
  print_grade_summary(grades);
  const bool all_passed =
      std::all_of(grades.begin(), grades.end(), [](const auto& grade) { return grade.verdict == "pass"; });
  return all_passed ? kExitPass : kExitFail;
}

}  // namespace

void setup_grade(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GradeCommandOptions>();
  auto* command = app.add_subcommand("grade", "Grade every submission in a folder, in parallel sandboxes");
  // EXERCISE and --submissions are required unless `grade merge` runs instead, which CLI11 cannot say.
  command->add_option("EXERCISE", options->exercise, "Exercise id (required)");
  command
      ->add_option("--submissions", options->submissions, "Folder with one folder per submission (required)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--jobs,-j", options->jobs, "Submissions graded at once")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option(
      "--run", options->run,
      "Command that starts a submission's server, run in its folder; {dir} and {name} are "
      "replaced by the folder and its name (default: the run command of its roadwork.toml, else "
      "`python3 server.py` beside server.py, or package.json's start script)");
  command->add_option(
      "--out", options->out,
      "Folder of the grading database and the runs' data (default: SUBMISSIONS.roadwork-grade beside the "
      "submissions folder); no submission's server can see it");
  command
      ->add_option(
          "--pack", options->pack,
          "Folder of the pack that holds EXERCISE, looked up there alone (default: the built-in pack and, "
          "in a workspace, the packs added to it; PACK/EXERCISE where ids repeat)")
      ->check(CLI::ExistingDirectory);
  add_grade_report_flags(*command, options->reports);
  command
      ->add_option_function<std::string>(
          "--shard",
          [options](const std::string& text) {
            grade::Shard shard;
            if (const auto error = grade::parse_shard(text, shard); !error.empty())
              throw CLI::ValidationError("--shard", error);
            options->shard = shard;
          },
          "Grade only slice I of N of the class (I/N, from 1), chosen by each submission's name, so N "
          "machines grade it together; join their --out folders with `grade merge`")
      ->type_name("I/N");
  command->add_flag("--regrade", options->regrade, "Grade again the submissions an earlier run graded");
  command->add_flag("--keep-going", options->keep_going, "Run every step even after one fails");
  command->add_flag("--unsafe", options->unsafe,
                    "Grade without isolating the servers, as where the kernel refuses it (any submission can "
                    "then read and change the others and the grades)");
  add_sandbox_flags(*command, options->sandbox);
  const auto* merge = setup_grade_merge(*command, exit_code);
  command->callback([options, merge, &exit_code] {
    if (merge->parsed()) return;
    if (options->exercise.empty()) throw CLI::RequiredError("EXERCISE");
    if (options->submissions.empty()) throw CLI::RequiredError("--submissions");
    exit_code = run_grade(*options);
  });
}

}  // namespace roadwork::cli
