// roadwork quiz [STAGE]: asks the stage's quiz (default: the current stage's) one question at a time on
// stdin, shows right or wrong and the explanation after each answer, records every answer, and ends with
// the score. --answer ID=VALUE answers without asking, for scripts; --json prints a summary for machines.
// Exit status: 0 when the stage's quiz is passed, 1 when not yet, 2 for a bad --answer.

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/cli/commands.hpp"
#include "app/cli/guide.hpp"
#include "app/cli/stage_content.hpp"
#include "app/core/clock.hpp"
#include "app/core/fatal.hpp"
#include "app/term/markdown.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"

namespace roadwork::cli {

namespace {

constexpr int kMaxWidth = 100;

struct QuizOptions {
  std::string stage;
  std::vector<std::string> answers;  ///< ID=VALUE
  bool json = false;
};

/// One question's outcome in this run; nullopt while unanswered.
using Outcomes = std::vector<std::optional<course::AnswerCheck>>;

const course::Stage& choose_stage(const Session& session, const course::Pack& pack, const std::string& id) {
  if (!id.empty()) return find_stage(pack, id);
  const auto guide = make_guide(session);
  const auto* current = guide.current();
  if (current && current->stage->quiz) return *current->stage;
  std::string with_quiz;
  for (const auto& stage : pack.stages)
    if (stage.quiz) with_quiz += (with_quiz.empty() ? "" : ", ") + stage.id;
  throw Fatal(fmt::format("{} has no quiz; name a stage: roadwork quiz STAGE{}",
                          current ? "the current stage, " + current->stage->id : std::string("the roadmap"),
                          with_quiz.empty() ? "" : " (with a quiz: " + with_quiz + ")"));
}

// Checks every --answer before anything is recorded, so a typo in a script records nothing.
Outcomes answers_from_options(const course::Quiz& quiz, const std::vector<std::string>& answers) {
  Outcomes outcomes(quiz.questions.size());
  for (const auto& option : answers) {
    const auto equals = option.find('=');
    if (equals == std::string::npos)
      throw Fatal("--answer " + option + ": write it as ID=VALUE, e.g. safe-method=2");
    const auto id = option.substr(0, equals);
    const auto* question = quiz.find(id);
    if (!question) {
      std::vector<std::string> ids;
      for (const auto& q : quiz.questions) ids.push_back(q.id);
      throw Fatal(fmt::format("--answer {}: no question \"{}\" in {}; its questions: {}", option, id,
                              quiz.path.string(), fmt::join(ids, ", ")));
    }
    auto& outcome = outcomes[static_cast<std::size_t>(question - quiz.questions.data())];
    if (outcome) throw Fatal(fmt::format("--answer {}: question \"{}\" is answered twice", option, id));
    outcome = course::check_answer(*question, option.substr(equals + 1));
    if (outcome->outcome == course::AnswerCheck::Invalid)
      throw Fatal("--answer " + option + ": " + outcome->problem);
  }
  return outcomes;
}

std::string right_answer(const course::Question& question) {
  std::vector<std::string> choices;
  for (const int number : question.answer)
    choices.push_back(fmt::format("{} ({})", number, question.choices[static_cast<std::size_t>(number - 1)]));
  return fmt::format("{}", fmt::join(choices, ", "));
}

// Asks on `out` (stdout, or stderr when stdout carries JSON) and reads answers from stdin line by line,
// recording each as it comes so an interrupted quiz keeps what was answered.
class Asker {
 public:
  Asker(std::FILE* out, const term::Style& style, int width) : out_(out), style_(style), width_(width) {}

  std::optional<course::AnswerCheck> ask(const course::Question& question, std::size_t number,
                                         std::size_t count) {
    std::string text = fmt::format("**{}/{}** {}\n\n", number, count, question.prompt);
    for (std::size_t i = 0; i < question.choices.size(); ++i)
      text += fmt::format("{}. {}\n", i + 1, question.choices[i]);
    fmt::print(out_, "{}{}\n", term::render_markdown(text, style_, width_),
               style_.dim(how_to_answer(question)));
    for (;;) {
      fmt::print(out_, "> ");
      std::fflush(out_);
      std::string line;
      if (!std::getline(std::cin, line)) {
        fmt::print(out_, "\n");
        return std::nullopt;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) return std::nullopt;  // skipped
      auto check = course::check_answer(question, line);
      if (check.outcome != course::AnswerCheck::Invalid) return check;
      fmt::print(out_, "{}\n", style_.warn(check.problem));
    }
  }

  void tell(const course::Question& question, const course::AnswerCheck& check) {
    if (check.outcome == course::AnswerCheck::Right) {
      fmt::print(out_, "{}\n", style_.pass("✓ Right."));
    } else {
      const auto answer =
          question.kind == course::QuestionKind::Text ? "" : " The answer: " + right_answer(question) + ".";
      fmt::print(out_, "{}\n", style_.fail("✗ Not quite." + answer));
    }
    fmt::print(out_, "{}\n", term::render_markdown(question.explanation, style_, width_));
  }

