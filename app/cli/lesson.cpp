// roadwork lesson [ID]: renders a lesson in the terminal (through a pager when it is taller than the screen)
// and records it as read; no ID means the next unread lesson of the current stage. --list lists every
// stage's lessons with read marks. An ID that is a Markdown file shows that file, for lesson authors.

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>

#include "app/cli/commands.hpp"
#include "app/cli/guide.hpp"
#include "app/cli/stage_content.hpp"
#include "app/core/clock.hpp"
#include "app/core/fatal.hpp"
#include "app/core/text_file.hpp"
#include "app/term/markdown.hpp"
#include "app/term/pager.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace {

namespace fs = std::filesystem;

// Lines longer than this are hard to read, whatever the terminal's width.
constexpr int kMaxWidth = 100;

struct LessonOptions {
  std::string lesson;
  bool list = false;
};

std::string read_text(const fs::path& file) {
  auto text = read_text_file(file);
  if (!text) throw Fatal(file.string() + ": cannot read the lesson file");
  return *text;
}

std::string render(const fs::path& file, const term::Style& style) {
  return term::render_markdown(read_text(file), style,
                               std::min(term::terminal_width(STDOUT_FILENO), kMaxWidth));
}

int list_lessons(const Session& session, const term::Style& style) {
  const auto read = session.store->lessons_read(session.pack.id);
  int number = 0, listed = 0;
  for (const auto& stage : session.pack.stages) {
    fmt::print("{:>2}. {}\n", ++number, text::escape_controls(stage.title));
    for (const auto& path : stage.lessons) {
      const auto id = lesson_id(path);
      const auto mark = read.count(id) ? style.pass("✓") : style.dim("·");
      fmt::print("    {} {:<28} {}\n", mark, short_lesson_id(session.pack, id),
                 markdown_title(lesson_file(session.pack, id)));
      ++listed;
    }
  }
  if (listed == 0)
    fmt::print("\nThe roadmap lists no lessons yet.\n");
  else
    fmt::print("\n{} read. Read one with `roadwork lesson ID`.\n", style.pass("✓"));
  return 0;
}

// "Lesson 2 of 5 of How the web works", counted among the lessons of its stage.
std::string place_of(const course::Pack& pack, const std::string& id) {
  const auto& stage = stage_of_lesson(pack, id);
  const auto it = std::find_if(stage.lessons.begin(), stage.lessons.end(),
                               [&](const auto& path) { return lesson_id(path) == id; });
  return fmt::format("Lesson {} of {} of {}", it - stage.lessons.begin() + 1, stage.lessons.size(),
                     stage.title);
}

int show_lesson(const Session& session, const course::Pack& pack, const std::string& id,
                const term::Style& style) {
  auto text = render(lesson_file(pack, id), style);
  if (!session.in_workspace) {
    text += fmt::format("\n{}\n{}\n", style.dim(place_of(pack, id) + "."), not_recorded_note());
    term::show_paged(text);
    return 0;
  }
  session.store->record_lesson_read(pack.id, id, now_ms());
  const auto next = make_guide(session).next_command;
  text +=
      fmt::format("\n{}\nNext: {}\n", style.dim(place_of(pack, id) + ", marked as read."), style.code(next));
  term::show_paged(text);
  return 0;
}

int run_lesson(const LessonOptions& options) {
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  if (options.lesson.ends_with(".md") && fs::is_regular_file(options.lesson)) {
    term::show_paged(render(options.lesson, style));  // an author's preview: nothing to record
    return 0;
  }
  const auto session = open_reading_session();
  if (options.list) return list_lessons(session, style);
  if (!options.lesson.empty()) {
    const auto [pack, name] = split_pack_prefix(session, options.lesson);
    return show_lesson(session, *pack, find_lesson(*pack, name), style);
  }
  const auto guide = make_guide(session);
  const auto* current = guide.current();
  if (current && !current->unread.empty())
    return show_lesson(session, session.pack, current->unread.front(), style);
  fmt::print(
      "You have read every lesson of {}. Read one again with `roadwork lesson ID` "
      "(`roadwork lesson --list` lists them).\nNext: {}\n",
      current ? current->stage->title : "the roadmap", style.code(guide.next_command));
  return 0;
}

}  // namespace

void setup_lesson(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LessonOptions>();
  auto* command = app.add_subcommand("lesson", "Read a lesson (default: the next unread one of your stage)");
  command->add_option(
      "ID", options->lesson,
      "Lesson id, e.g. request-response or 01-web-fundamentals/request-response; PACK/ID for a lesson of "
      "an added pack; or a .md file to preview");
  command->add_flag("--list", options->list, "List every stage's lessons, with ✓ on those you have read");
  command->callback([options, &exit_code] { exit_code = run_lesson(*options); });
}

}  // namespace roadwork::cli
