// Quiz files: a valid quiz loads, each validation error is the exact `file:line:col: error: …` text, answers
// are checked as the quiz format says, and every quiz.toml in the source tree loads.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/core/fatal.hpp"
#include "app/course/quiz.hpp"
#include "tests/unit/support.hpp"

using roadwork::course::AnswerCheck;
using roadwork::course::check_answer;
using roadwork::course::load_quiz;
using roadwork::course::QuestionKind;
using roadwork::course::Quiz;
using roadwork::testing::TempDir;

namespace {

namespace fs = std::filesystem;

/// Writes `text` to quiz.toml in a temp folder and loads it.
struct QuizFile {
  TempDir dir;
  fs::path path = dir.path() / "quiz.toml";

  explicit QuizFile(const std::string& text) { std::ofstream(path) << text; }
  Quiz load() const {
    auto quiz = load_quiz(path);
    if (!quiz) FAIL(roadwork::render(quiz.error()));
    return std::move(*quiz);
  }
};

/// The problem that loading `text` gives, with the temp file's path replaced by "quiz.toml".
std::string error_of(const std::string& text) {
  const QuizFile file(text);
  const auto loaded = load_quiz(file.path);
  if (loaded) FAIL("no error for:\n" << text);
  auto message = roadwork::render(loaded.error());
  if (message.starts_with(file.path.string())) message.replace(0, file.path.string().size(), "quiz.toml");
  return message;
}

const std::string kSingle = R"toml(
[[questions]]
id = "safe-method"
kind = "single"
prompt = "Which of these methods is safe?"
choices = ["POST", "GET", "DELETE", "PATCH"]
answer = [2]
explanation = "GET asks for no change."
)toml";

const std::string kMultiple = R"toml(
[[questions]]
id = "idempotent"
kind = "multiple"
prompt = "Which are idempotent?"
choices = ["GET", "POST", "PUT", "DELETE"]
answer = [4, 1, 3]
explanation = "POST is not."
)toml";

const std::string kText = R"toml(
[[questions]]
id = "not-found"
kind = "text"
prompt = "Which status code means the resource does not exist?"
accept = ["^404$", "^404 not found$"]
explanation = "404 Not Found."
)toml";

}  // namespace

TEST_CASE("a valid quiz loads with every field") {
  const QuizFile file(kSingle + kMultiple + kText);
  const auto quiz = file.load();
  REQUIRE(quiz.questions.size() == 3);
  const auto& single = quiz.questions[0];
  CHECK(single.id == "safe-method");
  CHECK(single.kind == QuestionKind::Single);
  CHECK(single.prompt == "Which of these methods is safe?");
  CHECK(single.choices == std::vector<std::string>{"POST", "GET", "DELETE", "PATCH"});
  CHECK(single.answer == std::vector<int>{2});
  CHECK(single.explanation == "GET asks for no change.");
  CHECK(quiz.questions[1].answer == std::vector<int>{1, 3, 4});  // sorted
  CHECK(quiz.questions[2].kind == QuestionKind::Text);
  CHECK(quiz.questions[2].accept == std::vector<std::string>{"^404$", "^404 not found$"});
  CHECK(quiz.find("not-found") == &quiz.questions[2]);
  CHECK(quiz.find("nope") == nullptr);
}

TEST_CASE("validation errors name the file, line and column exactly") {
  CHECK(error_of("title = \"x\"\n" + kSingle) == "quiz.toml:1:1: error: unknown key `title` in quiz.toml");
  CHECK(error_of("# nothing\n") == "quiz.toml:1:1: error: a quiz needs at least one [[questions]] table");
  CHECK(error_of("[[questions]]\nid = \"a\"\nkind = \n") ==
        "quiz.toml:3:8: error: Error while parsing key-value pair: expected value, saw '\\n'");
  CHECK(error_of(kSingle + "hint = \"x\"\n") == "quiz.toml:9:1: error: unknown key `hint` in [[questions]]");
  CHECK(error_of("[[questions]]\nkind = \"single\"\n") == "quiz.toml:1:1: error: missing required key `id`");
  CHECK(
      error_of("[[questions]]\nid = \"Safe_Method\"\n") ==
      "quiz.toml:2:6: error: id \"Safe_Method\" must be kebab-case: lower-case words and digits joined by -");
  CHECK(error_of(kSingle + kSingle) ==
        "quiz.toml:11:6: error: question id \"safe-method\" is used twice in this quiz");
  CHECK(error_of("[[questions]]\nid = \"a\"\nkind = \"singel\"\n") ==
        "quiz.toml:3:8: error: kind must be \"single\", \"multiple\" or \"text\", not \"singel\"");
  CHECK(error_of("[[questions]]\nid = \"a\"\nkind = \"single\"\n") ==
        "quiz.toml:1:1: error: missing required key `prompt`");
}

