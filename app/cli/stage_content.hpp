#pragma once
// Finding a stage's lessons and quiz in the pack: lesson ids and their short forms, files and titles.

#include <filesystem>
#include <string>

#include "app/course/pack.hpp"
#include "app/course/quiz.hpp"

namespace roadwork::cli {

/// A lesson's id: its path in roadmap.toml without ".md", e.g. "01-web-fundamentals/request-response".
std::string lesson_id(const std::string& path);

/// The Markdown file of the lesson `id`.
std::filesystem::path lesson_file(const course::Pack& pack, const std::string& id);

/// The shortest exact name of the lesson `id` on the command line: its file name alone ("request-response")
/// when no other lesson of the pack has that name, else the whole id.
std::string short_lesson_id(const course::Pack& pack, const std::string& id);

/// The id of the lesson called `name` (an id or a short form). A Fatal (exit 2) when no lesson or more than
/// one has that name, listing the candidates.
std::string find_lesson(const course::Pack& pack, const std::string& name);

/// The stage whose lessons include `id`; the pack has one, since `id` came from find_lesson.
const course::Stage& stage_of_lesson(const course::Pack& pack, const std::string& id);

/// The text of the first level-1 heading ("# Status codes") of the Markdown file, or "" when it has none.
std::string markdown_title(const std::filesystem::path& file);

/// The stage with `id`; a Fatal (exit 2) listing the stage ids when there is none.
const course::Stage& find_stage(const course::Pack& pack, const std::string& id);

/// Loads the quiz of `stage`, which must have one (Fatal naming file:line:col when it is malformed).
course::Quiz load_stage_quiz(const course::Pack& pack, const course::Stage& stage);

}  // namespace roadwork::cli
