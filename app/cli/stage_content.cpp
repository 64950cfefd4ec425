#include "app/cli/stage_content.hpp"

#include <fstream>
#include <vector>

#include "app/cli/need.hpp"
#include "app/core/fatal.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kLessonExtension = ".md";

std::string file_name(const std::string& id) { return fs::path(id).filename().string(); }

}  // namespace

std::string lesson_id(const std::string& path) {
  return path.ends_with(kLessonExtension) ? path.substr(0, path.size() - kLessonExtension.size()) : path;
}

fs::path lesson_file(const course::Pack& pack, const std::string& id) {
  return pack.root / "lessons" / (id + std::string(kLessonExtension));
}

std::string short_lesson_id(const course::Pack& pack, const std::string& id) {
  const auto name = file_name(id);
  int namesakes = 0;
  for (const auto& stage : pack.stages)
    for (const auto& path : stage.lessons) namesakes += file_name(lesson_id(path)) == name;
  return namesakes == 1 ? name : id;
}

std::string find_lesson(const course::Pack& pack, const std::string& name) {
  const auto wanted = lesson_id(name);
  std::vector<std::string> matches;
  std::string known;
  for (const auto& stage : pack.stages) {
    for (const auto& path : stage.lessons) {
      auto id = lesson_id(path);
      if (id == wanted) return id;
      if (file_name(id) == wanted) matches.push_back(id);
      known += (known.empty() ? "" : ", ") + short_lesson_id(pack, id);
    }
  }
  if (matches.size() == 1) return matches.front();
  if (matches.size() > 1) {
    std::string candidates;
    for (const auto& id : matches) candidates += (candidates.empty() ? "" : ", ") + id;
    throw Fatal("\"" + name + "\" names more than one lesson; say which: " + candidates);
  }
  if (known.empty()) throw Fatal("no lesson \"" + name + "\": the roadmap lists no lessons yet");
  throw Fatal("no lesson \"" + name + "\"; see `roadwork lesson --list`. Lessons: " + known);
}

const course::Stage& stage_of_lesson(const course::Pack& pack, const std::string& id) {
  for (const auto& stage : pack.stages)
    for (const auto& path : stage.lessons)
      if (lesson_id(path) == id) return stage;
  throw Fatal("no lesson \"" + id + "\" in pack " + pack.id);
}

std::string markdown_title(const fs::path& file) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("# ")) return text::escape_controls(line.substr(2));
  return "";
}

const course::Stage& find_stage(const course::Pack& pack, const std::string& id) {
  std::string known;
  for (const auto& stage : pack.stages) {
    if (stage.id == id) return stage;
    known += (known.empty() ? "" : ", ") + stage.id;
  }
  throw Fatal("no stage \"" + id + "\" in pack " + pack.id + "; stages: " + known);
}

course::Quiz load_stage_quiz(const course::Pack& pack, const course::Stage& stage) {
  if (!stage.quiz) throw Fatal("stage \"" + stage.id + "\" has no quiz yet");
  return need(course::load_quiz(pack.root / "lessons" / *stage.quiz));
}

}  // namespace roadwork::cli