TEST_CASE("validation errors of choice questions") {
  const std::string head = "[[questions]]\nid = \"a\"\nkind = \"single\"\nprompt = \"?\"\n";
  CHECK(error_of(head + "answer = [1]\n") ==
        "quiz.toml:1:1: error: missing required key `choices`: a single question needs at least two");
  CHECK(error_of(head + "choices = [\"only\"]\nanswer = [1]\n") ==
        "quiz.toml:5:11: error: `choices` must hold at least two choices");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\n") ==
        "quiz.toml:1:1: error: missing required key `answer`: the numbers of the right choices, e.g. [2]");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = 1\n") ==
        "quiz.toml:6:10: error: `answer` must be an array of choice numbers, e.g. [2]");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [\"2\"]\n") ==
        "quiz.toml:6:11: error: `answer` must hold only choice numbers (1 is the first choice)");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [1, 3]\n") ==
        "quiz.toml:6:14: error: answer 3 is out of range: there are 2 choices");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [0]\n") ==
        "quiz.toml:6:11: error: answer 0 is out of range: there are 2 choices");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [2, 2]\n") ==
        "quiz.toml:6:14: error: answer 2 is listed twice");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = []\n") ==
        "quiz.toml:6:10: error: `answer` must list at least one choice");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [1, 2]\n") ==
        "quiz.toml:6:10: error: a single question has exactly one answer; use kind = \"multiple\" for more");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [1]\naccept = [\"x\"]\n") ==
        "quiz.toml:7:10: error: `accept` is for text questions; a single question has `answer`");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [1]\n") ==
        "quiz.toml:1:1: error: missing required key `explanation`");
  CHECK(error_of(head + "choices = [\"x\", \"y\"]\nanswer = [1]\nexplanation = \"\"\n") ==
        "quiz.toml:7:15: error: `explanation` must not be empty");
}

TEST_CASE("validation errors of text questions") {
  const std::string head = "[[questions]]\nid = \"a\"\nkind = \"text\"\nprompt = \"?\"\n";
  CHECK(
      error_of(head + "choices = [\"x\", \"y\"]\n") ==
      "quiz.toml:5:11: error: `choices` is for single and multiple questions; a text question has `accept`");
  CHECK(error_of(head + "answer = [1]\n") ==
        "quiz.toml:5:10: error: `answer` is for single and multiple questions; a text question has `accept`");
  CHECK(error_of(head + "explanation = \"x\"\n") ==
        "quiz.toml:1:1: error: missing required key `accept`: regular expressions that match the right "
        "answers");
  CHECK(error_of(head + "accept = []\n") == "quiz.toml:5:10: error: `accept` must hold at least one pattern");
  CHECK(error_of(head + "accept = [\"^404$\", \"(40\"]\n") ==
        "quiz.toml:5:20: error: accept pattern \"(40\" is not a valid regular expression: "
        "missing ): (40");
}

TEST_CASE("choice answers: numbers as a set, in range, one for single") {
  const QuizFile file(kSingle + kMultiple);
  const auto quiz = file.load();
  const auto& single = quiz.questions[0];
  const auto& multiple = quiz.questions[1];
  CHECK(check_answer(single, "2").outcome == AnswerCheck::Right);
  CHECK(check_answer(single, " 2 \n").outcome == AnswerCheck::Right);
  CHECK(check_answer(single, "3").outcome == AnswerCheck::Wrong);
  CHECK(check_answer(single, "3").answer == "3");
  const auto two = check_answer(single, "1,2");
  CHECK(two.outcome == AnswerCheck::Invalid);
  CHECK(two.problem == "pick one choice only");
  CHECK(check_answer(single, "9").problem == "there is no choice 9; pick 1 to 4");
  CHECK(check_answer(single, "GET").problem == "answer with the number of one choice, e.g. 2");
  CHECK(check_answer(single, "2x").outcome == AnswerCheck::Invalid);
  CHECK(check_answer(single, "").outcome == AnswerCheck::Invalid);

  CHECK(check_answer(multiple, "1,3,4").outcome == AnswerCheck::Right);
  CHECK(check_answer(multiple, "4 3 1").outcome == AnswerCheck::Right);
  CHECK(check_answer(multiple, "1, 3 ,4,4").outcome == AnswerCheck::Right);
  CHECK(check_answer(multiple, "4 3 1").answer == "1,3,4");
  CHECK(check_answer(multiple, "1,3").outcome == AnswerCheck::Wrong);
  CHECK(check_answer(multiple, "1,2,3,4").outcome == AnswerCheck::Wrong);
  CHECK(check_answer(multiple, "1;3").problem == "answer with the numbers of the choices, e.g. 1,3");
}

TEST_CASE("text answers: trimmed, a whole match of one pattern, ignoring case") {
  const QuizFile file(kText + R"toml(
[[questions]]
id = "unanchored"
kind = "text"
prompt = "A 4xx code?"
accept = ["4[0-9]{2}"]
explanation = "Any client error."
)toml");
  const auto quiz = file.load();
  const auto& text = quiz.questions[0];
  CHECK(check_answer(text, "404").outcome == AnswerCheck::Right);
  CHECK(check_answer(text, "  404\t").outcome == AnswerCheck::Right);
  CHECK(check_answer(text, "  404\t").answer == "404");
  CHECK(check_answer(text, "404 NOT Found").outcome == AnswerCheck::Right);
  CHECK(check_answer(text, "4044").outcome == AnswerCheck::Wrong);
  CHECK(check_answer(text, "   ").problem == "type an answer");
  const auto& unanchored = quiz.questions[1];
  CHECK(check_answer(unanchored, "418").outcome == AnswerCheck::Right);
  CHECK(check_answer(unanchored, "x418").outcome == AnswerCheck::Wrong);  // the whole answer must match
  CHECK(check_answer(unanchored, "4180").outcome == AnswerCheck::Wrong);
}

TEST_CASE("every quiz.toml in the source tree loads") {
  int loaded = 0;
  for (const auto* folder : {"lessons", "tests/fixtures/tutor"}) {
    const fs::path root = fs::path(ROADWORK_SOURCE_DIR) / folder;
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().filename() != "quiz.toml") continue;
      INFO(entry.path().string());
      const auto quiz = load_quiz(entry.path());
      if (!quiz) FAIL(roadwork::render(quiz.error()));
      CHECK_FALSE(quiz->questions.empty());
      ++loaded;
    }
  }
  MESSAGE(loaded, " quizzes loaded");
  CHECK(loaded > 0);
}
