#pragma once
// The submissions of `roadwork grade`: each folder of the submissions folder is one, and says how its server
// runs: with the grader's --run template, its own roadwork.toml, or the run command its files imply.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/checking/check_run.hpp"
#include "app/core/expected.hpp"
#include "app/course/pack.hpp"

namespace roadwork::grade {

/// One submission: a folder of the submissions folder.
struct Submission {
  std::string name;  ///< the folder's name, which names it in reports
  std::filesystem::path dir;
};

/// The submissions in `dir`, by name: its folders, except hidden ones (such as .roadwork-grade, the default
/// output folder) and `skip` (the output folder when it lies inside); the problem when `dir` is not a
/// folder or cannot be read.
Expected<std::vector<Submission>> find_submissions(const std::filesystem::path& dir,
                                                   const std::filesystem::path& skip);

/// How to start `submission`'s server for `exercise`. With `run_template`, its text with {dir} replaced by
/// the submission's absolute folder and {name} by its name, run in that folder. Otherwise the run command
/// and folder of the exercise's project in the submission's roadwork.toml. Without one, the stack its files
/// show, in the folder itself or else in the project's folder inside it: server.py runs `python3 server.py`,
/// package.json its start script (or `node server.js` beside it). On failure returns nothing and sets
/// `error` to a sentence for the grade ("alice/ holds both server.py and package.json: …").
std::optional<checking::ServerSource> server_source(const Submission& submission,
                                                    const course::Exercise& exercise,
                                                    const std::optional<std::string>& run_template,
                                                    std::string& error);

}  // namespace roadwork::grade
