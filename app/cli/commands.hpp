#pragma once
// Registration of every subcommand. Each setup_<name> adds the subcommand and its options to `app` and sets
// `exit_code` from its run_<name> when the subcommand is chosen.

namespace CLI {
class App;
}

namespace roadwork::cli {

void setup_init(CLI::App& app, int& exit_code);
void setup_roadmap(CLI::App& app, int& exit_code);
void setup_lesson(CLI::App& app, int& exit_code);
void setup_quiz(CLI::App& app, int& exit_code);
void setup_start(CLI::App& app, int& exit_code);
void setup_check(CLI::App& app, int& exit_code);
void setup_watch(CLI::App& app, int& exit_code);
void setup_hint(CLI::App& app, int& exit_code);
void setup_demo(CLI::App& app, int& exit_code);
void setup_practice(CLI::App& app, int& exit_code);
void setup_serve(CLI::App& app, int& exit_code);
void setup_progress(CLI::App& app, int& exit_code);
void setup_grade(CLI::App& app, int& exit_code);
/// `grade merge` under `grade`; returns it, so that `grade` knows when merge ran instead of it.
CLI::App* setup_grade_merge(CLI::App& grade, int& exit_code);
void setup_lint(CLI::App& app, int& exit_code);
void setup_hurl(CLI::App& app, int& exit_code);
void setup_pack(CLI::App& app, int& exit_code);

/// `roadwork` with no subcommand: where the learner is and the exact next command.
int run_status();

}  // namespace roadwork::cli
