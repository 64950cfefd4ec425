#include "app/grade/submissions.hpp"

#include <algorithm>

#include "app/core/fatal.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::grade {

namespace fs = std::filesystem;

namespace {

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

std::vector<Submission> find_submissions(const fs::path& dir, const fs::path& skip) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) throw Fatal("--submissions: " + dir.string() + " is not a folder");
  std::vector<Submission> found;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const auto name = entry.path().filename().string();
    std::error_code not_there;  // `skip` may not exist yet: then nothing is it
    if (!entry.is_directory() || name.starts_with('.') || fs::equivalent(entry.path(), skip, not_there))
      continue;
    found.push_back({name, fs::absolute(entry.path())});
  }
  if (error) throw Fatal("cannot read " + dir.string() + ": " + error.message());
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return found;
}

std::optional<grading::ServerSource> server_source(const Submission& submission,
                                                   const course::Exercise& exercise,
                                                   const std::optional<std::string>& run_template,
                                                   std::string& error) {
  if (run_template) {
    std::string run = *run_template;
    replace_all(run, "{dir}", submission.dir.string());
    replace_all(run, "{name}", submission.name);
    return grading::ServerSource{run, submission.dir, std::nullopt, ""};
  }
  if (fs::is_symlink(submission.dir / "roadwork.toml")) {
    error = submission.name + "/roadwork.toml is a symbolic link; roadwork reads only a real file";
    return std::nullopt;
  }
  if (!fs::exists(submission.dir / "roadwork.toml")) {
    error = "no roadwork.toml in " + submission.name + "/, and no --run template to start its server";
    return std::nullopt;
  }
  try {
    const auto workspace = workspace::load(submission.dir);
    const auto project = workspace.projects.find(exercise.project);
    if (project == workspace.projects.end() || project->second.run.empty()) {
      error =
          submission.name + "/roadwork.toml has no run command for the project \"" + exercise.project + "\"";
      return std::nullopt;
    }
    const fs::path dir = fs::weakly_canonical(submission.dir / project->second.dir);
    const fs::path root = fs::weakly_canonical(submission.dir);
    if (std::mismatch(root.begin(), root.end(), dir.begin(), dir.end()).first != root.end()) {
      error = submission.name + "/roadwork.toml: the project's dir leads out of the submission's folder";
      return std::nullopt;
    }
    return grading::ServerSource{project->second.run, dir, std::nullopt, project->second.test};
  } catch (const Fatal& malformed) {
    error = malformed.what();
    return std::nullopt;
  }
}

}  // namespace roadwork::grade