  std::FILE* out() const { return out_; }

 private:
  static std::string how_to_answer(const course::Question& question) {
    switch (question.kind) {
      case course::QuestionKind::Single:
        return "Type the number of your answer (Enter alone skips).";
      case course::QuestionKind::Multiple:
        return "Type the numbers of every right choice, e.g. 1,3 (Enter alone skips).";
      case course::QuestionKind::Text:
        return "Type your answer (Enter alone skips).";
    }
    return "";
  }

  std::FILE* out_;
  const term::Style& style_;
  int width_;
};

nlohmann::json summary_json(const course::Pack& pack, const course::Stage& stage, const course::Quiz& quiz,
                            const Outcomes& outcomes, const QuizScore& score, const std::string& next) {
  nlohmann::json questions = nlohmann::json::array();
  for (std::size_t i = 0; i < quiz.questions.size(); ++i) {
    const auto& outcome = outcomes[i];
    questions.push_back({{"id", quiz.questions[i].id},
                         {"status", !outcome                                         ? "unanswered"
                                    : outcome->outcome == course::AnswerCheck::Right ? "right"
                                                                                     : "wrong"},
                         {"answer", outcome ? outcome->answer : ""},
                         {"explanation", quiz.questions[i].explanation}});
  }
  return {{"pack", pack.id},
          {"stage", stage.id},
          {"questions", questions},
          {"score",
           {{"right", score.right},
            {"answered", score.answered},
            {"total", score.total},
            {"passed", score.passed()},
            {"pass_percent", kQuizPassPercent}}},
          {"next", next}};
}

int run_quiz(const QuizOptions& options) {
  const auto session = open_reading_session();
  const auto named = split_pack_prefix(session, options.stage);
  const auto& pack = *named.pack;
  const auto& stage = choose_stage(session, pack, named.name);
  const auto quiz = load_stage_quiz(pack, stage);
  const auto style = term::Style::for_fd(options.json ? STDERR_FILENO : STDOUT_FILENO);
  Asker asker(options.json ? stderr : stdout, style,
              std::min(term::terminal_width(options.json ? STDERR_FILENO : STDOUT_FILENO), kMaxWidth));
  const auto record = [&](const course::Question& question, const course::AnswerCheck& check) {
    session.store->record_quiz_answer({pack.id, stage.id, question.id, check.answer,
                                       check.outcome == course::AnswerCheck::Right, now_ms()});
  };

  Outcomes outcomes;
  if (!options.answers.empty()) {
    outcomes = answers_from_options(quiz, options.answers);
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      if (outcomes[i]) record(quiz.questions[i], *outcomes[i]);
  } else {
    fmt::print(asker.out(), "{}\n\n",
               style.bold(fmt::format("Quiz: {} ({} questions)", stage.title, quiz.questions.size())));
    for (std::size_t i = 0; i < quiz.questions.size(); ++i) {
      const auto& question = quiz.questions[i];
      outcomes.push_back(asker.ask(question, i + 1, quiz.questions.size()));
      if (!outcomes.back()) continue;
      record(question, *outcomes.back());
      asker.tell(question, *outcomes.back());
    }
  }

  const auto score = score_quiz(quiz, stage.id, session.store->latest_quiz_answers(pack.id));
  const auto next = make_guide(session).next_command;
  if (options.json) {
    fmt::print("{}\n", summary_json(pack, stage, quiz, outcomes, score, next).dump(2));
  } else {
    int right = 0, wrong = 0, unanswered = 0;
    for (const auto& outcome : outcomes)
      (!outcome ? unanswered : outcome->outcome == course::AnswerCheck::Right ? right : wrong)++;
    fmt::print("This time: {} right, {} wrong, {} unanswered.\n", right, wrong, unanswered);
    fmt::print("Quiz of {}: {}\n", stage.title, score.describe());
    if (session.in_workspace)
      fmt::print("Next: {}\n", style.code(next));
    else
      fmt::print("{}\n", not_recorded_note());
  }
  return score.passed() ? kExitPass : kExitFail;
}

}  // namespace

void setup_quiz(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<QuizOptions>();
  auto* command = app.add_subcommand("quiz", "Answer a stage's quiz (default: your current stage's)");
  command->add_option("STAGE", options->stage,
                      "Stage id, e.g. web-fundamentals; PACK/STAGE for a stage of an added pack");
  command
      ->add_option("--answer", options->answers,
                   "Answer without being asked, for scripts: ID=VALUE, e.g. safe-method=2 or "
                   "idempotent-methods=1,3,4 (repeat it; questions left out count as unanswered)")
      ->allow_extra_args(false);
  command->add_flag("--json", options->json, "Print a summary as JSON (questions are asked on stderr)");
  command->callback([options, &exit_code] { exit_code = run_quiz(*options); });
}

}  // namespace roadwork::cli
