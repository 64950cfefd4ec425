#include "app/packs/content_checks.hpp"

#include "app/core/text_file.hpp"
#include "app/course/quiz.hpp"
#include "app/course/toml_fields.hpp"
#include "app/term/markdown.hpp"
#include "checker/text/utf8.hpp"

namespace roadwork::packs {

namespace fs = std::filesystem;

namespace {

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The 1-based number of the first line that is not valid UTF-8, or 0 when every line is.
int first_invalid_utf8_line(std::string_view text) {
  int number = 1;
  for (std::size_t start = 0; start < text.size(); ++number) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (!text::is_valid_utf8(text.substr(start, end - start))) return number;
    start = end + 1;
  }
  return 0;
}

void check_lesson(const TomlDoc& roadmap, const LocatedString& lesson, const fs::path& path,
                  Problems& problems) {
  const auto place = roadmap.place(lesson.node);
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    return problems.error(place, "no such lesson file: " + path.string());
  const auto text = read_text_file(path).value_or("");
  if (is_blank(text)) return problems.error(place, "lesson file is empty: " + path.string());
  if (const int line = first_invalid_utf8_line(text))
    return problems.error(
        place, "lesson file is not valid UTF-8 (line " + std::to_string(line) + "): " + path.string());
  // What `roadwork lesson` would show, without colour: nothing at all for, e.g., only link definitions.
  if (is_blank(term::render_markdown(text, term::Style(false), 80)))
    problems.error(place, "lesson file renders to no text: " + path.string());
}

void check_quiz(const TomlDoc& roadmap, const LocatedString& quiz, const fs::path& path, Problems& problems) {
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    return problems.error(roadmap.place(quiz.node), "no such quiz file: " + path.string());
  if (auto loaded = course::load_quiz(path); !loaded) {
    for (const auto& error : loaded.error()) problems.located_error(error);
  }
}

}  // namespace

void check_stage_content(const fs::path& root, const TomlDoc& roadmap, Problems& problems) {
  for (const auto* stage : tables_at(roadmap.table, "stages")) {
    for (const auto& lesson : located_strings(*stage, "lessons"))
      check_lesson(roadmap, lesson, root / "lessons" / lesson.value, problems);
    if (const auto* quiz = stage->get_as<std::string>("quiz"))
      check_quiz(roadmap, {quiz->get(), quiz}, root / "lessons" / quiz->get(), problems);
  }
}

}  // namespace roadwork::packs
