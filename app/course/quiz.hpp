#pragma once
// A stage's quiz.toml (lessons/README.md: Quizzes): single and multiple choice questions and text questions
// with accepted answers as regular expressions, each with an explanation shown after answering. Loading
// checks every question and returns the first problem as `file:line:col: error: …`.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/expected.hpp"

namespace re2 {
class RE2;
}

namespace roadwork::course {

enum class QuestionKind { Single, Multiple, Text };

/// One [[questions]] table.
struct Question {
  std::string id;  ///< kebab-case, unique in its quiz
  QuestionKind kind = QuestionKind::Single;
  std::string prompt;
  std::vector<std::string> choices;  ///< Single and Multiple
  std::vector<int> answer;           ///< Single and Multiple: the right choices, 1-based, ascending
  std::vector<std::string> accept;   ///< Text: the patterns as written
  std::vector<std::shared_ptr<const re2::RE2>> patterns;  ///< Text: `accept` compiled (RE2, ignoring case)
  std::string explanation;
};

/// A loaded quiz.toml.
struct Quiz {
  std::filesystem::path path;
  std::vector<Question> questions;

  /// The question with `id`, or nullptr.
  const Question* find(std::string_view id) const;
};

/// Loads and checks the quiz at `path`: known keys only, a kind of single, multiple or text, choices and
/// answers in range for choice questions (exactly one answer for single), accepted patterns that compile
/// for text questions, an explanation everywhere. The problem names the file, line and column.
Expected<Quiz, std::vector<Diagnostic>> load_quiz(const std::filesystem::path& path);

/// What became of one answer.
struct AnswerCheck {
  enum Outcome { Right, Wrong, Invalid } outcome = Invalid;
  std::string answer;   ///< as recorded: the choice numbers ascending ("1,3"), or the trimmed text
  std::string problem;  ///< Invalid: what is wrong with it, e.g. "there is no choice 7; pick 1 to 4"
};

/// Checks `given` against `question`. Choice questions take numbers separated by commas or spaces ("2",
/// "1,3", "3 1") and compare them as a set; text questions take the text without surrounding whitespace,
/// which is right when one accepted pattern matches all of it, ignoring case.
AnswerCheck check_answer(const Question& question, std::string_view given);

/// "single", "multiple" or "text".
const char* to_string(QuestionKind kind);

}  // namespace roadwork::course
