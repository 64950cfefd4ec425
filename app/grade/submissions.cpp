#include "app/grade/submissions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/core/paths.hpp"
#include "app/core/text_file.hpp"
#include "app/course/toml_fields.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::grade {

namespace fs = std::filesystem;

namespace {

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// A regular file: a symbolic link in a submission is never followed to find its server.
bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::symlink_status(path, error).type() == fs::file_type::regular;
}

// The command of package.json's "start" script (what `npm start` runs), or "" when it has none.
std::string start_script(const fs::path& package_json) {
  const auto text = read_text_file(package_json);
  if (!text) return "";
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object() || !json.contains("scripts") || !json["scripts"].is_object()) return "";
  const auto& start = json["scripts"];
  return start.contains("start") && start["start"].is_string() ? start["start"].get<std::string>() : "";
}

// The stack a folder is written in, from its files, and the run command that follows: python's for
// server.py, package.json's start script (else node's run command beside server.js) for node. The README's
// "Grading many submissions" lists the rule.
std::optional<checking::ServerSource> detected_source(const fs::path& dir, const std::string& label,
                                                      std::string& error) {
  const bool python = is_file(dir / "server.py");
  const bool node = is_file(dir / "package.json");
  if (python && node) {
    error = label +
            " holds both server.py and package.json: add a roadwork.toml that says which one runs, "
            "or grade with --run";
    return std::nullopt;
  }
  if (python) {
    const auto& stack = workspace::stacks().at("python");
    return checking::ServerSource{stack.run, dir, std::nullopt, stack.test};
  }
  if (!node) return std::nullopt;
  const auto& stack = workspace::stacks().at("node");
  auto run = start_script(dir / "package.json");
  if (run.empty() && is_file(dir / "server.js")) run = stack.run;
  if (run.empty()) {
    error = label + "package.json has no start script, and there is no server.js beside it";
    return std::nullopt;
  }
  return checking::ServerSource{run, dir, std::nullopt, stack.test};
}

}  // namespace

Expected<std::vector<Submission>> find_submissions(const fs::path& dir, const fs::path& skip) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) return unplaced("--submissions: " + dir.string() + " is not a folder");
  std::vector<Submission> found;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const auto name = entry.path().filename().string();
    std::error_code not_there;  // `skip` may not exist yet: then nothing is it
    if (!entry.is_directory() || name.starts_with('.') || fs::equivalent(entry.path(), skip, not_there))
      continue;
    found.push_back({name, fs::absolute(entry.path())});
  }
  if (error) return unplaced("cannot read " + dir.string() + ": " + error.message());
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return found;
}

std::optional<checking::ServerSource> server_source(const Submission& submission,
                                                    const course::Exercise& exercise,
                                                    const std::optional<std::string>& run_template,
                                                    std::string& error) {
  if (run_template) {
    std::string run = *run_template;
    replace_all(run, "{dir}", submission.dir.string());
    replace_all(run, "{name}", submission.name);
    return checking::ServerSource{run, submission.dir, std::nullopt, ""};
  }
  if (fs::is_symlink(submission.dir / "roadwork.toml")) {
    error = submission.name + "/roadwork.toml is a symbolic link; roadwork reads only a real file";
    return std::nullopt;
  }
  if (!fs::exists(submission.dir / "roadwork.toml")) {
    // Handed in as the project folder itself, or as a workspace's folder without its roadwork.toml.
    for (const auto& [dir, label] :
         {std::pair{submission.dir, submission.name + "/"},
          std::pair{submission.dir / exercise.project, submission.name + "/" + exercise.project + "/"}}) {
      // A project folder linked elsewhere (a classmate's) would run that code, in a folder its server writes.
      if (!resolves_inside(dir, submission.dir)) {
        error =
            label + " is a symbolic link out of the submission's folder; roadwork grades only what is in it";
        return std::nullopt;
      }
      auto detected = detected_source(dir, label, error);
      if (detected || !error.empty()) return detected;
    }
    error = fmt::format(
        "no roadwork.toml, server.py or package.json in {}/ (nor in {}/{}/), and no --run "
        "template to start its server",
        submission.name, submission.name, exercise.project);
    return std::nullopt;
  }
  // A malformed roadwork.toml is this submission's problem, not the whole grading run's.
  const auto workspace = workspace::load(submission.dir);
  if (!workspace) {
    error = render(workspace.error());
    return std::nullopt;
  }
  const auto project = workspace->projects.find(exercise.project);
  if (project == workspace->projects.end() || project->second.run.empty()) {
    error =
        submission.name + "/roadwork.toml has no run command for the project \"" + exercise.project + "\"";
    return std::nullopt;
  }
  const fs::path dir = fs::weakly_canonical(submission.dir / project->second.dir);
  if (!resolves_inside(dir, submission.dir)) {
    error = submission.name + "/roadwork.toml: the project's dir leads out of the submission's folder";
    return std::nullopt;
  }
  return checking::ServerSource{project->second.run, dir, std::nullopt, project->second.test};
}

}  // namespace roadwork::grade
