#pragma once
// The command line (README.md: Using roadwork as a learner). One file per subcommand: setup_<name> registers
// it on the CLI11 app and run_<name> does the work and returns the exit code.

namespace roadwork::cli {

/// Parses argv, runs the subcommand, and turns a Fatal into `roadwork: error: …` and its exit code.
int main(int argc, char** argv);

}  // namespace roadwork::cli
